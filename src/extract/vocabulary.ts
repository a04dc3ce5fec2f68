// The extraction vocabularies (data/extraction/*.json, data/vocabularies.json) compiled into
// phrase matchers once per process: deal triggers, category terms, hedges, negations, buyer
// phrases, contrast cues and table headers.
import type { Category, Mechanism, Status } from "../domain/vocabulary.js";
import { dataFile } from "./data-file.js";
import { PhraseMatcher } from "./phrase-matcher.js";

export interface TriggerEntry {
  id: string;
  mechanism: Mechanism | null;
  status: Status | null;
  vendorSide: "subject" | "object" | "either";
  kind: "verb" | "noun";
  /** Generic on its own ("selected", "is developing"): counts only with a concrete object. */
  weak: boolean;
}

export interface CueEntry {
  /** hedge: anywhere in the sentence; hedgeNear and negation: only just before a trigger. */
  type: "hedge" | "hedgeNear" | "negation" | "contrast" | "buyer" | "genericPlace" | "marketEntry";
  /** For buyer phrases: government, ministry, subnational, municipal, police, military, agency, operator, company. */
  kind?: string;
}

export interface Vocabulary {
  triggers: PhraseMatcher<TriggerEntry>;
  categories: PhraseMatcher<Category>;
  cues: PhraseMatcher<CueEntry>;
  /** Categories from most to least specific: the first found in a passage wins. */
  categoryPriority: readonly Category[];
  tableHeaders: TableHeaderVocabulary;
}

export interface TableHeaderVocabulary {
  roles: Record<string, string[]>;
  vendorRoleMechanism: Record<string, Mechanism>;
  multipliers: Record<string, number>;
  currencies: Record<string, string>;
}

interface TriggersFile {
  triggers: { id: string; mechanism: Mechanism | null; status: Status | null; vendorSide: TriggerEntry["vendorSide"]; kind: TriggerEntry["kind"]; weak?: boolean; forms: Record<string, string[]> }[];
  hedges?: Record<string, string[]>;
  negations?: Record<string, string[]>;
  /** Hedges and negations that are also common function words: only near a trigger. */
  ambiguousHedges?: Record<string, string[]>;
  ambiguousNegations?: Record<string, string[]>;
}

interface VocabulariesFile {
  categories: { id: Category; terms: Record<string, string[]> }[];
}

interface MatchingFile {
  categoryPriority: Category[];
  extraCategoryTerms?: Record<string, Record<string, string[]>>;
  contrast: Record<string, string[]>;
  /** "several countries", "en la región": a sentence about no one country. */
  genericPlaces: Record<string, string[]>;
  /** "launched operations in", "desembarcó en": a market entry, not a deal. */
  marketEntry: Record<string, string[]>;
}

let cached: Vocabulary | undefined;

export function vocabulary(): Vocabulary {
  if (cached) return cached;
  const triggers = new PhraseMatcher<TriggerEntry>();
  const file = dataFile<TriggersFile>("extraction/triggers.json");
  for (const t of file.triggers) {
    const entry: TriggerEntry = { id: t.id, mechanism: t.mechanism, status: t.status, vendorSide: t.vendorSide, kind: t.kind, weak: t.weak === true };
    for (const forms of Object.values(t.forms)) for (const f of forms) triggers.add(f, entry, { dropArticle: true });
  }
  const matching = dataFile<MatchingFile>("extraction/matching.json");
  const categories = new PhraseMatcher<Category>();
  for (const c of dataFile<VocabulariesFile>("vocabularies.json").categories) {
    for (const terms of Object.values(c.terms)) for (const term of terms) categories.add(term, c.id, { exactCase: isAcronym(term), dropArticle: true });
  }
  for (const [id, byLang] of Object.entries(matching.extraCategoryTerms ?? {})) {
    for (const terms of Object.values(byLang)) for (const term of terms) categories.add(term, id as Category, { exactCase: isAcronym(term) });
  }
  const cues = new PhraseMatcher<CueEntry>();
  const hedge: CueEntry = { type: "hedge" };
  const hedgeNear: CueEntry = { type: "hedgeNear" };
  const negation: CueEntry = { type: "negation" };
  const contrast: CueEntry = { type: "contrast" };
  const ambiguous = new Set(Object.values(file.ambiguousHedges ?? {}).flat());
  for (const list of Object.values(file.hedges ?? {})) for (const w of list) cues.add(w, ambiguous.has(w) ? hedgeNear : hedge);
  for (const list of Object.values(file.ambiguousHedges ?? {})) for (const w of list) cues.add(w, hedgeNear);
  for (const list of Object.values(file.negations ?? {})) for (const w of list) cues.add(w, negation);
  for (const list of Object.values(file.ambiguousNegations ?? {})) for (const w of list) cues.add(w, negation);
  for (const list of Object.values(matching.contrast)) for (const w of list) cues.add(w, contrast);
  const genericPlace: CueEntry = { type: "genericPlace" };
  const marketEntry: CueEntry = { type: "marketEntry" };
  for (const list of Object.values(matching.genericPlaces)) for (const w of list) cues.add(w, genericPlace);
  for (const list of Object.values(matching.marketEntry)) for (const w of list) cues.add(w, marketEntry);
  const buyers = dataFile<{ phrases: { text: string; lang: string; kind: string }[] }>("extraction/buyer-phrases.json");
  const buyerEntries = new Map<string, CueEntry>();
  for (const p of buyers.phrases) {
    const entry = buyerEntries.get(p.kind) ?? { type: "buyer" as const, kind: p.kind };
    buyerEntries.set(p.kind, entry);
    cues.add(p.text, entry, { dropArticle: true });
  }
  cached = {
    triggers,
    categories,
    cues,
    categoryPriority: matching.categoryPriority,
    tableHeaders: dataFile<TableHeaderVocabulary>("extraction/table-headers.json"),
  };
  return cached;
}

/** "5G", "LTE", "CCTV", "IoT": short terms with capitals match only as written. */
function isAcronym(term: string): boolean {
  return term.length <= 5 && /[A-Z]/.test(term) && !/\s/.test(term);
}
