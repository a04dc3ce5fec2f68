// Project rules over the store: recomputing shown values from claims, listing with filters
// resolved against the gazetteer, and the detail view with every claim.
import { type Claim, FIELD_NAMES, type FieldName, type FieldResolution, resolveGroups } from "../domain/claims.js";
import { NotFoundError } from "../domain/errors.js";
import { SOURCE_LICENSED_ORIGINS, licenseForOrigin, licenseNote } from "../domain/licenses.js";
import { type FxTable, totalUsd } from "../domain/money.js";
import { type ProjectDetail, type ProjectRecord, type ProjectSummary, SUMMARY_SOURCES, buildDetail, buildSummary, summaryFromResolution } from "../domain/project.js";
import { citationsOf } from "../store/document.repository.js";
import type { Executor } from "../store/executor.js";
import { organizationLinker, organizationWithSubsidiaries } from "../store/organization.repository.js";
import {
  type ClaimInput,
  type PartyFilter,
  type ProjectConditions,
  type ProjectSort,
  claimGroupsOf,
  claimsOf,
  countClaims,
  deleteProject,
  insertClaims,
  insertProject,
  iterateProjectSummaries,
  listProjects,
  listProjectsRaw,
  projectRecord,
  quotesOf,
  relatedByKeys,
  saveShown,
  sourceDocumentsOf,
} from "../store/project.repository.js";
import { searchTerms } from "./search-terms.js";
import type { OrganizationLinker } from "../domain/project.js";

export interface ProjectQuery {
  country?: string | undefined;
  subdivision?: string | undefined;
  /** Any alias of a vendor, investor, acquirer or donor; subsidiaries included. */
  vendor?: string | undefined;
  financier?: string | undefined;
  buyer?: string | undefined;
  category?: string | undefined;
  mechanism?: string | undefined;
  status?: string | undefined;
  review?: string | undefined;
  yearFrom?: number | undefined;
  yearTo?: number | undefined;
  amountMin?: number | undefined;
  amountMax?: number | undefined;
  q?: string | undefined;
  sort?: ProjectSort | undefined;
  limit?: number | undefined;
  offset?: number | undefined;
}

export const MAX_LIMIT = 1000;

const LICENSED: ReadonlySet<string> = new Set(SOURCE_LICENSED_ORIGINS);

/**
 * Quotes indexed for full-text search, at most. Every refresh rewrites a project's search row, so
 * an unbounded row (a deal retold by hundreds of sources) would make each new source cost more
 * than the last; the first quotes already carry the words people search for.
 */
const MAX_SEARCH_QUOTES = 40;

function searchText(summary: ProjectSummary, quotes: readonly string[]): string {
  const parts = [...summary.parties.map((p) => p.name), summary.country, summary.subdivision, summary.city, summary.category, ...quotes];
  return parts.filter(Boolean).join("\n");
}

/**
 * Recomputes a project's shown values from its claims; call inside the transaction that changed
 * them. Claims are aggregated in the database, so the cost does not grow with each new source.
 * @example await refreshProject(trx, "zte-jujuy-surveillance-2019", fx)
 */
export async function refreshProject(
  db: Executor,
  id: string,
  fx: FxTable,
  link?: OrganizationLinker,
  /** `fresh`: the project was created in this transaction, so it has no search row, parties or keys yet. */
  options: { fresh?: boolean } = {},
): Promise<ProjectSummary> {
  const record = await projectRecord(db, id);
  if (!record) throw new NotFoundError(`no project with id ${id}`);
  const res = new Map<FieldName, FieldResolution>();
  const groups = await claimGroupsOf(db, id);
  for (const field of FIELD_NAMES) {
    const g = groups.get(field);
    if (g) res.set(field, resolveGroups(field, g));
  }
  const sources = await sourceDocumentsOf(db, id);
  const citations = await citationsOf(db, sources.slice(0, SUMMARY_SOURCES).map((s) => s.documentId));
  const shown = sources.slice(0, SUMMARY_SOURCES).flatMap((s) => citations.get(s.documentId) ?? []);
  const summary = summaryFromResolution(record, res, shown, sources.length, fx, link ?? (await organizationLinker(db)));
  await saveShown(db, summary, searchText(summary, await quotesOf(db, id, MAX_SEARCH_QUOTES)), options);
  return summary;
}

/**
 * Starts a project from the claims of one document. Its shown values come from those claims in
 * memory, by the rules refreshProject applies to stored ones (buildSummary), so nothing is read
 * back: a large import makes thousands of projects a minute.
 * @example await createProject(trx, { record, origin: "aiddata", documentId, claims }, fx)
 */
export async function createProject(
  db: Executor,
  input: { record: Omit<ProjectRecord, "license">; origin: string; documentId: string; claims: readonly ClaimInput[] },
  fx: FxTable,
  link?: OrganizationLinker,
): Promise<ProjectSummary> {
  const { record, origin, documentId } = input;
  const citations = await citationsOf(db, [documentId]);
  const citation = citations.get(documentId);
  const claims: Claim[] = input.claims.map((c) => ({
    field: c.field,
    value: c.value,
    evidence: { documentId: c.documentId, text: c.text, start: c.start, end: c.end },
    documentDate: citation?.published ?? null,
    reviewed: c.reviewed,
    inferred: c.inferred === true,
  }));
  // The licence line projectRecord would give: the project's origin, and the source's own licence
  // when its claims come from a licensed structured source.
  const ownLicense = citation?.license && input.claims.some((c) => LICENSED.has(c.origin)) ? [citation.license] : [];
  const license = licenseNote([licenseForOrigin(origin), ...ownLicense].map((l) => ({ license: l })));
  const summary = buildSummary({ ...record, license }, claims, citations, fx, link ?? (await organizationLinker(db)));
  await insertProject(db, record, origin, summary);
  await insertClaims(db, record.id, input.claims);
  const quotes = [...new Set(input.claims.map((c) => c.text))].slice(0, MAX_SEARCH_QUOTES);
  await saveShown(db, summary, searchText(summary, quotes), { fresh: true, inserted: true });
  return summary;
}

/**
 * After a source's machine-made claims were replaced: refreshes each touched project, and removes
 * a machine-made one left with no claim. Returns how many were removed.
 */
export async function refreshOrRemove(db: Executor, fx: FxTable, ids: readonly string[]): Promise<number> {
  let removed = 0;
  for (const id of ids) {
    const record = await projectRecord(db, id);
    if (!record) continue;
    if ((await countClaims(db, id)) === 0 && record.review.state === "candidate") {
      await deleteProject(db, id);
      removed++;
    } else {
      // A reviewed project stays even when empty: a person's decision about it stays visible.
      await refreshProject(db, id, fx);
    }
  }
  return removed;
}

const ROLE_GROUPS = {
  vendor: ["vendor", "investor", "acquirer", "donor"],
  financier: ["financier"],
  buyer: ["buyer"],
} as const;

/** The store's conditions for a query: names resolved to organizations (with subsidiaries), text to search terms. */
export async function projectConditions(db: Executor, query: ProjectQuery): Promise<ProjectConditions> {
  const parties: PartyFilter[] = [];
  for (const key of ["vendor", "financier", "buyer"] as const) {
    const written = query[key];
    if (written === undefined) continue;
    const ids = await organizationWithSubsidiaries(db, written);
    parties.push(ids.length ? { roles: ROLE_GROUPS[key], organizationIds: ids } : { roles: ROLE_GROUPS[key], name: written });
  }
  return {
    country: query.country?.toUpperCase(),
    subdivision: query.subdivision,
    category: query.category,
    mechanism: query.mechanism,
    status: query.status,
    reviewState: query.review,
    yearFrom: query.yearFrom,
    yearTo: query.yearTo,
    amountMin: query.amountMin,
    amountMax: query.amountMax,
    parties,
    terms: query.q ? searchTerms(query.q) : undefined,
  };
}

/** A page of projects; an organization name no gazetteer entry knows is matched as written. */
export async function findProjects(db: Executor, query: ProjectQuery): Promise<{ items: ProjectSummary[]; total: number; totalEstimated: boolean }> {
  return listProjects(db, {
    ...(await projectConditions(db, query)),
    sort: query.sort,
    limit: Math.min(query.limit ?? 100, MAX_LIMIT),
    offset: query.offset ?? 0,
  });
}

/**
 * A page of projects as the API sends it, built from the stored summary text without parsing and
 * re-serialising each one (the list is the API's hottest path).
 */
export async function projectPageJson(db: Executor, query: ProjectQuery): Promise<string> {
  const page = await listProjectsRaw(db, {
    ...(await projectConditions(db, query)),
    sort: query.sort,
    limit: Math.min(query.limit ?? 100, MAX_LIMIT),
    offset: query.offset ?? 0,
  });
  const license = licenseNote(page.licenses.map((l) => ({ license: l })));
  return `{"items":[${page.summaries.join(",")}],"total":${page.total},"totalEstimated":${page.totalEstimated},"amounts":${JSON.stringify(totalUsd(page.amounts))},"license":${JSON.stringify(license)}}`;
}

/** Every project matching the query, for exports: streamed in pages, never all in memory. */
export async function* allProjects(db: Executor, query: ProjectQuery): AsyncGenerator<ProjectSummary> {
  yield* iterateProjectSummaries(db, await projectConditions(db, query));
}

/** The full view of one project: shown values, sources and every claim with its evidence. */
export async function projectDetail(db: Executor, id: string, fx: FxTable): Promise<ProjectDetail> {
  const record = await projectRecord(db, id);
  if (!record) throw new NotFoundError(`no project with id "${id}"; list them with \`dsr projects\``);
  const claims = await claimsOf(db, id);
  const citations = await citationsOf(db, claims.map((c) => c.evidence.documentId));
  return buildDetail(record, claims, citations, fx, await organizationLinker(db));
}

/** Up to 10 projects sharing an organization family with this one: those in the same country first, newest first within each. */
export async function relatedProjects(db: Executor, id: string): Promise<ProjectSummary[]> {
  return relatedByKeys(db, id, 10);
}
