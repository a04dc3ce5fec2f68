// What is found once per document (places, organizations, vocabulary matches, sentences) and then
// looked up per sentence, with the helpers that look up sorted spans.
import type { Category } from "../domain/vocabulary.js";
import { documentDateFromText } from "./dates.js";
import { type Gazetteer, type GazetteerMatch, type OrgEntry, countriesOf, defaultGazetteer } from "./gazetteer.js";
import { documentLanguage } from "./language.js";
import { type PhraseMatch, type Tokens, tokenize } from "./phrase-matcher.js";
import { type Paragraph, type Sentence, segment } from "./segment.js";
import type { DocumentDate, Lang, Span } from "./types.js";
import { unknownOrganizations } from "./unknown-orgs.js";
import { type CueEntry, type TriggerEntry, type Vocabulary, vocabulary } from "./vocabulary.js";

export interface ExtractOptions {
  /** The document's own date from its metadata; otherwise read from its dateline, if any. */
  documentDate?: DocumentDate | null;
  /** The document's language when known; otherwise detected. */
  language?: Lang;
  /** Receives one line per sentence that names a party: whether it became a deal. */
  trace?: (message: string) => void;
}

/** Everything found once per document, then looked up per sentence. */
export interface DocumentContext {
  text: string;
  language: Lang;
  documentDate: DocumentDate | null;
  paragraphs: Paragraph[];
  sentences: Sentence[];
  places: GazetteerMatch[];
  orgs: OrgMention[];
  triggers: PhraseMatch<TriggerEntry>[];
  categories: PhraseMatch<Category>[];
  cues: PhraseMatch<CueEntry>[];
  gazetteer: Gazetteer;
  vocabulary: Vocabulary;
  paragraphLanguages: (Lang | null | undefined)[];
  tokens: Tokens;
  /** The one LAC country the document is mostly about, if any. */
  mainCountry: string | null;
  /** Where the document's date was read (its dateline), when it came from the text. */
  documentDateSpan: Span | null;
  /** The technology the document talks about most, for deals whose own passage names none. */
  mainCategory: { value: Category; span: Span } | null;
}

/** An organization named in the text, at its span. */
export interface OrgMention extends Span {
  org: OrgEntry;
}

/** How close after an organization's name a paragraph may still be about it. */
const NEAR_PARTY = 1500;

/** The last item of a list sorted by start that ends before `offset`, or null. */
function lastBefore<T extends Span>(list: readonly T[], offset: number): T | null {
  let lo = 0;
  let hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((list[mid] as T).start < offset) lo = mid + 1;
    else hi = mid;
  }
  for (let i = lo - 1; i >= 0 && i >= lo - 3; i--) if ((list[i] as T).end <= offset) return list[i] as T;
  return null;
}

/** Items of a list sorted by start that fall inside a span. */
export function within<T extends Span>(list: readonly T[], span: Span): T[] {
  let lo = 0;
  let hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((list[mid] as T).start < span.start) lo = mid + 1;
    else hi = mid;
  }
  const out: T[] = [];
  for (let i = lo; i < list.length; i++) {
    const item = list[i] as T;
    if (item.start >= span.end) break;
    if (item.end <= span.end) out.push(item);
  }
  return out;
}

/** Spans found in a slice of the text, moved to their offsets in the whole text. */
export function shift<T extends Span>(items: T[], by: number): T[] {
  return items.map((m) => ({ ...m, start: m.start + by, end: m.end + by }));
}

export function documentContext(text: string, options: ExtractOptions = {}): DocumentContext {
  const gazetteer = defaultGazetteer();
  const vocab = vocabulary();
  const tokens = tokenize(text);
  const gaz = gazetteer.find(tokens);
  const orgs: DocumentContext["orgs"] = [];
  const places: GazetteerMatch[] = [];
  for (const m of gaz) {
    const org = m.entries.find((e): e is OrgEntry => e.kind === "org");
    if (org) orgs.push({ start: m.start, end: m.end, org });
    const placeEntries = m.entries.filter((e) => e.kind !== "org");
    if (placeEntries.length && !org) places.push({ start: m.start, end: m.end, entries: placeEntries });
    // "province of Jujuy" is a public body and a place: read the place inside its name too.
    if (org && !placeEntries.length && (org.orgKind === "government" || org.orgKind === "government_agency")) {
      // Skip the first word, or the body's own name would match again.
      const from = m.start + Math.max(1, text.slice(m.start, m.end).search(/\s/));
      for (const inner of gazetteer.find(tokenize(text.slice(from, m.end)))) {
        const entries = inner.entries.filter((e) => e.kind === "subdivision" || e.kind === "city");
        if (entries.length) places.push({ start: from + inner.start, end: from + inner.end, entries });
      }
    }
  }
  for (const u of unknownOrganizations(tokens, gaz)) orgs.push(u);
  orgs.sort((a, b) => a.start - b.start);
  // Only paragraphs that name an organization can state a deal (tables are read apart).
  // Only paragraphs that name an organization, or follow one closely (a lead that says "the
  // company"), can state a deal: the others are not split into sentences (tables are read apart).
  const nearParty = (start: number, end: number): boolean => {
    if (within(orgs, { start, end }).length > 0) return true;
    const before = lastBefore(orgs, start);
    return before !== null && start - before.end < NEAR_PARTY;
  };
  const seg = segment(text, { detail: nearParty });
  // The vocabularies are read only where a deal can be: paragraphs with a party, and tables.
  const read: Span[] = seg.paragraphs.filter((p) => p.table || p.detailed);
  const language = options.language ?? documentLanguage(text, tokens);
  // A dateline is in the document's language; only a document of no known language tries all three.
  const datelineLangs = language === "es" || language === "pt" || language === "en" ? [language] : undefined;
  const dateline = options.documentDate ? null : documentDateFromText(text, datelineLangs);
  const documentDate = options.documentDate ?? stripSpan(dateline);
  // Paragraph languages are worked out when a paragraph is first looked at (most never are).
  const paragraphLanguages: (Lang | null | undefined)[] = new Array(seg.paragraphs.length);
  const ctx: DocumentContext = {
    text,
    language,
    documentDate,
    paragraphs: seg.paragraphs,
    sentences: seg.sentences,
    places,
    orgs,
    triggers: vocab.triggers.match(tokens, undefined, read),
    categories: vocab.categories.match(tokens, undefined, read),
    cues: vocab.cues.match(tokens, undefined, read),
    gazetteer,
    vocabulary: vocab,
    paragraphLanguages,
    tokens,
    mainCountry: null,
    documentDateSpan: dateline ? { start: dateline.start, end: dateline.end } : null,
    mainCategory: null,
  };
  ctx.mainCountry = mainCountry(ctx);
  ctx.mainCategory = mainCategory(ctx);
  return ctx;
}

function stripSpan(d: (DocumentDate & Span) | null): DocumentDate | null {
  return d ? { year: d.year, month: d.month, day: d.day } : null;
}

function mainCountry(ctx: DocumentContext): string | null {
  const counts = new Map<string, number>();
  let total = 0;
  for (const p of ctx.places) {
    // Only unambiguous mentions vote.
    const cs = countriesOf(p.entries, ctx.gazetteer.lac);
    if (cs.length !== 1) continue;
    counts.set(cs[0] as string, (counts.get(cs[0] as string) ?? 0) + 1);
    total++;
  }
  const [best] = [...counts].sort((a, b) => b[1] - a[1]);
  return best && total >= 2 && best[1] / total >= 0.6 ? best[0] : null;
}

function mainCategory(ctx: DocumentContext): { value: Category; span: Span } | null {
  const counts = new Map<Category, { n: number; span: Span }>();
  for (const m of ctx.categories) {
    for (const c of m.entries) {
      const e = counts.get(c) ?? { n: 0, span: m };
      e.n++;
      counts.set(c, e);
    }
  }
  let best: { value: Category; span: Span; n: number; rank: number } | null = null;
  for (const [value, { n, span }] of counts) {
    const rank = ctx.vocabulary.categoryPriority.indexOf(value);
    if (!best || n > best.n || (n === best.n && rank < best.rank)) best = { value, span, n, rank };
  }
  return best ? { value: best.value, span: best.span } : null;
}
