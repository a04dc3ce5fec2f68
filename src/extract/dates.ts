// Dates and years in news text ("March 2019", "em setembro de 2018", "mid-2008", "el año pasado",
// "2019年3月"), and a document's own date from its header. chrono-node reads full dates; small
// parsers added to chrono from data/extraction/dates.json cover what its locales miss.
import * as chrono from "chrono-node";
import { dataFile } from "./data-file.js";
import type { ParsedResult, Parser, ParsingContext, ParsingReference } from "chrono-node";
import { z } from "zod";
import type { DateMention, DocumentDate, Lang } from "./types.js";


type VocabLang = "en" | "es" | "pt" | "zh";

const LangVocab = z.object({
  months: z.array(z.object({ names: z.array(z.string().min(1)), abbreviations: z.array(z.string().min(1)) })),
  monthCapitalized: z.boolean(),
  monthYearLinkers: z.array(z.string().min(1)),
  periods: z.array(z.string().min(1)),
  monthPrepositions: z.array(z.string().min(1)),
  relative: z.array(z.object({ text: z.string().min(1), unit: z.enum(["year", "month"]), offset: z.number().int() })),
  yearContext: z.array(z.string().min(1)),
  notYearAfter: z.array(z.string().min(1)),
  headerCues: z.array(z.string().min(1)),
  durationCues: z.array(z.string().min(1)),
  cjkMarkers: z.object({ year: z.string().min(1), month: z.string().min(1), day: z.array(z.string().min(1)) }).optional(),
});
const DatesFile = z.object({
  bareYearRange: z.tuple([z.number().int(), z.number().int()]),
  explicitYearRange: z.tuple([z.number().int(), z.number().int()]),
  languages: z.object({ en: LangVocab, es: LangVocab, pt: LangVocab, zh: LangVocab }),
});
type DatesFile = z.infer<typeof DatesFile>;

/** Callers pass sentences; longer input is cut into pieces of about this size so time stays linear. */
const CHUNK = 5000;
/** Where a document's own date may be: its header and dateline, never the body. */
const HEADER_WINDOW = 1500;

const escapeRe = (s: string): string => s.replace(/[.*+?^${}()|[\]\\/]/g, "\\$&");
const alternation = (items: Iterable<string>): string =>
  [...new Set([...items].map((w) => w.toLowerCase()))]
    .sort((a, b) => b.length - a.length)
    .map((w) => escapeRe(w).replace(/ /g, "\\s+"))
    .join("|");
/** A run of digits or letters may not continue across the edge of a match. */
const NOT_WORD_BEFORE = "(?<![\\p{L}\\p{N}])";
const NOT_WORD_AFTER = "(?![\\p{L}\\p{N}])";

/** The vocabularies of one chrono instance, folded for lookups. */
interface Vocab {
  monthOf: Map<string, { month: number; abbreviation: boolean }>;
  capitalized: boolean;
  yearContext: RegExp;
  notYearAfter: RegExp;
  monthPreposition: RegExp;
  bareYears: readonly [number, number];
  explicitYears: readonly [number, number];
}

const parsers = new Map<Lang, chrono.Chrono>();
let durationCue: RegExp | null = null;

/** "for five years", "eight days after": chrono reads them as dates, but they are spans of time. */
function isDuration(text: string): boolean {
  durationCue ??= new RegExp(
    `(?:^|[^\\p{L}])(?:${alternation(Object.values(loadData().languages).flatMap((l) => l.durationCues))})(?![\\p{L}])`,
    "iu",
  );
  return durationCue.test(text);
}

function loadData(): DatesFile {
  return dataFile("extraction/dates.json", DatesFile);
}

/** Which vocabularies a text in `lang` is read with; Chinese forms are unambiguous, so always on. */
function vocabLangs(lang: Lang): VocabLang[] {
  switch (lang) {
    case "en":
    case "es":
    case "pt":
      return [lang, "zh"];
    case "zh":
      return ["zh", "en"];
    default:
      return ["en", "es", "pt", "zh"];
  }
}

const REL_TAG = "dsr/relative";
const relTag = (unit: "year" | "month", offset: number): string => `${REL_TAG}:${unit}:${offset}`;

function inRange(y: number, [lo, hi]: readonly [number, number]): boolean {
  return y >= lo && y <= hi;
}

/** Parsers for what chrono's locales miss; each reads only the vocabularies given. */
function customParsers(data: DatesFile, langs: VocabLang[]): Parser[] {
  const vocab = vocabFor(data, langs);
  return parsersFor(data, langs, vocab);
}

const vocabs = new Map<string, Vocab>();

function vocabFor(data: DatesFile, langs: VocabLang[]): Vocab {
  const key = langs.join(",");
  const cached = vocabs.get(key);
  if (cached) return cached;
  const v = langs.map((l) => data.languages[l]);
  const monthOf = new Map<string, { month: number; abbreviation: boolean }>();
  for (const lv of v) {
    lv.months.forEach((m, i) => {
      for (const n of m.names) monthOf.set(n.toLowerCase(), { month: i + 1, abbreviation: false });
      for (const a of m.abbreviations) if (!monthOf.has(a.toLowerCase())) monthOf.set(a.toLowerCase(), { month: i + 1, abbreviation: true });
    });
  }
  const words = (pick: (lv: z.infer<typeof LangVocab>) => string[]): string[] => v.flatMap(pick);
  const vocab: Vocab = {
    monthOf,
    // Only English capitalises months, so "may" the verb is not May; a mixed reading keeps the rule.
    capitalized: v.some((lv) => lv.monthCapitalized),
    yearContext: new RegExp(`(?:^|[^\\p{L}])(?:${alternation(words((lv) => lv.yearContext))})[\\s-]*$`, "iu"),
    // Counts and amounts look the same in every language, so all vocabularies veto a year here.
    notYearAfter: new RegExp(`^\\s*(?:${alternation(Object.values(data.languages).flatMap((lv) => lv.notYearAfter))})(?![\\p{L}])|^\\s*%`, "iu"),
    monthPreposition: new RegExp(`(?:^|[^\\p{L}])(?:${alternation(words((lv) => lv.monthPrepositions))})\\s+$`, "iu"),
    bareYears: data.bareYearRange,
    explicitYears: data.explicitYearRange,
  };
  vocabs.set(key, vocab);
  return vocab;
}

function parsersFor(data: DatesFile, langs: VocabLang[], vocab: Vocab): Parser[] {
  const v = langs.map((l) => data.languages[l]);
  const words = (pick: (lv: z.infer<typeof LangVocab>) => string[]): string[] => v.flatMap(pick);
  const monthOf = vocab.monthOf;
  const out: Parser[] = [];

  const periods = words((lv) => lv.periods);
  const PERIOD = periods.length ? `(?<period>${alternation(periods)})[\\s\\-\\u2010\\u2013]*` : "(?<period>(?!))";
  const linkers = words((lv) => lv.monthYearLinkers).filter((l) => l !== ",");
  const LINK = `(?:\\s*,\\s*|\\s+(?:(?:${linkers.length ? alternation(linkers) : "(?!)"})\\s+)?)`;

  if (monthOf.size > 0) {
    // "setembro de 2018", "Jan. 2009", "finales de marzo de 2019", "in March", "em setembro".
    const MONTH = `(?<month>${alternation(monthOf.keys())})(?<dot>\\.)?`;
    const re = new RegExp(`${NOT_WORD_BEFORE}(?:${PERIOD})?${MONTH}(?![\\p{L}])(?:${LINK}(?<year>\\d{4})${NOT_WORD_AFTER})?`, "iu");
    out.push({
      pattern: () => re,
      extract: (ctx: ParsingContext, m: RegExpMatchArray) => {
        const g = m.groups ?? {};
        const rawMonth = g.month ?? "";
        const spec = monthOf.get(rawMonth.toLowerCase());
        if (!spec) return null;
        const index = m.index ?? 0;
        if (g.year !== undefined) {
          const year = Number(g.year);
          if (!inRange(year, vocab.explicitYears)) return null;
          return ctx.createParsingComponents({ year, month: spec.month }).imply("day", 1);
        }
        // A month alone is a date only after a preposition or a period word, written in full.
        if (spec.abbreviation) return null;
        if (vocab.capitalized && !/^\p{Lu}/u.test(rawMonth) && g.period === undefined) return null;
        if (g.period === undefined && !vocab.monthPreposition.test(ctx.text.slice(Math.max(0, index - 20), index))) return null;
        // Drop the trailing abbreviation dot when the month was written in full ("in March.").
        const text = g.dot !== undefined && !spec.abbreviation ? m[0].slice(0, -1) : m[0];
        return ctx.createParsingResult(index, text, ctx.createParsingComponents({ month: spec.month }).imply("day", 1));
      },
    });
  }

  if (periods.length) {
    // "mid-2008", "late 2019", "finales de 2019", "meados de 2018": year precision, period kept in the text.
    const re = new RegExp(`${NOT_WORD_BEFORE}${PERIOD}(?<year>\\d{4})${NOT_WORD_AFTER}`, "iu");
    out.push({
      pattern: () => re,
      extract: (ctx: ParsingContext, m: RegExpMatchArray) => {
        const year = Number(m.groups?.year);
        if (!inRange(year, vocab.explicitYears)) return null;
        return ctx.createParsingComponents({ year }).imply("month", 1).imply("day", 1);
      },
    });
  }

  const relatives = v.flatMap((lv) => lv.relative);
  if (relatives.length) {
    const byText = new Map(relatives.map((r) => [r.text.toLowerCase(), r]));
    // Han phrases ("去年") sit between other Han letters, so they get no word-edge checks.
    const han = [...byText.keys()].filter((t) => /\p{Script=Han}/u.test(t));
    const latin = [...byText.keys()].filter((t) => !/\p{Script=Han}/u.test(t));
    const parts = [];
    if (latin.length) parts.push(`${NOT_WORD_BEFORE}(?:${alternation(latin)})${NOT_WORD_AFTER}`);
    if (han.length) parts.push(`(?:${alternation(han)})`);
    const re = new RegExp(parts.join("|"), "iu");
    out.push({
      pattern: () => re,
      extract: (ctx: ParsingContext, m: RegExpMatchArray) => {
        const r = byText.get(m[0].toLowerCase().replace(/\s+/g, " "));
        if (!r) return null;
        // Certain values (ignored later: the tag decides) keep chrono's date+time refiners from
        // gluing this phrase to a neighbouring date.
        const ref = ctx.reference.instant;
        const n = ref.getUTCFullYear() * 12 + ref.getUTCMonth() + (r.unit === "month" ? r.offset : r.offset * 12);
        const c = ctx.createParsingComponents({ year: Math.floor(n / 12) });
        if (r.unit === "month") c.assign("month", (n % 12) + 1);
        return c.addTag(relTag(r.unit, r.offset));
      },
    });
  }

  const cjk = v.map((lv) => lv.cjkMarkers).find((c) => c !== undefined);
  if (cjk) {
    // "2019年3月5日", "2019年", "3月": Arabic digits with the Han markers.
    const Y = escapeRe(cjk.year);
    const M = escapeRe(cjk.month);
    const D = `[${cjk.day.map(escapeRe).join("")}]`;
    const re = new RegExp(
      `(?<!\\d)(?:(?<y>\\d{4})\\s*${Y}(?:\\s*(?<m>\\d{1,2})\\s*${M}(?:\\s*(?<d>\\d{1,2})\\s*${D})?)?|(?<om>\\d{1,2})\\s*${M}(?:\\s*(?<od>\\d{1,2})\\s*${D})?)`,
      "u",
    );
    out.push({
      pattern: () => re,
      extract: (ctx: ParsingContext, m: RegExpMatchArray) => {
        const g = m.groups ?? {};
        const month = Number(g.m ?? g.om ?? NaN);
        const day = Number(g.d ?? g.od ?? NaN);
        if (g.y !== undefined) {
          const year = Number(g.y);
          if (!inRange(year, vocab.explicitYears)) return null;
          const c = ctx.createParsingComponents({ year });
          if (month >= 1 && month <= 12) c.assign("month", month);
          else if (g.m !== undefined) return null;
          if (day >= 1 && day <= 31) c.assign("day", day);
          return c.imply("month", 1).imply("day", 1);
        }
        if (!(month >= 1 && month <= 12)) return null;
        const c = ctx.createParsingComponents({ month });
        if (day >= 1 && day <= 31) c.assign("day", day);
        return c.imply("day", 1);
      },
    });
  }

  // Bare years: "in 2017", "2019-2020". The checks look at the whole text (ctx.text), because chrono
  // runs the regex on the remainder after the previous match, where a lookbehind sees nothing.
  const yearRe = new RegExp(`${NOT_WORD_BEFORE}(?<year>(?:19|20)\\d\\d)(?!\\p{N})`, "u");
  out.push({
    pattern: () => yearRe,
    extract: (ctx: ParsingContext, m: RegExpMatchArray) => {
      const index = m.index ?? 0;
      const year = Number(m.groups?.year);
      return looksLikeYear(ctx.text, index, year, vocab) ? ctx.createParsingComponents({ year }).imply("month", 1).imply("day", 1) : null;
    },
  });
  return out;
}

const CURRENCY_BEFORE = /(?:[$€£¥₹#№+@/\\]|US\$|R\$|USD|EUR|BRL|RMB|CNY|MXN|ARS)\s?$/iu;
const YEAR_RANGE_BEFORE = /(?<![\p{N}.,])(\d{4})\s*[-\u2013\u2014/]\s*$/u;
const YEAR_RANGE_AFTER = /^\s*[-\u2013\u2014/]\s*(\d{4})(?![\p{N}]|[.,]\p{N}|\s*[-\u2013]\s*\p{N})/u;

/** Whether the 4 digits at `index` read as a year and not as a count, an amount or part of a number. */
function looksLikeYear(text: string, index: number, year: number, vocab: Vocab): boolean {
  if (!inRange(year, vocab.bareYears)) return false;
  const before = text.slice(Math.max(0, index - 24), index);
  const after = text.slice(index + 4, index + 40);
  if (/[\p{L}\p{N}_]$|\p{N}[.,:]$/u.test(before) || CURRENCY_BEFORE.test(before)) return false;
  if (/^(?:[.,:]\p{N}|\p{N}|\s?%|[\p{L}])/u.test(after)) return false;
  if (vocab.notYearAfter.test(after)) return false;
  // International phone numbers ("+54 11 2019 4455").
  if (/\+\s?\d[\d\s().-]*$/.test(before)) return false;
  // A digit group joined by a dash or dot: a range of years ("2019-2020") or something else ("555-2019").
  if (/\p{N}\s*[-\u2013\u2014.]\s*$/u.test(before)) {
    const prev = YEAR_RANGE_BEFORE.exec(before);
    if (!prev || !inRange(Number(prev[1]), vocab.bareYears) || /\p{N}[\s.-]+\d{4}\s*[-\u2013\u2014/]\s*$/u.test(before)) return false;
  }
  if (/^\s*[-\u2013\u2014.]\s*\p{N}/u.test(after)) {
    const next = YEAR_RANGE_AFTER.exec(after);
    // "2019-20" is a fiscal-year style range; the first part is still a year.
    if (!(next && inRange(Number(next[1]), vocab.bareYears)) && !/^[-\u2013]\d{2}(?![\p{N}])/u.test(after)) return false;
  }
  // Digit groups on both sides ("11 2019 4455") read as a phone number or a table row.
  if (/\p{N}[\s)]$/u.test(before) && /^\s\p{N}/u.test(after)) return false;
  // A number right after ("2019 600 cameras") needs a year word before ("in 2019 600 cameras").
  if (/^\s\p{N}/u.test(after) && !vocab.yearContext.test(before)) return false;
  return true;
}

export function chronoFor(lang: Lang): chrono.Chrono {
  const cached = parsers.get(lang);
  if (cached) return cached;
  // English "casual" costs ~1.7 ms a sentence (its refiners); "strict" plus the parsers below reads the
  // same news dates at a tenth of that. Spanish and Portuguese casual are cheap.
  const base = lang === "es" ? chrono.es.casual : lang === "pt" ? chrono.pt.casual : chrono.en.strict;
  const c = base.clone();
  // Ranges stay two mentions ("2019-2020"); bare years are judged by looksLikeYear, not by chrono's
  // "all digits is unlikely" filter. Refiners are plain classes, so their names are stable.
  // "March, last year" stays two mentions too: each is resolved against the document date on its own.
  // Times of day, time zones and weekdays say nothing about a deal's year, and their refiners are
  // most of chrono's cost: only overlap removal and year suffixes ("2019 AD") are kept.
  c.refiners = c.refiners.filter((r) => /^OverlapRemovalRefiner$|YearSuffix/.test(r.constructor.name));
  // "2017, Sept. 2018" would read as "2017, Sept" (year before month), an order news text does not use.
  c.parsers = c.parsers.filter((p) => p.constructor.name !== "ENYearMonthNameParser");
  // First in the list, so on an exact tie of spans the vocabulary in data/ decides.
  c.parsers.unshift(...customParsers(loadData(), vocabLangs(lang)));
  parsers.set(lang, c);
  return c;
}

/** The reference chrono reads relative words against; mid-period when the document is less precise. */
function referenceOf(doc: DocumentDate | null): ParsingReference {
  const year = doc?.year ?? 2000;
  const month = doc?.month ?? 7;
  const day = doc?.day ?? 15;
  return { instant: new Date(Date.UTC(year, month - 1, day, 12)), timezone: 0 };
}

/** Cuts long text at whitespace (a line break if one is near) so each chrono run is bounded. */
function* chunks(text: string): Generator<{ offset: number; text: string }> {
  let start = 0;
  while (start < text.length) {
    let end = Math.min(text.length, start + CHUNK);
    if (end < text.length) {
      const window = text.slice(start + CHUNK / 2, end);
      const nl = window.lastIndexOf("\n");
      const sp = window.search(/\s\S*$/);
      const cut = nl >= 0 ? nl : sp;
      if (cut >= 0) end = start + CHUNK / 2 + cut + 1;
    }
    yield { offset: start, text: text.slice(start, end) };
    start = end;
  }
}

/** Whether the result names its own year in digits ("2019", "'19"), rather than reading it from the reference. */
function namesYear(text: string, year: number): boolean {
  for (const d of text.match(/\d+/g) ?? []) {
    if (Number(d) === year || (d.length === 2 && Number(d) === year % 100)) return true;
  }
  return false;
}

const NUMERIC_DATE = /^(\d{1,2})[/.-](\d{1,2})(?:[/.-](\d{2}|\d{4}))?$/;

/** Turns one chrono result into a mention, or null for times, weekdays and noise. */
function toMention(r: ParsedResult, offset: number, doc: DocumentDate | null): DateMention | null {
  // chrono keeps trailing punctuation ("March,"); the span should end at the date.
  const text = r.text.replace(/[\s,;:]+$/u, "");
  if (!text) return null;
  const start = offset + r.index;
  const span = { start, end: start + text.length, text };
  const c = r.start;
  const tags = c.tags();
  for (const t of tags) {
    if (!t.startsWith(`${REL_TAG}:`)) continue;
    const [, unit, off] = t.split(":");
    return { ...span, ...resolveRelative(unit === "month" ? "month" : "year", Number(off), doc), relative: true };
  }
  if (tags.has("casualReference/now")) return null;
  const numeric = NUMERIC_DATE.exec(text);
  // "1.5", "24/7": chrono's slash dates without a year are fractions and decimals far more often.
  if (numeric && numeric[3] === undefined) return null;
  const year = c.get("year");
  if (c.isCertain("year") && year !== null && namesYear(text, year)) {
    let month = c.isCertain("month") ? c.get("month") : null;
    let day = c.isCertain("day") ? c.get("day") : null;
    // "05/07/2019" is May or July depending on the writer; keep only the year.
    if (numeric && Number(numeric[1]) <= 12 && Number(numeric[2]) <= 12 && numeric[1] !== numeric[2]) month = day = null;
    return { ...span, year, month, day, relative: false };
  }
  const chronoRelative = tags.has("result/relativeDate") || [...tags].some((t) => t.startsWith("casualReference/"));
  if (c.isCertain("month") && !chronoRelative) {
    // A month without a year: the document's year, or the year before for a month still to come.
    const month = c.get("month");
    const day = c.isCertain("day") ? c.get("day") : null;
    const y = doc === null ? null : doc.month !== null && month !== null && month > doc.month ? doc.year - 1 : doc.year;
    return { ...span, year: y, month, day, relative: true };
  }
  if (chronoRelative || c.isCertain("year") || c.isCertain("day")) {
    // chrono's own relative forms ("3 years ago", "yesterday"), only as precise as the document date.
    if (isDuration(text)) return null;
    if (doc === null) return { ...span, year: null, month: null, day: null, relative: true };
    return {
      ...span,
      year: c.get("year"),
      month: c.isCertain("month") && doc.month !== null ? c.get("month") : null,
      day: c.isCertain("day") && doc.day !== null ? c.get("day") : null,
      relative: true,
    };
  }
  return null;
}

function resolveRelative(unit: "year" | "month", offset: number, doc: DocumentDate | null): Pick<DateMention, "year" | "month" | "day"> {
  if (doc === null) return { year: null, month: null, day: null };
  if (unit === "year") return { year: doc.year + offset, month: null, day: null };
  if (doc.month === null) return { year: offset === 0 ? doc.year : null, month: null, day: null };
  const n = doc.year * 12 + (doc.month - 1) + offset;
  return { year: Math.floor(n / 12), month: (n % 12) + 1, day: null };
}

/**
 * Four-digit years only ("in 2017", "mid-2008", "2019-2020"), by the same checks as findDates but
 * without chrono: the cheap first look for a deal's year. Relative and month-only forms need findDates.
 */
export function findYears(text: string, lang: Lang): DateMention[] {
  const vocab = vocabFor(loadData(), vocabLangs(lang));
  const out: DateMention[] = [];
  const re = /(?<![\p{L}\p{N}])(?:19|20)\d\d(?!\p{N})/gu;
  let m: RegExpExecArray | null;
  while ((m = re.exec(text)) !== null) {
    const year = Number(m[0]);
    if (looksLikeYear(text, m.index, year, vocab)) out.push({ start: m.index, end: m.index + 4, year, month: null, day: null, relative: false, text: m[0] });
  }
  return out;
}

const fullDateRes = new Map<string, { re: RegExp; months: Map<string, number> }>();

/**
 * Full dates only — "July 5, 2019", "5 July 2019", "5 de julio de 2019", "2019-07-05", "2019年7月5日" —
 * by one regex per language: a dateline needs no more, and chrono over every header costs more
 * than the rest of extraction.
 */
function fullDates(text: string, lang: "en" | "es" | "pt"): DateMention[] {
  let built = fullDateRes.get(lang);
  if (!built) {
    const months = new Map<string, number>();
    loadData().languages[lang].months.forEach((m, i) => {
      for (const n of [...m.names, ...m.abbreviations]) months.set(n.toLowerCase(), i + 1);
    });
    const M = alternation([...months.keys()]);
    const Y = "(?<y>(?:19|20)\\d\\d)(?!\\p{N})";
    const re = new RegExp(
      [
        `(?<![\\p{L}])(?<m1>${M})\\.?\\s+(?<d1>\\d{1,2})(?:st|nd|rd|th)?,?\\s+${Y.replace("<y>", "<y1>")}`,
        `(?<![\\p{N}])(?<d2>\\d{1,2})(?:st|nd|rd|th|º|°)?\\s+(?:de\\s+)?(?<m2>${M})\\.?,?\\s+(?:de\\s+|del\\s+)?${Y.replace("<y>", "<y2>")}`,
        `(?<![\\p{N}])(?<y3>(?:19|20)\\d\\d)-(?<m3>\\d\\d)-(?<d3>\\d\\d)(?!\\p{N})`,
        `(?<y4>(?:19|20)\\d\\d)年(?<m4>\\d{1,2})月(?<d4>\\d{1,2})日`,
        // Day first, as Spanish and Portuguese write it ("14/11/2023"); English order is ambiguous.
        ...(lang === "en" ? [] : [`(?<![\\p{N}/.])(?<d5>\\d{1,2})[/.](?<m5>\\d{1,2})[/.](?<y5>(?:19|20)\\d\\d)(?![\\p{N}])`]),
      ].join("|"),
      "giu",
    );
    built = { re, months };
    fullDateRes.set(lang, built);
  }
  const out: DateMention[] = [];
  const { re, months } = built;
  re.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = re.exec(text)) !== null) {
    const g = m.groups ?? {};
    const year = Number(g.y1 ?? g.y2 ?? g.y3 ?? g.y4 ?? g.y5);
    const monthWord = (g.m1 ?? g.m2)?.toLowerCase();
    const month = monthWord !== undefined ? (months.get(monthWord) ?? NaN) : Number(g.m3 ?? g.m4 ?? g.m5);
    const day = Number(g.d1 ?? g.d2 ?? g.d3 ?? g.d4 ?? g.d5);
    if (month >= 1 && month <= 12 && day >= 1 && day <= 31) {
      out.push({ start: m.index, end: m.index + m[0].length, year, month, day, relative: false, text: m[0] });
    }
  }
  return out;
}

let headerCues: RegExp | undefined;
let dateWords: RegExp | undefined;

/** A digit, a CJK date sign, or a month or relative word of any language. */
function mayHoldDate(text: string): boolean {
  return /[\d年月]/.test(text) || hasDateWords(text);
}

/**
 * A month or relative word ("March", "el año pasado") or a CJK date sign: what a text needs, once
 * its four-digit years are read (findYears), for findDates to find anything more.
 */
export function hasDateWords(text: string): boolean {
  if (/[年月]/.test(text)) return true;
  if (!dateWords) {
    // Full month names anywhere; abbreviations ("set", "out", "mar", "ago" are also words) only
    // before a dot or a number; relative phrases by their last word ("pasado", "year", "passado").
    const names = new Set<string>();
    const abbreviations = new Set<string>();
    for (const l of Object.values(loadData().languages)) {
      for (const m of l.months) {
        for (const w of m.names) names.add(w);
        for (const w of m.abbreviations) abbreviations.add(w);
      }
      for (const r of l.relative) names.add(r.text.split(/\s+/).at(-1) ?? r.text);
    }
    dateWords = new RegExp(
      `(?<![\\p{L}])(?:(?:${alternation([...names])})(?![\\p{L}])|(?:${alternation([...abbreviations])})(?:\\.|\\s*\\d))`,
      "iu",
    );
  }
  return dateWords.test(text);
}

/**
 * Dates and years in `text`, each with its span; month-only and relative forms are read against
 * `documentDate` (year null without one).
 *
 * @example findDates("Firmado em setembro de 2018; no ano passado…", "pt", { year: 2020, month: 6, day: null })
 *   // → [{ text: "setembro de 2018", year: 2018, month: 9, … }, { text: "ano passado", year: 2019, relative: true, … }]
 */
export function findDates(text: string, lang: Lang, documentDate: DocumentDate | null): DateMention[] {
  // chrono is the costly part of extraction: a text with no digit and no month or relative word
  // has no date, so it is not parsed at all.
  if (!mayHoldDate(text)) return [];
  const parser = chronoFor(lang);
  const ref = referenceOf(documentDate);
  const out: DateMention[] = [];
  for (const chunk of chunks(text)) {
    // Most of a long input has no digit and no letter that could start a date: skip chrono there.
    if (!/[\p{N}\p{L}]/u.test(chunk.text)) continue;
    for (const r of parser.parse(chunk.text, ref, { forwardDate: false })) {
      const m = toMention(r, chunk.offset, documentDate);
      if (m) out.push(m);
    }
  }
  return out.sort((a, b) => a.start - b.start);
}

/**
 * The document's own date from its header or dateline: a full date (day, month, year) in the first
 * 1,500 characters that stands on a short line, opens a line, or follows a cue ("Published:",
 * "Actualizado"). Numeric day/month forms other than ISO are skipped as ambiguous.
 *
 * @example documentDateFromText("Updated 12 Mar 2021\nLima — …") // → { year: 2021, month: 3, day: 12, start: 8, end: 19 }
 */
export function documentDateFromText(
  text: string,
  langs: readonly ("en" | "es" | "pt")[] = ["en", "es", "pt"],
): (DocumentDate & { start: number; end: number }) | null {
  const head = text.slice(0, HEADER_WINDOW);
  // A full date has a year: without a four-digit number (or 年) in the header there is none.
  if (!/(?:^|\D)(?:19|20)\d\d(?:\D|$)|年/.test(head)) return null;
  const data = loadData();
  headerCues ??= new RegExp(
    `(?:^|[^\\p{L}])(?:${alternation(Object.values(data.languages).flatMap((l) => l.headerCues))})(?:\\s+(?:on|el|em|en|at))?\\s*[:：\\-–—|]?\\s*$`,
    "iu",
  );
  const cues = headerCues;
  const found: { start: number; end: number; year: number; month: number; day: number; score: number }[] = [];
  const seen = new Set<number>();
  // Only lines with a year can hold a full date; of a long line only its opening is a dateline.
  const pieces: { text: string; offset: number }[] = [];
  let lineStart = 0;
  while (lineStart < head.length) {
    const nl = head.indexOf("\n", lineStart);
    const lineEnd = nl < 0 ? head.length : nl;
    const line = head.slice(lineStart, lineEnd);
    if (/(?:^|\D)(?:19|20)\d\d(?:\D|$)|年/.test(line)) {
      pieces.push({ text: line.length <= 160 ? line : line.slice(0, 100), offset: lineStart });
    }
    lineStart = lineEnd + 1;
  }
  const mentions = (lang: "en" | "es" | "pt") =>
    pieces.flatMap((p) => fullDates(p.text, lang).map((m) => ({ ...m, start: m.start + p.offset, end: m.end + p.offset })));
  for (const lang of langs) {
    for (const m of mentions(lang)) {
      if (m.relative || m.year === null || m.month === null || m.day === null || seen.has(m.start)) continue;
      // Numeric day/month forms only with a "Published"-style cue in front.
      if (/^\d{1,2}[/.-]\d{1,2}[/.-]\d{2,4}$/.test(m.text) && !cues.test(head.slice(head.lastIndexOf("\n", m.start - 1) + 1, m.start))) continue;
      const lineStart = head.lastIndexOf("\n", m.start - 1) + 1;
      const nl = head.indexOf("\n", m.end);
      const lineEnd = nl < 0 ? head.length : nl;
      const before = head.slice(lineStart, m.start);
      const score = cues.test(before) ? 3 : lineEnd - lineStart <= 160 ? 2 : m.start - lineStart <= 40 ? 1 : 0;
      if (score === 0) continue; // a date inside a body paragraph is an event, not the document's date
      seen.add(m.start);
      found.push({ start: m.start, end: m.end, year: m.year, month: m.month, day: m.day, score });
    }
  }
  found.sort((a, b) => b.score - a.score || a.start - b.start);
  const best = found[0];
  return best ? { year: best.year, month: best.month, day: best.day, start: best.start, end: best.end } : null;
}
