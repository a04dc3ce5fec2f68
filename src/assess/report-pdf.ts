// The chromium adapter: prints the report's HTML to PDF (and to a PNG for previews) with the
// system's chromium through playwright-core. The page gets no network: the HTML is self-contained
// and every request it might make is refused.
import { existsSync } from "node:fs";
import { DsrError } from "../domain/errors.js";

/** Where Debian/Ubuntu put chromium; DSR_CHROMIUM overrides. */
export const DEFAULT_CHROMIUM = "/usr/bin/chromium";

/** Chromium is not installed where we look: the message says how to install it. */
export class ChromiumMissingError extends DsrError {}

const ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic"];

export function chromiumPath(env: NodeJS.ProcessEnv = process.env): string {
  return env.DSR_CHROMIUM || DEFAULT_CHROMIUM;
}

export function chromiumAvailable(env: NodeJS.ProcessEnv = process.env): boolean {
  return existsSync(chromiumPath(env));
}

async function withPage<T>(html: string, fn: (page: import("playwright-core").Page) => Promise<T>, executablePath: string): Promise<T> {
  if (!existsSync(executablePath)) {
    throw new ChromiumMissingError(`PDF needs chromium at ${executablePath}, which is missing: install it (apt-get install chromium) or set DSR_CHROMIUM to its path; --format html gives the same report to print from a browser`);
  }
  // Imported here so that commands that never print PDFs do not load playwright.
  const { chromium } = await import("playwright-core");
  const browser = await chromium.launch({ executablePath, headless: true, args: ARGS });
  try {
    const context = await browser.newContext({ javaScriptEnabled: false });
    const page = await context.newPage();
    await page.route("**/*", (route) => route.abort());
    await page.setContent(html, { waitUntil: "load" });
    return await fn(page);
  } finally {
    await browser.close();
  }
}

/**
 * Prints self-contained HTML to an A4 PDF with the page's print stylesheet.
 * @example const pdf = await htmlToPdf(renderReportHtml(report)); // Buffer starting with %PDF
 */
export async function htmlToPdf(html: string, executablePath: string = chromiumPath()): Promise<Buffer> {
  return withPage(html, async (page) => Buffer.from(await page.pdf({ format: "A4", printBackground: true, preferCSSPageSize: true })), executablePath);
}

/** A PNG of the page as a screen shows it (for previews and closing notes). */
export async function htmlToPng(html: string, options: { width?: number; height?: number; fullPage?: boolean } = {}, executablePath: string = chromiumPath()): Promise<Buffer> {
  return withPage(
    html,
    async (page) => {
      await page.setViewportSize({ width: options.width ?? 1100, height: options.height ?? 1400 });
      return Buffer.from(await page.screenshot({ fullPage: options.fullPage ?? false, type: "png" }));
    },
    executablePath,
  );
}
