// Bytes → text for ingested documents: finds the encoding (BOM, UTF-8 validity, an HTML charset
// declaration, Windows-1252 for the Latin-1 pages common in Latin America) and flags binary files.

export type TextEncodingName = "utf-8" | "utf-16le" | "utf-16be" | "windows-1252";

export interface DecodedText {
  /** The decoded text without its BOM; "" when `binary` is true (binary bytes are not decoded). */
  text: string;
  encoding: TextEncodingName;
  binary: boolean;
}

/** How many leading bytes the binary heuristics look at: enough to judge, cheap for huge files. */
const SNIFF_BYTES = 64 * 1024;
/** HTML requires a charset declaration to sit in the first 1024 bytes; we allow some slack. */
const META_BYTES = 2048;
/** Above this share of control characters a "text" file is really binary. */
const MAX_CONTROL_SHARE = 0.05;

const MAGIC: ReadonlyArray<{ kind: string; bytes: readonly number[] }> = [
  { kind: "PDF", bytes: [0x25, 0x50, 0x44, 0x46] }, // %PDF
  { kind: "ZIP (e.g. .docx/.xlsx)", bytes: [0x50, 0x4b, 0x03, 0x04] }, // PK\3\4
  { kind: "ZIP (e.g. .docx/.xlsx)", bytes: [0x50, 0x4b, 0x05, 0x06] }, // empty ZIP
  { kind: "PNG image", bytes: [0x89, 0x50, 0x4e, 0x47] }, // \x89PNG
  { kind: "GIF image", bytes: [0x47, 0x49, 0x46, 0x38] }, // GIF8
  { kind: "JPEG image", bytes: [0xff, 0xd8, 0xff] },
  { kind: "legacy Office (.doc/.xls)", bytes: [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1] },
  { kind: "gzip", bytes: [0x1f, 0x8b] },
];

/**
 * Names the binary format the bytes start with ("PDF", "PNG image", …), or null. Exported so
 * callers can say *what* they refused, e.g. `sniffBinaryKind(pdfBytes) === "PDF"`.
 */
export function sniffBinaryKind(bytes: Uint8Array): string | null {
  for (const { kind, bytes: magic } of MAGIC) {
    if (bytes.length >= magic.length && magic.every((b, i) => bytes[i] === b)) return kind;
  }
  return null;
}

/**
 * Decodes document bytes. Never throws.
 * @example decodeText(Buffer.from("ação", "latin1")) // { text: "ação", encoding: "windows-1252", binary: false }
 */
export function decodeText(bytes: Uint8Array): DecodedText {
  if (sniffBinaryKind(bytes) !== null) return { text: "", encoding: "utf-8", binary: true };

  if (startsWith(bytes, [0xef, 0xbb, 0xbf])) return decodeUtf8(bytes.subarray(3), true);
  if (startsWith(bytes, [0xff, 0xfe])) return decodeUtf16(bytes.subarray(2), "utf-16le");
  if (startsWith(bytes, [0xfe, 0xff])) return decodeUtf16(bytes.subarray(2), "utf-16be");

  const sample = bytes.subarray(0, SNIFF_BYTES);
  if (sample.includes(0)) {
    // NUL bytes mean binary, unless they are the high bytes of BOM-less UTF-16 text.
    const utf16 = guessBomlessUtf16(sample);
    return utf16 ? decodeUtf16(bytes, utf16) : { text: "", encoding: "utf-8", binary: true };
  }
  if (controlShare(sample) > MAX_CONTROL_SHARE) return { text: "", encoding: "utf-8", binary: true };

  return decodeUtf8(bytes, false);
}

function startsWith(bytes: Uint8Array, prefix: readonly number[]): boolean {
  return bytes.length >= prefix.length && prefix.every((b, i) => bytes[i] === b);
}

/** Share of bytes that are C0 controls other than the whitespace ones (TAB, LF, VT, FF, CR) or ESC. */
function controlShare(sample: Uint8Array): number {
  if (sample.length === 0) return 0;
  let controls = 0;
  for (const b of sample) {
    if ((b < 0x20 && !(b >= 0x09 && b <= 0x0d) && b !== 0x1b) || b === 0x7f) controls++;
  }
  return controls / sample.length;
}

/**
 * UTF-16 without a BOM shows as ASCII-range text with every other byte zero; Spanish and
 * Portuguese text stays below U+0100, so nearly all high bytes are zero.
 */
function guessBomlessUtf16(sample: Uint8Array): "utf-16le" | "utf-16be" | null {
  const pairs = Math.floor(sample.length / 2);
  if (pairs < 2) return null;
  let evenZeros = 0;
  let oddZeros = 0;
  for (let i = 0; i + 1 < sample.length; i += 2) {
    if (sample[i] === 0) evenZeros++;
    if (sample[i + 1] === 0) oddZeros++;
  }
  if (oddZeros > 0.6 * pairs && evenZeros < 0.02 * pairs) return "utf-16le";
  if (evenZeros > 0.6 * pairs && oddZeros < 0.02 * pairs) return "utf-16be";
  return null;
}

function decodeUtf16(bytes: Uint8Array, encoding: "utf-16le" | "utf-16be"): DecodedText {
  // ignoreBOM keeps a second BOM as text; the first was stripped by the caller.
  const text = new TextDecoder(encoding, { ignoreBOM: true }).decode(bytes);
  let controls = 0;
  const probe = Math.min(text.length, SNIFF_BYTES / 2);
  for (let i = 0; i < probe; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x20 && !(c >= 0x09 && c <= 0x0d) && c !== 0x1b) controls++;
  }
  // A BOM-like start on a binary file gives a control-heavy "text".
  if (probe > 0 && controls / probe > MAX_CONTROL_SHARE) return { text: "", encoding, binary: true };
  return { text, encoding, binary: false };
}

function decodeUtf8(bytes: Uint8Array, hadBom: boolean): DecodedText {
  const strict = tryStrictUtf8(bytes);
  if (strict !== null) return { text: strict, encoding: "utf-8", binary: false };

  // Invalid UTF-8. A BOM or a declared utf-8 charset means "UTF-8 with a few bad bytes";
  // so does a file whose non-ASCII is overwhelmingly well-formed UTF-8 (a pasted fragment).
  const declared = hadBom ? "utf-8" : declaredCharset(bytes.subarray(0, META_BYTES));
  if (declared === "utf-8" || (declared === null && mostlyUtf8(bytes))) {
    return { text: new TextDecoder("utf-8", { ignoreBOM: true }).decode(bytes), encoding: "utf-8", binary: false };
  }
  // Latin-1 and Windows-1252 declarations (and undeclared bytes) decode as Windows-1252, which is
  // what browsers do: WHATWG maps the "iso-8859-1" and "us-ascii" labels to it.
  return { text: decodeWindows1252(bytes), encoding: "windows-1252", binary: false };
}

/** Returns the text when the bytes are valid UTF-8, else null; one native linear pass. */
function tryStrictUtf8(bytes: Uint8Array): string | null {
  try {
    return new TextDecoder("utf-8", { fatal: true, ignoreBOM: true }).decode(bytes);
  } catch (error) {
    // A fatal decoder signals malformed input with a TypeError; anything else is a real fault.
    if (error instanceof TypeError) return null;
    throw error;
  }
}

/** The charset an HTML `<meta>` or XML declaration names, mapped to what we decode, or null. */
function declaredCharset(head: Uint8Array): "utf-8" | "windows-1252" | null {
  const ascii = Buffer.from(head.buffer, head.byteOffset, head.byteLength).toString("latin1");
  const match =
    /<meta\b[^>]*?\bcharset\s*=\s*["']?\s*([\w.:-]+)/i.exec(ascii) ??
    /<\?xml\b[^>]*?\bencoding\s*=\s*["']\s*([\w.:-]+)/i.exec(ascii);
  const label = match?.[1]?.toLowerCase();
  if (label === undefined) return null;
  if (label === "utf-8" || label === "utf8" || label === "unicode-1-1-utf-8") return "utf-8";
  if (/^(?:iso[-_]?8859-1|iso[-_]?8859-15|latin-?1|l1|cp1252|windows-1252|x-cp1252|us-ascii|ascii)$/.test(label)) {
    return "windows-1252";
  }
  return null;
}

/**
 * True when well-formed multi-byte UTF-8 sequences far outnumber malformed bytes. Latin-1 text
 * almost never forms valid sequences ("ção" is E7 E3 6F: a lead byte followed by another lead),
 * so this only fires on UTF-8 files with a few stray bytes. Linear, and only run on invalid input.
 */
function mostlyUtf8(bytes: Uint8Array): boolean {
  let valid = 0;
  let invalid = 0;
  const n = bytes.length;
  let i = 0;
  while (i < n) {
    const b = bytes[i] ?? 0;
    if (b < 0x80) {
      i++;
      continue;
    }
    const need = b >= 0xc2 && b <= 0xdf ? 1 : b >= 0xe0 && b <= 0xef ? 2 : b >= 0xf0 && b <= 0xf4 ? 3 : 0;
    let ok = need > 0;
    for (let k = 1; ok && k <= need; k++) {
      const c = bytes[i + k];
      ok = c !== undefined && c >= 0x80 && c <= 0xbf;
    }
    if (ok) {
      valid++;
      i += need + 1;
    } else {
      invalid++;
      i++;
    }
  }
  return valid >= 8 * invalid;
}

/**
 * Windows-1252 differs from Latin-1 only in 0x80–0x9F (€, curly quotes, dashes, …). Node 20's
 * TextDecoder("windows-1252") decodes those bytes as Latin-1 C1 controls, so we map them ourselves.
 */
const CP1252_HIGH: readonly string[] = [
  "\u20ac", "\u0081", "\u201a", "\u0192", "\u201e", "\u2026", "\u2020", "\u2021",
  "\u02c6", "\u2030", "\u0160", "\u2039", "\u0152", "\u008d", "\u017d", "\u008f",
  "\u0090", "\u2018", "\u2019", "\u201c", "\u201d", "\u2022", "\u2013", "\u2014",
  "\u02dc", "\u2122", "\u0161", "\u203a", "\u0153", "\u009d", "\u017e", "\u0178",
];

function decodeWindows1252(bytes: Uint8Array): string {
  const latin1 = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString("latin1");
  return latin1.replace(/[\x80-\x9f]/g, (c) => CP1252_HIGH[c.charCodeAt(0) - 0x80] ?? c);
}
