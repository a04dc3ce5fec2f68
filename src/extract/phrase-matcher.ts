// A multi-pattern matcher for names and phrases: a trie over folded word tokens, longest match
// first, one pass over the text. Each token's hash is computed while scanning, so most words cost
// no allocation. Used for the gazetteer and for every vocabulary (triggers, category terms, cues).
import { foldSameLength } from "./fold.js";
import type { Span } from "./types.js";

export interface Tokens {
  text: string;
  folded: string;
  starts: number[];
  ends: number[];
  hashes: number[];
}

export interface PhraseMatch<E> extends Span {
  entries: E[];
}

const LEADING_ARTICLES = new Set(["a", "an", "the", "el", "la", "los", "las", "o", "os", "as", "un", "una", "um", "uma", "lo"]);

export interface AddOptions {
  /**
   * Drop a leading article ("the government of" → "government of"): vocabularies list them for
   * readability, but a phrase that starts with "the" would be walked at every "the" in a text.
   */
  dropArticle?: boolean;
  /** Only these exact surface forms match (names that are common words in lower case). */
  exactCase?: boolean;
  /** The match must start with a capital letter in the text (place names). */
  capitalised?: boolean;
}

interface Node<E> {
  token: string;
  children: Map<number, Node<E>[]>;
  entries: E[];
  exactCase: Set<string> | null;
  capitalised: boolean;
}

const WORD = /[\p{L}\p{N}]/u;
let wordTable: Uint8Array | undefined;

function wordUnits(): Uint8Array {
  if (!wordTable) {
    wordTable = new Uint8Array(65536);
    for (let i = 0; i < 65536; i++) wordTable[i] = WORD.test(String.fromCharCode(i)) ? 1 : 0;
    // CJK ideographs have no spaces between words: they are matched by substring search.
    for (let i = 0x3400; i <= 0x9fff; i++) wordTable[i] = 0;
  }
  return wordTable;
}

export const isCjkUnit = (c: number): boolean => c >= 0x3400 && c <= 0x9fff;

function hashOf(s: string): number {
  let h = 2166136261;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 16777619);
  return h >>> 0;
}

const AND = "and";
const AND_HASH = hashOf(AND);

/** Word tokens of a text with offsets; "&" is read as the word "and". */
export function tokenize(text: string): Tokens {
  const folded = foldSameLength(text);
  const table = wordUnits();
  const starts: number[] = [];
  const ends: number[] = [];
  const hashes: number[] = [];
  const n = folded.length;
  let i = 0;
  while (i < n) {
    const c = folded.charCodeAt(i);
    if (c === 38) {
      starts.push(i);
      ends.push(i + 1);
      hashes.push(AND_HASH);
      i++;
    } else if (table[c] === 1) {
      let j = i + 1;
      let h = Math.imul(2166136261 ^ c, 16777619);
      while (j < n) {
        const d = folded.charCodeAt(j);
        if (table[d] !== 1) break;
        h = Math.imul(h ^ d, 16777619);
        j++;
      }
      starts.push(i);
      ends.push(j);
      hashes.push(h >>> 0);
      i = j;
    } else i++;
  }
  return { text, folded, starts, ends, hashes };
}

function tokenStrings(name: string): string[] {
  const t = tokenize(name);
  return t.starts.map((s, i) => (t.hashes[i] === AND_HASH && t.folded[s] === "&" ? AND : t.folded.slice(s, t.ends[i])));
}

function newNode<E>(token: string): Node<E> {
  return { token, children: new Map(), entries: [], exactCase: null, capitalised: false };
}

export class PhraseMatcher<E> {
  private readonly root: Node<E> = newNode("");
  private readonly cjk = new Map<string, E[]>();
  /** Low 16 bits of every first token's hash: most words of a text start no phrase, and this says so in one load. */
  private readonly firstTokens = new Uint8Array(65536);

  /** Adds a phrase; the same entry added twice under one phrase is kept once. */
  add(phrase: string, entry: E, options: AddOptions = {}): void {
    if ([...phrase].some((ch) => isCjkUnit(ch.charCodeAt(0)))) {
      const list = this.cjk.get(phrase) ?? [];
      if (!list.includes(entry)) list.push(entry);
      this.cjk.set(phrase, list);
      return;
    }
    const tokens = tokenStrings(phrase);
    if (options.dropArticle && tokens.length > 1 && LEADING_ARTICLES.has(tokens[0] as string)) tokens.shift();
    if (tokens.length === 0) return;
    let node = this.root;
    this.firstTokens[hashOf(tokens[0] as string) & 0xffff] = 1;
    for (const tok of tokens) {
      const h = hashOf(tok);
      const bucket = node.children.get(h) ?? [];
      let next = bucket.find((n) => n.token === tok);
      if (!next) {
        next = newNode<E>(tok);
        bucket.push(next);
        node.children.set(h, bucket);
      }
      node = next;
    }
    if (!node.entries.includes(entry)) node.entries.push(entry);
    if (options.exactCase) (node.exactCase ??= new Set()).add(phrase);
    if (options.capitalised) node.capitalised = true;
  }

  /**
   * Longest non-overlapping matches, in text order. Multi-word phrases do not run across a line
   * break or a full stop.
   */
  match(tokens: Tokens, accept?: (entries: E[], surface: string, capitalised: boolean) => E[], only?: readonly Span[]): PhraseMatch<E>[] {
    if (only) {
      // Only inside the given spans (sorted, not overlapping): the rest of the text is not needed.
      const out: PhraseMatch<E>[] = [];
      // Pushed one by one: spreading a long list into push() overflows the stack.
      for (const span of only) for (const m of this.matchRange(tokens, accept, firstTokenAt(tokens, span.start), span.end)) out.push(m);
      return out;
    }
    return this.matchRange(tokens, accept, 0, Infinity);
  }

  private matchRange(tokens: Tokens, accept: ((entries: E[], surface: string, capitalised: boolean) => E[]) | undefined, from: number, until: number): PhraseMatch<E>[] {
    const { text, folded, starts, ends, hashes } = tokens;
    const out: PhraseMatch<E>[] = [];
    let t = from;
    const first = this.firstTokens;
    while (t < starts.length && (starts[t] as number) < until) {
      if (first[(hashes[t] as number) & 0xffff] === 0) {
        t++;
        continue;
      }
      let node = this.root;
      let best: { end: number; entries: E[]; next: number } | null = null;
      let k = t;
      while (k < starts.length) {
        const bucket = node.children.get(hashes[k] as number);
        if (!bucket) break;
        const s = starts[k] as number;
        const e = ends[k] as number;
        let next: Node<E> | undefined;
        for (const cand of bucket) {
          if ((cand.token.length === e - s && folded.startsWith(cand.token, s)) || (cand.token === AND && folded[s] === "&")) {
            next = cand;
            break;
          }
        }
        if (!next) break;
        if (k > t && hasStop(text, ends[k - 1] as number, s)) break;
        node = next;
        k++;
        if (node.entries.length) {
          const entries = this.accepted(node, text.slice(starts[t] as number, ends[k - 1] as number), accept);
          if (entries.length) best = { end: ends[k - 1] as number, entries, next: k };
        }
      }
      if (best) {
        out.push({ start: starts[t] as number, end: best.end, entries: best.entries });
        t = best.next;
      } else t++;
    }
    if (from === 0 && this.cjk.size && /[\u3400-\u9fff]/.test(text)) {
      for (const m of this.matchCjk(text)) out.push(m);
      out.sort((a, b) => a.start - b.start || b.end - a.end);
    }
    return out;
  }

  private accepted(node: Node<E>, surface: string, accept?: (entries: E[], surface: string, capitalised: boolean) => E[]): E[] {
    if (node.exactCase && !node.exactCase.has(surface)) return [];
    const first = surface.charAt(0);
    const capitalised = first !== first.toLowerCase();
    if (node.capitalised && !capitalised && !accept) return [];
    return accept ? accept(node.entries, surface, capitalised || !node.capitalised) : node.entries;
  }

  private matchCjk(text: string): PhraseMatch<E>[] {
    const out: PhraseMatch<E>[] = [];
    const names = [...this.cjk.keys()].sort((a, b) => b.length - a.length);
    const taken: Span[] = [];
    for (const name of names) {
      let at = text.indexOf(name);
      while (at >= 0) {
        const end = at + name.length;
        if (!taken.some((s) => at < s.end && end > s.start)) {
          taken.push({ start: at, end });
          out.push({ start: at, end, entries: this.cjk.get(name) ?? [] });
        }
        at = text.indexOf(name, end);
      }
    }
    return out;
  }
}

/** Index of the first token that starts at or after `offset`. */
export function firstTokenAt(tokens: Tokens, offset: number): number {
  let lo = 0;
  let hi = tokens.starts.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((tokens.starts[mid] as number) < offset) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

function hasStop(text: string, from: number, to: number): boolean {
  for (let i = from; i < to; i++) {
    const c = text.charCodeAt(i);
    if (c === 10 || c === 46 || c === 59 || c === 58 || c === 9) return true; // \n . ; : \t
  }
  return false;
}
