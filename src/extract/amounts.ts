// Finds every sum of money in news text ("US$ 240 millones", "nearly $30 million", "1.2亿美元"),
// with its span, value, ISO 4217 currency and whether it was qualified ("casi", "more than").
import { z } from "zod";
import { InvalidDataError } from "../domain/errors.js";
import { dataFile } from "./data-file.js";
import type { AmountMention, Lang, Span } from "./types.js";

// How it stays linear and cheap: a hand-written scan finds number tokens (digit runs, "un millón",
// "mil millones"); everything else is read around each token by matching vocabulary phrases at a
// known position, looked up by their first (or, for qualifiers, last) character, over a bounded
// window. Every whitespace run is bounded, so no step can run away over the whole input.
// Phrases are not one big regex alternation on purpose: V8 spends some 200 ms compiling the
// thousands-of-characters alternations the vocabulary makes, a cost every process paid.


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

/** What may touch a phrase on one side: nothing is checked, or no letter, or no letter nor digit. */
type Edge = "none" | "letter" | "letterOrNumber";

/** One vocabulary entry, ready to be matched at a position of the text. */
interface Phrase {
  /** Per character of the entry, the strings it may be written as; null is a run of 1–3 spaces. */
  units: (readonly string[] | null)[];
  lead: Edge;
  tail: Edge;
  /** Whether the entry starts, and ends, with a Latin letter. */
  latinFirst: boolean;
  latinLast: boolean;
}

/**
 * Entries in match order, longest first ("mil millones" before "mil", "US$" before "U$"), and
 * indexed by the characters that can start (and end) them, so a position costs one Map lookup.
 */
interface PhraseList {
  byFirst: Map<string, Phrase[]>;
  byLast: Map<string, Phrase[]>;
}

interface Matcher {
  decimalComma: boolean;
  /** Length of the longest sign or code written before a number. */
  beforeMaxLength: number;
  before: PhraseList;
  after: PhraseList;
  mult: PhraseList;
  percent: PhraseList;
  connectors: PhraseList;
  articles: PhraseList;
  articleMults: PhraseList;
  impliedMults: PhraseList;
  qualifiers: PhraseList;
  joiners: PhraseList;
  /**
   * Finds where a token may start: a digit, or a letter that can start an article or "mil" with no
   * letter, digit or hyphen before it ("twenty-one million"). One character class, so it is small.
   */
  tokenStart: RegExp;
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

const matchers = new Map<Lang, Matcher>();

function loadVocabulary(): Vocabulary {
  return dataFile("extraction/currencies.json", Vocabulary);
}

/** Lookup key of a matched word: case, accents and spacing folded, as the phrases match them. */
function fold(text: string): string {
  return text.normalize("NFD").replace(/\p{M}+/gu, "").toLowerCase().replace(/\s+/g, " ");
}

const LATIN = /[A-Za-z\u00C0-\u024F]/;
const LATIN_WORD_CHAR = /[A-Za-z\u00C0-\u024F0-9]/;
const LETTER = /\p{L}/u;
const LETTER_OR_NUMBER = /[\p{L}\p{N}]/u;

/** The whitespace of \s in a JavaScript regex. */
function isSpace(code: number): boolean {
  if (code < 0x80) return code === 0x20 || (code >= 0x09 && code <= 0x0d);
  return (
    code === 0xa0 || code === 0x1680 || (code >= 0x2000 && code <= 0x200a) || code === 0x2028 || code === 0x2029 ||
    code === 0x202f || code === 0x205f || code === 0x3000 || code === 0xfeff
  );
}

function isDigit(code: number): boolean {
  return code >= 0x30 && code <= 0x39;
}

/** Whether the code point is of the edge's class; astral characters count, lone surrogates do not. */
function inEdge(cp: number, edge: Edge): boolean {
  if (edge === "none") return false;
  if (cp < 0x80) return (cp >= 0x61 && cp <= 0x7a) || (cp >= 0x41 && cp <= 0x5a) || (edge === "letterOrNumber" && isDigit(cp));
  return (edge === "letter" ? LETTER : LETTER_OR_NUMBER).test(String.fromCodePoint(cp));
}

/** The code point that ends at `at`, or -1 at the start of the text. */
function codePointBefore(text: string, at: number): number {
  if (at <= 0) return -1;
  const low = text.charCodeAt(at - 1);
  if (low >= 0xdc00 && low <= 0xdfff && at >= 2) {
    const high = text.charCodeAt(at - 2);
    if (high >= 0xd800 && high <= 0xdbff) return ((high - 0xd800) << 10) + (low - 0xdc00) + 0x10000;
  }
  return low;
}

/** The code point that starts at `at`, or -1 at the end of the text. */
function codePointAt(text: string, at: number): number {
  return at < text.length ? (text.codePointAt(at) ?? -1) : -1;
}

/** End of the run of up to `max` spaces from `at` (newlines too unless `newline` is false). */
function skipSpaces(text: string, at: number, max: number, newline = true): number {
  let i = at;
  for (let n = 0; n < max && i < text.length; n++, i++) {
    const c = text.charCodeAt(i);
    if (!isSpace(c) || (!newline && c === 0x0a)) break;
  }
  return i;
}

// One vocabulary entry as a phrase: accent-insensitive, any short run of spaces where the entry has
// one, and word boundaries on Latin-script ends only (Chinese has no spaces to bound). Case is
// folded per entry rather than for the whole text: ISO codes must stay upper-case, or
// "World Cup 2019" and "5 pen drives" would read as Cuban pesos and soles.
function phrase(text: string, lead: Edge, tail: Edge): Phrase {
  const exactCase = /^[A-Z]{3}$/.test(text);
  const units: (string[] | null)[] = [];
  for (const ch of text) {
    if (/\s/.test(ch)) {
      // A space run is read greedily, which is only exact between two non-space characters.
      if (units.length === 0 || units[units.length - 1] === null) throw new InvalidDataError(`data/extraction/currencies.json: "${text}" has stray spaces`);
      units.push(null);
    } else if (/[\^$\\.*+?()[\]{}|/]/.test(ch)) units.push([ch]);
    else {
      const base = ch.normalize("NFD").replace(/\p{M}+/gu, "");
      const forms = new Set([ch, base.length === 1 ? base : ch]);
      if (!exactCase) for (const f of [...forms]) forms.add(f.toLowerCase()).add(f.toUpperCase());
      const single = [...forms].filter((f) => f.length === 1);
      units.push(single.length > 1 ? single : [ch]);
    }
  }
  if (units[units.length - 1] === null) throw new InvalidDataError(`data/extraction/currencies.json: "${text}" has stray spaces`);
  const latinFirst = LATIN.test(text.charAt(0));
  const latinLast = LATIN.test(text.charAt(text.length - 1));
  return { units, lead: latinFirst ? lead : "none", tail: latinLast ? tail : "none", latinFirst, latinLast };
}

// Longest first, so "mil millones" wins over "mil" and "US$" over "$" at the same position.
function phraseList(texts: Iterable<string>, lead: Edge, tail: Edge): PhraseList {
  const unique = [...new Set(texts)].sort((a, b) => b.length - a.length || (a < b ? -1 : 1));
  const byFirst = new Map<string, Phrase[]>();
  const byLast = new Map<string, Phrase[]>();
  const index = (map: Map<string, Phrase[]>, unit: readonly string[] | null | undefined, p: Phrase, last: boolean): void => {
    for (const form of unit ?? []) {
      const key = last ? form.charAt(form.length - 1) : form.charAt(0);
      const list = map.get(key) ?? [];
      if (!list.includes(p)) list.push(p);
      map.set(key, list);
    }
  };
  for (const text of unique) {
    const p = phrase(text, lead, tail);
    index(byFirst, p.units[0], p, false);
    index(byLast, p.units[p.units.length - 1], p, true);
  }
  return { byFirst, byLast };
}

/** End of `p` written at `at` with its boundaries, or -1. */
function matchAt(text: string, at: number, p: Phrase): number {
  if (p.lead !== "none" && inEdge(codePointBefore(text, at), p.lead)) return -1;
  let i = at;
  for (const unit of p.units) {
    if (unit === null) {
      const j = skipSpaces(text, i, 3);
      if (j === i) return -1;
      i = j;
      continue;
    }
    const form = unit.find((f) => text.startsWith(f, i));
    if (form === undefined) return -1;
    i += form.length;
  }
  return p.tail !== "none" && inEdge(codePointAt(text, i), p.tail) ? -1 : i;
}

/** Start of `p` written so that it ends at `end`, with its boundaries, or -1. */
function matchEndingAt(text: string, end: number, p: Phrase): number {
  if (p.tail !== "none" && inEdge(codePointAt(text, end), p.tail)) return -1;
  let i = end;
  for (let u = p.units.length - 1; u >= 0; u--) {
    const unit = p.units[u];
    if (unit === null) {
      let j = i;
      while (j > i - 3 && j > 0 && isSpace(text.charCodeAt(j - 1))) j--;
      if (j === i) return -1;
      i = j;
      continue;
    }
    const form = unit?.find((f) => i >= f.length && text.startsWith(f, i - f.length));
    if (form === undefined) return -1;
    i -= form.length;
  }
  return p.lead !== "none" && inEdge(codePointBefore(text, i), p.lead) ? -1 : i;
}

/** End of the first entry of `list` written at `at`, or -1. */
function firstAt(list: PhraseList, text: string, at: number): number {
  if (at >= text.length) return -1;
  const candidates = list.byFirst.get(text.charAt(at));
  if (candidates === undefined) return -1;
  for (const p of candidates) {
    const end = matchAt(text, at, p);
    if (end >= 0) return end;
  }
  return -1;
}

function allPhrases(list: PhraseList): Phrase[] {
  return [...new Set([...list.byFirst.values()].flat())];
}

// A spelled token starts a short word ("un", "one", "mil") with no letter, digit or hyphen before
// it ("twenty-one million"). When every such phrase's first word is all letters and ends the word,
// the pattern also requires the word to be that short, which skips most words of running text.
function tokenStartPattern(phrases: Phrase[]): RegExp {
  const starts = new Set(phrases.flatMap((p) => p.units[0] ?? []).map((f) => f.charAt(0)));
  if (starts.size === 0) return /[0-9]/g;
  const firstWords = phrases.map((p) => {
    const end = p.units.indexOf(null);
    return { units: p.units.slice(0, end < 0 ? p.units.length : end), endsWord: end >= 0 || p.tail !== "none" };
  });
  const lettersOnly = firstWords.every((w) => w.endsWord && w.units.every((u) => u?.every((f) => /^\p{L}$/u.test(f))));
  const longest = Math.max(...firstWords.map((w) => w.units.length));
  const startClass = [...starts].map((c) => `\\u{${c.charCodeAt(0).toString(16)}}`).join("");
  const shortWord = lettersOnly ? `(?=\\p{L}{0,${longest - 1}}(?!\\p{L}))` : "";
  return new RegExp(`[0-9]|(?<![\\p{L}\\p{N}\\-])[${startClass}]${shortWord}`, "gu");
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
  const articleMults = phraseList(byPriority(v.multipliers).filter((m) => m.afterArticle).map((m) => m.text), "letterOrNumber", "letterOrNumber");
  const impliedMults = phraseList(byPriority(v.multipliers).filter((m) => m.impliesOne).map((m) => m.text), "letterOrNumber", "letterOrNumber");
  const articles = phraseList(lists(v.articles).flatMap(([, a]) => a), "letterOrNumber", "letterOrNumber");
  const tokenStart = tokenStartPattern([...allPhrases(articles), ...allPhrases(impliedMults)]);
  return {
    decimalComma: v.numberFormat.decimalComma.includes(lang),
    multipliers,
    beforeCurrencies,
    afterCurrencies,
    spelled: new Set(lists(v.spelledNumbers).flatMap(([, words]) => words.map(fold))),
    beforeMaxLength: Math.max(...beforeTexts.map((t) => t.length)),
    before: phraseList(beforeTexts, "letterOrNumber", "letterOrNumber"),
    // After a number a currency word may touch it ("30USD", "1.2亿美元"), so only letters bound it.
    after: phraseList(afterTexts, "letter", "letterOrNumber"),
    mult: phraseList(multTexts, "none", "letterOrNumber"),
    percent: phraseList(v.percent.entries, "letterOrNumber", "letterOrNumber"),
    connectors: phraseList(lists(v.connectors).flatMap(([, c]) => c), "letterOrNumber", "letterOrNumber"),
    articles,
    articleMults,
    impliedMults,
    qualifiers: phraseList(lists(v.qualifiers).flatMap(([, q]) => q), "letterOrNumber", "letterOrNumber"),
    joiners: phraseList(v.rangeJoiners.entries, "letterOrNumber", "letterOrNumber"),
    tokenStart,
  };
}

function matcherFor(lang: Lang): Matcher {
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


/** The spaces allowed between a sign and its number: fewer than \s, as they always were. */
function isPrefixSpace(code: number): boolean {
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
  for (let k = 0; k < 2 && p > floor && isPrefixSpace(text.charCodeAt(p - 1)); k++) p--;
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

/** End of the number token at `at`: "4.300", "1,234.5", "1.1.1" (parseNumber judges its form). */
function numberEnd(text: string, at: number): number {
  let i = at;
  while (i < text.length && isDigit(text.charCodeAt(i))) i++;
  for (;;) {
    const sep = text.charCodeAt(i);
    if ((sep !== 0x2e && sep !== 0x2c) || !isDigit(text.charCodeAt(i + 1))) return i;
    i += 2;
    while (i < text.length && isDigit(text.charCodeAt(i))) i++;
  }
}

interface Token {
  start: number;
  end: number;
  /** The digit run, or undefined for a spelled token ("un millón", "mil millones"). */
  digits: string | undefined;
  /** The scale word of a spelled token. */
  scale: string;
}

/** The next number token from `from`: a digit run, or a scale word after an article, or "mil". */
function nextToken(m: Matcher, text: string, from: number): Token | null {
  // Shared: safe because findAmounts is synchronous and sets lastIndex before every use.
  const starts = m.tokenStart;
  starts.lastIndex = from;
  while (starts.test(text)) {
    const p = starts.lastIndex - 1; // every start is one code unit
    if (isDigit(text.charCodeAt(p))) {
      const end = numberEnd(text, p);
      return { start: p, end, digits: text.slice(p, end), scale: "" };
    }
    for (const article of m.articles.byFirst.get(text.charAt(p)) ?? []) {
      const ae = matchAt(text, p, article);
      if (ae < 0) continue;
      const ms = skipSpaces(text, ae, 3);
      const me = ms === ae ? -1 : firstAt(m.articleMults, text, ms);
      if (me >= 0) return { start: p, end: me, digits: undefined, scale: text.slice(ms, me) };
    }
    const ie = firstAt(m.impliedMults, text, p);
    if (ie >= 0) return { start: p, end: ie, digits: undefined, scale: text.slice(p, ie) };
  }
  return null;
}

interface AfterNumber {
  /** A percent sign or word follows: the number is a share, not a sum. */
  percent: boolean;
  /** The scale word ("million", "mil millones", "亿") and where it ends. */
  multText: string | undefined;
  multEnd: number;
  /** The currency word or code, whether a connector ("de", "of") came before it, and its end. */
  word: string | undefined;
  connector: boolean;
  wordEnd: number;
}

// What follows a number: "%" or "por ciento"; or an optional scale word (after up to two spaces
// and a hyphen, "$200-million"), then an optional currency word, maybe after "de"/"of".
function readAfter(m: Matcher, text: string, at: number): AfterNumber {
  const none = { percent: false, multText: undefined, multEnd: at, word: undefined, connector: false, wordEnd: at };
  if (firstAt(m.percent, text, skipSpaces(text, at, 2)) >= 0) return { ...none, percent: true };
  let q = skipSpaces(text, at, 2, false);
  if (text.charCodeAt(q) === 0x2d) q++;
  q = skipSpaces(text, q, 2, false);
  const me = firstAt(m.mult, text, q);
  const r = me >= 0 ? me : at;
  const found = { ...none, multText: me >= 0 ? text.slice(q, me) : undefined, multEnd: r };
  const ws = skipSpaces(text, r, 3);
  for (const conn of m.connectors.byFirst.get(text.charAt(ws)) ?? []) {
    const ce = matchAt(text, ws, conn);
    if (ce < 0) continue;
    const w = skipSpaces(text, ce, 3);
    const we = w === ce ? -1 : firstAt(m.after, text, w);
    if (we >= 0) return { ...found, word: text.slice(w, we), connector: true, wordEnd: we };
  }
  const we = firstAt(m.after, text, ws);
  return we >= 0 ? { ...found, word: text.slice(ws, we), wordEnd: we } : found;
}

// The upper end of a range right after `at` ("-40", " a 10", " to $40"): the span of its number.
function readRange(m: Matcher, text: string, at: number): Span | null {
  const p = skipSpaces(text, at, 2);
  for (const joiner of m.joiners.byFirst.get(text.charAt(p)) ?? []) {
    // A word joiner needs a space on each side ("5 a 10"), a dash does not ("30-40").
    if (joiner.latinFirst && p === at) continue;
    const je = matchAt(text, p, joiner);
    if (je < 0) continue;
    let q = skipSpaces(text, je, 2);
    if (joiner.latinFirst && q === je) continue;
    if (text.charCodeAt(q) === 0x5c) q++; // markdown-escaped "\$40"
    for (const sign of m.before.byFirst.get(text.charAt(q)) ?? []) {
      const se = matchAt(text, q, sign);
      const d = se < 0 ? -1 : skipSpaces(text, se, 2);
      if (d >= 0 && isDigit(text.charCodeAt(d))) return { start: d, end: numberEnd(text, d) };
    }
    if (isDigit(text.charCodeAt(q))) return { start: q, end: numberEnd(text, q) };
  }
  return null;
}

/** Whether `window` ends with a qualifier ("nearly ", "más de ", "约") and the spaces after it. */
function endsWithQualifier(m: Matcher, window: string): boolean {
  let x = window.length;
  while (x > 0 && isSpace(window.charCodeAt(x - 1))) x--;
  const spaces = window.length - x;
  for (const q of m.qualifiers.byLast.get(window.charAt(x - 1)) ?? []) {
    // A Latin-script qualifier needs a space before the amount; a sign (~) or a Chinese one does not.
    if (q.latinLast ? spaces < 1 || spaces > 3 : spaces > 2) continue;
    if (matchEndingAt(window, x, q) >= 0) return true;
  }
  return false;
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
  // Every amount has a digit or a spelled scale word ("un millón", "mil millones", "亿").
  if (!/\d|mil|bill|bilh|bn\b|[亿万]/i.test(text)) return [];
  const m = matcherFor(lang);
  const out: AmountMention[] = [];
  let floor = 0; // end of the previous mention: no look-back reaches into it
  let from = 0; // where the next token is looked for
  for (let t = nextToken(m, text, 0); t !== null; t = nextToken(m, text, from)) {
    const ns = t.start;
    const ne = t.end;
    from = ne;
    const digits = t.digits;
    let tokenMultiplier = 1;
    if (digits === undefined) {
      // "un millón", "mil millones": skipped when it ends a spelled-out number ("dos mil millones").
      const mult = m.multipliers.get(fold(t.scale));
      if (!mult || m.spelled.has(previousWord(text, ns, floor))) continue;
      tokenMultiplier = mult;
    }

    const a = readAfter(m, text, ne);
    if (a.percent) continue;
    const multText = a.multText;
    if (digits === undefined && multText !== undefined) continue; // "un millón mil": not a form we read
    const hasMult = multText !== undefined || digits === undefined;
    // "de"/"of" joins a scale word to its currency; "30 de dólares" is not Spanish.
    const wordText = a.word;
    const suffix = wordText !== undefined && (!a.connector || hasMult) ? m.afterCurrencies.get(fold(wordText)) : undefined;
    const prefix = findPrefix(m, text, ns, floor);
    if (!prefix && !suffix) continue;

    const number = digits === undefined ? { digits: "1", fraction: 0, grouped: false } : parseNumber(digits, m.decimalComma);
    if (!number) continue;
    let end = suffix ? a.wordEnd : a.multEnd;
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
      const r = readRange(m, text, end);
      if (r && parseNumber(text.slice(r.start, r.end), m.decimalComma)) {
        const ua = readAfter(m, text, r.end);
        const upperMult = ua.multText !== undefined ? m.multipliers.get(fold(ua.multText)) : undefined;
        if (upperMult) {
          multiplier = upperMult;
          const uc = ua.word !== undefined && !ua.connector ? m.afterCurrencies.get(fold(ua.word)) : undefined;
          if (uc && (prefix?.currency.yieldsToWord || currency === null)) currency = uc.code;
          end = uc ? ua.wordEnd : ua.multEnd;
          approximate = true;
        }
      }
    }

    const value = toValue(number, multiplier);
    if (value === null) continue;
    const qualifierEnd = prefix?.escaped ? start - 1 : start;
    const qs = windowStart(text, qualifierEnd, 28, floor);
    if (endsWithQualifier(m, text.slice(qs, qualifierEnd))) approximate = true;

    out.push({ start, end, value, currency, approximate, text: text.slice(start, end) });
    floor = end;
    from = Math.max(from, end);
  }
  return out;
}
