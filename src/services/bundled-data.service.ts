// Loads the bundled data (gazetteers, places, the reviewed dataset) into the store in one
// transaction. Idempotent: the same files twice leave the same database, and unchanged files
// are skipped by their hash.
import { InvalidDataError } from "../domain/errors.js";
import type { FxTable } from "../domain/money.js";
import { valueKey } from "../domain/claims.js";
import type { BundledData } from "../importers/bundled-files.js";
import { recordAudit } from "../store/audit.repository.js";
import { upsertDocument } from "../store/document.repository.js";
import { type Executor, inTransaction } from "../store/executor.js";
import { getMeta, setMeta } from "../store/meta.repository.js";
import { organizationLinker, upsertOrganizations } from "../store/organization.repository.js";
import { type PlaceInput, upsertPlaces } from "../store/place.repository.js";
import { claimIdentity, insertClaims, removeClaimsNotIn, upsertProjectRecord } from "../store/project.repository.js";
import { refreshProject } from "./projects.service.js";

export const BUNDLED_HASH_KEY = "bundled_data_hash";
const ORIGIN = "reviewed-dataset";

export interface LoadResult {
  skipped: boolean;
  organizations: number;
  places: number;
  documents: number;
  projects: number;
  claims: number;
}

/** Checks references across files before anything is written. */
export function checkBundledData(data: BundledData): void {
  const problems: string[] = [];
  const orgIds = new Set(data.organizations.organizations.map((o) => o.id));
  for (const o of data.organizations.organizations) {
    if (o.parent && !orgIds.has(o.parent)) problems.push(`organization ${o.id}: parent "${o.parent}" is not in organizations.json`);
  }
  const docIds = new Set(data.sources.documents.map((d) => d.id));
  const projectIds = new Set<string>();
  for (const p of data.reviewed.projects) {
    if (projectIds.has(p.id)) problems.push(`project ${p.id}: id used twice`);
    projectIds.add(p.id);
    for (const c of p.claims) {
      if (!docIds.has(c.source)) problems.push(`project ${p.id}: claim on ${c.field} cites unknown source "${c.source}"`);
    }
  }
  if (problems.length) throw new InvalidDataError(`bundled data is inconsistent:\n  ${problems.join("\n  ")}`);
}

function placesOf(data: BundledData): PlaceInput[] {
  const { countries, subdivisions, cities } = data.places;
  const lac = new Set(countries.filter((c) => c.lac).map((c) => c.code));
  return [
    ...countries.map((c): PlaceInput => ({
      id: c.code, kind: "country", name: c.names.en ?? c.code, country: c.code, parentId: null,
      names: c.names, aliases: c.aliases, lat: null, lon: null, population: null, lac: c.lac,
    })),
    ...subdivisions.map((s): PlaceInput => ({
      id: s.code, kind: "subdivision", name: s.name, country: s.country, parentId: s.country,
      names: {}, aliases: s.aliases, lat: null, lon: null, population: null, lac: lac.has(s.country),
    })),
    ...cities.map((c): PlaceInput => ({
      id: `geonames:${c.geonameId}`, kind: "city", name: c.name, country: c.country, parentId: c.subdivision ?? c.country,
      names: {}, aliases: c.aliases, lat: c.lat, lon: c.lon, population: c.population ?? null, lac: lac.has(c.country),
    })),
  ];
}

/**
 * Writes the bundled data into the store unless the same files were loaded before.
 * @example await loadBundledData(store.db, readBundledData(), readFxTable())
 */
export async function loadBundledData(db: Executor, data: BundledData, fx: FxTable, options: { force?: boolean } = {}): Promise<LoadResult> {
  checkBundledData(data);
  const places = placesOf(data);
  const counts = {
    organizations: data.organizations.organizations.length,
    places: places.length,
    documents: data.sources.documents.length,
    projects: data.reviewed.projects.length,
    claims: data.reviewed.projects.reduce((n, p) => n + p.claims.length, 0),
  };
  if (!options.force && (await getMeta(db, BUNDLED_HASH_KEY)) === data.hash) return { skipped: true, ...counts };

  await inTransaction(db, async (trx) => {
    await upsertOrganizations(
      trx,
      data.organizations.organizations.map((o) => ({
        id: o.id, name: o.name, fullName: o.fullName ?? null, kind: o.kind, homeCountry: o.homeCountry,
        parent: o.parent, aliases: o.aliases, sources: o.sources, origin: "gazetteer",
      })),
    );
    await upsertPlaces(trx, places);
    for (const d of data.sources.documents) {
      await upsertDocument(trx, {
        id: d.id, sha256: d.sha256 ?? null, url: d.url, path: d.seedFile ?? null, title: d.title, authors: d.authors,
        publisher: d.publisher, published: d.published, language: d.language, readAs: "reviewed-citation",
        citation: d.citation, text: null, origin: ORIGIN,
      });
    }
    const link = await organizationLinker(trx);
    for (const p of data.reviewed.projects) {
      await upsertProjectRecord(trx, { id: p.id, title: p.title, status: p.status, procurementRoute: p.procurementRoute, review: p.review }, ORIGIN);
      const claims = p.claims.map((c) => ({
        field: c.field, value: c.value, documentId: c.source, text: c.quote, start: c.start, end: c.end,
        reviewed: p.review.state === "verified", origin: ORIGIN,
      }));
      await insertClaims(trx, p.id, claims);
      const keep = new Set(claims.map((c) => claimIdentity(c.field, c.documentId, valueKey(c.value, c.field), c.text)));
      await removeClaimsNotIn(trx, p.id, ORIGIN, keep);
      await refreshProject(trx, p.id, fx, link);
    }
    await setMeta(trx, BUNDLED_HASH_KEY, data.hash);
    await recordAudit(trx, { actor: "dsr init", action: "load-bundled-data", entity: "database", entityId: "bundled", before: undefined, after: { hash: data.hash, ...counts } });
  });
  return { skipped: false, ...counts };
}
