// Splits a document's plain text into paragraphs, lines and sentences, keeping offsets. Sentence
// ends follow Intl.Segmenter's rules for the stops news text uses, by one linear pattern (the
// segmenter itself cost most of extraction, and on a whole document it is superlinear: 5 MB took
// minutes), with false breaks after abbreviations ("ZTE Corp.", "Jan. 2009") mended from data.
import { dataFile } from "./data-file.js";
import type { Span } from "./types.js";

export interface Sentence extends Span {
  /** Index of the paragraph that holds it. */
  paragraph: number;
}

export interface Paragraph extends Span {
  /** The paragraph's lines hold tab- or pipe-separated cells (a table). */
  table: boolean;
  /** Split into sentences (false: the caller's `detail` declined it, and it is one sentence). */
  detailed: boolean;
  /** Indexes into the document's sentences. */
  firstSentence: number;
  lastSentence: number;
}

export interface Segmentation {
  paragraphs: Paragraph[];
  sentences: Sentence[];
}

/** A line longer than this is cut at a space before segmenting, to keep time linear. */
const MAX_CHUNK = 4000;
let abbreviations: Set<string> | undefined;

/**
 * Sentence ends, as Intl.Segmenter finds them in news text (UAX #29, rule SB8 included: a stop
 * followed by a lower-case word ends nothing), at a sixth of its cost: a stop and any closing
 * quotes or brackets, then spaces and something that can open a sentence; a CJK stop needs no
 * space. Abbreviations are mended after.
 */
const SENTENCE_END = /[.!?]+["'”’»)\]]*\s+(?![\p{Ll}])|[。！？]+["”’」』)]*\s*/gu;

function* sentenceSegments(chunk: string): Generator<{ index: number; segment: string }> {
  SENTENCE_END.lastIndex = 0;
  let from = 0;
  let m: RegExpExecArray | null;
  while ((m = SENTENCE_END.exec(chunk)) !== null) {
    if (m[0].length === 0) {
      SENTENCE_END.lastIndex++;
      continue;
    }
    const end = m.index + m[0].length;
    if (end >= chunk.length) break;
    yield { index: from, segment: chunk.slice(from, end) };
    from = end;
  }
  if (from < chunk.length) yield { index: from, segment: chunk.slice(from) };
}

/** The word before a sentence break, lower-cased, when the break is a full stop. */
function wordBeforeStop(text: string, end: number): string | null {
  let i = end - 1;
  while (i >= 0 && /\s/.test(text[i] ?? "")) i--;
  if (text[i] !== ".") return null;
  let j = i - 1;
  while (j >= 0 && /[\p{L}.]/u.test(text[j] ?? "")) j--;
  return text.slice(j + 1, i).toLowerCase();
}

function sentencesOfLine(text: string, start: number, end: number, paragraph: number, out: Sentence[]): void {
  const ABBREVIATIONS = (abbreviations ??= new Set(dataFile<{ abbreviations: string[] }>("extraction/abbreviations.json").abbreviations));
  let chunkStart = start;
  while (chunkStart < end) {
    let chunkEnd = Math.min(end, chunkStart + MAX_CHUNK);
    if (chunkEnd < end) {
      // Searched within the chunk only, so a text without spaces costs no scan back to its start.
      const space = text.slice(chunkStart + MAX_CHUNK / 2, chunkEnd).lastIndexOf(" ");
      if (space >= 0) chunkEnd = chunkStart + MAX_CHUNK / 2 + space + 1;
    }
    let pendingStart = -1;
    // A joined wrap holds "\n", which the segmenter would take as a break: read it as a space.
    for (const seg of sentenceSegments(text.slice(chunkStart, chunkEnd).replace(/\n/g, " "))) {
      const s = chunkStart + seg.index;
      const e = s + seg.segment.length;
      const begin = pendingStart >= 0 ? pendingStart : s;
      const before = wordBeforeStop(text, e);
      const next = text[e] ?? "";
      // Mend a break after an abbreviation unless what follows clearly starts a new sentence.
      if (before !== null && ABBREVIATIONS.has(before) && e < chunkEnd && !/[A-Z]/.test(next)) {
        pendingStart = begin;
        continue;
      }
      pendingStart = -1;
      pushTrimmed(text, begin, e, paragraph, out);
    }
    if (pendingStart >= 0) pushTrimmed(text, pendingStart, chunkEnd, paragraph, out);
    chunkStart = chunkEnd;
  }
}

/** A stop followed by a footnote marker ("…TikTok.<sup>32</sup> Meanwhile") ends a sentence too. */
const FOOTNOTE_BREAK = /[.!?]["”’)]?\s*(?:<sup>\s*\d+\s*<\/sup>|\[\d+\])\s+(?=[\p{Lu}"“¿¡])/gu;

function pushTrimmed(text: string, start: number, end: number, paragraph: number, out: Sentence[]): void {
  const piece = text.slice(start, end);
  if (piece.includes("<sup>") || piece.includes("[")) {
    FOOTNOTE_BREAK.lastIndex = 0;
    let m: RegExpExecArray | null;
    let from = start;
    while ((m = FOOTNOTE_BREAK.exec(piece)) !== null) {
      const cut = start + m.index + m[0].length;
      pushOne(text, from, cut, paragraph, out);
      from = cut;
    }
    pushOne(text, from, end, paragraph, out);
    return;
  }
  pushOne(text, start, end, paragraph, out);
}

function pushOne(text: string, start: number, end: number, paragraph: number, out: Sentence[]): void {
  while (start < end && /\s/.test(text[start] ?? "")) start++;
  while (end > start && /\s/.test(text[end - 1] ?? "")) end--;
  if (end > start) out.push({ start, end, paragraph });
}

const JOINING_WORDS = new Set(["and", "or", "of", "the", "a", "an", "in", "on", "to", "for", "with", "by", "de", "del", "la", "el", "los", "las", "y", "e", "o", "en", "con", "por", "para", "da", "do", "das", "dos", "na", "no", "em", "com"]);

/** A wrapped line: it ends without a stop and the sentence plainly goes on. */
function continuesOnNextLine(text: string, lineStart: number, lineEnd: number): boolean {
  const line = text.slice(lineStart, lineEnd).trimEnd();
  if (line.includes("\t") || /[.!?:;"”’)\]]$/.test(line)) return false;
  const next = text.slice(lineEnd + 1, lineEnd + 3);
  if (/^[\p{Ll}\d]/u.test(next)) return /[\p{L},\-–]$/u.test(line);
  const lastWord = /([\p{L}]+)$/u.exec(line)?.[1] ?? "";
  return (lastWord !== "" && JOINING_WORDS.has(lastWord.toLowerCase())) || (/,$/.test(line) && line.length > 40);
}

const CELL_SEPARATOR = /\t|\s\|\s|^\|/;

/**
 * Paragraphs are runs of non-blank lines; a sentence crosses a line break only where a line is
 * wrapped mid-sentence. With `detail`, only the paragraphs it accepts are split into sentences.
 * @example segment("ZTE Corp. signed it.\n\nHuawei did too.").sentences.length // 2
 */
export function segment(text: string, options: { detail?: (start: number, end: number) => boolean } = {}): Segmentation {
  const paragraphs: Paragraph[] = [];
  const sentences: Sentence[] = [];
  const lineRe = /[^\n]*(\n|$)/g;
  let paraStart = -1;
  let paraEnd = -1;
  let tableLines = 0;
  let lines = 0;
  const flush = () => {
    if (paraStart < 0) return;
    const first = sentences.length;
    const index = paragraphs.length;
    // A paragraph the caller has no use for is one sentence: segmenting costs more than all else.
    // The others go line by line, but a sentence runs on across a hard line wrap (text from PDFs
    // and e-mails): a line that ends mid-sentence joins the next.
    const wanted = !options.detail || options.detail(paraStart, paraEnd);
    if (!wanted) pushOne(text, paraStart, paraEnd, index, sentences);
    let ls = wanted ? paraStart : paraEnd;
    let runStart = paraStart;
    while (ls < paraEnd) {
      let le = text.indexOf("\n", ls);
      if (le < 0 || le > paraEnd) le = paraEnd;
      if (le >= paraEnd || !continuesOnNextLine(text, ls, le)) {
        sentencesOfLine(text, runStart, le, index, sentences);
        runStart = le + 1;
      }
      ls = le + 1;
    }
    if (sentences.length > first) {
      paragraphs.push({ start: paraStart, end: paraEnd, table: tableLines >= 2 && tableLines * 2 >= lines, detailed: wanted, firstSentence: first, lastSentence: sentences.length - 1 });
    }
    paraStart = -1;
    tableLines = 0;
    lines = 0;
  };
  let m: RegExpExecArray | null;
  while ((m = lineRe.exec(text)) !== null) {
    const lineStart = m.index;
    const lineEnd = m.index + m[0].length - (m[1] === "\n" ? 1 : 0);
    if (text.slice(lineStart, lineEnd).trim() === "") flush();
    else {
      if (paraStart < 0) paraStart = lineStart;
      paraEnd = lineEnd;
      lines++;
      if (CELL_SEPARATOR.test(text.slice(lineStart, lineEnd))) tableLines++;
    }
    if (m[0] === "") break; // the empty match at the end of the text
  }
  flush();
  return { paragraphs, sentences };
}
