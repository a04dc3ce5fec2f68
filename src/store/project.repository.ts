// Projects, their claims and their shown values. Queries only: the selection rule lives in
// domain/claims.ts and the refresh logic in services/projects.service.ts.
import { sql } from "kysely";
import { type Claim, type FieldName, valueKey } from "../domain/claims.js";
import type { PartyView, ProjectRecord, ProjectSummary, Review } from "../domain/project.js";
import { licenseForOrigin } from "../domain/licenses.js";
import type { Executor } from "./executor.js";
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

export interface ProjectFilter {
  country?: string | undefined;
  category?: string | undefined;
  /** Organization ids (vendor, investor, acquirer or donor). */
  vendorIds?: string[] | undefined;
  /** A vendor name that no gazetteer entry knows, matched against party names as written. */
  vendorName?: string | undefined;
  year?: number | undefined;
  status?: string | undefined;
  reviewState?: string | undefined;
  /** Full-text query over titles, parties, places and evidence. */
  q?: string | undefined;
  limit: number;
  offset: number;
}

const SUPPLIER_ROLES = ["vendor", "investor", "acquirer", "donor"];

/** Creates the project or updates its own (non-claim) fields. */
export async function upsertProjectRecord(db: Executor, record: Omit<ProjectRecord, "license">, origin: string): Promise<void> {
  const now = nowIso();
  const fields = {
    title: record.title,
    status: record.status,
    procurement_route: record.procurementRoute,
    review_state: record.review.state,
    reviewed_by: record.review.by,
    reviewed_at: record.review.at,
  };
  await db
    .insertInto("projects")
    .values({ id: record.id, ...fields, origin, summary: "{}", created_at: now, updated_at: now })
    .onConflict((oc) => oc.column("id").doUpdateSet(fields))
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
    license: licenseForOrigin(r.origin),
  };
}

/** Inserts claims; a claim already stored (same project, field, source, value, quote) is skipped. */
export async function insertClaims(db: Executor, projectId: string, claims: readonly ClaimInput[]): Promise<number> {
  let inserted = 0;
  const now = nowIso();
  for (const c of claims) {
    const res = await db
      .insertInto("claims")
      .values({
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
      })
      .onConflict((oc) =>
        oc.columns(["project_id", "field", "document_id", "value_key", "evidence_text"]).doUpdateSet({
          evidence_start: c.start,
          evidence_end: c.end,
          // A claim a person confirmed stays confirmed when a machine states it again.
          reviewed: sql<number>`max(claims.reviewed, ${c.reviewed ? 1 : 0})`,
        }),
      )
      .executeTakeFirst();
    inserted += Number(res.numInsertedOrUpdatedRows ?? 0n);
  }
  return inserted;
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

/** Stores the shown values, parties and search text computed from the claims. */
export async function saveShown(db: Executor, summary: ProjectSummary, searchText: string): Promise<void> {
  await db
    .updateTable("projects")
    .set({
      country: summary.country,
      category: summary.category,
      year: summary.year,
      amount_usd: summary.amount?.usd ?? null,
      summary: JSON.stringify(summary),
      updated_at: nowIso(),
    })
    .where("id", "=", summary.id)
    .execute();
  await db.deleteFrom("project_parties").where("project_id", "=", summary.id).execute();
  const parties: PartyView[] = summary.parties;
  if (parties.length) {
    await db
      .insertInto("project_parties")
      .values(parties.map((p) => ({ project_id: summary.id, name: p.name, role: p.role, organization_id: p.organizationId })))
      .execute();
  }
  await deleteSearchRow(db, summary.id);
  await db.insertInto("projects_fts").values({ project_id: summary.id, title: summary.title, body: searchText }).execute();
}

/** A page of project summaries matching the filter, newest deals first, and the full count. */
export async function listProjects(db: Executor, f: ProjectFilter): Promise<{ items: ProjectSummary[]; total: number }> {
  let q = db.selectFrom("projects");
  if (f.country) q = q.where("projects.country", "=", f.country);
  if (f.category) q = q.where("projects.category", "=", f.category);
  if (f.year !== undefined) q = q.where("projects.year", "=", f.year);
  if (f.status) q = q.where("projects.status", "=", f.status);
  if (f.reviewState) q = q.where("projects.review_state", "=", f.reviewState);
  if (f.vendorIds || f.vendorName !== undefined) {
    const ids = f.vendorIds ?? [];
    const name = f.vendorName;
    q = q.where((eb) =>
      eb.exists(
        eb
          .selectFrom("project_parties as pp")
          .select(sql.lit(1).as("one"))
          .whereRef("pp.project_id", "=", "projects.id")
          .where("pp.role", "in", SUPPLIER_ROLES)
          .where((inner) =>
            ids.length
              ? inner("pp.organization_id", "in", ids)
              : inner(sql<string>`lower(pp.name)`, "=", (name ?? "").toLowerCase()),
          ),
      ),
    );
  }
  if (f.q) {
    const match = ftsQuery(f.q);
    q = q.where("projects.id", "in", (eb) =>
      eb.selectFrom("projects_fts").select("project_id").where(sql<boolean>`projects_fts match ${match}`),
    );
  }
  const total = await q.select((eb) => eb.fn.countAll<number>().as("n")).executeTakeFirstOrThrow();
  const rows = await q
    .select("projects.summary")
    .orderBy(sql`projects.year is null`)
    .orderBy("projects.year", "desc")
    .orderBy("projects.id")
    .limit(f.limit)
    .offset(f.offset)
    .execute();
  return { items: rows.map((r) => JSON.parse(r.summary) as ProjectSummary), total: Number(total.n) };
}

/**
 * Turns free text into an FTS5 query of quoted terms (all must match) over titles and bodies, so
 * user input never breaks the syntax and never matches a project's id.
 */
function ftsQuery(text: string): string {
  const terms = text.match(/[\p{L}\p{N}]+/gu) ?? [];
  return terms.length ? `{title body} : (${terms.map((t) => `"${t}"`).join(" ")})` : '""';
}

/** Removes a project's search row: found through the indexed id column, then checked exactly. */
async function deleteSearchRow(db: Executor, projectId: string): Promise<void> {
  const terms = projectId.match(/[\p{L}\p{N}]+/gu) ?? [];
  if (!terms.length) return;
  const match = `project_id : "${terms.join(" ")}"`;
  await sql`delete from projects_fts where rowid in (select rowid from projects_fts where projects_fts match ${match} and project_id = ${projectId})`.execute(db);
}

export async function projectIds(db: Executor): Promise<string[]> {
  return (await db.selectFrom("projects").select("id").orderBy("id").execute()).map((r) => r.id);
}

/** Projects in a country with a party among the given organizations: the candidates a mention may join. */
export async function projectsWithParties(
  db: Executor,
  country: string,
  organizationIds: readonly string[],
  narrow: { years?: { from: number; to: number } | undefined; categories?: readonly string[] | undefined } = {},
): Promise<ProjectSummary[]> {
  if (organizationIds.length === 0) return [];
  let q = db.selectFrom("projects").select("summary").where("country", "=", country);
  // Projects dated outside the window, or of a category that cannot be this deal's, are not
  // candidates; undated and uncategorised ones still are.
  const { years, categories } = narrow;
  if (years) q = q.where((eb) => eb.or([eb("year", "is", null), eb("year", ">=", years.from).and("year", "<=", years.to)]));
  if (categories) q = q.where((eb) => eb.or([eb("category", "is", null), eb("category", "in", [...categories])]));
  const rows = await q
    .where("id", "in", (eb) => eb.selectFrom("project_parties").select("project_id").where("organization_id", "in", [...organizationIds]))
    .orderBy("id")
    .execute();
  return rows.map((r) => JSON.parse(r.summary) as ProjectSummary);
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
