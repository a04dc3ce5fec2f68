// A ZIP archive's central directory (entry names and declared sizes) read without unpacking, so a
// zip bomb can be refused before a library inflates it; plus inflating one entry under a size cap.
import { inflateRawSync } from "node:zlib";

export interface ZipEntry {
  name: string;
  /** 0 = stored, 8 = deflated; other methods are not read. */
  method: number;
  compressedSize: number;
  uncompressedSize: number;
  localHeaderOffset: number;
}

/** `tooLarge`: the entry inflates past the size allowed, i.e. the directory understated it. */
export type ZipResult<T> = { ok: true; value: T } | { ok: false; reason: string; tooLarge?: true };

const EOCD = 0x06054b50;
const ZIP64_LOCATOR = 0x07064b50;
const ZIP64_EOCD = 0x06064b50;
const CENTRAL_ENTRY = 0x02014b50;
const LOCAL_HEADER = 0x04034b50;
const MAX32 = 0xffffffff;

/**
 * Lists the entries a ZIP's central directory declares (ZIP64 included). Never throws.
 * @example readZipDirectory(docxBytes) // { ok: true, value: [{ name: "word/document.xml", uncompressedSize: 2048, … }, …] }
 */
export function readZipDirectory(bytes: Uint8Array): ZipResult<ZipEntry[]> {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const u16 = (at: number): number => view.getUint16(at, true);
  const u32 = (at: number): number => view.getUint32(at, true);
  const u64 = (at: number): number => Number(view.getBigUint64(at, true));

  // The end record is the last 22 bytes, unless an archive comment (≤ 65,535 bytes) follows it.
  let eocd = -1;
  for (let at = bytes.length - 22; at >= 0 && at >= bytes.length - 22 - 0xffff; at--) {
    if (u32(at) === EOCD) {
      eocd = at;
      break;
    }
  }
  if (eocd < 0) return { ok: false, reason: "no ZIP end record: truncated, or not a ZIP archive" };
  let count = u16(eocd + 10);
  let offset = u32(eocd + 16);
  if (count === 0xffff || offset === MAX32) {
    // ZIP64: the real count and offset sit in a record that a locator just before the end record points to.
    const locator = eocd - 20;
    const record = locator >= 0 && u32(locator) === ZIP64_LOCATOR ? u64(locator + 8) : -1;
    if (record < 0 || record + 56 > eocd || u32(record) !== ZIP64_EOCD) return { ok: false, reason: "damaged ZIP64 end record" };
    count = u64(record + 32);
    offset = u64(record + 48);
  }

  const entries: ZipEntry[] = [];
  let at = offset;
  for (let i = 0; i < count; i++) {
    if (at + 46 > bytes.length || u32(at) !== CENTRAL_ENTRY) return { ok: false, reason: "damaged central directory" };
    const nameLength = u16(at + 28);
    const extraLength = u16(at + 30);
    const next = at + 46 + nameLength + extraLength + u16(at + 32);
    if (next > bytes.length) return { ok: false, reason: "damaged central directory" };
    const entry: ZipEntry = {
      name: new TextDecoder().decode(bytes.subarray(at + 46, at + 46 + nameLength)),
      method: u16(at + 10),
      compressedSize: u32(at + 20),
      uncompressedSize: u32(at + 24),
      localHeaderOffset: u32(at + 42),
    };
    // ZIP64 extra field (id 1): 64-bit values for exactly those fields stored as 0xFFFFFFFF, in this order.
    const extraEnd = at + 46 + nameLength + extraLength;
    for (let x = at + 46 + nameLength; x + 4 <= extraEnd; x += 4 + u16(x + 2)) {
      if (u16(x) !== 1) continue;
      let field = x + 4;
      const end = Math.min(field + u16(x + 2), extraEnd);
      for (const key of ["uncompressedSize", "compressedSize", "localHeaderOffset"] as const) {
        if (entry[key] !== MAX32) continue;
        if (field + 8 > end) return { ok: false, reason: "damaged ZIP64 field" };
        entry[key] = u64(field);
        field += 8;
      }
    }
    entries.push(entry);
    at = next;
  }
  return { ok: true, value: entries };
}

/**
 * Unpacks one entry; more than `maxBytes` of output is refused, so a directory that understates
 * an entry's size cannot make us inflate more than it declared. Never throws.
 */
export function readZipEntry(bytes: Uint8Array, entry: ZipEntry, maxBytes: number): ZipResult<Uint8Array> {
  const at = entry.localHeaderOffset;
  if (at + 30 > bytes.length || new DataView(bytes.buffer, bytes.byteOffset + at, 30).getUint32(0, true) !== LOCAL_HEADER) {
    return { ok: false, reason: `${entry.name}: damaged local header` };
  }
  const header = new DataView(bytes.buffer, bytes.byteOffset + at, 30);
  const start = at + 30 + header.getUint16(26, true) + header.getUint16(28, true);
  if (start + entry.compressedSize > bytes.length) return { ok: false, reason: `${entry.name}: truncated` };
  const data = bytes.subarray(start, start + entry.compressedSize);
  if (entry.method === 0) {
    return data.length > maxBytes ? { ok: false, reason: `${entry.name}: larger than declared`, tooLarge: true } : { ok: true, value: data };
  }
  if (entry.method !== 8) return { ok: false, reason: `${entry.name}: compression method ${entry.method} is not supported` };
  try {
    // maxOutputLength must be at least 1, even for an empty entry.
    return { ok: true, value: inflateRawSync(data, { maxOutputLength: Math.max(1, maxBytes) }) };
  } catch (error) {
    const code = typeof error === "object" && error !== null && "code" in error ? String(error.code) : "";
    if (code === "ERR_BUFFER_TOO_LARGE") return { ok: false, reason: `${entry.name}: larger than declared`, tooLarge: true };
    // zlib reports corrupt data with Z_DATA_ERROR / Z_BUF_ERROR codes.
    return { ok: false, reason: `${entry.name}: ${error instanceof Error ? error.message : String(error)}` };
  }
}
