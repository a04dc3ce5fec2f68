// Word .docx → plain text (mammoth) and the core properties (title, author, created). The ZIP's own
// directory is checked first, so a zip bomb is refused before anything is unpacked.
import mammoth from "mammoth";
import { DOMParser } from "linkedom";
import type { DomDocument } from "./html-dom.js";
import { clean, normaliseDate, normaliseLanguage } from "./html-metadata.js";
import { tidyText } from "./pages.js";
import type { ReadResult } from "./read-document.js";
import { type ZipEntry, readZipDirectory, readZipEntry } from "./zip-directory.js";

const MB = 1024 * 1024;
/** Expansion allowed: 100× the file (real .docx files expand 2–20×), at least 20 MB, at most 200 MB. */
const MAX_EXPANDED_BYTES = 200 * MB;
const MIN_EXPANDED_BYTES = 20 * MB;
const MAX_EXPANSION = 100;
/** Deflate tops out near 1032:1 on all-zero input; XML that compresses over 500:1 is filler, not prose. */
const MAX_ENTRY_RATIO = 500;
const RATIO_CHECK_ABOVE = 1 * MB;

const MAIN_PART = "word/document.xml";
const CORE_PART = "docProps/core.xml";

/** True when the bytes are a ZIP archive holding a Word main document. Never throws. */
export function isDocx(bytes: Uint8Array): boolean {
  const directory = readZipDirectory(bytes);
  return directory.ok && directory.value.some((e) => e.name === MAIN_PART);
}

/**
 * Reads a .docx. Never throws; `name` labels the errors.
 * @example await readDocx(bytes, "acta.docx") // { ok: true, doc: { text: "…", readAs: "docx", title: "Acta", … } }
 */
export async function readDocx(bytes: Uint8Array, name: string): Promise<ReadResult> {
  const fail = (reason: string): ReadResult => ({ ok: false, error: `${name}: ${reason}` });
  const directory = readZipDirectory(bytes);
  if (!directory.ok) return fail(`not a readable DOCX (${directory.reason})`);
  const entries = directory.value;

  const refusal = bombCheck(entries, bytes.byteLength);
  if (refusal !== null) return fail(`refused: ${refusal}`);
  if (!entries.some((e) => e.name === MAIN_PART)) {
    return fail(`not a readable DOCX (the archive has no ${MAIN_PART}; is it another kind of ZIP or Office file?)`);
  }

  // The directory's sizes are only claims: unpack each entry under its declared size before mammoth
  // (JSZip) unpacks it without a limit. Bounded by bombCheck's total, and cheap next to parsing.
  let core: Uint8Array | null = null;
  for (const entry of entries) {
    if (entry.name.endsWith("/")) continue;
    const data = readZipEntry(bytes, entry, entry.uncompressedSize);
    if (!data.ok) {
      return data.tooLarge
        ? fail(`refused: ${entry.name} expands beyond the size the archive declares (damaged, or a zip bomb?)`)
        : fail(`not a readable DOCX (${data.reason})`);
    }
    if (entry.name === CORE_PART) core = data.value;
  }

  let raw: string;
  try {
    raw = (await mammoth.extractRawText({ buffer: Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength) })).value;
  } catch (error) {
    // mammoth rejects malformed parts with plain Errors; the first line says which.
    const message = error instanceof Error ? error.message : String(error);
    return fail(`not a readable DOCX (${message.split("\n")[0]})`);
  }
  const props = core === null ? null : coreProperties(new TextDecoder().decode(core));
  return {
    ok: true,
    doc: {
      text: tidyText(raw),
      readAs: "docx",
      encoding: null,
      pageStarts: null,
      ocr: false,
      warnings: [],
      title: props?.title ?? null,
      author: props?.author ?? null,
      published: props?.created ?? null,
      url: null,
      language: props?.language ?? null,
      publisher: null,
    },
  };
}

/** Why the archive is refused as a likely zip bomb, or null when its declared sizes are sensible. */
function bombCheck(entries: readonly ZipEntry[], fileBytes: number): string | null {
  const limit = Math.min(MAX_EXPANDED_BYTES, Math.max(MIN_EXPANDED_BYTES, MAX_EXPANSION * fileBytes));
  const total = entries.reduce((sum, e) => sum + e.uncompressedSize, 0);
  const size = `${Math.max(1, Math.round(total / MB))} MB`;
  if (total > limit) return `the archive would expand to ${size} (zip bomb?)`;
  for (const e of entries) {
    const ratio = e.uncompressedSize / Math.max(1, e.compressedSize);
    if (e.uncompressedSize > RATIO_CHECK_ABOVE && ratio > MAX_ENTRY_RATIO) {
      return `the archive would expand to ${size}, ${e.name} at ${Math.round(ratio)}:1 (zip bomb?)`;
    }
  }
  return null;
}

interface CoreProperties {
  title: string | null;
  author: string | null;
  created: string | null;
  language: string | null;
}

/** dc:title, dc:creator, dcterms:created and dc:language from docProps/core.xml. */
function coreProperties(xml: string): CoreProperties {
  const doc = new DOMParser().parseFromString(xml, "text/xml") as unknown as DomDocument;
  const field = (tag: string): string | null => clean(doc.getElementsByTagName(tag)[0]?.textContent);
  const created = field("dcterms:created");
  return {
    title: field("dc:title"),
    author: field("dc:creator"),
    created: created === null ? null : normaliseDate(created),
    language: normaliseLanguage(field("dc:language")),
  };
}
