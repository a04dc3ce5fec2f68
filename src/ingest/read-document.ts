// One input document → its plain text and metadata: picks plain text or HTML by extension and
// content, decodes the bytes, and refuses binaries with a message that names the input.
import { readFile, stat } from "node:fs/promises";
import { extname } from "node:path";
import { decodeText, sniffBinaryKind } from "./decode.js";
import { readHtml } from "./html.js";

export interface ReadDocument {
  /** The document's plain text; extracted offsets refer to this string. */
  text: string;
  readAs: "txt" | "html";
  encoding: string;
  title: string | null;
  author: string | null;
  published: string | null;
  url: string | null;
  language: string | null;
  publisher: string | null;
}

export type ReadResult = { ok: true; doc: ReadDocument } | { ok: false; error: string };

export const DEFAULT_MAX_FILE_BYTES = 50 * 1024 * 1024;

const HTML_EXTENSIONS = new Set([".html", ".htm", ".xhtml"]);
/** How far into a text file we look for HTML tags when the extension does not say. */
const SNIFF_CHARS = 2048;

/**
 * Reads document bytes; `name` (a file name or path) picks the format and labels errors.
 * Never throws.
 * @example readDocument(Buffer.from("Hola\r\nmundo"), "nota.txt") // { ok: true, doc: { text: "Hola\nmundo", readAs: "txt", … } }
 */
export function readDocument(bytes: Uint8Array, name: string): ReadResult {
  const decoded = decodeText(bytes);
  if (decoded.binary) {
    const kind = sniffBinaryKind(bytes);
    const what = kind === null ? "a binary file" : `a binary file (${kind})`;
    return { ok: false, error: `${name}: looks like ${what}; only plain text and HTML can be read yet` };
  }

  const extension = extname(name).toLowerCase();
  if (HTML_EXTENSIONS.has(extension) || looksLikeHtml(decoded.text, extension === ".md")) {
    const page = readHtml(decoded.text);
    return {
      ok: true,
      doc: {
        text: page.text,
        readAs: "html",
        encoding: decoded.encoding,
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
    doc: {
      text,
      readAs: "txt",
      encoding: decoded.encoding,
      title: null,
      author: null,
      published: null,
      url: null,
      language: null,
      publisher: null,
    },
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
export async function readDocumentFile(path: string, maxBytes: number = DEFAULT_MAX_FILE_BYTES): Promise<ReadResult> {
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
  return readDocument(bytes, path);
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
