// GeoJSON export (RFC 7946): a FeatureCollection with one Point per project, at its city, or at a
// representative city of its subdivision or country, saying which in `location_precision`.
import type { Writable } from "node:stream";
import type { ProjectSummary } from "../domain/project.js";
import { foldKey } from "../domain/text.js";
import { type FlatProject, flatProject } from "./csv.js";
import { type ExportContext, type ExportSource, type Location, licenseStatement, pump } from "./source.js";

/** Coordinates come from the place gazetteer, built from GeoNames; its licence asks for this line. */
export const COORDINATES_ATTRIBUTION = "Coordinates: GeoNames (https://www.geonames.org/), CC BY 4.0";

/** A subdivision or city of the `places` table, as the locator needs it. */
export interface LocatablePlace {
  id: string;
  kind: "subdivision" | "city";
  name: string;
  country: string;
  /** A city's subdivision code (or its country's code when it has none). */
  parentId: string | null;
  aliases: readonly string[];
  lat: number | null;
  lon: number | null;
  population: number | null;
}

interface City {
  name: string;
  parentId: string | null;
  lat: number;
  lon: number;
  keys: Set<string>;
}

const keysOf = (p: LocatablePlace) => new Set([p.name, ...p.aliases].map(foldKey));

/**
 * Builds `locate(project)` over the gazetteer: the project's city by name or alias within its
 * country (within its subdivision when both are known; most populous first), else the most
 * populous city of its subdivision, else of its country; null when none is known (countries
 * outside Latin America and the Caribbean have no cities in the gazetteer).
 * @example createLocator(places)(zteJujuy) // { lon: -65.3, lat: -24.2, precision: "subdivision", place: "San Salvador de Jujuy" }
 */
export function createLocator(places: readonly LocatablePlace[]): (p: ProjectSummary) => Location | null {
  const cities = new Map<string, City[]>();
  const subdivisions = new Map<string, { id: string; keys: Set<string> }[]>();
  const byPopulation = [...places].sort((a, b) => (b.population ?? 0) - (a.population ?? 0));
  for (const p of byPopulation) {
    const country = p.country.toUpperCase();
    if (p.kind === "subdivision") {
      const list = subdivisions.get(country) ?? [];
      list.push({ id: p.id, keys: new Set([...keysOf(p), foldKey(p.id)]) });
      subdivisions.set(country, list);
    } else if (p.lat !== null && p.lon !== null) {
      const list = cities.get(country) ?? [];
      list.push({ name: p.name, parentId: p.parentId, lat: p.lat, lon: p.lon, keys: keysOf(p) });
      cities.set(country, list);
    }
  }
  const at = (c: City, precision: Location["precision"]): Location => ({ lon: c.lon, lat: c.lat, precision, place: c.name });

  return (p) => {
    const country = p.country?.toUpperCase();
    if (!country) return null;
    const inCountry = cities.get(country) ?? [];
    const subKey = p.subdivision ? foldKey(p.subdivision) : null;
    const sub = subKey ? (subdivisions.get(country) ?? []).find((s) => s.keys.has(subKey)) : undefined;
    if (p.city) {
      const key = foldKey(p.city);
      const named = inCountry.filter((c) => c.keys.has(key));
      const city = (sub && named.find((c) => c.parentId === sub.id)) ?? named[0];
      if (city) return at(city, "city");
    }
    const capitalOfSub = sub && inCountry.find((c) => c.parentId === sub.id);
    if (capitalOfSub) return at(capitalOfSub, "subdivision");
    const first = inCountry[0];
    return first ? at(first, "country") : null;
  };
}

export interface FeatureProperties extends FlatProject {
  location_precision: Location["precision"] | null;
  location_place: string | null;
}

/** One GeoJSON Feature: the flattened project as properties, coordinates [lon, lat] as RFC 7946 orders them. */
export function projectFeature(p: ProjectSummary, location: Location | null, context: ExportContext) {
  const properties: FeatureProperties = { ...flatProject(p, context), location_precision: location?.precision ?? null, location_place: location?.place ?? null };
  return {
    type: "Feature" as const,
    id: p.id,
    geometry: location ? { type: "Point" as const, coordinates: [location.lon, location.lat] as [number, number] } : null,
    properties,
  };
}

async function* chunks(source: ExportSource): AsyncGenerator<string> {
  const { context } = source;
  // Foreign members (RFC 7946 §6.1) carry what the collection says once.
  yield `{"type":"FeatureCollection","exchangeRates":${JSON.stringify(context.exchangeRates)},"generatedAt":${JSON.stringify(context.generatedAt)},"attribution":${JSON.stringify(COORDINATES_ATTRIBUTION)},"features":[`;
  const licenses = new Set<string>();
  let n = 0;
  for await (const p of source.projects()) {
    yield `${n === 0 ? "\n" : ",\n"}${JSON.stringify(projectFeature(p, await source.locate(p), context))}`;
    licenses.add(p.license);
    n++;
  }
  // Known only at the end of the stream; each feature also carries its own licence.
  yield `\n],"total":${n},"license":${JSON.stringify(licenseStatement(licenses))}}\n`;
}

/** Streams the FeatureCollection to the sink and ends it. */
export async function writeGeoJson(source: ExportSource, sink: Writable): Promise<void> {
  await pump(chunks(source), sink);
}
