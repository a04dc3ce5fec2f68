// Text for image-only (scanned) PDFs: each page is rendered with poppler's pdftoppm and read with
// tesseract. The tools are looked up once per search path; a missing one is reported, never guessed around.
import { execFile } from "node:child_process";
import { constants } from "node:fs";
import { access, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { delimiter, join } from "node:path";

export interface OcrTools {
  tesseract: string | null;
  pdftoppm: string | null;
  /** Languages tesseract has data for ("spa", "por", …); empty when tesseract is missing. */
  languages: ReadonlySet<string>;
}

/** Beyond this many pages a scan is read in part, with a warning: OCR takes seconds per page. */
export const MAX_OCR_PAGES = 200;
/** Resolution pages are rendered at: tesseract reads body text best at 200–300 dpi. */
const RENDER_DPI = "200";
/** No single page may hold the reading longer than this, whatever time is left overall. */
const MAX_MS_PER_STEP = 120_000;

/** Tools found, both of them. */
export type UsableOcrTools = OcrTools & { tesseract: string; pdftoppm: string };

const toolsBySearchPath = new Map<string, Promise<OcrTools>>();

/**
 * Finds tesseract and pdftoppm in `searchPath` (PATH syntax; default: the PATH environment
 * variable), and tesseract's languages. Looked up once per search path.
 * @example (await findOcrTools()).tesseract // "/usr/bin/tesseract"
 */
export function findOcrTools(searchPath: string = process.env.PATH ?? ""): Promise<OcrTools> {
  let tools = toolsBySearchPath.get(searchPath);
  if (tools === undefined) {
    tools = detectTools(searchPath);
    toolsBySearchPath.set(searchPath, tools);
  }
  return tools;
}

async function detectTools(searchPath: string): Promise<OcrTools> {
  const [tesseract, pdftoppm] = await Promise.all([which("tesseract", searchPath), which("pdftoppm", searchPath)]);
  let languages = new Set<string>();
  if (tesseract !== null) {
    const listed = await run(tesseract, ["--list-langs"], 10_000);
    // The first line is a header ("List of available languages in …"); "osd" is layout data, not a language.
    if (listed.ok) languages = new Set(listed.stdout.split("\n").slice(1).map((l) => l.trim()).filter((l) => l !== "" && l !== "osd"));
  }
  return { tesseract, pdftoppm, languages };
}

async function which(command: string, searchPath: string): Promise<string | null> {
  for (const dir of searchPath.split(delimiter)) {
    if (dir === "") continue;
    const candidate = join(dir, command);
    // Not found or not executable here: try the next directory, as a shell would.
    if (await access(candidate, constants.X_OK).then(() => true, () => false)) return candidate;
  }
  return null;
}

export interface OcrRequest {
  tools: UsableOcrTools;
  /** 1-based numbers of the pages to read; only the first `maxPages` are. */
  pages: readonly number[];
  /** Default MAX_OCR_PAGES. */
  maxPages?: number;
  /** tesseract's -l argument, e.g. "spa+por+eng". */
  languages: string;
  /** Date.now() value after which the reading gives up. */
  deadline: number;
}

/** `texts[i]` is the text of `pages[i]` of the request. */
export type OcrResult = { ok: true; texts: string[]; warnings: string[] } | { ok: false; error: string };

/**
 * OCRs PDF pages one at a time in a temporary folder that is always removed. Never throws; errors
 * and warnings are reasons without the document's name.
 */
export async function ocrPdf(bytes: Uint8Array, request: OcrRequest): Promise<OcrResult> {
  const { tools, deadline } = request;
  const warnings: string[] = [];
  // Language names go to tesseract as an argument: only name-shaped ones ("spa", "script/Latin").
  const wanted = request.languages.split("+").filter((l) => /^[\w/-]+$/.test(l));
  const languages = tools.languages.size === 0 ? wanted : wanted.filter((l) => tools.languages.has(l));
  if (languages.length === 0) {
    return { ok: false, error: `tesseract has no data for the languages ${request.languages}; install tesseract-ocr-${wanted[0] ?? "spa"}` };
  }
  if (languages.length < wanted.length) {
    const missing = wanted.filter((l) => !languages.includes(l));
    warnings.push(`OCR ran without ${missing.join(", ")}: tesseract has no data for it (install tesseract-ocr-${missing[0]})`);
  }

  const pages = request.pages.slice(0, request.maxPages ?? MAX_OCR_PAGES);
  if (pages.length < request.pages.length) warnings.push(`only the first ${pages.length} of ${request.pages.length} scanned pages were OCRed`);
  let dir: string;
  try {
    dir = await mkdtemp(join(tmpdir(), "dsr-ocr-"));
  } catch (error) {
    return { ok: false, error: `OCR needs a temporary folder and none could be made (${error instanceof Error ? error.message : String(error)})` };
  }
  try {
    const pdf = join(dir, "input.pdf");
    await writeFile(pdf, bytes);
    const texts: string[] = [];
    for (const page of pages) {
      if (Date.now() >= deadline) return { ok: false, error: `ran out of time for OCR at page ${page} (${texts.length} of ${pages.length} scanned pages read)` };
      const image = join(dir, `page-${page}`);
      const pageArg = String(page);
      const rendered = await run(tools.pdftoppm, ["-r", RENDER_DPI, "-gray", "-png", "-f", pageArg, "-l", pageArg, "-singlefile", pdf, image], timeLeft(deadline));
      if (!rendered.ok) return { ok: false, error: `page ${page} could not be rendered for OCR (pdftoppm: ${rendered.reason})` };
      const read = await run(tools.tesseract, [`${image}.png`, "stdout", "-l", languages.join("+")], timeLeft(deadline));
      if (!read.ok) return { ok: false, error: `OCR failed on page ${page} (tesseract: ${read.reason})` };
      texts.push(read.stdout);
      // Removed as we go, so a long scan never holds hundreds of page images on disk.
      await rm(`${image}.png`, { force: true });
    }
    return { ok: true, texts, warnings };
  } catch (error) {
    // The temporary folder's file system failing (full disk, say) under us.
    return { ok: false, error: `OCR failed (${error instanceof Error ? error.message : String(error)})` };
  } finally {
    await rm(dir, { recursive: true, force: true, maxRetries: 2 });
  }
}

function timeLeft(deadline: number): number {
  return Math.min(MAX_MS_PER_STEP, deadline - Date.now());
}

type RunResult = { ok: true; stdout: string } | { ok: false; reason: string };

/** Runs a tool without a shell; never throws. A timeout of 0 or less fails at once. */
function run(file: string, args: string[], timeoutMs: number): Promise<RunResult> {
  if (timeoutMs <= 0) return Promise.resolve({ ok: false, reason: "out of time" });
  return new Promise((resolve) => {
    execFile(file, args, { timeout: timeoutMs, killSignal: "SIGKILL", maxBuffer: 64 * 1024 * 1024, encoding: "utf8" }, (error, stdout, stderr) => {
      if (error === null) return resolve({ ok: true, stdout });
      if (error.code === "ERR_CHILD_PROCESS_STDIO_MAXBUFFER") return resolve({ ok: false, reason: "more than 64 MB of output" });
      if (error.killed) return resolve({ ok: false, reason: `no answer within ${Math.round(timeoutMs / 1000)} s` });
      const said = stderr.trim().split("\n").filter(Boolean).pop();
      resolve({ ok: false, reason: said ?? error.message });
    });
  });
}
