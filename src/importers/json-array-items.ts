// Streams the elements of the big arrays of a JSON document (an OCDS package's `releases` or
// `records`) one at a time, in constant memory, and parses the rest of the top level as metadata.
// A byte scanner finds where each element starts and ends — it looks only at ASCII structure
// bytes, which never occur inside a UTF-8 multi-byte sequence — and JSON.parse reads the element.
// Why not stream-json's token pipeline: on 2 KB releases it ran at 8,800 releases/s on this
// machine, under the 10,000/s an import must reach; this hands whole elements to the native parser.
import { createReadStream } from "node:fs";

export interface ArrayItem {
  /** The top-level key holding the array ("releases", "records"); "" for a top-level array. */
  array: string;
  /** 0-based position in that array. */
  index: number;
  value: unknown;
}

export interface ScanOptions {
  /** Top-level keys whose array elements are streamed one by one. */
  arrays: readonly string[];
  /** Keep an array whole (as metadata) when one of these keys came before it: a lone record's own `releases`. */
  unlessAfter?: readonly string[];
  /** Metadata values larger than this are skipped (default 64 MB). */
  maxMetaBytes?: number;
  /** Bytes read at a time (tests use tiny ones to put every boundary inside a token). */
  chunkSize?: number;
  /** False: only read the metadata, passing over the arrays' elements without parsing them. */
  elements?: boolean;
  /** Counts the bytes read, for a progress bar. */
  progress?: { bytes: number };
  /** Called with the metadata read so far each time a value of it is complete. */
  onMeta?: (meta: Record<string, unknown>) => void;
}

/** Malformed JSON, with the byte offset where the scanner gave up. */
export class JsonScanError extends Error {}

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const OPEN_BRACE = 0x7b;
const CLOSE_BRACE = 0x7d;
const OPEN_BRACKET = 0x5b;
const CLOSE_BRACKET = 0x5d;
const COLON = 0x3a;
const COMMA = 0x2c;

const isSpace = (b: number) => b === 0x20 || b === 0x0a || b === 0x0d || b === 0x09;

interface Collecting {
  kind: "key" | "meta" | "element";
  parts: Buffer[];
  from: number;
  size: number;
  /** Depth at which the collected value closes. */
  closeDepth: number;
  /** A scalar top-level value: ends at the next comma or closing brace. */
  scalar: boolean;
  /** A string value: ends at its closing quote. */
  string: boolean;
  tooBig: boolean;
}

/**
 * Yields each element of the named top-level arrays; returns the rest of the top level.
 * @example const it = scanJsonArrays("package.json", { arrays: ["releases"] }); for await (const item of it) …
 */
export async function* scanJsonArrays(path: string, options: ScanOptions): AsyncGenerator<ArrayItem, Record<string, unknown>> {
  const arrays = new Set(options.arrays);
  const unlessAfter = options.unlessAfter ?? [];
  const maxMeta = options.maxMetaBytes ?? 64 * 1024 * 1024;
  const meta: Record<string, unknown> = {};

  let depth = 0;
  let inString = false;
  let escaped = false;
  let phase: "key" | "colon" | "value" | "comma" = "key";
  let key = "";
  let streaming: string | null = null;
  let streamDepth = 0;
  let index = 0;
  let offset = 0;
  let c: Collecting | null = null;

  const start = (kind: Collecting["kind"], from: number, closeDepth: number, flags: { scalar?: boolean; string?: boolean } = {}) => {
    c = { kind, parts: [], from, size: 0, closeDepth, scalar: flags.scalar ?? false, string: flags.string ?? false, tooBig: false };
  };
  const take = (buf: Buffer, end: number): unknown => {
    const col = c as Collecting;
    c = null;
    if (col.tooBig) return undefined;
    col.parts.push(buf.subarray(col.from, end));
    const size = col.size + end - col.from;
    const bytes = col.parts.length === 1 ? (col.parts[0] as Buffer) : Buffer.concat(col.parts, size);
    try {
      return JSON.parse(bytes.toString("utf8"));
    } catch (err) {
      throw new JsonScanError(`invalid JSON before byte ${offset + end}: ${(err as Error).message}`);
    }
  };

  const progress = options.progress ?? { bytes: 0 };
  const setMeta = (k: string, value: unknown) => {
    meta[k] = value;
    options.onMeta?.(meta);
  };
  for await (const chunk of createReadStream(path, { highWaterMark: options.chunkSize ?? 1 << 20 })) {
    const buf = chunk as Buffer;
    const n = buf.length;
    progress.bytes += n;
    let nextBackslash = buf.indexOf(BACKSLASH);
    for (let i = 0; i < n; i++) {
      if (inString) {
        if (escaped) {
          escaped = false;
          continue;
        }
        // Most bytes of a package are inside strings: jump to the next quote or backslash.
        const q = buf.indexOf(QUOTE, i);
        // The next backslash is remembered: searching for it from every string would rescan the chunk.
        if (nextBackslash !== -1 && nextBackslash < i) nextBackslash = buf.indexOf(BACKSLASH, i);
        const bs = nextBackslash;
        if (bs >= 0 && (q < 0 || bs < q)) {
          i = bs;
          escaped = true;
          continue;
        }
        if (q < 0) {
          i = n;
          break;
        }
        i = q;
      }
      const b = buf[i] as number;
      if (inString) {
        if (b === QUOTE) {
          inString = false;
          const col = c as Collecting | null;
          if (col?.kind === "key") {
            key = take(buf, i + 1) as string;
            phase = "colon";
          } else if (col?.string && depth === 1) {
            const value = take(buf, i + 1);
            if (value !== undefined) setMeta(key, value);
            phase = "comma";
          }
        }
        continue;
      }
      if (isSpace(b)) continue;
      if (b === QUOTE) {
        inString = true;
        if (depth === 1 && !c && streaming === null) {
          if (phase === "key") start("key", i, 1);
          else if (phase === "value") start("meta", i, 1, { string: true });
        }
        continue;
      }
      if (b === OPEN_BRACE || b === OPEN_BRACKET) {
        if (depth === 0) {
          if (b === OPEN_BRACKET) {
            streaming = "";
            streamDepth = 1;
            index = 0;
          }
          phase = "key";
        } else if (depth === 1 && streaming === null && !c && phase === "value") {
          if (b === OPEN_BRACKET && arrays.has(key) && !unlessAfter.some((k) => k in meta)) {
            streaming = key;
            streamDepth = 2;
            index = 0;
          } else start("meta", i, 1);
        } else if (streaming !== null && depth === streamDepth && !c && options.elements !== false) {
          start("element", i, streamDepth);
        }
        depth++;
        continue;
      }
      if (b === CLOSE_BRACE || b === CLOSE_BRACKET) {
        if (depth === 1 && c && (c as Collecting).scalar) {
          const value = take(buf, i);
          if (value !== undefined) setMeta(key, value);
        }
        depth--;
        if (depth < 0) throw new JsonScanError(`unexpected "${String.fromCharCode(b)}" at byte ${offset + i}`);
        const col = c as Collecting | null;
        if (col && !col.scalar && !col.string && depth === col.closeDepth) {
          const value = take(buf, i + 1);
          if (col.kind === "element") yield { array: streaming ?? "", index: index++, value };
          else if (value !== undefined) {
            setMeta(key, value);
            phase = "comma";
          }
        } else if (streaming !== null && depth === streamDepth - 1) {
          streaming = null;
          phase = "comma";
        }
        continue;
      }
      if (depth === 1 && streaming === null) {
        if (b === COLON && phase === "colon") {
          phase = "value";
          continue;
        }
        if (b === COMMA) {
          if (c && (c as Collecting).scalar) {
            const value = take(buf, i);
            if (value !== undefined) setMeta(key, value);
          }
          phase = "key";
          continue;
        }
        if (phase === "value" && !c) start("meta", i, 1, { scalar: true });
      }
    }
    if (c) {
      const col = c as Collecting;
      if (!col.tooBig) {
        col.parts.push(buf.subarray(col.from));
        col.size += n - col.from;
        if (col.kind === "meta" && col.size > maxMeta) {
          col.tooBig = true;
          col.parts = [];
        }
      }
      col.from = 0;
    }
    offset += n;
  }
  if (depth !== 0 || inString) throw new JsonScanError(`the file ends inside a JSON value at byte ${offset}: is it truncated?`);
  return meta;
}
