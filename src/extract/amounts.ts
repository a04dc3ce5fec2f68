// Finds every sum of money in news text ("US$ 240 millones", "nearly $30 million", "1.2亿美元"),
// with its span, value, ISO 4217 currency and whether it was qualified ("casi", "more than").
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { z } from "zod";
import { InvalidDataError } from "../domain/errors.js";
import type { AmountMention, Lang } from "./types.js";

// How it stays linear: one global regex finds number tokens (digit runs, "un millón", "mil
// millones"); everything else is read around each token by sticky or end-anchored regexes over a
// bounded window, so no pattern can run away over the whole input. No quantifier in any pattern
// nests over an overlapping class, and every whitespace run is bounded.

const VOCABULARY_FILE = fileURLToPath(new URL("../../data/extraction/currencies.json", import.meta.url));

const Entry = z.object({ text: z.string().min(1), code: z.string().regex(/^[A-Z]{3}$/).nullable() });
const Vocabulary = z.object({
  numberFormat: z.object({ decimalComma: z.array(z.string()) }),
  symbols: z.object({
    entries: z.array(
      Entry.extend({
        byLang: z.record(z.string(), z.string().regex(/^[A-Z]{3}$/)).optional(),
        yieldsToWord: z.boolean().optional(),
        strict: z.boolean().optional(),
      }),
    ),
  }),
  codes: z.object({ entries: z.array(Entry) }),
  words: z.record(
    z.string(),
    z.union([z.string(), z.array(Entry.extend({ alsoBefore: z.boolean().optional(), value: z.number().positive().optional() }))]),
  ),
  multipliers: z.record(
    z.string(),
    z.union([
      z.string(),
      z.array(
        z.object({
          text: z.string().min(1),
          value: z.number().positive(),
          afterArticle: z.boolean().optional(),
          impliesOne: z.boolean().optional(),
          abbreviation: z.boolean().optional(),
        }),
      ),
    ]),
  ),
  articles: z.record(z.string(), z.union([z.string(), z.array(z.string().min(1))])),
  connectors: z.record(z.string(), z.union([z.string(), z.array(z.string().min(1))])),
  qualifiers: z.record(z.string(), z.union([z.string(), z.array(z.string().min(1))])),
  rangeJoiners: z.object({ entries: z.array(z.string().min(1)) }),
  percent: z.object({ entries: z.array(z.string().min(1)) }),
  spelledNumbers: z.record(z.string(), z.union([z.string(), z.array(z.string().min(1))])),
});
type Vocabulary = z.infer<typeof Vocabulary>;

interface Before {
  code: string | null;
  yieldsToWord: boolean;
  strict: boolean;
}
interface After {
  code: string | null;
  value: number | null;
}

interface Matcher {
  decimalComma: boolean;
  token: RegExp;
  /** Length of the longest sign or code written before a number. */
  beforeMaxLength: number;
  qualifier: RegExp;
  after: RegExp;
  range: RegExp;
  beforeCurrencies: Map<string, Before>;
  afterCurrencies: Map<string, After>;
  /** Scale word (folded) → its value: "millones" → 1e6, "亿" → 1e8. */
  multipliers: Map<string, number>;
  spelled: Set<string>;
}

// The language-keyed sections carry their own "source" string beside the lists.
function lists<T>(section: Record<string, string | T[]>): [string, T[]][] {
  return Object.entries(section).filter((e): e is [string, T[]] => Array.isArray(e[1]));
}

let vocabulary: Vocabulary | undefined;
const matchers = new Map<Lang, Matcher>();

function loadVocabulary(): Vocabulary {
  if (vocabulary) return vocabulary;
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(VOCABULARY_FILE, "utf8"));
  } catch (err) {
    throw new InvalidDataError(`${VOCABULARY_FILE}: cannot be read (${(err as Error).message})`, { cause: err });
  }
  const parsed = Vocabulary.safeParse(json);
  if (!parsed.success) throw new InvalidDataError(`${VOCABULARY_FILE}: ${z.prettifyError(parsed.error)}`);
  vocabulary = parsed.data;
  return vocabulary;
}

/** Lookup key of a matched word: case, accents and spacing folded, as the patterns match them. */
function fold(text: string): string {
  return text.normalize("NFD").replace(/\p{M}+/gu, "").toLowerCase().replace(/\s+/g, " ");
}

const LATIN = /[A-Za-z\u00C0-\u024F]/;
const LATIN_WORD_CHAR = /[A-Za-z\u00C0-\u024F0-9]/;

// One vocabulary entry as a pattern: escaped, accent-insensitive, any short run of spaces where the
// entry has one, and word boundaries on Latin-script ends only (Chinese has no spaces to bound).
// Case is folded here, per entry, rather than with the "i" flag: ISO codes must stay upper-case,
// or "World Cup 2019" and "5 pen drives" would read as Cuban pesos and soles.
function entryPattern(text: string, boundaries = true): string {
  const exactCase = /^[A-Z]{3}$/.test(text);
  let body = "";
  for (const ch of text) {
    if (/\s/.test(ch)) body += "\\s{1,3}";
    else if (/[\^$\\.*+?()[\]{}|/]/.test(ch)) body += `\\${ch}`;
    else {
      const base = ch.normalize("NFD").replace(/\p{M}+/gu, "");
      const forms = new Set([ch, base.length === 1 ? base : ch]);
      if (!exactCase) for (const f of [...forms]) forms.add(f.toLowerCase()).add(f.toUpperCase());
      const single = [...forms].filter((f) => f.length === 1);
      body += single.length > 1 ? `[${single.join("")}]` : ch;
    }
  }
  if (!boundaries) return body;
  const lead = LATIN.test(text.charAt(0)) ? "(?<![\\p{L}\\p{N}])" : "";
  const tail = LATIN.test(text.charAt(text.length - 1)) ? "(?![\\p{L}\\p{N}])" : "";
  return lead + body + tail;
}

// Longest first, so "mil millones" wins over "mil" and "US$" over "$" at the same position.
function alternation(texts: Iterable<string>, map: (t: string) => string = (t) => entryPattern(t)): string {
  const unique = [...new Set(texts)].sort((a, b) => b.length - a.length || (a < b ? -1 : 1));
  return unique.length === 0 ? "(?!)" : `(?:${unique.map(map).join("|")})`;
}

function buildMatcher(lang: Lang): Matcher {
  const v = loadVocabulary();
  // Other languages first, the text's own language last: where they disagree, its reading wins.
  const byPriority = <T>(section: Record<string, string | T[]>): T[] =>
    lists(section)
      .sort(([a], [b]) => (a === lang ? 1 : 0) - (b === lang ? 1 : 0))
      .flatMap(([, items]) => items);

  const beforeCurrencies = new Map<string, Before>();
  const afterCurrencies = new Map<string, After>();
  for (const s of v.symbols.entries) {
    beforeCurrencies.set(s.text, { code: s.byLang?.[lang] ?? s.code, yieldsToWord: s.yieldsToWord ?? false, strict: s.strict ?? false });
  }
  for (const c of v.codes.entries) {
    if (!beforeCurrencies.has(c.text)) beforeCurrencies.set(c.text, { code: c.code, yieldsToWord: false, strict: false });
    afterCurrencies.set(fold(c.text), { code: c.code, value: null });
  }
  const beforeTexts = [...v.symbols.entries.map((s) => s.text), ...v.codes.entries.map((c) => c.text)];
  const afterTexts = v.codes.entries.map((c) => c.text);
  for (const w of byPriority(v.words)) {
    afterCurrencies.set(fold(w.text), { code: w.code, value: w.value ?? null });
    afterTexts.push(w.text);
    if (w.alsoBefore) {
      beforeCurrencies.set(w.text, { code: w.code, yieldsToWord: false, strict: false });
      beforeTexts.push(w.text);
    }
  }

  const multipliers = new Map<string, number>();
  for (const m of byPriority(v.multipliers)) multipliers.set(fold(m.text), m.value);
  const multTexts = byPriority(v.multipliers).map((m) => m.text);
  const articleMults = byPriority(v.multipliers).filter((m) => m.afterArticle).map((m) => m.text);
  const impliedMults = byPriority(v.multipliers).filter((m) => m.impliesOne).map((m) => m.text);
  const articles = lists(v.articles).flatMap(([, a]) => a);
  const connectors = lists(v.connectors).flatMap(([, c]) => c);
  // A Latin-script qualifier needs a space before the amount; a sign (~) or a Chinese one does not.
  const qualifier = (q: string): string => entryPattern(q) + (LATIN.test(q.charAt(q.length - 1)) ? "\\s{1,3}" : "\\s{0,2}");
  const joiner = (j: string): string => (LATIN.test(j.charAt(0)) ? `\\s{1,2}${entryPattern(j)}\\s{1,2}` : `\\s{0,2}${entryPattern(j)}\\s{0,2}`);
  const spelled = new Set(lists(v.spelledNumbers).flatMap(([, words]) => words.map(fold)));

  const before = alternation(beforeTexts);
  // After a number a currency word may touch it ("30USD", "1.2亿美元"), so only letters bound it.
  const after = alternation(afterTexts, (t) => {
    const lead = LATIN.test(t.charAt(0)) ? "(?<![\\p{L}])" : "";
    return `${lead}${entryPattern(t, false)}${LATIN.test(t.charAt(t.length - 1)) ? "(?![\\p{L}\\p{N}])" : ""}`;
  });
  const mult = alternation(multTexts, (t) => `${entryPattern(t, false)}${LATIN.test(t.charAt(t.length - 1)) ? "(?![\\p{L}\\p{N}])" : ""}`);
  const NUMBER = "\\d+(?:[.,]\\d+)*";
  return {
    decimalComma: v.numberFormat.decimalComma.includes(lang),
    multipliers,
    beforeCurrencies,
    afterCurrencies,
    spelled,
    token: new RegExp(
      `(?<d>${NUMBER})|(?<![\\p{L}\\p{N}\\-])(?:(?<a>${alternation(articles)})\\s{1,3}(?<am>${alternation(articleMults)})|(?<im>${alternation(impliedMults)}))`,
      "gu",
    ),
    beforeMaxLength: Math.max(...beforeTexts.map((t) => t.length)),
    qualifier: new RegExp(`${alternation(lists(v.qualifiers).flatMap(([, q]) => q), qualifier)}$`, "u"),
    after: new RegExp(
      `\\s{0,2}(?<pct>${alternation(v.percent.entries)})|(?:[^\\S\\n]{0,2}-?[^\\S\\n]{0,2}(?<m>${mult}))?(?:\\s{0,3}(?<conn>${alternation(connectors)}\\s{1,3})?(?<c>${after}))?`,
      "uy",
    ),
    range: new RegExp(`(?:${alternation(v.rangeJoiners.entries, joiner)})\\\\?(?:${before}\\s{0,2})?(?<n>${NUMBER})`, "uy"),
  };
}

export function matcherFor(lang: Lang): Matcher {
  let m = matchers.get(lang);
  if (!m) {
    m = buildMatcher(lang);
    matchers.set(lang, m);
  }
  return m;
}

interface ParsedNumber {
  /** All digits, integer and fraction part, without separators. */
  digits: string;
  /** How many of them are after the decimal separator. */
  fraction: number;
  /** True when a separator is followed by a group of exactly three digits used as thousands. */
  grouped: boolean;
}

/** Reads "4.300", "1,5", "1.234,5", "1,234.5"; null when the run is no well-formed number ("1.1.1"). */
function parseNumber(run: string, decimalComma: boolean): ParsedNumber | null {
  const groups = run.split(/[.,]/);
  if (groups.length === 1) return { digits: run, fraction: 0, grouped: false };
  const seps = run.replace(/\d+/g, "");
  const thousands = (gs: string[]): boolean =>
    gs.length > 0 && (gs[0]?.length ?? 0) <= 3 && gs.slice(1).every((g) => g.length === 3);
  const last = seps.charAt(seps.length - 1);
  const lastGroup = groups[groups.length - 1] ?? "";
  const head = groups.slice(0, -1);
  if (seps.includes(".") && seps.includes(",")) {
    // Mixed: the last separator is the decimal one and appears once ("1.234,5", "1,234.5").
    if (seps.indexOf(last) !== seps.length - 1 || !thousands(head)) return null;
    return { digits: head.join("") + lastGroup, fraction: lastGroup.length, grouped: true };
  }
  const decimal = { digits: head.join("") + lastGroup, fraction: lastGroup.length, grouped: false };
  // A single dot is a decimal point in English and Chinese even before three digits ("1.125 billion").
  if (last === "." && !decimalComma && seps.length === 1) return decimal;
  if (thousands(groups)) return { digits: groups.join(""), fraction: 0, grouped: true };
  return seps.length === 1 ? decimal : null;
}

function toValue(n: ParsedNumber, multiplier: number): number | null {
  // Multiplying the integer of all digits before dividing keeps "1.41 million" exactly 1410000.
  const value = (Number(n.digits) * multiplier) / 10 ** n.fraction;
  return Number.isFinite(value) ? value : null;
}

/** Start of the window before `end`, moved forward so it never begins inside a word. */
function windowStart(text: string, end: number, size: number, floor: number): number {
  let start = Math.max(floor, end - size);
  while (start > floor && start < end && LATIN_WORD_CHAR.test(text.charAt(start - 1))) start++;
  return start;
}


function isSpace(code: number): boolean {
  return code === 0x20 || code === 0xa0 || code === 0x09 || code === 0x202f || code === 0x2009;
}

interface Prefix {
  start: number;
  /** Markdown-escaped, "\$105 million": the backslash stays outside the span. */
  escaped: boolean;
  currency: Before;
}

// The sign or code right before a number ("US$ ", "R$", "人民币"), found by looking up the few
// strings that end there: cheaper than a regex at every number, and bounded by the longest entry.
function findPrefix(m: Matcher, text: string, ns: number, floor: number): Prefix | null {
  let p = ns;
  for (let k = 0; k < 2 && p > floor && isSpace(text.charCodeAt(p - 1)); k++) p--;
  for (let s = Math.max(floor, p - m.beforeMaxLength); s < p; s++) {
    // Exact case: signs and ISO codes are written one way ("USD", "R$"), and "cup" is no currency.
    const currency = m.beforeCurrencies.get(text.slice(s, p));
    if (!currency) continue;
    // "XUSD 5" is no code; "US$" is looked up whole before "$", so a Latin start needs a boundary.
    if (s > floor && LATIN.test(text.charAt(s)) && LATIN_WORD_CHAR.test(text.charAt(s - 1))) continue;
    return { start: s, escaped: s > 0 && text.charAt(s - 1) === "\\", currency };
  }
  return null;
}

function previousWord(text: string, at: number, floor: number): string {
  const ws = windowStart(text, at, 24, floor);
  const m = /(\p{L}+)[\s-]{1,3}$/u.exec(text.slice(ws, at));
  return m?.[1] ? fold(m[1]) : "";
}

/** Where a scale word ends inside a match of `after` that starts at `from`. */
function multEnd(match: string, mult: string, from: number): number {
  return from + match.indexOf(mult) + mult.length;
}

const YEAR = /^(?:19|20)\d\d$/;

/**
 * Every sum of money in `text`, in order, each with its span (end exclusive) and ISO 4217 currency.
 * A bare "$" is USD in English text and null (the caller decides) in other languages.
 *
 * @example findAmounts("ZTE sealed a nearly $30 million contract", "en")
 * // → [{ start: 20, end: 31, text: "$30 million", value: 30000000, currency: "USD", approximate: true }]
 */
export function findAmounts(text: string, lang: Lang): AmountMention[] {
  if (typeof text !== "string" || text.length === 0) return [];
  const m = matcherFor(lang);
  const out: AmountMention[] = [];
  // The cached regexes are shared: safe because this loop is synchronous and calls nothing else
  // that uses them; only lastIndex carries state, and it is set before every exec.
  const { token, after, range } = m;
  token.lastIndex = 0;
  let floor = 0; // end of the previous mention: no look-back reaches into it
  for (let t = token.exec(text); t !== null; t = token.exec(text)) {
    const ns = t.index;
    const ne = ns + t[0].length;
    const digits = t.groups?.d;
    let tokenMultiplier = 1;
    if (digits === undefined) {
      // "un millón", "mil millones": skipped when it ends a spelled-out number ("dos mil millones").
      const mult = m.multipliers.get(fold(t.groups?.am ?? t.groups?.im ?? ""));
      if (!mult || m.spelled.has(previousWord(text, ns, floor))) continue;
      tokenMultiplier = mult;
    }

    after.lastIndex = ne;
    const a = after.exec(text);
    if (!a || a.groups?.pct !== undefined) continue;
    const multText = a.groups?.m;
    if (digits === undefined && multText !== undefined) continue; // "un millón mil": not a form we read
    const hasMult = multText !== undefined || digits === undefined;
    // "de"/"of" joins a scale word to its currency; "30 de dólares" is not Spanish.
    const wordText = a.groups?.c;
    const suffix = wordText !== undefined && (a.groups?.conn === undefined || hasMult) ? m.afterCurrencies.get(fold(wordText)) : undefined;
    const prefix = findPrefix(m, text, ns, floor);
    if (!prefix && !suffix) continue;

    const number = digits === undefined ? { digits: "1", fraction: 0, grouped: false } : parseNumber(digits, m.decimalComma);
    if (!number) continue;
    let end = suffix ? ne + a[0].length : multText !== undefined ? multEnd(a[0], multText, ne) : ne;
    const start = prefix ? prefix.start : ns;
    // A number glued to a word ("A320", "5G") is a name, not an amount.
    if (!prefix && ns > 0 && LATIN.test(text.charAt(ns - 1))) continue;
    if (!hasMult && !suffix && LATIN_WORD_CHAR.test(text.charAt(end))) continue;
    if (!prefix && !hasMult && number.fraction === 0 && !number.grouped && YEAR.test(number.digits)) continue;
    if (prefix?.currency.strict && !hasMult && !number.grouped) continue;

    let multiplier = tokenMultiplier * (multText !== undefined ? (m.multipliers.get(fold(multText)) ?? 1) : 1);
    if (!hasMult && suffix?.value) multiplier = suffix.value;
    let currency: string | null;
    if (prefix && suffix) currency = prefix.currency.yieldsToWord ? suffix.code : (prefix.currency.code ?? suffix.code);
    else currency = prefix ? prefix.currency.code : (suffix?.code ?? null);
    let approximate = false;

    // A range's lower end borrows the upper end's scale word: "$30-40 million", "US$ 5 a 10 millones".
    if (!hasMult && !suffix) {
      range.lastIndex = end;
      const r = range.exec(text);
      if (r?.groups?.n !== undefined && parseNumber(r.groups.n, m.decimalComma)) {
        after.lastIndex = r.index + r[0].length;
        const ua = after.exec(text);
        const um = ua?.groups?.m;
        const upperMult = um !== undefined ? m.multipliers.get(fold(um)) : undefined;
        if (ua && um !== undefined && upperMult) {
          multiplier = upperMult;
          const uc = ua.groups?.c !== undefined && !ua.groups.conn ? m.afterCurrencies.get(fold(ua.groups.c)) : undefined;
          if (uc && (prefix?.currency.yieldsToWord || currency === null)) currency = uc.code;
          end = uc ? after.lastIndex : multEnd(ua[0], um, r.index + r[0].length);
          approximate = true;
        }
      }
    }

    const value = toValue(number, multiplier);
    if (value === null) continue;
    const qualifierEnd = prefix?.escaped ? start - 1 : start;
    const qs = windowStart(text, qualifierEnd, 28, floor);
    if (m.qualifier.test(text.slice(qs, qualifierEnd))) approximate = true;

    out.push({ start, end, value, currency, approximate, text: text.slice(start, end) });
    floor = end;
    token.lastIndex = Math.max(token.lastIndex, end);
  }
  return out;
}
