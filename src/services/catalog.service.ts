// The observatory's other views over the store: organization profiles, places, documents with
// their mentions, grouped statistics and search across projects, organizations and documents.
import { NotFoundError } from "../domain/errors.js";
import { licenseForOrigin } from "../domain/licenses.js";
import type { Group, OrganizationProfile, PlaceView, SearchResult, DocumentView } from "../domain/views.js";
import type { ExtractedDeal } from "../extract/deal.js";
import { documentById, searchDocuments } from "../store/document.repository.js";
import type { Executor } from "../store/executor.js";
import { mentionsOfDocument } from "../store/mention.repository.js";
import { listOrganizations, organizationById, rolesOf } from "../store/organization.repository.js";
import { placeByCode } from "../store/place.repository.js";
import { type ProjectConditions, groupProjects, listProjects } from "../store/project.repository.js";
import { type ProjectQuery, findProjects, projectConditions } from "./projects.service.js";
import { searchTerms } from "./search-terms.js";

export const STATS_GROUPS = ["country", "vendor", "category", "year", "mechanism"] as const;
export type StatsGroup = (typeof STATS_GROUPS)[number];

const PROFILE_PROJECTS = 100;
const ALL_ROLES = ["vendor", "financier", "investor", "acquirer", "donor", "buyer", "operator", "partner"];

/** Counts and USD totals of the projects matching a query, grouped. */
export async function projectStats(db: Executor, query: ProjectQuery, by: StatsGroup): Promise<{ groupBy: StatsGroup; groups: Group[]; projects: number; usd: number }> {
  const conditions = await projectConditions(db, query);
  const groups = await groupProjects(db, conditions, by);
  // A project with several vendors counts once per vendor; the overall figures count it once.
  const overall = by === "vendor" ? await groupProjects(db, conditions, "country") : groups;
  return {
    groupBy: by,
    groups,
    projects: overall.reduce((n, g) => n + g.projects, 0),
    usd: overall.reduce((n, g) => n + g.usd, 0),
  };
}

/** An organization with its names, family, projects (its subsidiaries' too) and their totals. */
export async function organizationProfile(db: Executor, id: string): Promise<OrganizationProfile> {
  const org = await organizationById(db, id);
  if (!org) throw new NotFoundError(`no organization with id "${id}"; search with GET /api/organizations?q=`);
  const family = [id, ...org.subsidiaries.map((s) => s.id)];
  const conditions: ProjectConditions = { parties: [{ roles: ALL_ROLES, organizationIds: family }] };
  const page = await listProjects(db, { ...conditions, limit: PROFILE_PROJECTS, offset: 0 });
  const parent = org.parentId ? await organizationById(db, org.parentId) : null;
  return {
    ...org,
    parent: parent ? { id: parent.id, name: parent.name, fullName: parent.fullName, kind: parent.kind, homeCountry: parent.homeCountry, parentId: parent.parentId, reviewState: parent.reviewState, projects: parent.projects } : null,
    projectList: { items: page.items, total: page.total },
    byCountry: await groupProjects(db, conditions, "country"),
    byYear: await groupProjects(db, conditions, "year"),
    byRole: (await rolesOf(db, family)) as OrganizationProfile["byRole"],
  };
}

/** Organizations matching a name (any alias), with their project counts. */
export async function findOrganizations(db: Executor, f: { q?: string | undefined; kind?: string | undefined; limit: number; offset: number }) {
  return listOrganizations(db, f);
}

/** A country or subdivision: its projects and their totals by category, year and vendor. */
export async function placeView(db: Executor, code: string): Promise<PlaceView> {
  const place = await placeByCode(db, code);
  if (!place) throw new NotFoundError(`no country or subdivision with code "${code}"; use ISO 3166 codes such as AR or AR-Y`);
  const conditions: ProjectConditions =
    place.kind === "country" ? { country: place.code } : { country: place.country ?? undefined, subdivision: place.name };
  const page = await listProjects(db, { ...conditions, limit: PROFILE_PROJECTS, offset: 0 });
  const byCategory = await groupProjects(db, conditions, "category");
  return {
    ...place,
    projectList: { items: page.items, total: page.total },
    byCategory,
    byYear: await groupProjects(db, conditions, "year"),
    byVendor: await groupProjects(db, conditions, "vendor"),
    totals: {
      projects: byCategory.reduce((n, g) => n + g.projects, 0),
      usd: byCategory.reduce((n, g) => n + g.usd, 0),
      withAmount: byCategory.reduce((n, g) => n + g.withAmount, 0),
    },
  };
}

/** A document's text with the span of every deal mention read from it, each linked to its project. */
export async function documentView(db: Executor, id: string): Promise<DocumentView> {
  const d = await documentById(db, id);
  if (!d) throw new NotFoundError(`no document with id "${id}"`);
  const mentions = (await mentionsOfDocument(db, id)).map((m) => {
    const deal: ExtractedDeal = m.deal;
    const fields: Record<string, { start: number; end: number }> = {};
    for (const [k, v] of Object.entries(deal.fields)) if (v) fields[k] = { start: v.start, end: v.end };
    return {
      id: m.id,
      projectId: m.projectId,
      rule: m.rule,
      evidence: { start: deal.evidence.start, end: deal.evidence.end, text: deal.evidence.text },
      fields,
      parties: deal.parties.map((p) => ({ name: p.name, role: p.role, organizationId: p.organizationId, start: p.span.start, end: p.span.end })),
    };
  });
  return {
    documentId: d.id, title: d.title, authors: JSON.parse(d.authors) as string[], publisher: d.publisher, published: d.published,
    url: d.url, citation: d.citation, language: d.language, readAs: d.read_as,
    pageStarts: d.page_starts ? (JSON.parse(d.page_starts) as number[]) : null, ocr: d.ocr === 1, text: d.text, mentions,
    license: d.license ?? licenseForOrigin(d.origin),
  };
}

/** One query across projects, organizations and documents. */
export async function searchAll(db: Executor, q: string, limit = 10): Promise<SearchResult> {
  const projects = await findProjects(db, { q, limit });
  const organizations = await findOrganizations(db, { q, limit, offset: 0 });
  const documents = await searchDocuments(db, searchTerms(q), limit);
  return { projects: { items: projects.items, total: projects.total }, organizations: organizations.items, documents };
}
