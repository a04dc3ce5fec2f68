// The web overview's figures for one query: grouped counts from the store's aggregate queries, and
// one walk over the matching summaries for what needs each project (sources, licences, map points).
import { licenseNote } from "../domain/licenses.js";
import type { Overview, OverviewPoint } from "../domain/overview.js";
import type { ProjectSummary } from "../domain/project.js";
import { COORDINATES_ATTRIBUTION, createLocator } from "../export/geojson.js";
import type { Executor } from "../store/executor.js";
import { locatablePlaces } from "../store/place.repository.js";
import { groupProjects, iterateProjectSummaries, sourceDocumentsOf } from "../store/project.repository.js";
import type { FxTable } from "../domain/money.js";
import type { Location } from "../export/source.js";
import { type ProjectQuery, projectConditions, projectDetail } from "./projects.service.js";

/** Vendors the top-vendors chart and the vendor × country matrix show. */
export const TOP_VENDORS = 12;

/** The roles the vendor grouping and the vendor filter count as suppliers. */
const SUPPLIER_ROLES = new Set(["vendor", "investor", "acquirer", "donor"]);

/**
 * Everything the overview draws for the filters of `query` (sort, limit and offset are ignored).
 * @example (await overview(db, { country: "AR" })).totals.projects // 4
 */
export async function overview(db: Executor, query: ProjectQuery): Promise<Overview> {
  const conditions = await projectConditions(db, query);
  const [byCountry, byCategory, byMechanism, vendors] = [
    await groupProjects(db, conditions, "country"),
    await groupProjects(db, conditions, "category"),
    await groupProjects(db, conditions, "mechanism"),
    await groupProjects(db, conditions, "vendor"),
  ];

  // One grouped query per category present: a handful of indexed scans, no new SQL.
  const byYearCategory: Overview["byYearCategory"] = [];
  for (const c of byCategory) {
    if (c.key === null) continue;
    for (const y of await groupProjects(db, { ...conditions, category: c.key }, "year")) {
      if (y.key !== null) byYearCategory.push({ year: Number(y.key), category: c.key, projects: y.projects, usd: y.usd });
    }
  }
  const uncategorised = byCategory.some((c) => c.key === null);
  if (uncategorised) {
    // The store has no "category is null" condition: derive it from the per-year totals.
    const years = await groupProjects(db, conditions, "year");
    for (const y of years) {
      if (y.key === null) continue;
      const year = Number(y.key);
      const counted = byYearCategory.filter((r) => r.year === year);
      const projects = y.projects - counted.reduce((n, r) => n + r.projects, 0);
      const usd = y.usd - counted.reduce((n, r) => n + r.usd, 0);
      if (projects > 0) byYearCategory.push({ year, category: null, projects, usd });
    }
  }
  byYearCategory.sort((a, b) => a.year - b.year || String(a.category).localeCompare(String(b.category)));

  const topVendors = vendors.slice(0, TOP_VENDORS);
  // Vendor × country is counted in the walk below, keyed as the vendor grouping keys suppliers
  // (organization id, else the name as written): one grouped query per vendor filtered by a name
  // no organization has took most of a second each on 10,000 projects.
  const topKeys = new Map(topVendors.filter((v) => v.key !== null).map((v) => [v.key as string, v.label ?? (v.key as string)]));
  const cells = new Map<string, Overview["vendorCountry"][number]>();

  const locate = createLocator(await locatablePlaces(db));
  const sources = new Set<string>();
  const licenses: { license: string }[] = [];
  const seenLicenses = new Set<string>();
  const points = new Map<string, OverviewPoint>();
  for await (const p of iterateProjectSummaries(db, conditions)) {
    if (!seenLicenses.has(p.license)) {
      seenLicenses.add(p.license);
      licenses.push({ license: p.license });
    }
    for (const s of p.sources) sources.add(s.documentId);
    // Summaries carry the newest 25 sources; the rare project with more is read in full.
    if (p.sourceCount > p.sources.length) for (const s of await sourceDocumentsOf(db, p.id)) sources.add(s.documentId);
    addPoint(points, p, locate(p));
    const suppliers = new Set(p.parties.filter((r) => SUPPLIER_ROLES.has(r.role)).map((r) => r.organizationId ?? r.name));
    for (const key of suppliers) {
      const label = topKeys.get(key);
      if (label === undefined) continue;
      const id = `${key}\u0000${p.country ?? ""}`;
      const cell = cells.get(id) ?? { vendor: key, label, country: p.country, projects: 0, usd: 0 };
      cell.projects += 1;
      cell.usd += p.amount?.usd ?? 0;
      cells.set(id, cell);
    }
  }
  const order = [...topKeys.keys()];
  const vendorCountry = [...cells.values()].sort((a, b) => order.indexOf(a.vendor) - order.indexOf(b.vendor) || b.projects - a.projects);

  const totalProjects = byCountry.reduce((n, g) => n + g.projects, 0);
  return {
    totals: {
      projects: totalProjects,
      countries: byCountry.filter((g) => g.key !== null).length,
      vendors: vendors.length,
      usd: Math.round(byCountry.reduce((n, g) => n + g.usd, 0) * 100) / 100,
      withAmount: byCountry.reduce((n, g) => n + g.withAmount, 0),
      sources: sources.size,
    },
    byCountry,
    byCategory,
    byMechanism,
    byYearCategory,
    topVendors,
    vendorCountry,
    points: [...points.values()].sort((a, b) => b.projects - a.projects),
    license: licenseNote(licenses),
    coordinatesAttribution: COORDINATES_ATTRIBUTION,
  };
}

/** Adds a project to its place's point; only city and subdivision precision make a point. */
function addPoint(points: Map<string, OverviewPoint>, p: ProjectSummary, at: ReturnType<ReturnType<typeof createLocator>>): void {
  if (!at || at.precision === "country" || !p.country) return;
  const key = `${at.precision} ${at.lon} ${at.lat}`;
  const usd = p.amount?.usd ?? 0;
  const hit = points.get(key);
  if (hit) {
    hit.projects += 1;
    hit.usd += usd;
    hit.projectId = null;
    hit.title = null;
    return;
  }
  points.set(key, { lon: at.lon, lat: at.lat, place: at.place, country: p.country, precision: at.precision, projects: 1, usd, projectId: p.id, title: p.title });
}

/**
 * Where a project goes on a map: its city, else its subdivision's or country's most populous city
 * (the GeoJSON export's rule), with the precision; null when the gazetteer knows no place for it.
 * @example await projectLocation(db, "zte-jujuy-surveillance-2019", fx) // { precision: "subdivision", place: "San Salvador de Jujuy", … }
 */
export async function projectLocation(db: Executor, id: string, fx: FxTable): Promise<Location | null> {
  const project = await projectDetail(db, id, fx);
  return createLocator(await locatablePlaces(db))(project);
}
