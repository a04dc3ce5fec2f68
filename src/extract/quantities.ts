// Counted things a deal delivers ("600 cameras", "4.300 cámaras", "dos satélites", "10 millones de
// usuarios"): one regex built from data/extraction/units.json, then a few checks that regexes do badly.
import { z } from "zod";
import { dataFile } from "./data-file.js";
import type { Lang, QuantityMention } from "./types.js";


type VocabLang = "en" | "es" | "pt";
const VOCAB_LANGS: readonly VocabLang[] = ["en", "es", "pt"];

const PerLang = <T extends z.ZodType>(t: T) => z.object({ en: t, es: t, pt: t });
const UnitsFile = z.object({
  units: z.record(z.string().regex(/^[a-z]+$/), PerLang(z.array(z.string().min(1)))),
  numberWords: PerLang(z.record(z.string().min(1), z.number().int().min(1).max(12))),
  articles: PerLang(z.array(z.string().min(1))),
  multipliers: PerLang(z.record(z.string().min(1), z.object({ value: z.number().positive(), standalone: z.boolean().optional() }))),
  unitLinkers: z.array(z.string().min(1)),
  breakWords: PerLang(z.array(z.string().min(1))),
  moneyBefore: z.array(z.string().min(1)),
});
type UnitsFile = z.infer<typeof UnitsFile>;

interface Matcher {
  re: RegExp;
  unitKey: Map<string, string>;
  words: Map<string, number>;
  articles: Set<string>;
  multipliers: Map<string, number>;
  /** Which separator is the decimal one when a multiplier follows ("1.5 million" vs "1,5 millones"). */
  decimalSep: "." | "," | null;
  moneyBefore: RegExp;
  /** Any unit noun, as a cheap first test. */
  anyUnit: RegExp;
}

const matchers = new Map<Lang, Matcher>();

function loadUnits(): UnitsFile {
  return dataFile("extraction/units.json", UnitsFile);
}

const escapeRe = (s: string): string => s.replace(/[.*+?^${}()|[\]\\/]/g, "\\$&");
/** Lower case, one space: the key under which a matched phrase is looked up. */
const norm = (s: string): string => s.toLowerCase().replace(/[\s\u00a0]+/g, " ");
/** Longest first, so an alternation prefers "estaciones base" over "estaciones"; spaces match any run. */
const alternation = (items: Iterable<string>): string =>
  [...new Set([...items].map(norm))]
    .sort((a, b) => b.length - a.length)
    .map((w) => escapeRe(w).replace(/ /g, "[\\s\\u00a0]+"))
    .join("|");

function matcherFor(lang: Lang): Matcher {
  const cached = matchers.get(lang);
  if (cached) return cached;
  const data = loadUnits();
  // Number words and articles are language-specific (Spanish "a" is a preposition); unit nouns are
  // matched in every language because articles quote figures across languages.
  const langs: readonly VocabLang[] = lang === "en" || lang === "es" || lang === "pt" ? [lang] : VOCAB_LANGS;
  const useArticles = langs.length === 1;

  const unitKey = new Map<string, string>();
  for (const [key, perLang] of Object.entries(data.units)) {
    for (const l of VOCAB_LANGS) for (const u of perLang[l]) unitKey.set(norm(u), key);
  }
  const words = new Map<string, number>();
  const articles = new Set<string>();
  const multipliers = new Map<string, number>();
  const standalone: string[] = [];
  const breaks = new Set<string>();
  for (const l of langs) {
    for (const [w, v] of Object.entries(data.numberWords[l])) words.set(norm(w), v);
    if (useArticles) for (const a of data.articles[l]) articles.add(norm(a));
    for (const [m, spec] of Object.entries(data.multipliers[l])) {
      multipliers.set(norm(m), spec.value);
      if (spec.standalone) standalone.push(m);
    }
    for (const b of data.breakWords[l]) breaks.add(b);
  }
  // Multipliers of every language scale digits ("1 million" in a Spanish text is still a million).
  for (const l of VOCAB_LANGS) for (const [m, spec] of Object.entries(data.multipliers[l])) multipliers.set(norm(m), spec.value);

  const S = "[\\s\\u00a0]";
  const NUM = "\\d{1,3}(?:[.,]\\d{3})+(?:[.,]\\d+)?|\\d+(?:[.,]\\d+)?";
  const WORDS = alternation([...words.keys(), ...articles, ...standalone]);
  const MULTS = alternation(multipliers.keys());
  const LINK = alternation(data.unitLinkers);
  const BREAK = alternation(breaks);
  const UNITS = alternation(unitKey.keys());
  const re = new RegExp(
    // Not inside a word or a longer number ("1.2" in "11.2", "600" in "A600").
    `(?<![\\p{L}\\p{N}_]|\\p{N}[.,])` +
      `(?:(?<num>${NUM})|(?<word>${WORDS})(?![\\p{L}\\p{N}]))` +
      `(?:${S}+(?<mult>${MULTS})(?![\\p{L}])(?:${S}+(?:${LINK})(?=${S}))?)?` +
      // "9,600-kilometer" joins with a hyphen; everything else with spaces.
      `(?:${S}*[-\\u2010\\u2011]${S}*|${S}+)` +
      // Up to two words between ("600 facial recognition cameras"), but never across a break word.
      `(?<gap>(?:(?!(?:${BREAK})(?![\\p{L}]))(?:\\p{L}|\\d\\p{Lu})[\\p{L}\\p{M}'\\u2019-]*${S}+){0,2}?)` +
      `(?<unit>${UNITS})(?![\\p{L}\\p{N}])`,
    "giu",
  );
  const decimalSep = lang === "en" ? "." : lang === "es" || lang === "pt" ? "," : null;
  const moneyBefore = new RegExp(`(?:${alternation(data.moneyBefore)})${S}?$`, "i");
  // A text with no unit noun holds no quantity: one plain test spares the full pattern.
  const anyUnit = new RegExp(`(?<![\\p{L}])(?:${UNITS})(?![\\p{L}\\p{N}])`, "iu");
  const m: Matcher = { re, unitKey, words, articles, multipliers, decimalSep, moneyBefore, anyUnit };
  matchers.set(lang, m);
  return m;
}

/**
 * Reads "4.300", "4,000", "1.5", "1,5" and "1.234.567,8". Groups of exactly three digits after a
 * separator are thousands in every language ("2.100 câmeras", "22,800 km"); otherwise the last
 * separator is the decimal point, and with a multiplier the language decides ("1.200 millones").
 */
function parseNumber(raw: string, decimalSep: "." | "," | null, multiplied: boolean): number {
  if (/^\d+$/.test(raw)) return Number(raw);
  const grouped = /^\d{1,3}([.,])\d{3}(?:\1\d{3})*$/.exec(raw);
  if (grouped) {
    const sep = grouped[1];
    // "1.500 million" in English is 1.5 million; "1.500 millones" in Spanish is 1,500 million.
    if (multiplied && decimalSep === sep && !raw.slice(raw.indexOf(sep) + 1).includes(sep)) {
      return Number(raw.replace(",", "."));
    }
    return Number(raw.replace(/[.,]/g, ""));
  }
  const last = Math.max(raw.lastIndexOf("."), raw.lastIndexOf(","));
  const intPart = raw.slice(0, last).replace(/[.,]/g, "");
  return Number(`${intPart}.${raw.slice(last + 1)}`);
}

/**
 * Counted things in `text`, each with the offsets of number + unit noun.
 *
 * @example findQuantities("instaló 4.300 cámaras y dos satélites", "es")
 *   // → [{ key: "cameras", value: 4300, text: "4.300 cámaras", … }, { key: "satellites", value: 2, … }]
 */
export function findQuantities(text: string, lang: Lang): QuantityMention[] {
  const m = matcherFor(lang);
  if (!m.anyUnit.test(text)) return [];
  const out: QuantityMention[] = [];
  const re = m.re;
  re.lastIndex = 0; // the cached regex is global; the loop below runs synchronously to the end
  for (let hit = re.exec(text); hit; hit = re.exec(text)) {
    const g = hit.groups ?? {};
    const unit = g.unit;
    if (unit === undefined) continue;
    const key = m.unitKey.get(norm(unit));
    if (key === undefined) continue;
    const gapWords = g.gap ? g.gap.trim().split(/[\s\u00a0]+/).length : 0;
    const mult = g.mult !== undefined ? m.multipliers.get(norm(g.mult)) : undefined;
    let value: number;
    if (g.num !== undefined) {
      // Money is not a count: "$600 cameras" never happens, "US$ 600 millones" often does.
      if (m.moneyBefore.test(text.slice(Math.max(0, hit.index - 5), hit.index))) continue;
      // "in 2019 Huawei cameras": a bare year before a gap is a date, not a count.
      if (/^(?:19|20)\d\d$/.test(g.num) && gapWords > 0 && mult === undefined) continue;
      value = parseNumber(g.num, m.decimalSep, mult !== undefined);
    } else {
      const w = norm(g.word ?? "");
      if (m.articles.has(w)) {
        // "a satellite", "a new satellite" are one; "a big new Chinese satellite" is too loose to count.
        if (gapWords > 1) continue;
        value = 1;
      } else {
        value = m.words.get(w) ?? m.multipliers.get(w) ?? NaN;
      }
    }
    if (mult !== undefined) value *= mult;
    if (!Number.isFinite(value) || value <= 0) continue;
    const end = hit.index + hit[0].length;
    out.push({ key, value: Math.round(value * 1000) / 1000, start: hit.index, end, text: hit[0] });
  }
  return out;
}
