// Case and accent folding that keeps every character in place, so offsets found in the folded
// text are offsets in the original: "Telefónica" → "telefonica", same length.

let table: Uint16Array | undefined;

function buildTable(): Uint16Array {
  const t = new Uint16Array(65536);
  for (let c = 0; c < 65536; c++) {
    t[c] = c;
    if (c >= 0xd800 && c <= 0xdfff) continue; // surrogate halves stay as they are
    const ch = String.fromCharCode(c);
    const base = ch.normalize("NFD").replace(/\p{M}+/gu, "").toLowerCase();
    // Only one-unit results keep offsets aligned ("ß" → "ss" does not; it stays "ß").
    if (base.length === 1) t[c] = base.charCodeAt(0);
    else if (ch.toLowerCase().length === 1) t[c] = ch.toLowerCase().charCodeAt(0);
  }
  return t;
}

const NON_ASCII = /[^\x00-\x7f]/g;

/** Lower-cases and strips accents, one output unit per input unit. */
export function foldSameLength(text: string): string {
  table ??= buildTable();
  const t0 = table;
  // Fast path: native lower-casing, then the table for non-ASCII only — unless lower-casing
  // changed the length (a rare character such as "İ"), when the table does every unit.
  const lower = text.toLowerCase();
  if (lower.length === text.length) {
    return lower.replace(NON_ASCII, (ch) => String.fromCharCode(t0[ch.charCodeAt(0)] ?? 0));
  }
  const t = table;
  const CHUNK = 8192;
  const parts: string[] = [];
  const buf = new Uint16Array(Math.min(CHUNK, text.length));
  for (let i = 0; i < text.length; i += CHUNK) {
    const n = Math.min(CHUNK, text.length - i);
    for (let j = 0; j < n; j++) buf[j] = t[text.charCodeAt(i + j)] ?? 0;
    parts.push(String.fromCharCode(...buf.subarray(0, n)));
  }
  return parts.join("");
}
