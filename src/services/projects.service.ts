// Project rules over the store: recomputing shown values from claims, listing with filters
// resolved against the gazetteer, and the detail view with every claim.
import type { Claim } from "../domain/claims.js";
import { NotFoundError } from "../domain/errors.js";
import type { FxTable } from "../domain/money.js";
import { type ProjectDetail, type ProjectSummary, buildDetail, buildSummary } from "../domain/project.js";
import { citationsOf } from "../store/document.repository.js";
import type { Executor } from "../store/executor.js";
import { organizationLinker, organizationWithSubsidiaries } from "../store/organization.repository.js";
import { claimsOf, listProjects, projectRecord, saveShown } from "../store/project.repository.js";
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

function searchText(summary: ProjectSummary, claims: readonly Claim[]): string {
  const parts = [
    ...summary.parties.map((p) => p.name),
    summary.country,
    summary.subdivision,
    summary.city,
    summary.category,
    ...new Set(claims.map((c) => c.evidence.text)),
  ];
  return parts.filter(Boolean).join("\n");
}

/**
 * Recomputes a project's shown values from its claims; call inside the transaction that changed them.
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
  const claims = await claimsOf(db, id);
  const citations = await citationsOf(db, claims.map((c) => c.evidence.documentId));
  const summary = buildSummary(record, claims, citations, fx, link ?? (await organizationLinker(db)));
  await saveShown(db, summary, searchText(summary, claims));
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
