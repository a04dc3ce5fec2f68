// One input document → its plain text and metadata: picks plain text, HTML, PDF or DOCX by content
// and extension, and refuses binaries, empty files and lookalikes with a message that names the input.
import { readFile, stat } from "node:fs/promises";
import { extname } from "node:path";
import { decodeText, sniffBinaryKind } from "./decode.js";
import { isDocx, readDocx } from "./docx.js";
import { readHtml } from "./html.js";
import { readPdf } from "./pdf.js";

export { pageOf } from "./pages.js";

export interface ReadDocument {
  /** The document's plain text; extracted offsets refer to this string. */
  text: string;
  readAs: "txt" | "html" | "pdf" | "docx";
  /** The text encoding found; null for binary formats (PDF, DOCX). */
  encoding: string | null;
  /** PDF: offset in `text` where each page starts (see pageOf); null for other formats. */
  pageStarts: number[] | null;
  /** True when some or all of the text came from OCR of scanned pages. */
  ocr: boolean;
  /** What was read only in part, each naming the input, e.g. "scan.pdf: only the first 200 of 340 scanned pages were OCRed". */
  warnings: string[];
  title: string | null;
  author: string | null;
  /** "YYYY-MM-DD" (or less precise). PDF: the CreationDate; DOCX: dcterms:created. */
  published: string | null;
  url: string | null;
  language: string | null;
  publisher: string | null;
}

export type ReadResult = { ok: true; doc: ReadDocument } | { ok: false; error: string };

export interface ReadOptions {
  /** Larger inputs are refused (readDocumentFile: before reading). Default 50 MB. */
  maxBytes?: number;
  /**
   * "auto" (default): OCR PDF pages that have no text layer, when tesseract is installed. The
   * booleans true / false mean "auto" / "off" (extract-pool.ts passes a boolean across threads).
   */
  ocr?: "auto" | "off" | boolean;
  /** tesseract's languages. Default "spa+por+eng". */
  ocrLanguages?: string;
  /** Time allowed for one document, OCR included. Default 10 minutes. */
  timeoutMs?: number;
  /** Where tesseract and pdftoppm are looked for (PATH syntax). Default: the PATH variable. */
  toolPath?: string;
}

export const DEFAULT_MAX_FILE_BYTES = 50 * 1024 * 1024;
export const DEFAULT_OCR_LANGUAGES = "spa+por+eng";
/** Generous because OCR takes a few seconds per scanned page. */
export const DEFAULT_TIMEOUT_MS = 10 * 60_000;

const HTML_EXTENSIONS = new Set([".html", ".htm", ".xhtml"]);
/** How far into a text file we look for HTML tags when the extension does not say. */
const SNIFF_CHARS = 2048;
/** pdf.js, like Acrobat, accepts a "%PDF-" header anywhere in the first 1024 bytes (junk before it happens). */
const PDF_HEADER_WINDOW = 1024;
const CAN_READ = "only text, HTML, PDF and DOCX can be read";

/**
 * Reads document bytes; the content, then `name`'s extension, pick the format, and `name` labels
 * errors. Never throws.
 * @example await readDocument(Buffer.from("Hola\r\nmundo"), "nota.txt") // { ok: true, doc: { text: "Hola\nmundo", readAs: "txt", … } }
 */
export async function readDocument(bytes: Uint8Array, name: string, options: ReadOptions = {}): Promise<ReadResult> {
  try {
    return await readByFormat(bytes, name, options);
  } catch (error) {
    // The readers handle the failures they know; pdf.js, mammoth and linkedom may still throw on
    // input nobody foresaw, and one such file must stay one failed input, not a crashed batch.
    return { ok: false, error: `${name}: could not be read (${error instanceof Error ? error.message : String(error)})` };
  }
}

async function readByFormat(bytes: Uint8Array, name: string, options: ReadOptions): Promise<ReadResult> {
  const maxBytes = options.maxBytes ?? DEFAULT_MAX_FILE_BYTES;
  if (bytes.byteLength === 0) return { ok: false, error: `${name}: empty file (0 bytes)` };
  if (bytes.byteLength > maxBytes) return { ok: false, error: `${name}: larger than ${formatSize(maxBytes)}` };

  const extension = extname(name).toLowerCase();
  const kind = sniffBinaryKind(bytes);
  if (hasPdfHeader(bytes, extension === ".pdf")) {
    return readPdf(bytes, name, {
      ocr: options.ocr === "off" || options.ocr === false ? "off" : "auto",
      ocrLanguages: options.ocrLanguages ?? DEFAULT_OCR_LANGUAGES,
      deadline: Date.now() + (options.timeoutMs ?? DEFAULT_TIMEOUT_MS),
      toolPath: options.toolPath,
    });
  }
  if (kind?.startsWith("ZIP") && (extension === ".docx" || isDocx(bytes))) return readDocx(bytes, name);
  // The name promises a format the bytes do not have (a saved error page, a renamed file).
  if (extension === ".pdf") return { ok: false, error: `${name}: not a readable PDF (no %PDF- header; ${whatItIs(bytes, kind)})` };
  if (extension === ".docx") {
    const why = kind?.startsWith("legacy Office")
      ? "an encrypted (password-protected) or old-format Word file; save it as .docx without a password"
      : `not a ZIP archive; ${whatItIs(bytes, kind)}`;
    return { ok: false, error: `${name}: not a readable DOCX (${why})` };
  }
  return readText(bytes, name, extension);
}

/** What the bytes seem to be instead: "it looks like an HTML page", "it looks like a PNG image", … */
function whatItIs(bytes: Uint8Array, kind: string | null): string {
  if (kind !== null) return `it looks like a ${kind}`;
  const decoded = decodeText(bytes.subarray(0, SNIFF_CHARS));
  if (decoded.binary) return "it looks like binary data";
  return looksLikeHtml(decoded.text, false) ? "it looks like an HTML page" : "it looks like plain text";
}

/** A header past the start counts only in a .pdf: a text file may quote "%PDF-" near its top. */
function hasPdfHeader(bytes: Uint8Array, namedPdf: boolean): boolean {
  const head = Buffer.from(bytes.buffer, bytes.byteOffset, Math.min(bytes.byteLength, PDF_HEADER_WINDOW));
  const at = head.indexOf("%PDF-");
  return at === 0 || (at > 0 && namedPdf);
}

function readText(bytes: Uint8Array, name: string, extension: string): ReadResult {
  const decoded = decodeText(bytes);
  if (decoded.binary) {
    const kind = sniffBinaryKind(bytes);
    const what = kind === null ? "a binary file" : `a binary file (${kind})`;
    return { ok: false, error: `${name}: looks like ${what}; ${CAN_READ}` };
  }
  const common = { encoding: decoded.encoding, pageStarts: null, ocr: false, warnings: [] };

  if (HTML_EXTENSIONS.has(extension) || looksLikeHtml(decoded.text, extension === ".md")) {
    const page = readHtml(decoded.text);
    return {
      ok: true,
      doc: {
        text: page.text,
        readAs: "html",
        ...common,
        title: page.title,
        author: page.author,
        published: page.published,
        url: page.canonicalUrl,
        language: page.language,
        publisher: page.siteName,
      },
    };
  }

  // Whitespace-only input is "no text" for callers, not an error here.
  const text = decoded.text.trim() === "" ? "" : decoded.text.replace(/\r\n?/g, "\n");
  return {
    ok: true,
    doc: { text, readAs: "txt", ...common, title: null, author: null, published: null, url: null, language: null, publisher: null },
  };
}

/**
 * A doctype or <html> at the start is HTML whatever the extension; early <body> or <p> tags are
 * too, except in Markdown, which may carry inline HTML paragraphs.
 */
function looksLikeHtml(text: string, markdown: boolean): boolean {
  const head = text.slice(0, SNIFF_CHARS);
  if (/^\s*(?:<!--[\s\S]*?-->\s*)*<(?:!doctype\s+html|html)[\s>]/i.test(head)) return true;
  return !markdown && /<(?:body|p)[\s>]/i.test(head);
}

/**
 * Reads a file from disk with a size cap. Never throws: a missing, unreadable, oversized path or
 * a directory gives `{ ok: false }` with a message naming the path.
 * @example await readDocumentFile("corpus/nota.html") // { ok: true, doc: { readAs: "html", … } }
 */
export async function readDocumentFile(path: string, options: ReadOptions = {}): Promise<ReadResult> {
  const file = await readInputFile(path, options.maxBytes);
  return file.ok ? readDocument(file.bytes, path, options) : file;
}

/**
 * A file's bytes, refused above `maxBytes` before reading (stat first), for callers that hash or
 * ship the bytes before reading them as a document. Never throws; errors name the path.
 * @example await readInputFile("corpus/informe.pdf", 50 * 1024 * 1024) // { ok: true, bytes: Uint8Array(…) }
 */
export async function readInputFile(
  path: string,
  maxBytes: number = DEFAULT_MAX_FILE_BYTES,
): Promise<{ ok: true; bytes: Uint8Array } | { ok: false; error: string }> {
  const tooLarge = { ok: false, error: `${path}: larger than ${formatSize(maxBytes)}` } as const;
  let bytes: Uint8Array;
  try {
    const info = await stat(path);
    if (info.isDirectory()) return { ok: false, error: `${path}: is a directory, not a file` };
    if (!info.isFile()) return { ok: false, error: `${path}: not a regular file` };
    if (info.size > maxBytes) return tooLarge;
    bytes = await readFile(path);
  } catch (error) {
    // File-system failures are expected per input (batch habit: one bad file is one failed line).
    return { ok: false, error: `${path}: ${describeFsError(error)}` };
  }
  // The file may have grown between stat and read.
  if (bytes.byteLength > maxBytes) return tooLarge;
  return { ok: true, bytes };
}

function describeFsError(error: unknown): string {
  const code = typeof error === "object" && error !== null && "code" in error ? String(error.code) : "";
  switch (code) {
    case "ENOENT":
      return "no such file";
    case "EACCES":
    case "EPERM":
      return "permission denied";
    case "EISDIR":
      return "is a directory, not a file";
    default:
      return `cannot be read (${error instanceof Error ? error.message : String(error)})`;
  }
}

function formatSize(bytes: number): string {
  const mb = bytes / (1024 * 1024);
  return Number.isInteger(mb) ? `${mb} MB` : `${bytes} bytes`;
}
