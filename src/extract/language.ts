// Language of a document (tinyld on a sample) and of each paragraph (function-word counts, which
// are ~100× cheaper than tinyld per paragraph and enough to tell es, pt and en apart). Chinese is
// told by its script. Anything else passes through as "other".
import { detect } from "tinyld";
import { dataFile } from "./data-file.js";
import { foldSameLength } from "./fold.js";
import { type Tokens, firstTokenAt } from "./phrase-matcher.js";
import type { Lang } from "./types.js";

const KNOWN: readonly Lang[] = ["es", "pt", "en", "zh"];
let words: Map<string, Lang[]> | undefined;

function functionWords(): Map<string, Lang[]> {
  if (words) return words;
  const data = dataFile<{ words: Record<string, string[]> }>("extraction/function-words.json");
  const map = new Map<string, Lang[]>();
  for (const [lang, list] of Object.entries(data.words)) {
    for (const w of list) {
      const key = foldSameLength(w);
      map.set(key, [...(map.get(key) ?? []), lang as Lang]);
    }
  }
  words = map;
  return map;
}

function cjkShare(text: string): number {
  let cjk = 0;
  let letters = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c >= 0x3400 && c <= 0x9fff) cjk++;
    else if ((c >= 65 && c <= 90) || (c >= 97 && c <= 122) || (c >= 0xc0 && c <= 0x24f)) letters++;
  }
  return cjk / Math.max(1, cjk + letters / 5);
}

interface WordVote {
  lang: Lang | null;
  /** How far ahead the winner is: its score over the runner-up's (Infinity when alone). */
  margin: number;
  hits: number;
}

function voteByWords(text: string): WordVote {
  if (cjkShare(text) > 0.3) return { lang: "zh", margin: Infinity, hits: Infinity };
  const map = functionWords();
  const score: Record<string, number> = { es: 0, pt: 0, en: 0 };
  let hits = 0;
  for (const w of foldSameLength(text.length > 2000 ? text.slice(0, 2000) : text).match(/[a-z\u00e0-\u00ff]+/g) ?? []) {
    const langs = map.get(w);
    if (!langs) continue;
    hits++;
    for (const l of langs) score[l] = (score[l] ?? 0) + 1 / langs.length;
  }
  const ranked = (Object.entries(score) as [Lang, number][]).sort((a, b) => b[1] - a[1]);
  const [first, second] = ranked;
  if (hits < 3 || !first || !second || first[1] === second[1]) return { lang: null, margin: 1, hits };
  return { lang: first[0], margin: second[1] === 0 ? Infinity : first[1] / second[1], hits };
}

/** Scores es/pt/en by function words; null when the text has too few to decide. */
export function paragraphLanguage(text: string): Lang | null {
  return voteByWords(text).lang;
}


/** The function-word vote over spans of an already tokenized text (no folding or scanning again). */
function voteByTokens(tokens: Tokens, spans: readonly [number, number][]): WordVote {
  const { folded, starts, ends } = tokens;
  const map = functionWords();
  const score: Record<string, number> = { es: 0, pt: 0, en: 0 };
  let hits = 0;
  let words = 0;
  for (const [start, stop] of spans) {
    for (let i = firstTokenAt(tokens, start); i < starts.length && (starts[i] as number) < stop; i++) {
      const s = starts[i] as number;
      const e = ends[i] as number;
      words++;
      if (e - s > 8) continue; // function words are short
      const langs = map.get(folded.slice(s, e));
      if (!langs) continue;
      hits++;
      for (const l of langs) score[l] = (score[l] ?? 0) + 1 / langs.length;
    }
  }
  if (hits < 3) {
    // No Latin function words: Chinese if the spans are mostly ideographs.
    let cjk = 0;
    let all = 0;
    for (const [start, stop] of spans) {
      for (let i = start; i < Math.min(stop, folded.length); i++) {
        const c = folded.charCodeAt(i);
        all++;
        if (c >= 0x3400 && c <= 0x9fff) cjk++;
      }
    }
    return cjk > all * 0.3 ? { lang: "zh", margin: Infinity, hits: Infinity } : { lang: null, margin: 1, hits };
  }
  void words;
  const ranked = (Object.entries(score) as [Lang, number][]).sort((a, b) => b[1] - a[1]);
  const [first, second] = ranked;
  if (!first || !second || first[1] === second[1]) return { lang: null, margin: 1, hits };
  return { lang: first[0], margin: second[1] === 0 ? Infinity : first[1] / second[1], hits };
}

/** A paragraph's language from the document's tokens; null when unclear. */
export function spanLanguage(tokens: Tokens, start: number, end: number): Lang | null {
  return voteByTokens(tokens, [[start, Math.min(end, start + 2000)]]).lang;
}

/**
 * The document's language. Function words decide when they are clear (most documents, at a
 * fraction of tinyld's cost); tinyld decides the close and the short cases.
 */
export function documentLanguage(text: string, tokens?: Tokens): Lang {
  const long = text.length > 2000;
  const mid = Math.floor(text.length / 2);
  const vote = tokens
    ? voteByTokens(tokens, long ? [[0, 1000], [mid, mid + 1000]] : [[0, text.length]])
    : voteByWords(long ? text.slice(0, 1000) + "\n" + text.slice(mid, mid + 1000) : text);
  if (vote.lang && vote.hits >= 12 && vote.margin >= 2) return vote.lang;
  // A short text whose function words point one way by far (a pasted paragraph, a headline with
  // a stray bit of markup) is that language; the model is for the close calls.
  if (vote.lang && vote.hits >= 4 && vote.margin >= 3) return vote.lang;
  const sample = long ? text.slice(0, 600) + "\n" + text.slice(mid, mid + 600) : text.slice(0, 1200);
  const byModel = detect(sample, { only: ["es", "pt", "en", "zh"] });
  if (KNOWN.includes(byModel as Lang)) return byModel as Lang;
  return vote.lang ?? "other";
}
