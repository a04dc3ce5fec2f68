// Reads deals out of a document's plain text. A deal is anchored on a sentence that names a
// supplier or lender and a deal trigger; its fields come from that sentence first and from the
// passage around it second (a place, a date, a party carried over). Tables become one deal per
// row. The same deal told twice in a document is one record.
import type { Category, Mechanism, Status } from "../domain/vocabulary.js";
import { findAmounts } from "./amounts.js";
import { documentDateFromText, findDates, findYears, hasDateWords } from "./dates.js";
import type { DealField, ExtractedDeal, ExtractedParty } from "./deal.js";
import { type Gazetteer, type GazetteerEntry, type GazetteerMatch, type OrgEntry, defaultGazetteer } from "./gazetteer.js";
import { documentLanguage, spanLanguage } from "./language.js";
import type { PhraseMatch } from "./phrase-matcher.js";
import { type Tokens, tokenize } from "./phrase-matcher.js";
import { findQuantities } from "./quantities.js";
import { unknownOrganizations } from "./unknown-orgs.js";
import { type Paragraph, type Sentence, segment } from "./segment.js";
import { readTableDeals } from "./tables.js";
import type { AmountMention, DateMention, DocumentDate, Lang, Span } from "./types.js";
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

const FINANCIER_KINDS = new Set(["policy_bank", "commercial_bank", "multilateral"]);
const NEVER_VENDOR_KINDS = new Set(["government", "regulator", "ngo", "media"]);
const PESO_COUNTRIES: Record<string, string> = { AR: "ARS", CL: "CLP", CO: "COP", MX: "MXN", UY: "UYU", DO: "DOP", CU: "CUP" };

/** Items of a list sorted by start that fall inside a span. */
function within<T extends Span>(list: readonly T[], span: Span): T[] {
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

function shift<T extends Span>(items: T[], by: number): T[] {
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
  const seg = segment(text, { detail: (start, end) => within(orgs, { start, end }).length > 0 });
  // The vocabularies are read only where a deal can be: paragraphs with a party, and tables.
  const read: Span[] = seg.paragraphs.filter((p) => p.table || p.lastSentence > p.firstSentence || within(orgs, p).length > 0);
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

/** LAC countries a place mention can stand for, most specific first. */
function countriesOf(entries: readonly GazetteerEntry[], lac: ReadonlySet<string>): string[] {
  const out: string[] = [];
  for (const e of entries) {
    const c = e.kind === "region" ? null : e.kind === "country" ? e.code : e.kind === "org" ? e.homeCountry : e.country;
    if (c && lac.has(c) && !out.includes(c)) out.push(c);
  }
  return out;
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

interface OrgMention extends Span {
  org: OrgEntry;
}

type RoleGuess = "vendor" | "financier" | "buyer" | null;

function roleOf(org: OrgEntry, lac: ReadonlySet<string>): RoleGuess {
  if (FINANCIER_KINDS.has(org.orgKind)) return "financier";
  if (org.homeCountry && lac.has(org.homeCountry)) return "buyer";
  // Carriers (AT&T, Telefónica, Millicom) buy networks here; Chinese carriers also build them.
  if (org.orgKind === "operator" && org.homeCountry !== "CN") return "buyer";
  if (NEVER_VENDOR_KINDS.has(org.orgKind)) return null;
  return "vendor";
}

/** Organizations right after "rather than", "instead of", "en lugar de"… are not parties. */
function contrasted(org: Span, cues: readonly PhraseMatch<CueEntry>[], text: string): boolean {
  return cues.some((c) => c.entries.some((e) => e.type === "contrast") && c.end <= org.start && org.start - c.end <= 40 && !/[.;]/.test(text.slice(c.end, org.start)));
}

/** The language of a sentence's paragraph, worked out on first use; the document's when unclear. */
function languageAt(ctx: DocumentContext, s: Sentence): Lang {
  let pl = ctx.paragraphLanguages[s.paragraph];
  if (pl === undefined) {
    const p = ctx.paragraphs[s.paragraph] as Paragraph;
    pl = spanLanguage(ctx.tokens, p.start, p.end);
    ctx.paragraphLanguages[s.paragraph] = pl;
  }
  return pl ?? ctx.language;
}

interface SentenceFacts {
  sentence: Sentence;
  vendors: OrgMention[];
  financiers: OrgMention[];
  buyers: OrgMention[];
  triggers: PhraseMatch<TriggerEntry>[];
}

function sentenceFacts(ctx: DocumentContext, s: Sentence): SentenceFacts {
  const lac = ctx.gazetteer.lac;
  const cues = within(ctx.cues, s);
  const vendors: OrgMention[] = [];
  const financiers: OrgMention[] = [];
  const buyers: OrgMention[] = [];
  for (const m of within(ctx.orgs, s)) {
    if (contrasted(m, cues, ctx.text)) continue;
    const role = roleOf(m.org, lac);
    if (role === "vendor") vendors.push(m);
    else if (role === "financier") financiers.push(m);
    else if (role === "buyer") buyers.push(m);
  }
  // A foreign operator next to an equipment vendor is the customer (Telefónica buying from Huawei).
  if (vendors.some((v) => v.org.orgKind !== "operator")) {
    for (const v of vendors.filter((x) => x.org.orgKind === "operator" && x.org.homeCountry !== "CN")) {
      vendors.splice(vendors.indexOf(v), 1);
      buyers.push(v);
    }
  }
  return { sentence: s, vendors, financiers, buyers, triggers: within(ctx.triggers, s) };
}

/** How far (in characters) a trigger may stand from the party it is about. */
const TRIGGER_REACH = 120;

function near(a: Span, parties: readonly Span[]): boolean {
  return parties.some((p) => Math.min(Math.abs(a.start - p.end), Math.abs(p.start - a.end)) <= TRIGGER_REACH || (a.start >= p.start && a.end <= p.end));
}

/** Only "and", "y", "e", commas and a couple of lower-case words ("state-owned") between two parties. */
const COORDINATION = /^[\s,]*(?:(?:and|y|e|&|as well as|together with|junto con|junto com|juntamente com)\s+)?(?:[\p{Ll}-]+\s+){0,2}$/u;

/**
 * The parties the trigger is about: the one nearest it, on the side where the supplier stands,
 * with those coordinated with it ("Huawei and CEIEC built…") — not rivals named later in the
 * sentence ("…a tender in which Nokia and Huawei also took part").
 */
function partiesOf(ctx: DocumentContext, list: readonly OrgMention[], trigger: PhraseMatch<TriggerEntry>): OrgMention[] {
  if (list.length <= 1) return [...list];
  const side = trigger.entries[0]?.vendorSide ?? "either";
  const distance = (m: OrgMention) => {
    const before = m.end <= trigger.start;
    const d = before ? trigger.start - m.end : m.start - trigger.end;
    const wrongSide = (side === "subject" && !before) || (side === "object" && before);
    return Math.max(0, d) + (wrongSide ? 1000 : 0);
  };
  const sorted = [...list].sort((a, b) => a.start - b.start);
  const anchorOrg = [...sorted].sort((a, b) => distance(a) - distance(b))[0] as OrgMention;
  let i = sorted.indexOf(anchorOrg);
  let j = i;
  while (i > 0 && COORDINATION.test(ctx.text.slice((sorted[i - 1] as OrgMention).end, (sorted[i] as OrgMention).start))) i--;
  while (j < sorted.length - 1 && COORDINATION.test(ctx.text.slice((sorted[j] as OrgMention).end, (sorted[j + 1] as OrgMention).start))) j++;
  return sorted.slice(i, j + 1);
}

/**
 * The strongest trigger near a party: a deal noun or verb that says how beats one that only
 * says that. In a long sentence a trigger far from every party is about something else.
 */
function mainTrigger(triggers: readonly PhraseMatch<TriggerEntry>[], parties: readonly Span[]): PhraseMatch<TriggerEntry> | null {
  let best: PhraseMatch<TriggerEntry> | null = null;
  let bestScore = -1;
  for (const t of triggers) {
    if (parties.length && !near(t, parties)) continue;
    const e = t.entries[0];
    if (!e) continue;
    const score = (e.weak ? 0 : 2) + (e.mechanism ? 1 : 0);
    if (score > bestScore) {
      best = t;
      bestScore = score;
    }
  }
  return best;
}

const MECHANISM_ORDER: readonly Mechanism[] = ["donation", "loan", "acquisition", "investment", "tender", "mou", "partnership", "contract"];

function mechanismOf(triggers: readonly PhraseMatch<TriggerEntry>[], vendors: readonly Span[] = []): { value: Mechanism; span: Span } | null {
  let best: { value: Mechanism; span: Span; rank: number } | null = null;
  for (const t of triggers) {
    for (const e of t.entries) {
      if (!e.mechanism) continue;
      // "compra", "purchase" with the supplier after it is a buyer purchasing goods (a contract),
      // not the supplier acquiring a company.
      if (e.mechanism === "acquisition" && vendors.length && vendors.every((v) => v.start > t.start)) {
        const rank = 10 + MECHANISM_ORDER.indexOf("contract");
        if (!best || rank < best.rank) best = { value: "contract", span: t, rank };
        continue;
      }
      // A noun that names the mechanism ("loan", "donación") outranks a verb; then the most specific.
      const rank = (e.kind === "noun" ? 0 : 10) + MECHANISM_ORDER.indexOf(e.mechanism);
      if (!best || rank < best.rank) best = { value: e.mechanism, span: t, rank };
    }
  }
  return best ? { value: best.value, span: best.span } : null;
}

function statusOf(triggers: readonly PhraseMatch<TriggerEntry>[], main: PhraseMatch<TriggerEntry> | null): Status | null {
  const fromMain = main?.entries.find((e) => e.status)?.status ?? null;
  if (fromMain) return fromMain;
  for (const t of triggers) for (const e of t.entries) if (e.status) return e.status;
  return null;
}

/**
 * The sentence names a country outside the region, or only the region as a whole, and no
 * country inside it ("China's internal surveillance project", "enter the Latin American market").
 */
function namesOnlyForeignCountry(ctx: DocumentContext, s: Span): boolean {
  let foreign = false;
  for (const m of within(ctx.places, s)) {
    for (const e of m.entries) {
      if ((e.kind === "country" && !e.lac) || e.kind === "region") foreign = true;
      if ((e.kind === "country" || e.kind === "subdivision" || e.kind === "city" || e.kind === "demonym") && ctx.gazetteer.lac.has(e.kind === "country" ? e.code : e.country)) return false;
    }
  }
  return foreign;
}

/** The sentence's cues of one type. */
function hasCue(ctx: DocumentContext, s: Span, type: CueEntry["type"]): boolean {
  return within(ctx.cues, s).some((c) => c.entries.some((e) => e.type === type));
}

/** True when the sentence reports a possibility, an example or a denial rather than a deal. */
function hedged(ctx: DocumentContext, s: Span, trigger: Span): boolean {
  for (const c of within(ctx.cues, s)) {
    // "rather than X" sets a rival aside; it does not deny the deal.
    if (c.entries.some((e) => e.type === "contrast")) continue;
    for (const e of c.entries) {
      if (e.type === "hedge") return true;
      if ((e.type === "hedgeNear" || e.type === "negation") && c.end <= trigger.start && trigger.start - c.end <= 30) return true;
    }
  }
  return false;
}

function categoryOf(ctx: DocumentContext, spans: readonly Span[]): { value: Category; span: Span } | null {
  for (const span of spans) {
    const found = within(ctx.categories, span);
    if (!found.length) continue;
    let best: { value: Category; span: Span; rank: number } | null = null;
    for (const m of found) {
      for (const c of m.entries) {
        const rank = ctx.vocabulary.categoryPriority.indexOf(c);
        if (rank >= 0 && (!best || rank < best.rank)) best = { value: c, span: m, rank };
      }
    }
    if (best) return { value: best.value, span: best.span };
  }
  return null;
}

interface PlaceChoice {
  country: { value: string; span: Span } | null;
  subdivision: { value: string; span: Span } | null;
  city: { value: string; span: Span } | null;
}

const CITY_CUE = /(?:\b(?:in|at|en|em|no|na|city of|ciudad de|cidade de|capital|municipality of|municipio de|município de|prefeitura de|alcaldía de|intendencia de)\s+)$/i;
const SUBDIVISION_CUE = /(province|provincia|província|provincial|state|estado|estadual|department|departamento|departamental|region|región|região|regional|gobernación|governorate)\s+(of|de|do|da|del)\s*$/i;

/**
 * A dateline ("LIMA, 3 de marzo –", "SAN SALVADOR DE JUJUY, Argentina (Reuters) –") says where the
 * story was filed, not where the deal is: its city is not the deal's city.
 */
function isDateline(ctx: DocumentContext, m: Span): boolean {
  const surface = ctx.text.slice(m.start, m.end);
  if (surface.length >= 4 && surface === surface.toUpperCase() && /\p{Lu}/u.test(surface)) return true;
  // Only the start of a line can be a dateline: look two characters back, not to the line's start.
  if (m.start > 2 && !ctx.text.slice(m.start - 3, m.start).includes("\n")) return false;
  return /^[^.\n]{0,80}?(\s[–—-]\s|\((?:Reuters|AP|AFP|EFE|Xinhua|Bloomberg|ANSA|dpa)\))/.test(ctx.text.slice(m.end, m.end + 90));
}

/** Country, subdivision and city of a passage; the sentence's own mentions come first. */
function placesOf(ctx: DocumentContext, spans: readonly Span[], buyers: readonly OrgMention[], local: number): PlaceChoice {
  const lac = ctx.gazetteer.lac;
  const choice: PlaceChoice = { country: null, subdivision: null, city: null };
  for (const [index, span] of spans.entries()) {
    const mentions = within(ctx.places, span);
    if (!choice.country) {
      // Countries named outright, then provinces and cities, then demonyms and buyers' home countries.
      const ranked: { code: string; span: Span; rank: number }[] = [];
      for (const m of mentions) {
        for (const e of m.entries) {
          if (e.kind === "country" && e.lac) ranked.push({ code: e.code, span: m, rank: 0 });
          else if (e.kind === "subdivision" && lac.has(e.country) && m.entries.length === 1) ranked.push({ code: e.country, span: m, rank: 1 });
          else if (e.kind === "city" && e.population >= 300_000 && lac.has(e.country)) ranked.push({ code: e.country, span: m, rank: 2 });
          else if (e.kind === "demonym" && lac.has(e.country)) ranked.push({ code: e.country, span: m, rank: 3 });
        }
      }
      for (const b of buyers) if (b.org.homeCountry && lac.has(b.org.homeCountry)) ranked.push({ code: b.org.homeCountry, span: b, rank: 4 });
      ranked.sort((a, b) => a.rank - b.rank || a.span.start - b.span.start);
      const first = ranked[0];
      if (first) choice.country = { value: first.code, span: first.span };
    }
    const country = choice.country?.value;
    // A province or city is read only from the sentence and the ones just before it.
    if (!country || index >= local) continue;
    for (const m of mentions) {
      // "Mexico" is the country before it is the State of Mexico.
      if (isCountryName(m.entries) || isDateline(ctx, m)) continue;
      const surface = ctx.text.slice(m.start, m.end);
      const sub = m.entries.find((e) => e.kind === "subdivision" && e.country === country);
      const city = m.entries.find((e) => e.kind === "city" && e.country === country);
      const lead = ctx.text.slice(Math.max(0, m.start - 30), m.start);
      // A name that is both ("Mendoza", "La Paz", "São Paulo"): the city after "in"/"city of", else the province.
      const cityCue = CITY_CUE.test(lead) && !SUBDIVISION_CUE.test(lead);
      if (sub && (!city || !cityCue) && !choice.subdivision) choice.subdivision = { value: surface, span: m };
      else if (city && !choice.city) {
        choice.city = { value: surface, span: m };
        // The city's own province, when the text does not name one.
        const code = city.kind === "city" ? city.subdivision : null;
        const name = code ? ctx.gazetteer.subdivisionName(code) : null;
        if (name && !choice.subdivision) choice.subdivision = { value: name, span: m };
      }
    }
  }
  return choice;
}

function isCountryName(entries: readonly GazetteerEntry[]): boolean {
  return entries.some((e) => e.kind === "country");
}

/** A year for the deal: the date nearest the trigger in the sentence, else earlier in the passage. */
function yearOf(ctx: DocumentContext, s: Sentence, lang: Lang, trigger: Span | null, passage: readonly Sentence[]): { value: number | null; span: Span } | null {
  const pick = (dates: readonly DateMention[], anchor: number) => {
    let best: DateMention | null = null;
    for (const d of dates) if (!best || Math.abs(d.start - anchor) < Math.abs(best.start - anchor)) best = d;
    return best;
  };
  // Four-digit years first (cheap); chrono only for sentences that give none ("in March", "last year").
  const sentence = ctx.text.slice(s.start, s.end);
  const years = findYears(sentence, lang);
  const own = shift(years.length ? years : hasDateWords(sentence) ? findDates(sentence, lang, ctx.documentDate) : [], s.start);
  const best = pick(own, trigger?.start ?? s.start);
  if (best) return { value: best.year, span: best };
  for (const p of passage) {
    // A date that opens a sentence of the passage ("In 2019, …") frames what follows.
    const opening = ctx.text.slice(p.start, Math.min(p.end, p.start + 40));
    const d = shift(findYears(opening, lang), p.start)[0];
    if (d) return { value: d.year, span: d };
  }
  return null;
}

function resolveCurrency(a: AmountMention, lang: Lang, country: string | null): string {
  if (a.currency) return a.currency;
  const peso = country ? PESO_COUNTRIES[country] : undefined;
  // "2.7 billion pesos": the deal country's peso, in any language.
  if (/\bpesos?\b/i.test(a.text) && peso) return peso;
  // A bare "$" is the local peso in Spanish-language reporting from peso countries, else the dollar.
  if (lang === "es" && peso) return peso;
  return "USD";
}

function amountOf(ctx: DocumentContext, s: Sentence, lang: Lang, trigger: Span | null, country: string | null) {
  const amounts = shift(findAmounts(ctx.text.slice(s.start, s.end), lang), s.start);
  if (!amounts.length) return null;
  const anchor = trigger?.start ?? s.start;
  let best = amounts[0] as AmountMention;
  for (const a of amounts) if (Math.abs(a.start - anchor) < Math.abs(best.start - anchor)) best = a;
  return { value: { value: best.value, currency: resolveCurrency(best, lang, country), approximate: best.approximate }, span: best as Span };
}

function quantitiesOf(ctx: DocumentContext, s: Sentence, lang: Lang): { value: Record<string, number>; span: Span | null } {
  const out: Record<string, number> = {};
  let span: Span | null = null;
  for (const q of shift(findQuantities(ctx.text.slice(s.start, s.end), lang), s.start)) {
    if (out[q.key] !== undefined) continue;
    out[q.key] = q.value;
    span ??= q;
  }
  return { value: out, span };
}

const BUYER_NAME = /^\s*(?:the\s+|la\s+|el\s+|o\s+|a\s+)?((?:[\p{Lu}][\p{L}\p{N}'’.-]*|de|del|da|do|of|y|e|and)(?:\s+(?:[\p{Lu}][\p{L}\p{N}'’.-]*|de|del|da|do|dos|das|of|y|e|and|la|el)){0,6})/u;

const COUNTERPART = /\b(?:contracts?|contratos?|agreements?|acuerdos?|acordos?|convenios?|convênios?|deal|memorand[ao]s?(?: de entendimient?os?)?|with|con|com)\s+(?:with\s+|con\s+|com\s+)?(?:the\s+|la\s+|el\s+|o\s+|a\s+|os\s+|as\s+)?(?<name>(?:[\p{Lu}][\p{L}\p{N}&'’.-]+)(?:\s(?:[\p{Lu}][\p{L}\p{N}&'’.-]+|de|del|do|da)){0,4}(?<!\s(?:de|del|do|da)))/u;

const TARGET = /\b(?:acquir(?:e|es|ed|ing)|bought|buying|purchas(?:e|es|ed|ing)|took over|adquiri(?:ó|eron|u|ram|r|ndo)|compr(?:ó|aron|ou|aram|ar|ando)|invest(?:s|ed|ing)?(?:\s+\S+){0,4}?\s+in|invirti(?:ó|eron)(?:\s+\S+){0,4}?\s+en|investi(?:u|ram)(?:\s+\S+){0,4}?\s+n[ao])\s+(?:the\s+|a\s+|an\s+|la\s+|el\s+|o\s+|a\s+)?(?:[\p{Ll}-]+\s+){0,4}?(?<name>(?:[\p{Lu}][\p{L}\p{N}&'’.-]*|\d{2,4}(?=,))(?:\s[\p{Lu}][\p{L}\p{N}&'’.-]*){0,3})/u;

/** A span that is a place or holds a month name: not a counterpart's name. */
function isPlaceOrMonth(ctx: DocumentContext, start: number, end: number): boolean {
  if (within(ctx.places, { start: start - 1, end: end + 1 }).some((p) => p.start === start && p.end === end)) return true;
  return /^(?:January|February|March|April|May|June|July|August|September|October|November|December|Enero|Febrero|Marzo|Abril|Mayo|Junio|Julio|Agosto|Septiembre|Octubre|Noviembre|Diciembre)$/i.test(ctx.text.slice(start, end));
}

/** Buyer phrases that name a public body by themselves ("the government", "la policía"). */
const PUBLIC_KINDS = new Set(["government", "ministry", "subnational", "municipal", "police", "military", "agency"]);
const ARTICLE = /^(the|el|la|los|las|o|a|os|as)\s+/i;
const NAME_BEFORE = /((?:[\p{Lu}][\p{L}'’-]+\s+){1,3})$/u;

/** The counterpart: a Latin American organization, else a public body named by a buyer phrase. */
function buyerOf(ctx: DocumentContext, s: Sentence, buyers: readonly OrgMention[], places: PlaceChoice): { value: string; span: Span } | null {
  const org = buyers[0];
  if (org) return { value: ctx.text.slice(org.start, org.end), span: org };
  for (const c of within(ctx.cues, s)) {
    const kind = c.entries.find((e) => e.type === "buyer")?.kind;
    if (!kind) continue;
    const phrase = ctx.text.slice(c.start, c.end);
    // "government of X", "provincia de X": the phrase plus the proper name after it.
    if (/\b(of|de|do|da|del|dos|das)$/i.test(phrase)) {
      const m = BUYER_NAME.exec(ctx.text.slice(c.end, Math.min(s.end, c.end + 80)));
      const name = m?.[1]?.replace(/\s+(of|de|del|da|do|dos|das|y|e|and|la|el)$/i, "");
      if (name) return { value: `${phrase.replace(ARTICLE, "")} ${name}`.replace(/\s+/g, " "), span: { start: c.start, end: c.end + (m?.[0].length ?? 0) } };
      continue;
    }
    if (!PUBLIC_KINDS.has(kind)) continue;
    // "gobierno regional de Cusco": a bare phrase that goes on with "de"/"of" and a name.
    const tail = /^\s+(of|de|do|da|del|dos|das)\s+/i.exec(ctx.text.slice(c.end, c.end + 6));
    if (tail) {
      const m = BUYER_NAME.exec(ctx.text.slice(c.end + tail[0].length, Math.min(s.end, c.end + 90)));
      const name = m?.[1]?.replace(/\s+(of|de|del|da|do|dos|das|y|e|and|la|el)$/i, "");
      if (name) return { value: `${phrase.replace(ARTICLE, "")} ${tail[1]} ${name}`.replace(/\s+/g, " "), span: { start: c.start, end: c.end + tail[0].length + (m?.[0].length ?? 0) } };
    }
    // "Mexico's government", "the Maduro government": the name before the phrase.
    const lead = ctx.text.slice(Math.max(s.start, c.start - 40), c.start);
    const possessive = /([\p{Lu}][\p{L}]+(?:\s[\p{Lu}][\p{L}]+)?)['’]s\s*$/u.exec(lead);
    const bare = phrase.replace(/^['’]s\s*/, "").replace(ARTICLE, "");
    if (possessive?.[1]) return { value: `${possessive[1]}'s ${bare}`, span: { start: c.start - possessive[0].length, end: c.end } };
    const named = NAME_BEFORE.exec(lead);
    if (named?.[1] && !ARTICLE.test(phrase) && c.start - named[1].length > s.start) {
      return { value: `${named[1].trim()} ${bare}`, span: { start: c.start - named[1].length, end: c.end } };
    }
    return { value: bare, span: c };
  }
  // "by acquiring 99, a Brazilian taxi app", "invested $27 million in Satellogic": what was bought or funded.
  const target = TARGET.exec(ctx.text.slice(s.start, s.end));
  if (target?.groups?.name) {
    const start = s.start + (target.index ?? 0) + target[0].length - target.groups.name.length;
    const end = start + target.groups.name.length;
    if (!isPlaceOrMonth(ctx, start, end) && !within(ctx.orgs, { start, end }).some((o) => roleOf(o.org, ctx.gazetteer.lac) !== "buyer")) return { value: target.groups.name, span: { start, end } };
  }
  // "firmó un contrato con Altice Dominicana": a counterpart the gazetteer does not know, named
  // after "with" — or as the subject when the supplier comes after the verb.
  const named = COUNTERPART.exec(ctx.text.slice(s.start, s.end));
  if (named?.groups?.name && !within(ctx.orgs, s).some((o) => ctx.text.slice(o.start, o.end) === named.groups?.name)) {
    const start = s.start + (named.index ?? 0) + named[0].length - named.groups.name.length;
    if (!isPlaceOrMonth(ctx, start, start + named.groups.name.length)) return { value: named.groups.name, span: { start, end: start + named.groups.name.length } };
  }
  // "a contract with Jujuy": a place named as the counterpart of the deal.
  const sub = places.subdivision ?? places.city;
  if (sub) {
    const before = ctx.text.slice(Math.max(s.start, sub.span.start - 12), sub.span.start);
    if (/\b(with|con|com|for|para)\s+(the\s+)?$/i.test(before)) return sub;
  }
  return null;
}

/** Names of parties, canonical for gazetteer organizations. */
function names(list: readonly OrgMention[]): string[] {
  return [...new Set(list.map((m) => m.org.name))];
}

function partyList(vendors: readonly OrgMention[], financiers: readonly OrgMention[], trigger: TriggerEntry | undefined): ExtractedParty[] {
  const vendorRole = trigger?.mechanism === "investment" ? "investor" : trigger?.mechanism === "acquisition" ? "acquirer" : trigger?.mechanism === "donation" ? "donor" : "vendor";
  const seen = new Set<string>();
  const out: ExtractedParty[] = [];
  for (const [list, role] of [[vendors, vendorRole], [financiers, "financier"]] as const) {
    for (const m of list) {
      if (seen.has(m.org.id + role)) continue;
      seen.add(m.org.id + role);
      out.push({ name: m.org.name, role, organizationId: m.org.id || null, span: { start: m.start, end: m.end } });
    }
  }
  return out;
}

/** The deal a sentence states, or null when it states none. */
/** Footnotes and reference lists cite titles ("Huawei Helps … Build …"); they state no deal. */
const REFERENCE = /^\s*(?:<sup>\s*\d+\s*<\/sup>|\[\d+\]|\d{1,3}[.)]?\s+[“"\p{Lu}])|https?:\/\/|<http|\bwww\.|\b(?:accessed|consultado|acesso em)\b/iu;

function looksLikeReference(sentence: string): boolean {
  // Cheap checks first: most sentences have none of the marks a reference carries.
  const c = sentence.trimStart().charAt(0);
  if (!(c === "<" || c === "[" || (c >= "0" && c <= "9")) && !sentence.includes("http") && !sentence.includes("www.") && !/ccess|onsult/.test(sentence)) return false;
  return REFERENCE.test(sentence);
}

/** The first sentence of the next paragraph of body text, past page rules and footnotes. */
function continuation(ctx: DocumentContext, paragraph: number): Sentence | null {
  for (let p = paragraph + 1; p < ctx.paragraphs.length && p <= paragraph + 12; p++) {
    const para = ctx.paragraphs[p] as Paragraph;
    const t = ctx.text.slice(para.start, para.end).trimStart();
    if (/^(?:-{3,}|_{3,}|\*{3,}|<sup>|\[\d+\]|\d{1,3}\s|Page\s+\d|Página\s+\d)/i.test(t)) continue;
    return /^[\p{Ll}\p{Lu}]/u.test(t) ? ((ctx.sentences[para.firstSentence] as Sentence | undefined) ?? null) : null;
  }
  return null;
}

/** Why the last sentence looked at gave no deal (for `trace`). */
let rejection = "";
function reject(reason: string): null {
  rejection = reason;
  return null;
}

function dealOfSentence(ctx: DocumentContext, index: number, facts: SentenceFacts, previous: SentenceFacts | null): ExtractedDeal | null {
  rejection = "";
  const s = facts.sentence;
  if (looksLikeReference(ctx.text.slice(s.start, s.end))) return reject("reference");
  const trigger = mainTrigger(facts.triggers, [...facts.vendors, ...facts.financiers]);
  if (!trigger) return reject("no trigger near a party");
  let vendors = facts.vendors;
  let financiers = facts.financiers;
  let carried = false;
  if (!vendors.length && !financiers.length) {
    // "…an agreement between CGWIC and Venezuela. Then, in 2008, China launched…": the party
    // carries over from the previous sentence of the passage when this one names none.
    if (!previous || !previous.vendors.length || !/\b(China|Chinese|company|firm|it|empresa|compañía|companhia)\b/i.test(ctx.text.slice(s.start, s.end))) return reject("no party");
    vendors = previous.vendors;
    financiers = previous.financiers;
    carried = true;
  }
  if (!carried) vendors = partiesOf(ctx, vendors, trigger);
  const entry = trigger.entries[0];
  if (hedged(ctx, s, trigger)) return reject("hedged");
  const lang = languageAt(ctx, s);
  // Opening an office or entering a market is not a deal, unless the sentence says how it came in.
  if (hasCue(ctx, s, "marketEntry") && !mechanismOf(facts.triggers)) return reject("market entry");
  const paragraph = ctx.paragraphs[s.paragraph] as Paragraph;
  const passage: Sentence[] = [];
  // The passage: up to three sentences either side within the paragraph.
  for (let i = Math.max(paragraph.firstSentence, index - 3); i <= Math.min(paragraph.lastSentence, index + 3); i++) {
    if (i !== index) passage.push(ctx.sentences[i] as Sentence);
  }
  const before = passage.filter((p) => p.end <= s.start).reverse();
  const after = passage.filter((p) => p.start >= s.end);
  // A paragraph cut by a page break ("…across the Atlantic" / footnotes / "Ocean, connecting Brazil")
  // goes on in the next paragraph of body text.
  if (index === paragraph.lastSentence && !/[.!?:;"”)\]]\s*$/.test(ctx.text.slice(s.start, s.end))) {
    const nextBody = continuation(ctx, s.paragraph);
    if (nextBody) after.push(nextBody);
  }
  const scopes: Span[] = [s, ...before, ...after];
  // "…in several countries in Latin America": about no one country, so none is borrowed from around it.
  const generic = hasCue(ctx, s, "genericPlace") || namesOnlyForeignCountry(ctx, s);
  const places = placesOf(ctx, generic ? [s] : scopes, facts.buyers, 1 + Math.min(2, before.length));
  const country = places.country?.value ?? (generic ? null : ctx.mainCountry);
  if (!country) return reject("no country");
  const ownCategory = categoryOf(ctx, [s]) ?? categoryOf(ctx, [...before, ...after]);
  // The next sentence often goes on about the same deal ("El contrato incluye 2.000 cámaras"),
  // unless it names a party of its own.
  const following: Sentence[] = [];
  for (const n of after.slice(0, 2)) {
    if (within(ctx.orgs, n).length) break;
    following.push(n);
  }
  let amount = amountOf(ctx, s, lang, trigger, country);
  for (const n of following) amount ??= amountOf(ctx, n, lang, null, country);
  let quantity = quantitiesOf(ctx, s, lang);
  for (const n of following) if (!quantity.span) quantity = quantitiesOf(ctx, n, lang);
  const concrete = Boolean(amount || Object.keys(quantity.value).length || ownCategory);
  const category = ownCategory ?? ctx.mainCategory;
  // A generic verb ("selected", "is developing") needs something concrete to be a deal.
  // A generic trigger ("deployment", "is developing") or a party carried over needs the sentence
  // itself to name something concrete: a sum, a count, a counterpart or a place in the region.
  const ownPlace = within(ctx.places, s).some((m) => countriesOf(m.entries, ctx.gazetteer.lac).length > 0);
  const specific = Boolean(amount || Object.keys(quantity.value).length || facts.buyers.length || ownPlace);
  if ((entry?.weak || carried) && !(concrete && specific)) return reject("weak trigger, nothing concrete");
  if (!ownCategory && !amount) return reject("no technology and no amount");
  // A year from the sentence or the passage; else the document's own date, since news reports
  // what is being signed now (a dateline year is wrong only for background the text leaves undated).
  const inferred: DealField[] = [];
  let inferredMechanism = false;
  if (!ownCategory && category) inferred.push("category");
  let year: { value: number | null; span: Span | null } | null = yearOf(ctx, s, lang, trigger, before);
  // "…The cable was completed in September 2018": a year the next sentences give the same deal.
  for (const n of following) {
    if (year) break;
    const y = shift(findYears(ctx.text.slice(n.start, n.end), lang), n.start)[0];
    if (y) year = { value: y.year, span: y };
  }
  if (!year && ctx.documentDate) {
    year = { value: ctx.documentDate.year, span: ctx.documentDateSpan };
    inferred.push("year");
  }

  let mechanism = mechanismOf(facts.triggers, vendors);
  // Building or supplying for a stated sum is a contract, though the sentence does not say so.
  if (!mechanism && amount && !financiers.length) {
    mechanism = { value: "contract", span: trigger };
    inferredMechanism = true;
  }
  // No counterpart in the sentence: the Latin American organization named just before it.
  const passageBuyers = facts.buyers.length ? facts.buyers : before.slice(0, 2).flatMap((p) => within(ctx.orgs, p).filter((o) => roleOf(o.org, ctx.gazetteer.lac) === "buyer"));
  const buyer = buyerOf(ctx, s, passageBuyers, places);
  if (buyer && !facts.buyers.length && passageBuyers.length && buyer.span.start < s.start) inferred.push("buyer");
  const fields: Partial<Record<DealField, Span>> = {};
  const allVendors = [...vendors];
  if (allVendors[0]) fields.vendors = allVendors[0];
  if (financiers[0]) fields.financiers = financiers[0];
  if (places.country) fields.country = places.country.span;
  if (places.subdivision) fields.subdivision = places.subdivision.span;
  if (places.city) fields.city = places.city.span;
  if (amount) fields.amount = amount.span;
  if (year?.span) fields.year = year.span;
  if (category) fields.category = category.span;
  if (quantity.span) fields.quantity = quantity.span;
  if (mechanism) fields.mechanism = mechanism.span;
  if (inferredMechanism) inferred.push("mechanism");
  if (buyer) fields.buyer = buyer.span;
  const signals = [amount, year?.value, category, Object.keys(quantity.value).length, buyer, places.country, mechanism].filter(Boolean).length;
  const deal: ExtractedDeal = {
    vendors: names(vendors),
    financiers: names(financiers),
    buyer: buyer?.value ?? null,
    country,
    subdivision: places.subdivision?.value ?? null,
    city: places.city?.value ?? null,
    amount: amount?.value ?? null,
    year: year?.value ?? null,
    category: category?.value ?? "other",
    quantity: quantity.value,
    mechanism: mechanism?.value ?? null,
    status: statusOf(facts.triggers, trigger),
    parties: partyList(vendors, financiers, entry),
    evidence: { start: s.start, end: s.end, text: ctx.text.slice(s.start, s.end) },
    fields,
    inferred,
    language: lang,
    confidence: Math.min(1, 0.3 + signals * 0.1 - (carried ? 0.1 : 0)),
  };
  if (carried) carriedDeals.add(deal);
  if (ownCategory && DEFINITE.test(ctx.text.slice(Math.max(s.start, ownCategory.span.start - 40), ownCategory.span.start)) && /^(?:the|el|la|o|a|this|este|esta)$/i.test(ctx.text.slice(s.start, ownCategory.span.start).trim().split(/\s+/)[0] ?? "")) {
    definiteDeals.add(deal);
  }
  return deal;
}

function isHeadline(ctx: DocumentContext, p: Paragraph): boolean {
  const t = ctx.text.slice(p.start, p.end).trim();
  return t.length <= 160 && !t.includes("\n") && !/[.!?:;"”»]$/.test(t);
}

/** Deals whose object is named with a definite article ("The ID", "el sistema"): told before. */
const definiteDeals = new WeakSet<ExtractedDeal>();
const DEFINITE = /\b(?:the|this|that|el|la|este|esta|ese|esa|o|a|esse|essa)\s+(?:[\p{L}-]+\s+){0,2}$/iu;

/** A deal read from a sentence that named no party of its own (carried over). */
const carriedDeals = new WeakSet<ExtractedDeal>();

function continues(deal: ExtractedDeal, previous: ExtractedDeal): boolean {
  return carriedDeals.has(deal) && sameParties(deal, previous) && !conflicting(previous, deal);
}

/** Two mentions disagree on a sum, a year or a count. */
function conflicting(a: ExtractedDeal, b: ExtractedDeal): boolean {
  if (a.year !== null && b.year !== null && a.year !== b.year) return true;
  if (a.amount && b.amount && Math.abs(a.amount.value - b.amount.value) > 0.02 * a.amount.value) return true;
  return Object.entries(a.quantity).some(([k, v]) => b.quantity[k] !== undefined && b.quantity[k] !== v);
}

function sameParties(a: ExtractedDeal, b: ExtractedDeal): boolean {
  const pa = new Set([...a.vendors, ...a.financiers]);
  return [...b.vendors, ...b.financiers].some((x) => pa.has(x));
}

const fold = (x: string | null) => (x ?? "").toLowerCase().normalize("NFD").replace(/\p{M}/gu, "");

/**
 * Two mentions share something specific that each states itself (not taken from around it): a
 * sum, a year, a count, a counterpart or a place.
 */
function shareSpecifics(a: ExtractedDeal, b: ExtractedDeal): boolean {
  const stated = (d: ExtractedDeal, f: DealField) => !d.inferred.includes(f);
  if (a.amount && b.amount && a.amount.currency === b.amount.currency && Math.abs(a.amount.value - b.amount.value) <= 0.02 * a.amount.value) return true;
  if (a.year !== null && a.year === b.year && stated(a, "year") && stated(b, "year")) return true;
  if (Object.entries(a.quantity).some(([k, v]) => b.quantity[k] === v)) return true;
  for (const k of ["subdivision", "city"] as const) if (a[k] && fold(a[k]) === fold(b[k])) return true;
  // "The ID transmits data to servers supplied by ZTE": the same object, told again — as is a
  // mention that names no technology of its own, only the party and place of one already told.
  if ((definiteDeals.has(a) || definiteDeals.has(b)) && a.category === b.category) return true;
  if ((a.inferred.includes("category") || b.inferred.includes("category")) && a.category === b.category) return true;
  if (a.buyer && b.buyer && stated(a, "buyer") && stated(b, "buyer") && (fold(a.buyer).includes(fold(b.buyer)) || fold(b.buyer).includes(fold(a.buyer)))) return true;
  return false;
}

function compatible(a: ExtractedDeal, b: ExtractedDeal): boolean {
  if (a.country !== b.country || !sameParties(a, b) || !shareSpecifics(a, b)) return false;
  if (a.category !== b.category && a.category !== "other" && b.category !== "other") return false;
  if (a.year !== null && b.year !== null && a.year !== b.year) return false;
  if (a.amount && b.amount && (a.amount.currency !== b.amount.currency || Math.abs(a.amount.value - b.amount.value) > 0.02 * a.amount.value)) return false;
  for (const [k, v] of Object.entries(a.quantity)) if (b.quantity[k] !== undefined && b.quantity[k] !== v) return false;
  return true;
}

/** Folds a later mention of the same deal into the first: fields it lacked, parties it missed. */
function merge(into: ExtractedDeal, from: ExtractedDeal): void {
  for (const v of from.vendors) if (!into.vendors.includes(v)) into.vendors.push(v);
  for (const f of from.financiers) if (!into.financiers.includes(f)) into.financiers.push(f);
  const keys = ["buyer", "subdivision", "city", "amount", "year", "mechanism", "status"] as const;
  for (const k of keys) {
    const intoGuessed = into.inferred.includes(k);
    // A value a sentence states beats one guessed from around the deal.
    if ((into[k] === null || (intoGuessed && !from.inferred.includes(k))) && from[k] !== null) {
      (into as unknown as Record<string, unknown>)[k] = from[k];
      if (from.fields[k]) into.fields[k] = from.fields[k];
      into.inferred = into.inferred.filter((f) => f !== k);
      if (from.inferred.includes(k)) into.inferred.push(k);
    }
  }
  if (into.category === "other" && from.category !== "other") {
    into.category = from.category;
    if (from.fields.category) into.fields.category = from.fields.category;
  }
  for (const [k, v] of Object.entries(from.quantity)) into.quantity[k] ??= v;
  for (const p of from.parties) if (!into.parties.some((q) => q.name === p.name && q.role === p.role)) into.parties.push(p);
  into.confidence = Math.min(1, Math.max(into.confidence, from.confidence) + 0.1);
}

/**
 * Every deal the text states, in the order first stated.
 * @example extractDeals("ZTE firmó un contrato de US$ 30 millones con la provincia de Jujuy en 2019.")[0].vendors // ["ZTE"]
 */
export function extractDeals(text: string, options: ExtractOptions = {}): ExtractedDeal[] {
  return assembleDeals(documentContext(text, options), options.trace);
}

function assembleDeals(ctx: DocumentContext, trace?: (message: string) => void): ExtractedDeal[] {
  const deals: ExtractedDeal[] = [];
  for (const p of ctx.paragraphs) {
    if (p.table) {
      for (const d of readTableDeals(ctx, p)) deals.push(d);
      continue;
    }
    // A headline restates the story's deal in short (often several deals in one line): the body
    // tells each in full, so headlines and subheads state none.
    if (isHeadline(ctx, p)) continue;
    let previous: SentenceFacts | null = null;
    let lastDeal: ExtractedDeal | null = null;
    for (let i = p.firstSentence; i <= p.lastSentence; i++) {
      const facts = sentenceFacts(ctx, ctx.sentences[i] as Sentence);
      const deal = dealOfSentence(ctx, i, facts, previous);
      if (trace && (facts.vendors.length || facts.financiers.length || deal)) {
        const st = ctx.sentences[i] as Sentence;
        trace(`${deal ? "DEAL" : `none(${rejection})`} [${[...facts.vendors, ...facts.financiers].map((v) => v.org.name).join(", ")}] ${ctx.text.slice(st.start, Math.min(st.end, st.start + 140)).replace(/\s+/g, " ")}`);
      }
      previous = facts;
      if (!deal) continue;
      // A sentence that only adds who paid ("The project was financed by CDB"), or that goes on
      // about the deal just told without naming its party, belongs to that deal.
      if (lastDeal && lastDeal.country === deal.country && (continues(deal, lastDeal) || (deal.vendors.length === 0 && lastDeal.vendors.length > 0 && !conflicting(lastDeal, deal)))) {
        merge(lastDeal, deal);
        continue;
      }
      deals.push(deal);
      lastDeal = deal;
    }
  }
  // Deals that may be the same share a country and a party: index them so that a long document
  // (or a corpus read as one) is not compared pair by pair.
  const out: ExtractedDeal[] = [];
  const byKey = new Map<string, ExtractedDeal[]>();
  for (const d of deals) {
    const keys = [...d.vendors, ...d.financiers].map((p) => `${d.country}\u0000${p}`);
    let same: ExtractedDeal | undefined;
    for (const k of keys) {
      same = byKey.get(k)?.find((o) => compatible(o, d));
      if (same) break;
    }
    const target = same ?? d;
    if (same) merge(same, d);
    else out.push(d);
    for (const k of [...target.vendors, ...target.financiers].map((p) => `${target.country}\u0000${p}`)) {
      const list = byKey.get(k) ?? [];
      if (!list.includes(target)) list.push(target);
      byKey.set(k, list);
    }
  }
  return out;
}

export { within };
export type { OrgMention };
export { roleOf, resolveCurrency, categoryOf };
