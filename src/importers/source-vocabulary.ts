// The importers' vocabularies (data/importers.json) and the gazetteer lookups they share: loose
// column matching, countries by name or ISO code, organizations and digital categories in text.
import { z } from "zod";
import { Category, Mechanism, ProcurementRoute, Status } from "../domain/vocabulary.js";
import { foldKey } from "../domain/text.js";
import { dataFile } from "../extract/data-file.js";
import { type OrgEntry, defaultGazetteer } from "../extract/gazetteer.js";
import { tokenize } from "../extract/phrase-matcher.js";
import type { Span } from "../extract/types.js";
import { vocabulary } from "../extract/vocabulary.js";

const Columns = z.record(z.string(), z.array(z.string()).min(1));

const ImportersFile = z.object({
  aiddata: z.object({
    columns: Columns,
    sectorCategories: z.record(z.string(), Category),
    digitalSectors: z.array(z.string()),
    statuses: z.record(z.string(), Status),
    flowTypes: z.record(z.string(), Mechanism),
    titleMechanisms: z.array(z.object({ words: z.array(z.string()).min(1), mechanism: Mechanism })),
    titleAliases: z.record(z.string(), z.string()),
    recordUrl: z.string().includes("{id}"),
    publisher: z.string(),
  }),
  ocds: z.object({
    procurementMethods: z.record(z.string(), Mechanism),
    procurementMethodDetails: z.array(z.object({ words: z.array(z.string()).min(1), route: ProcurementRoute })),
    statuses: z.record(z.string(), Status),
    buyerRoles: z.array(z.string()),
    supplierRoles: z.array(z.string()),
    ocidPrefixes: z.record(z.string(), z.string().regex(/^[A-Z]{2}$/)),
    unspscCategories: z.record(z.string().regex(/^\d{2,8}$/), Category),
    quantityUnits: z.record(z.string(), z.array(z.string())),
    /** Item words that make a category term in the item mean something else ("Creative Cloud licence" is no data centre). */
    categoryExclusions: z.array(z.string()),
  }),
  cgit: z.object({
    columns: Columns,
    categories: z.record(z.string(), Category),
    technologySectors: z.array(z.string()),
    constructionKinds: z.array(z.string()),
    citation: z.string(),
    license: z.string(),
  }),
});
export type ImportersVocabulary = z.infer<typeof ImportersFile>;

export function importersVocabulary(): ImportersVocabulary {
  return dataFile("importers.json", ImportersFile);
}

/** A header as compared: lower case, accents and punctuation gone, a trailing "(MM/DD/YYYY)" dropped. */
export function headerKey(header: string): string {
  return foldKey(header.replace(/\(\s*mm\s*\/\s*dd\s*\/\s*yyyy\s*\)/i, "").replace(/&/g, " "))
    .replace(/[^a-z0-9]+/g, " ")
    .trim();
}

/**
 * Which column holds each field: the first header matching one of the field's names loosely.
 * @example columnIndex(["AidData.Record.ID", "Title"], { recordId: ["aiddata record id"] }) // { recordId: 0 }
 */
export function columnIndex(headers: readonly string[], columns: Record<string, string[]>): Record<string, number> {
  const keys = headers.map(headerKey);
  const out: Record<string, number> = {};
  for (const [field, names] of Object.entries(columns)) {
    for (const name of names) {
      const i = keys.indexOf(headerKey(name));
      if (i >= 0) {
        out[field] = i;
        break;
      }
    }
  }
  return out;
}

interface PlacesData {
  countries: { code: string; alpha3: string; lac: boolean; names: Record<string, string>; aliases?: string[] }[];
}

let countries: { byKey: Map<string, string>; byAlpha3: Map<string, string>; lac: Set<string> } | undefined;

function countryTables() {
  if (countries) return countries;
  const byKey = new Map<string, string>();
  const byAlpha3 = new Map<string, string>();
  const lac = new Set<string>();
  for (const c of dataFile<PlacesData>("places.json").countries) {
    byAlpha3.set(c.alpha3.toUpperCase(), c.code);
    byKey.set(foldKey(c.code), c.code);
    if (c.lac) lac.add(c.code);
    for (const name of [...Object.values(c.names), ...(c.aliases ?? [])]) if (name) byKey.set(foldKey(name), c.code);
  }
  countries = { byKey, byAlpha3, lac };
  return countries;
}

/** The ISO alpha-2 code of a country written as a name in en/es/pt, an alias or an ISO code; null if unknown. */
export function countryCode(written: string | null | undefined): string | null {
  const w = written?.trim();
  if (!w) return null;
  const t = countryTables();
  if (/^[A-Za-z]{3}$/.test(w)) {
    const c = t.byAlpha3.get(w.toUpperCase());
    if (c) return c;
  }
  return t.byKey.get(foldKey(w)) ?? null;
}

export function isLac(code: string | null): boolean {
  return code !== null && countryTables().lac.has(code);
}

export interface FoundOrganization extends Span {
  entry: OrgEntry;
}

/** Organizations of the gazetteer named in `text`, in order, each once. */
export function organizationsIn(text: string): FoundOrganization[] {
  if (!text) return [];
  const out: FoundOrganization[] = [];
  const seen = new Set<string>();
  for (const m of defaultGazetteer().find(tokenize(text))) {
    const org = m.entries.find((e): e is OrgEntry => e.kind === "org");
    if (!org || seen.has(org.id)) continue;
    seen.add(org.id);
    out.push({ start: m.start, end: m.end, entry: org });
  }
  return out;
}

/** The home country of an organization's group (its topmost parent's): local subsidiaries count as their group. */
export function familyHomeCountry(id: string): string | null {
  const g = defaultGazetteer();
  let org = g.organization(id);
  for (let i = 0; org?.parent && i < 10; i++) org = g.organization(org.parent) ?? org;
  return org?.homeCountry ?? null;
}

/** The most specific digital category whose terms appear in `text`, with where; null if none. */
export function categoryIn(text: string): { category: Category; span: Span } | null {
  if (!text) return null;
  const v = vocabulary();
  const found = v.categories.match(tokenize(text));
  if (!found.length) return null;
  let best: { category: Category; span: Span; rank: number } | null = null;
  for (const m of found) {
    for (const c of m.entries) {
      const rank = v.categoryPriority.indexOf(c);
      const r = rank < 0 ? Number.MAX_SAFE_INTEGER : rank;
      if (!best || r < best.rank) best = { category: c, span: { start: m.start, end: m.end }, rank: r };
    }
  }
  return best && best.category !== "other" ? { category: best.category, span: best.span } : null;
}

/** Whether any of `words` occurs in `text` as whole words, accents and case folded. */
export function hasWords(text: string, words: readonly string[]): boolean {
  const t = ` ${foldKey(text).replace(/[^a-z0-9'’/]+/g, " ")} `;
  return words.some((w) => t.includes(` ${foldKey(w).replace(/[^a-z0-9'’/]+/g, " ").trim()} `));
}
