// PDF → plain text page by page (unpdf, a bundled pdf.js) with the info dictionary's title, author
// and creation date; pages without a text layer (scans) are read by OCR (ocr.ts).
import { extractText, getDocumentProxy, getMeta } from "unpdf";
import { clean, normaliseDate, normaliseLanguage } from "./html-metadata.js";
import { type UsableOcrTools, findOcrTools, ocrPdf } from "./ocr.js";
import { joinPages } from "./pages.js";
import { withPdfjsRejectionsAbsorbed } from "./pdfjs-rejections.js";
import type { ReadResult } from "./read-document.js";

export interface PdfOptions {
  ocr: "auto" | "off";
  ocrLanguages: string;
  /** Date.now() value after which the reading gives up. */
  deadline: number;
  /** Where to look for tesseract and pdftoppm (PATH syntax); default: PATH. */
  toolPath?: string;
}

/**
 * A page with fewer letters and digits than this has no real text layer: it is a scan carrying
 * at most a page number or a scanner app's watermark ("Scanned with CamScanner").
 */
const MIN_TEXT_CHARS_PER_PAGE = 40;
/** pdf.js logs with console.log, and stdout carries the CLI's data: errors only, which it returns to us anyway. */
const PDFJS_ERRORS_ONLY = 0;

/**
 * Reads a PDF. Never throws; `name` labels the errors.
 * @example await readPdf(bytes, "informe.pdf", { ocr: "auto", ocrLanguages: "spa+por+eng", deadline: Date.now() + 60_000 })
 */
export async function readPdf(bytes: Uint8Array, name: string, options: PdfOptions): Promise<ReadResult> {
  const started = Date.now();
  const fail = (reason: string): ReadResult => ({ ok: false, error: `${name}: ${reason}` });

  const read = await withPdfjsRejectionsAbsorbed(() => textAndInfo(bytes, options.deadline));
  if (read === TIMED_OUT) return fail(`gave up after ${Math.round((options.deadline - started) / 1000)} s; the PDF may be damaged or very large`);
  if (!read.ok) return fail(read.reason);
  const { pageTexts, info } = read;

  const warnings: string[] = [];
  let ocr = false;
  const scanned = pageTexts.flatMap((text, i) => (textChars(text) < MIN_TEXT_CHARS_PER_PAGE ? [i + 1] : []));
  const allScanned = pageTexts.length > 0 && scanned.length === pageTexts.length;
  if (scanned.length > 0) {
    const tools = await usableOcrTools(options);
    if (typeof tools === "string") {
      if (allScanned) return fail(`image-only PDF (scanned pages, no text layer) and ${tools}`);
      warnings.push(`${pageList(scanned)} without a text layer not read: ${tools}`);
    } else {
      const result = await ocrPdf(bytes, { tools, pages: scanned, languages: options.ocrLanguages, deadline: options.deadline });
      if (!result.ok) return fail(result.error);
      warnings.push(...result.warnings);
      result.texts.forEach((text, i) => {
        const index = (scanned[i] ?? 0) - 1;
        // A short real text layer (a closing signature, say) beats an OCR reading of the same words.
        if (textChars(text) > textChars(pageTexts[index] ?? "")) {
          pageTexts[index] = text;
          ocr = true;
        }
      });
    }
  }

  const { text, pageStarts } = joinPages(pageTexts);
  return {
    ok: true,
    doc: {
      text,
      readAs: "pdf",
      encoding: null,
      pageStarts,
      ocr,
      warnings: warnings.map((w) => `${name}: ${w}`),
      title: pdfTitle(info.Title),
      author: typeof info.Author === "string" ? clean(info.Author) : null,
      published: typeof info.CreationDate === "string" ? pdfDate(info.CreationDate) : null,
      url: null,
      language: typeof info.Language === "string" ? normaliseLanguage(info.Language) : null,
      publisher: null,
    },
  };
}

type PdfText = { ok: true; pageTexts: string[]; info: Record<string, unknown> } | { ok: false; reason: string };

/** Each page's text and the info dictionary, by pdf.js; failures become reasons, never exceptions. */
async function textAndInfo(bytes: Uint8Array, deadline: number): Promise<PdfText | typeof TIMED_OUT> {
  // pdf.js may take over (detach) the buffer it is given; a copy leaves the caller's bytes intact.
  const loading = getDocumentProxy(new Uint8Array(bytes), { verbosity: PDFJS_ERRORS_ONLY });
  let pdf: Awaited<typeof loading>;
  try {
    const opened = await beforeDeadline(loading, deadline);
    if (opened === TIMED_OUT) {
      // Still loading: destroy it when it is done, absorbing its stray rejections until then.
      void withPdfjsRejectionsAbsorbed(() => loading.then((late) => late.destroy(), () => undefined));
      return TIMED_OUT;
    }
    pdf = opened;
  } catch (error) {
    return { ok: false, reason: describePdfError(error) };
  }
  try {
    const read = await beforeDeadline(Promise.all([extractText(pdf, { mergePages: false }), getMeta(pdf)]), deadline);
    if (read === TIMED_OUT) return TIMED_OUT;
    return { ok: true, pageTexts: read[0].text, info: read[1].info as Record<string, unknown> };
  } catch (error) {
    return { ok: false, reason: describePdfError(error) };
  } finally {
    await pdf.destroy();
  }
}

/** The OCR tools, or why OCR cannot run (said so that the user knows what to do). */
async function usableOcrTools(options: PdfOptions): Promise<UsableOcrTools | string> {
  if (options.ocr === "off") return "OCR is turned off";
  const tools = await findOcrTools(options.toolPath);
  if (tools.tesseract === null) return "tesseract is not installed; install tesseract-ocr to read it";
  if (tools.pdftoppm === null) return "pdftoppm is not installed; install poppler-utils to read it";
  return { ...tools, tesseract: tools.tesseract, pdftoppm: tools.pdftoppm };
}

const TIMED_OUT = Symbol("timed out");

/** The work's outcome, or TIMED_OUT once the deadline passes; the timer never outlives the race. */
function beforeDeadline<T>(work: Promise<T>, deadline: number): Promise<T | typeof TIMED_OUT> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<typeof TIMED_OUT>((resolve) => {
    timer = setTimeout(resolve, Math.max(0, deadline - Date.now()), TIMED_OUT);
  });
  return Promise.race([work, timeout]).finally(() => clearTimeout(timer));
}

function textChars(text: string): number {
  return text.match(/[\p{L}\p{N}]/gu)?.length ?? 0;
}

/** "page 3" / "pages 3, 5, 9" / "pages 3, 5, 9, … (12 in all)". */
function pageList(pages: readonly number[]): string {
  if (pages.length === 1) return `page ${pages[0]}`;
  const shown = pages.slice(0, 5).join(", ");
  return pages.length > 5 ? `pages ${shown}, … (${pages.length} in all)` : `pages ${shown}`;
}

/** pdf.js names its failures (PasswordException, InvalidPDFException, …); turn them into reasons. */
function describePdfError(error: unknown): string {
  const name = error instanceof Error ? error.name : "";
  if (name === "PasswordException") return "the PDF is password-protected";
  const message = (error instanceof Error ? error.message : String(error)).replace(/\.$/, "");
  return `not a readable PDF (${message.charAt(0).toLowerCase()}${message.slice(1)})`;
}

/**
 * Word processors fill Title with the source file's name ("Microsoft Word - acta.docx"), which is
 * no title at all.
 */
function pdfTitle(value: unknown): string | null {
  const title = typeof value === "string" ? clean(value.replace(/^Microsoft (?:Word|PowerPoint|Excel) - /, "")) : null;
  if (title === null || /^untitled$/i.test(title) || /\.(?:docx?|odt|rtf|pdf|pptx?|xlsx?|indd|txt)$/i.test(title)) return null;
  return title;
}

/**
 * A PDF date ("D:20190315093000-03'00'") → "2019-03-15", as written (no time-zone shift). Years
 * before PDF existed are the zero dates of broken producers.
 */
function pdfDate(value: string): string | null {
  const m = /^(?:D:)?(\d{4})(\d{2})?(\d{2})?/.exec(value.trim());
  if (m === null || Number(m[1]) < 1993) return null;
  return normaliseDate([m[1], m[2], m[3]].filter((part) => part !== undefined).join("-"));
}
