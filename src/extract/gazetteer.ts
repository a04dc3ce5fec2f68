// The gazetteer as a matcher: organizations (names and aliases) and places (countries,
// subdivisions, cities, demonyms) from data/, found in text in one pass. Names that are common
// words match only in their exact case; place names only when capitalised (demonyms excepted,
// since Spanish and Portuguese write them in lower case).
import { foldKey } from "../domain/text.js";
import { dataFile } from "./data-file.js";
import { PhraseMatcher, type PhraseMatch, type Tokens } from "./phrase-matcher.js";

export type OrgEntry = { kind: "org"; id: string; name: string; orgKind: string; homeCountry: string | null; parent: string | null };
export type GazetteerEntry =
  | OrgEntry
  | { kind: "country"; code: string; lac: boolean }
  | { kind: "subdivision"; code: string; country: string; name: string }
  | { kind: "city"; id: string; name: string; country: string; subdivision: string | null; population: number }
  | { kind: "demonym"; country: string }
  /** "Latin America", "Caribbean": read so that "Latin American" is not taken for "American". */
  | { kind: "region" };

export type GazetteerMatch = PhraseMatch<GazetteerEntry>;

export interface Gazetteer {
  find(tokens: Tokens): GazetteerMatch[];
  organization(id: string): OrgEntry | undefined;
  /** ISO codes of the Latin American and Caribbean countries. */
  lac: ReadonlySet<string>;
  /** The name of an ISO 3166-2 subdivision ("BR-PR" → "Paraná"). */
  subdivisionName(code: string): string | null;
}

interface OrgData {
  organizations: { id: string; name: string; fullName?: string | null; kind: string; homeCountry: string | null; parent: string | null; aliases: string[] }[];
}
interface PlacesData {
  countries: { code: string; lac: boolean; names: Record<string, string>; aliases?: string[] }[];
  subdivisions: { code: string; country: string; name: string; aliases?: string[] }[];
  cities: { name: string; country: string; subdivision: string | null; population?: number | null; geonameId: number; aliases?: string[] }[];
}
interface DemonymData {
  demonyms: Record<string, Record<string, unknown>>;
}
interface MatchingData {
  exactCase: string[];
  skip: string[];
  regions: string[];
}

/** An all-capitals acronym of up to five letters ("ICE", "TIM", "ABE") matches only in capitals. */
function isShortAcronym(name: string): boolean {
  return name.length <= 5 && /^[A-Z0-9]+$/.test(name) && /[A-Z]/.test(name);
}

/** Lower-case matches keep only demonyms and organizations; place names need a capital. */
function acceptCase(entries: GazetteerEntry[], _surface: string, capitalised: boolean): GazetteerEntry[] {
  return capitalised ? entries : entries.filter((e) => e.kind === "demonym" || e.kind === "org" || e.kind === "region");
}

let cached: Gazetteer | undefined;

/** The gazetteer built from data/, once per process. */
export function defaultGazetteer(): Gazetteer {
  if (cached) return cached;
  const matcher = new PhraseMatcher<GazetteerEntry>();
  const orgs = new Map<string, OrgEntry>();
  const matching = dataFile<MatchingData>("extraction/matching.json");
  const exact = new Set(matching.exactCase);
  const skip = new Set(matching.skip.map(foldKey));
  for (const o of dataFile<OrgData>("organizations.json").organizations) {
    const entry: OrgEntry = { kind: "org", id: o.id, name: o.name, orgKind: o.kind, homeCountry: o.homeCountry, parent: o.parent };
    orgs.set(o.id, entry);
    for (const name of new Set([o.name, o.fullName ?? "", ...o.aliases])) {
      if (!name || skip.has(foldKey(name)) || /^\d+$/.test(name)) continue;
      matcher.add(name, entry, { exactCase: exact.has(name) || isShortAcronym(name) });
    }
  }
  const places = dataFile<PlacesData>("places.json");
  const lac = new Set(places.countries.filter((c) => c.lac).map((c) => c.code));
  for (const c of places.countries) {
    const entry: GazetteerEntry = { kind: "country", code: c.code, lac: c.lac };
    for (const name of new Set([...Object.values(c.names), ...(c.aliases ?? [])])) {
      if (name) matcher.add(name, entry, { capitalised: true, exactCase: isShortAcronym(name) });
    }
  }
  const subdivisionNames = new Map(places.subdivisions.map((x) => [x.code, x.name]));
  for (const s of places.subdivisions) {
    const entry: GazetteerEntry = { kind: "subdivision", code: s.code, country: s.country, name: s.name };
    for (const name of new Set([s.name, ...(s.aliases ?? [])])) matcher.add(name, entry, { capitalised: true, exactCase: isShortAcronym(name) });
  }
  for (const c of places.cities) {
    const entry: GazetteerEntry = { kind: "city", id: `geonames:${c.geonameId}`, name: c.name, country: c.country, subdivision: c.subdivision, population: c.population ?? 0 };
    for (const name of new Set([c.name, ...(c.aliases ?? [])])) matcher.add(name, entry, { capitalised: true });
  }
  for (const [country, byLang] of Object.entries(dataFile<DemonymData>("extraction/demonyms.json").demonyms)) {
    const entry: GazetteerEntry = { kind: "demonym", country };
    for (const [lang, forms] of Object.entries(byLang)) {
      if (!["en", "es", "pt"].includes(lang) || !Array.isArray(forms)) continue;
      for (const form of forms) if (typeof form === "string") matcher.add(form, entry);
    }
  }
  const region: GazetteerEntry = { kind: "region" };
  for (const name of matching.regions) matcher.add(name, region);
  cached = {
    find: (tokens) => matcher.match(tokens, acceptCase),
    organization: (id) => orgs.get(id),
    lac,
    subdivisionName: (code) => subdivisionNames.get(code) ?? null,
  };
  return cached;
}

/** LAC countries a place mention can stand for, most specific first. */
export function countriesOf(entries: readonly GazetteerEntry[], lac: ReadonlySet<string>): string[] {
  const out: string[] = [];
  for (const e of entries) {
    const c = e.kind === "region" ? null : e.kind === "country" ? e.code : e.kind === "org" ? e.homeCountry : e.country;
    if (c && lac.has(c) && !out.includes(c)) out.push(c);
  }
  return out;
}
