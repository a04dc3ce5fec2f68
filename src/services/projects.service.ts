// Project rules over the store: recomputing shown values from claims, listing with filters
// resolved against the gazetteer, and the detail view with every claim.
import { FIELD_NAMES, type FieldName, type FieldResolution, resolveGroups } from "../domain/claims.js";
import { NotFoundError } from "../domain/errors.js";
import type { FxTable } from "../domain/money.js";
import { type ProjectDetail, type ProjectSummary, SUMMARY_SOURCES, buildDetail, summaryFromResolution } from "../domain/project.js";
import { citationsOf } from "../store/document.repository.js";
import type { Executor } from "../store/executor.js";
import { organizationLinker, organizationWithSubsidiaries } from "../store/organization.repository.js";
import { claimGroupsOf, claimsOf, listProjects, projectRecord, quotesOf, saveShown, sourceDocumentsOf } from "../store/project.repository.js";
import type { OrganizationLinker } from "../domain/project.js";

export interface ProjectQuery {
  country?: string | undefined;
  vendor?: string | undefined;
  category?: string | undefined;
  year?: number | undefined;
  status?: string | undefined;
  review?: string | undefined;
  q?: string | undefined;
  limit?: number | undefined;
  offset?: number | undefined;
}

export const MAX_LIMIT = 1000;

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
  await saveShown(db, summary, searchText(summary, await quotesOf(db, id, MAX_SEARCH_QUOTES)));
  return summary;
}

/** Lists projects; an unknown vendor name is matched as written against party names. */
export async function findProjects(db: Executor, query: ProjectQuery): Promise<{ items: ProjectSummary[]; total: number }> {
  let vendorIds: string[] | undefined;
  let vendorName: string | undefined;
  if (query.vendor !== undefined) {
    const ids = await organizationWithSubsidiaries(db, query.vendor);
    if (ids.length) vendorIds = ids;
    else vendorName = query.vendor;
  }
  return listProjects(db, {
    country: query.country?.toUpperCase(),
    category: query.category,
    vendorIds,
    vendorName,
    year: query.year,
    status: query.status,
    reviewState: query.review,
    q: query.q,
    limit: Math.min(query.limit ?? 100, MAX_LIMIT),
    offset: query.offset ?? 0,
  });
}

/** The full view of one project: shown values, sources and every claim with its evidence. */
export async function projectDetail(db: Executor, id: string, fx: FxTable): Promise<ProjectDetail> {
  const record = await projectRecord(db, id);
  if (!record) throw new NotFoundError(`no project with id "${id}"; list them with \`dsr projects\``);
  const claims = await claimsOf(db, id);
  const citations = await citationsOf(db, claims.map((c) => c.evidence.documentId));
  return buildDetail(record, claims, citations, fx, await organizationLinker(db));
}
