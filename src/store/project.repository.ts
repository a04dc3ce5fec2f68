// Projects, their claims and their shown values. Queries only: the selection rule lives in
// domain/claims.ts and the refresh logic in services/projects.service.ts.
import { sql } from "kysely";
import { type Claim, type ClaimGroup, type FieldName, mostSpecific, valueKey } from "../domain/claims.js";
import type { PartyView, ProjectRecord, ProjectSummary, Review } from "../domain/project.js";
import { SOURCE_LICENSED_ORIGINS, licenseForOrigin, licenseNote } from "../domain/licenses.js";
import type { Executor } from "./executor.js";
import { dialectOf } from "./dialect.js";
import { projectsFtsQuery, searchRowMatch, tsQuery } from "./fts-match.js";
import { indexConditions, projectIndexOf } from "./project-index.store.js";
import type { IndexSortKey, PartyCondition, ProjectFacets } from "../domain/project-index.js";
import { nowIso } from "./executor.js";

export interface ClaimInput {
  field: FieldName;
  value: unknown;
  documentId: string;
  text: string;
  start: number | null;
  end: number | null;
  reviewed: boolean;
  origin: string;
  /** The mention this claim was read from (machine extraction), so re-extraction can replace it. */
  mentionId?: string | null;
  inferred?: boolean;
}

/** A party condition (the domain's, under the store's name). */
export type PartyFilter = PartyCondition;

export const PROJECT_SORTS = ["-year", "year", "-amount", "amount", "title", "-title", "-updated", "updated"] as const;
export type ProjectSort = (typeof PROJECT_SORTS)[number];

export interface ProjectFilter extends ProjectFacets {
  /** Full-text terms, each with its alternatives (synonyms, translations): all terms must match, any alternative. */
  terms?: readonly (readonly string[])[] | undefined;
  sort?: ProjectSort | undefined;
  limit: number;
  offset: number;
}

export type ProjectConditions = Omit<ProjectFilter, "limit" | "offset" | "sort">;

/** Totals are exact up to this many matches; beyond it they are estimated. */
export const EXACT_TOTAL_LIMIT = 10_000;

const SUPPLIER_ROLES = ["vendor", "investor", "acquirer", "donor"];

/** Creates the project or updates its own (non-claim) fields. */
export async function upsertProjectRecord(db: Executor, record: Omit<ProjectRecord, "license">, origin: string): Promise<void> {
  const now = nowIso();
  const fields = recordColumns(record);
  await db
    .insertInto("projects")
    .values({ id: record.id, ...fields, origin, summary: "{}", created_at: now, updated_at: now })
    .onConflict((oc) => oc.column("id").doUpdateSet(fields))
    .execute();
}

/** The project's own columns: what an editor sets, not what claims show. */
function recordColumns(record: Omit<ProjectRecord, "license">) {
  return {
    title: record.title,
    status: record.status,
    procurement_route: record.procurementRoute,
    review_state: record.review.state,
    reviewed_by: record.review.by,
    reviewed_at: record.review.at,
  };
}

/** The shown columns of a project row, from its summary (saveShown keeps them in step). */
function shownColumns(summary: ProjectSummary) {
  return {
    city: summary.city,
    amount_value: summary.amount?.value ?? null,
    amount_currency: summary.amount?.currency ?? null,
    quantity: JSON.stringify(summary.quantity),
    summary: JSON.stringify(summary),
  };
}

function indexedColumns(summary: ProjectSummary) {
  return {
    country: summary.country,
    category: summary.category,
    year: summary.year,
    amount_usd: summary.amount?.usd ?? null,
    subdivision: summary.subdivision,
    mechanism: summary.mechanism,
    shown_status: summary.status,
  };
}

/**
 * Inserts a new project with its shown values already computed, in one write: a project made
 * and then updated would write each of its indexes twice.
 */
export async function insertProject(db: Executor, record: Omit<ProjectRecord, "license">, origin: string, summary: ProjectSummary): Promise<void> {
  const now = nowIso();
  await db
    .insertInto("projects")
    .values({
      id: record.id,
      ...recordColumns(record),
      origin,
      ...shownColumns(summary),
      ...indexedColumns(summary),
      created_at: now,
      updated_at: now,
    })
    .execute();
}

export async function projectRecord(db: Executor, id: string): Promise<ProjectRecord | null> {
  const r = await db.selectFrom("projects").selectAll().where("id", "=", id).executeTakeFirst();
  if (!r) return null;
  const review: Review = { state: r.review_state as Review["state"], by: r.reviewed_by, at: r.reviewed_at };
  return {
    id: r.id,
    title: r.title,
    status: r.status as ProjectRecord["status"],
    procurementRoute: r.procurement_route as ProjectRecord["procurementRoute"],
    review,
    license: licenseNote([licenseForOrigin(r.origin), ...(await sourceLicenses(db, id))].map((license) => ({ license }))),
  };
}

/** The licences its sources keep (imported data), besides the observatory's own. */
async function sourceLicenses(db: Executor, projectId: string): Promise<string[]> {
  // Two index lookups rather than one join: with the statistics of a young database (a first big
  // import), the planner built a Bloom filter over every document on each call.
  // Only imported sources carry a licence of their own: most projects have no such claim, and
  // are spared the second lookup.
  const ids = (
    await db.selectFrom("claims").select("document_id").distinct().where("project_id", "=", projectId).where("origin", "in", [...SOURCE_LICENSED_ORIGINS]).execute()
  ).map((r) => r.document_id);
  if (ids.length === 0) return [];
  const rows: { license: string | null }[] = [];
  for (let i = 0; i < ids.length; i += 500) {
    rows.push(...(await db.selectFrom("documents").select("license").where("id", "in", ids.slice(i, i + 500)).where("license", "is not", null).execute()));
  }
  return [...new Set(rows.map((r) => r.license as string))];
}

/** Inserts claims; a claim already stored (same project, field, source, value, quote) is updated in place. */
export async function insertClaims(db: Executor, projectId: string, claims: readonly ClaimInput[]): Promise<number> {
  if (claims.length === 0) return 0;
  const now = nowIso();
  const rows = claims.map((c) => ({
    project_id: projectId,
    field: c.field,
    value: JSON.stringify(c.value),
    value_key: valueKey(c.value, c.field),
    document_id: c.documentId,
    evidence_text: c.text,
    evidence_start: c.start,
    evidence_end: c.end,
    reviewed: c.reviewed ? 1 : 0,
    origin: c.origin,
    created_at: now,
    mention_id: c.mentionId ?? null,
    inferred: c.inferred ? 1 : 0,
  }));
  // One statement cannot touch a row twice: fold repeated claims first, keeping any confirmation.
  const unique = new Map<string, (typeof rows)[number]>();
  for (const r of rows) {
    const key = claimIdentity(r.field, r.document_id, r.value_key, r.evidence_text);
    const seen = unique.get(key);
    unique.set(key, seen ? { ...r, reviewed: Math.max(seen.reviewed, r.reviewed) } : r);
  }
  const batch = [...unique.values()];
  let changed = 0;
  // One statement per 200 claims (13 parameters each, well under SQLite's limit).
  for (let i = 0; i < batch.length; i += 200) {
    const res = await db
      .insertInto("claims")
      .values(batch.slice(i, i + 200))
      .onConflict((oc) =>
        oc.columns(["project_id", "field", "document_id", "value_key", "evidence_text"]).doUpdateSet({
          evidence_start: sql<number | null>`excluded.evidence_start`,
          evidence_end: sql<number | null>`excluded.evidence_end`,
          // A claim a person confirmed stays confirmed when a machine states it again.
          reviewed: dialectOf(db) === "postgres" ? sql<number>`greatest(claims.reviewed, excluded.reviewed)` : sql<number>`max(claims.reviewed, excluded.reviewed)`,
        }),
      )
      .executeTakeFirst();
    changed += Number(res.numInsertedOrUpdatedRows ?? 0n);
  }
  return changed;
}

/** Deletes the claims of one origin that are not in `keep` (identities as from claimIdentity). */
export async function removeClaimsNotIn(db: Executor, projectId: string, origin: string, keep: ReadonlySet<string>): Promise<number> {
  const rows = await db
    .selectFrom("claims")
    .select(["id", "field", "document_id", "value_key", "evidence_text"])
    .where("project_id", "=", projectId)
    .where("origin", "=", origin)
    .execute();
  const stale = rows
    .filter((r) => !keep.has(claimIdentity(r.field, r.document_id, r.value_key, r.evidence_text)))
    .map((r) => r.id);
  if (stale.length) await db.deleteFrom("claims").where("id", "in", stale).execute();
  return stale.length;
}

export function claimIdentity(field: string, documentId: string, key: string, text: string): string {
  return JSON.stringify([field, documentId, key, text]);
}

/** The claims of a project with their sources' dates, oldest claim first. */
export async function claimsOf(db: Executor, projectId: string): Promise<Claim[]> {
  const rows = await db
    .selectFrom("claims")
    .innerJoin("documents", "documents.id", "claims.document_id")
    .select([
      "claims.field",
      "claims.value",
      "claims.document_id",
      "claims.evidence_text",
      "claims.evidence_start",
      "claims.evidence_end",
      "claims.reviewed",
      "claims.inferred",
      "documents.published",
    ])
    .where("claims.project_id", "=", projectId)
    .orderBy("claims.id")
    .execute();
  return rows.map((r) => ({
    field: r.field as FieldName,
    value: JSON.parse(r.value) as unknown,
    evidence: { documentId: r.document_id, text: r.evidence_text, start: r.evidence_start, end: r.evidence_end },
    documentDate: r.published,
    reviewed: r.reviewed === 1,
    inferred: r.inferred === 1,
  }));
}

/**
 * Stores the shown values, parties and search text computed from the claims. `fresh`: the project
 * was made in this transaction (nothing of it to replace); `inserted`: by insertProject, so its row
 * already holds the shown values.
 */
export async function saveShown(db: Executor, summary: ProjectSummary, searchText: string, options: { fresh?: boolean; inserted?: boolean } = {}): Promise<void> {
  let moved = true;
  if (!options.inserted) {
    await db
      .updateTable("projects")
      .set({ ...shownColumns(summary), updated_at: nowIso() })
      .where("id", "=", summary.id)
      .execute();
    // Indexed columns are written only when they change: assigning them rewrites every index that
    // holds them, which most refreshes (a new source agreeing with the old) need not pay for.
    const indexed = indexedColumns(summary);
    const updated = await db
      .updateTable("projects")
      .set(indexed)
      .where("id", "=", summary.id)
      .where((eb) => eb.or(Object.entries(indexed).map(([column, value]) => eb(sql.ref(column), "is distinct from", value))))
      .executeTakeFirst();
    moved = Number(updated.numUpdatedRows) > 0;
  }
  const parties: PartyView[] = summary.parties;
  const partyKey = (p: { name: string; role: string; organization_id: string | null }) => JSON.stringify([p.role, p.name, p.organization_id]);
  // A project made in this transaction has nothing stored yet: three lookups spared per new project.
  const stored = options.fresh ? [] : await db.selectFrom("project_parties").select(["name", "role", "organization_id"]).where("project_id", "=", summary.id).execute();
  const wanted = parties.map((p) => ({ name: p.name, role: p.role, organization_id: p.organizationId }));
  const partiesChanged = stored.map(partyKey).sort().join("\n") !== wanted.map(partyKey).sort().join("\n");
  if (partiesChanged) {
    if (!options.fresh) await db.deleteFrom("project_parties").where("project_id", "=", summary.id).execute();
    if (wanted.length) await db.insertInto("project_parties").values(wanted.map((p) => ({ project_id: summary.id, ...p }))).execute();
  }
  if (!options.fresh) await deleteSearchRow(db, summary.id);
  await db.insertInto("projects_fts").values({ project_id: summary.id, title: summary.title, body: searchText }).execute();
  // Lookup keys follow the shown country, category, year and parties; unchanged, they stay.
  if (!partiesChanged && !moved) return;
  if (!options.fresh) await db.deleteFrom("project_keys").where("project_id", "=", summary.id).execute();
  const orgIds = parties.flatMap((p) => (p.organizationId ? [p.organizationId] : []));
  if (summary.country && orgIds.length) {
    const pg = dialectOf(db) === "postgres";
    // `insert or ignore` and `on conflict do nothing` both leave a key already there (the unique
    // lookup index); PostgreSQL needs the parameters' types, SQLite takes them as they come.
    const typed = (value: unknown, type: string) => (pg ? sql`cast(${value} as ${sql.raw(type)})` : sql`${value}`);
    await sql`insert ${sql.raw(pg ? "" : "or ignore ")}into project_keys (country, family_id, category, year, project_id, origin)
      select ${typed(summary.country, "text")}, family_id, ${typed(summary.category ?? "", "text")}, ${typed(summary.year, "integer")}, ${typed(summary.id, "text")},
        coalesce((select origin from projects where id = ${typed(summary.id, "text")}), '')
      from organizations where id in (${sql.join(orgIds)}) and family_id is not null${sql.raw(pg ? " on conflict do nothing" : "")}`.execute(db);
  }
}

function filtered(db: Executor, f: ProjectConditions) {
  let q = db.selectFrom("projects");
  if (f.country) q = q.where("projects.country", "=", f.country);
  if (f.subdivision) q = q.where(sql<string>`lower(projects.subdivision)`, "=", f.subdivision.toLowerCase());
  if (f.category) q = q.where("projects.category", "=", f.category);
  if (f.mechanism) q = q.where("projects.mechanism", "=", f.mechanism);
  if (f.status) q = q.where("projects.shown_status", "=", f.status);
  if (f.reviewState) q = q.where("projects.review_state", "=", f.reviewState);
  if (f.projectIds) q = q.where("projects.id", "in", f.projectIds.length ? [...f.projectIds] : [""]);
  if (f.yearFrom !== undefined) q = q.where("projects.year", ">=", f.yearFrom);
  if (f.yearTo !== undefined) q = q.where("projects.year", "<=", f.yearTo);
  if (f.amountMin !== undefined) q = q.where("projects.amount_usd", ">=", f.amountMin);
  if (f.amountMax !== undefined) q = q.where("projects.amount_usd", "<=", f.amountMax);
  // A party filter alone is answered from the organization's side (its projects off the
  // project_parties index): checking every project for the party read all of them. Beside a
  // column filter, the per-project check on the rows that filter leaves is the cheaper one.
  const columnFiltered = Boolean(f.country || f.subdivision || f.category || f.mechanism || f.status || f.projectIds || f.terms?.length || f.yearFrom !== undefined || f.yearTo !== undefined);
  for (const p of f.parties ?? []) {
    if (!columnFiltered && p.organizationIds?.length) {
      const ids = [...p.organizationIds];
      q = q.where("projects.id", "in", (eb) => eb.selectFrom("project_parties as pp").select("pp.project_id").where("pp.organization_id", "in", ids).where("pp.role", "in", [...p.roles]));
      continue;
    }
    q = q.where((eb) =>
      eb.exists(
        eb
          .selectFrom("project_parties as pp")
          .select(sql.lit(1).as("one"))
          .whereRef("pp.project_id", "=", "projects.id")
          .where("pp.role", "in", [...p.roles])
          .where((inner) =>
            p.organizationIds?.length
              ? inner("pp.organization_id", "in", [...p.organizationIds])
              : inner(sql<string>`lower(pp.name)`, "=", (p.name ?? "").toLowerCase()),
          ),
      ),
    );
  }
  if (f.terms?.length) {
    const terms = f.terms;
    const matches = dialectOf(db) === "postgres" ? sql<boolean>`projects_fts.tsv @@ ${tsQuery(terms)}` : sql<boolean>`projects_fts match ${projectsFtsQuery(terms)}`;
    q = q.where("projects.id", "in", (eb) => eb.selectFrom("projects_fts").select("project_id").where(matches));
  }
  return q;
}

/** How many projects match: exact up to EXACT_TOTAL_LIMIT, else estimated from a sample of rows. */
export async function countProjects(db: Executor, f: ProjectConditions): Promise<{ total: number; estimated: boolean }> {
  const index = await projectIndexOf(db);
  if (index) return { total: index.countOf(await indexConditions(db, f)), estimated: false };
  const capped = await db
    .selectFrom(filtered(db, f).select(sql.lit(1).as("one")).limit(EXACT_TOTAL_LIMIT + 1).as("m"))
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .executeTakeFirstOrThrow();
  const n = Number(capped.n);
  if (n <= EXACT_TOTAL_LIMIT) return { total: n, estimated: false };
  // One row in SAMPLE by rowid, scaled up: an estimate that counts a fraction of the matches.
  const SAMPLE = 16;
  const sampled = await filtered(db, f)
    .where(dialectOf(db) === "postgres" ? sql<boolean>`abs(hashtext(projects.id)) % ${SAMPLE} = 0` : sql<boolean>`projects.rowid % ${SAMPLE} = 0`)
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .executeTakeFirstOrThrow();
  return { total: Math.max(n, Number(sampled.n) * SAMPLE), estimated: true };
}

/** One page of matches as stored: summary JSON text (parsed only if a caller needs objects), amounts and licences. */
export interface RawProjectPage {
  summaries: string[];
  amounts: { value: number; currency: string; year: number | null; usd: number | null }[];
  /** Each project's licence line, as its summary holds it. */
  licenses: string[];
  total: number;
  totalEstimated: boolean;
}

/** A page of matching projects, sorted, with the total; summaries stay JSON text. */
export async function listProjectsRaw(db: Executor, f: ProjectFilter): Promise<RawProjectPage> {
  const sort = f.sort ?? "-year";
  const index = await projectIndexOf(db);
  const { ids, total, estimated } = index
    ? { ...index.page(await indexConditions(db, f), { key: sortKey(sort), descending: sort.startsWith("-") }, f.offset, f.limit), estimated: false }
    : await sqlPage(db, f, sort);
  const byId = new Map(
    ids.length
      ? (
          await db
            .selectFrom("projects")
            .select(["id", "summary", "amount_value", "amount_currency", "amount_usd", "year", licenseOfSummary(db).as("license")])
            .where("id", "in", ids)
            .execute()
        ).map((r) => [r.id, r])
      : [],
  );
  const rows = ids.flatMap((id) => byId.get(id) ?? []);
  return {
    summaries: rows.map((r) => r.summary),
    amounts: rows.flatMap((r) =>
      r.amount_value !== null && r.amount_currency !== null ? [{ value: r.amount_value, currency: r.amount_currency, year: r.year, usd: r.amount_usd }] : [],
    ),
    licenses: rows.flatMap((r) => (r.license ? [r.license] : [])),
    total,
    totalEstimated: estimated,
  };
}

function sortKey(sort: ProjectSort): IndexSortKey {
  const key = sort.replace(/^-/, "");
  return key === "year" || key === "amount" || key === "title" ? key : "updated";
}

/** The page's ids and the total, from SQL (no index kept, or not ready). */
async function sqlPage(db: Executor, f: ProjectFilter, sort: ProjectSort): Promise<{ ids: string[]; total: number; estimated: boolean }> {
  const { total, estimated } = await countProjects(db, f);
  // Sort and page over ids only (an index often gives the order); then read the page's rows.
  let q = filtered(db, f).select("projects.id");
  const direction = sort.startsWith("-") ? "desc" : "asc";
  const key = sort.replace(/^-/, "");
  // Unknown years and amounts go last. SQLite sorts NULL first, so descending already does that
  // (and keeps the order an index gives); PostgreSQL sorts NULL last ascending, first descending.
  const pg = dialectOf(db) === "postgres";
  const nullsLast = direction === "asc" ? !pg : pg;
  if (key === "year") q = (nullsLast ? q.orderBy(sql`projects.year is null`) : q).orderBy("projects.year", direction);
  else if (key === "amount") q = (nullsLast ? q.orderBy(sql`projects.amount_usd is null`) : q).orderBy("projects.amount_usd", direction);
  else if (key === "title") q = q.orderBy(pg ? sql`lower(projects.title)` : sql`projects.title collate nocase`, direction);
  else q = q.orderBy("projects.updated_at", direction);
  const ids = (await q.orderBy("projects.id").limit(f.limit).offset(f.offset).execute()).map((r) => r.id);
  return { ids, total, estimated };
}

/** A page of project summaries matching the filter, sorted, with the total. */
export async function listProjects(db: Executor, f: ProjectFilter): Promise<{ items: ProjectSummary[]; total: number; totalEstimated: boolean }> {
  const page = await listProjectsRaw(db, f);
  return { items: page.summaries.map((s) => JSON.parse(s) as ProjectSummary), total: page.total, totalEstimated: page.totalEstimated };
}

/** Every matching project, in pages by id, for exports of any size. */
export async function* iterateProjectSummaries(db: Executor, f: ProjectConditions, pageSize = 500): AsyncGenerator<ProjectSummary> {
  let after = "";
  for (;;) {
    const rows = await filtered(db, f).select(["projects.id", "projects.summary"]).where("projects.id", ">", after).orderBy("projects.id").limit(pageSize).execute();
    for (const r of rows) yield JSON.parse(r.summary) as ProjectSummary;
    const last = rows.at(-1);
    if (!last || rows.length < pageSize) return;
    after = last.id;
  }
}

/** Counts and USD sums of the matching projects grouped by a column (or a party role's organization). */
export async function groupProjects(
  db: Executor,
  f: ProjectConditions,
  by: "country" | "category" | "year" | "mechanism" | "vendor",
): Promise<{ key: string | null; label: string | null; projects: number; usd: number; withAmount: number }[]> {
  const index = await projectIndexOf(db);
  if (index) return byCountThenKey(index.group(await indexConditions(db, f), by));
  if (by === "vendor") {
    const rows = await filtered(db, f)
      .innerJoin("project_parties as pp", "pp.project_id", "projects.id")
      .where("pp.role", "in", SUPPLIER_ROLES)
      .select((eb) => [
        sql<string>`coalesce(pp.organization_id, pp.name)`.as("key"),
        eb.fn.max("pp.name").as("label"),
        sql<number>`count(distinct projects.id)`.as("projects"),
        sql<number>`coalesce(sum(projects.amount_usd), 0)`.as("usd"),
        sql<number>`count(projects.amount_usd)`.as("withAmount"),
      ])
      .groupBy(sql`coalesce(pp.organization_id, pp.name)`)
      .orderBy("projects", "desc")
      .execute();
    return byCountThenKey(rows.map((r) => ({ key: r.key, label: r.label, projects: Number(r.projects), usd: Number(r.usd), withAmount: Number(r.withAmount) })));
  }
  const column = sql.ref(`projects.${by}`);
  const rows = await filtered(db, f)
    .select([
      sql<string | number | null>`${column}`.as("key"),
      sql<number>`count(*)`.as("projects"),
      sql<number>`coalesce(sum(projects.amount_usd), 0)`.as("usd"),
      sql<number>`count(projects.amount_usd)`.as("withAmount"),
    ])
    .groupBy(column)
    .orderBy("projects", "desc")
    .execute();
  return byCountThenKey(rows.map((r) => ({ key: r.key === null ? null : String(r.key), label: null, projects: Number(r.projects), usd: Number(r.usd), withAmount: Number(r.withAmount) })));
}

/** Most projects first; ties by key (none last), the same in every database. */
function byCountThenKey<T extends { key: string | null; projects: number }>(rows: T[]): T[] {
  return rows.sort((a, b) => b.projects - a.projects || (a.key === b.key ? 0 : a.key === null ? 1 : b.key === null ? -1 : a.key < b.key ? -1 : 1));
}

/** The licence line a stored summary holds, read in the database. */
function licenseOfSummary(db: Executor) {
  return dialectOf(db) === "postgres" ? sql<string | null>`(summary::json ->> 'license')` : sql<string | null>`json_extract(summary, '$.license')`;
}

/** Removes a project's search row: found through the indexed id column, then checked exactly. */
async function deleteSearchRow(db: Executor, projectId: string): Promise<void> {
  // PostgreSQL's search table has a plain index on the id.
  if (dialectOf(db) === "postgres") {
    await db.deleteFrom("projects_fts").where("project_id", "=", projectId).execute();
    return;
  }
  const match = searchRowMatch(projectId);
  if (!match) return;
  await sql`delete from projects_fts where rowid in (select rowid from projects_fts where projects_fts match ${match} and project_id = ${projectId})`.execute(db);
}

export async function projectIds(db: Executor): Promise<string[]> {
  return (await db.selectFrom("projects").select("id").orderBy("id").execute()).map((r) => r.id);
}

/** What resolution compares a mention with: a project's shown values and its parties. */
export interface ProjectProfileRow {
  id: string;
  country: string | null;
  subdivision: string | null;
  city: string | null;
  category: string | null;
  year: number | null;
  amount: { value: number; currency: string; usd: number | null } | null;
  quantity: Record<string, number>;
  parties: { role: string; organizationId: string | null }[];
}

/**
 * Projects in a country with a party of one of the given families: the candidates a mention may
 * join, narrowed to compatible categories ("" matches uncategorised) and a window of years.
 */
export async function projectsWithParties(
  db: Executor,
  country: string,
  familyIds: readonly string[],
  narrow: { years?: { from: number; to: number } | undefined; categories?: readonly string[] | undefined; notCreatedBy?: string | undefined } = {},
): Promise<ProjectProfileRow[]> {
  if (familyIds.length === 0) return [];
  const { years, categories, notCreatedBy } = narrow;
  let keys = db
    .selectFrom("project_keys")
    .select("project_keys.project_id")
    .distinct()
    .where("project_keys.country", "=", country)
    .where("project_keys.family_id", "in", [...familyIds]);
  if (categories) keys = keys.where("project_keys.category", "in", ["", ...categories]);
  // Undated projects stay candidates: a year that is not known cannot rule them out.
  if (years) keys = keys.where((eb) => eb.or([eb("project_keys.year", "is", null), eb("project_keys.year", ">=", years.from).and("project_keys.year", "<=", years.to)]));
  // A structured source's records never join the projects its other records made: leaving those
  // out here keeps a country's hundreds of records of one lender from all being read back.
  // Written as two ranges, so both are read off the (country, family, origin) index.
  if (notCreatedBy) keys = keys.where((eb) => eb.or([eb("project_keys.origin", "<", notCreatedBy), eb("project_keys.origin", ">", notCreatedBy)]));
  const ids = (await keys.execute()).map((r) => r.project_id);
  if (ids.length === 0) return [];
  const rows = await db
    .selectFrom("projects")
    .select(["id", "country", "subdivision", "city", "category", "year", "amount_value", "amount_currency", "amount_usd", "quantity"])
    .where("id", "in", ids)
    .orderBy("id")
    .execute();
  const parties = await db
    .selectFrom("project_parties")
    .select(["project_id", "role", "organization_id"])
    .where("project_id", "in", ids)
    .execute();
  const byProject = new Map<string, ProjectProfileRow["parties"]>();
  for (const p of parties) byProject.set(p.project_id, [...(byProject.get(p.project_id) ?? []), { role: p.role, organizationId: p.organization_id }]);
  return rows.map((r) => ({
    id: r.id,
    country: r.country,
    subdivision: r.subdivision,
    city: r.city,
    category: r.category,
    year: r.year,
    amount: r.amount_value !== null && r.amount_currency !== null ? { value: r.amount_value, currency: r.amount_currency, usd: r.amount_usd } : null,
    quantity: JSON.parse(r.quantity) as Record<string, number>,
    parties: byProject.get(r.id) ?? [],
  }));
}

export async function deleteProject(db: Executor, id: string): Promise<void> {
  await deleteSearchRow(db, id);
  await db.deleteFrom("projects").where("id", "=", id).execute();
}

/** Machine-made claims read from one document: re-extraction replaces them. */
export async function deleteMachineClaimsOfDocument(db: Executor, documentId: string): Promise<string[]> {
  const rows = await db
    .selectFrom("claims")
    .select("project_id")
    .distinct()
    .where("document_id", "=", documentId)
    .where("mention_id", "is not", null)
    .where("reviewed", "=", 0)
    .execute();
  await db.deleteFrom("claims").where("document_id", "=", documentId).where("mention_id", "is not", null).where("reviewed", "=", 0).execute();
  return rows.map((r) => r.project_id);
}

export async function countClaims(db: Executor, projectId: string): Promise<number> {
  const r = await db.selectFrom("claims").select((eb) => eb.fn.countAll<number>().as("n")).where("project_id", "=", projectId).executeTakeFirstOrThrow();
  return Number(r.n);
}

/**
 * One row per value a project's field was given, aggregated in the database so that refreshing a
 * project costs one pass over its claims however many sources it has. The groups come without
 * their claims; the detail view reads those with claimsOf.
 */
export async function claimGroupsOf(db: Executor, projectId: string): Promise<Map<FieldName, ClaimGroup[]>> {
  const stats = await sql<{ field: string; value_key: string; sources: number; reviewed: number; stated: number; newest: string | null }>`
    select c.field, c.value_key, count(distinct c.document_id) as sources, max(c.reviewed) as reviewed,
           max(1 - c.inferred) as stated, max(d.published) as newest
    from claims c join documents d on d.id = c.document_id
    where c.project_id = ${projectId}
    group by c.field, c.value_key`.execute(db);
  // Each distinct wording of a value, oldest first: the group shows the most complete, the oldest on a tie.
  const forms = await sql<{ field: string; value_key: string; value: string }>`
    select field, value_key, value from claims where project_id = ${projectId}
    group by field, value_key, value order by min(id)`.execute(db);
  const formsOf = new Map<string, unknown[]>();
  for (const f of forms.rows) {
    const k = `${f.field}\u0000${f.value_key}`;
    formsOf.set(k, [...(formsOf.get(k) ?? []), JSON.parse(f.value) as unknown]);
  }
  const out = new Map<FieldName, ClaimGroup[]>();
  for (const r of stats.rows) {
    const group: ClaimGroup = {
      key: r.value_key, value: mostSpecific(formsOf.get(`${r.field}\u0000${r.value_key}`) ?? []), claims: [], sources: Number(r.sources),
      reviewed: Number(r.reviewed) === 1, stated: Number(r.stated) === 1, newest: r.newest,
    };
    const field = r.field as FieldName;
    out.set(field, [...(out.get(field) ?? []), group]);
  }
  return out;
}

/** A project's distinct sources with their dates, newest first. */
export async function sourceDocumentsOf(db: Executor, projectId: string): Promise<{ documentId: string; published: string | null }[]> {
  const rows = await db
    .selectFrom("claims")
    .innerJoin("documents", "documents.id", "claims.document_id")
    .select(["claims.document_id", "documents.published"])
    .where("claims.project_id", "=", projectId)
    // Grouped rather than DISTINCT: PostgreSQL orders a DISTINCT only by what it selects.
    .groupBy(["claims.document_id", "documents.published"])
    .orderBy(sql`documents.published is null`)
    .orderBy("documents.published", "desc")
    .orderBy("claims.document_id")
    .execute();
  return rows.map((r) => ({ documentId: r.document_id, published: r.published }));
}

/** Up to `limit` distinct quotes of a project, oldest claims first, for its search row. */
export async function quotesOf(db: Executor, projectId: string, limit: number): Promise<string[]> {
  // Claims repeat quotes (one per field), so read a few times the limit and keep the distinct ones.
  const rows = await db.selectFrom("claims").select("evidence_text").where("project_id", "=", projectId).orderBy("id").limit(limit * 12).execute();
  return [...new Set(rows.map((r) => r.evidence_text))].slice(0, limit);
}

/**
 * Up to `limit` projects sharing an organization family (any role) with the given one: those in
 * the same country first. Each step reads at most `limit` index entries, so a family with tens of
 * thousands of projects (Huawei) costs no more than a small one.
 */
export async function relatedByKeys(db: Executor, id: string, limit: number): Promise<ProjectSummary[]> {
  // Newest first (ids are time-ordered) within each group, in one order on every database: the
  // database picks the group's newest, code-unit order ranks them (collations differ on '-').
  const newestFirst = (rows: { project_id: string }[]) => rows.map((r) => r.project_id).sort((a, b) => (a < b ? 1 : a > b ? -1 : 0));
  const sameCountry = await sql<{ project_id: string }>`
    select distinct k2.project_id from project_keys k1
    join project_keys k2 on k2.country = k1.country and k2.family_id = k1.family_id
    where k1.project_id = ${id} and k2.project_id != ${id} order by k2.project_id desc limit ${limit}`.execute(db);
  const ids = newestFirst(sameCountry.rows);
  if (ids.length < limit) {
    const elsewhere = await sql<{ project_id: string }>`
      select distinct k2.project_id from project_keys k1
      join project_keys k2 on k2.family_id = k1.family_id
      where k1.project_id = ${id} and k2.project_id != ${id} and k2.country != k1.country order by k2.project_id desc limit ${limit - ids.length}`.execute(db);
    ids.push(...newestFirst(elsewhere.rows).filter((p) => !ids.includes(p)));
  }
  if (!ids.length) return [];
  const rows = await db.selectFrom("projects").select(["id", "summary"]).where("id", "in", ids).execute();
  const byId = new Map(rows.map((r) => [r.id, JSON.parse(r.summary) as ProjectSummary]));
  return ids.flatMap((i) => byId.get(i) ?? []);
}

/** Which of these projects already hold a claim of this origin (a record of the same structured source). */
export async function projectsWithClaimsOfOrigin(db: Executor, origin: string, projectIds: readonly string[]): Promise<Set<string>> {
  if (projectIds.length === 0) return new Set();
  const rows = await db.selectFrom("claims").select("project_id").distinct().where("project_id", "in", [...projectIds]).where("origin", "=", origin).execute();
  return new Set(rows.map((r) => r.project_id));
}
