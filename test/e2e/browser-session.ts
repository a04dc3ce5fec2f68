// What every browser suite needs, set up once per file: the site and one chromium (started before
// the file's tests, closed after), a fresh context per page (own cookies; English unless told;
// a phone viewport is touch), full-page screenshots under test-artifacts/screenshots/, signing in
// as the site's editor, and the uncaught page errors seen (each suite's last test checks them).
import { mkdirSync } from "node:fs";
import { join } from "node:path";
import { after, before } from "node:test";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { launchChromium } from "./chromium.js";
import { type TestSite, startSite } from "./server.js";

const SHOTS = join(process.cwd(), "test-artifacts", "screenshots");

export interface BrowserSession {
  /** The running site (set before the first test). */
  readonly site: TestSite;
  readonly pageErrors: string[];
  open(path: string, options?: { locale?: string; viewport?: { width: number; height: number } }): Promise<{ page: Page; context: BrowserContext }>;
  shot(page: Page, name: string): Promise<Buffer>;
  signIn(page: Page): Promise<void>;
}

/** Call at a test file's top level; `siteOptions` runs in the `before` hook, just before the site starts. */
export function browserSession(siteOptions: () => Parameters<typeof startSite>[0] | Promise<Parameters<typeof startSite>[0]> = () => ({})): BrowserSession {
  let site: TestSite | undefined;
  let browser: Browser | undefined;
  const pageErrors: string[] = [];
  before(async () => {
    mkdirSync(SHOTS, { recursive: true });
    site = await startSite(await siteOptions());
    browser = await launchChromium();
  });
  after(async () => {
    await browser?.close();
    await site?.close();
  });
  const started = () => {
    if (!site || !browser) throw new Error("the browser session has not started (call browserSession at the file's top level)");
    return { site, browser };
  };
  return {
    get site() {
      return started().site;
    },
    pageErrors,
    async open(path, options = {}) {
      const phone = (options.viewport?.width ?? 1366) < 600;
      const context = await started().browser.newContext({
        locale: options.locale ?? "en-US", viewport: options.viewport ?? { width: 1366, height: 900 }, acceptDownloads: true, hasTouch: phone, isMobile: phone,
      });
      const page = await context.newPage();
      page.on("pageerror", (e) => pageErrors.push(`${path}: ${e.message}`));
      await page.goto(started().site.url + path);
      return { page, context };
    },
    shot: (page, name) => page.screenshot({ path: join(SHOTS, `${name}.png`), fullPage: true }),
    async signIn(page) {
      await page.getByRole("banner").getByRole("button", { name: "Sign in" }).click();
      await page.getByLabel("Token").fill(started().site.editorToken);
      await page.getByRole("dialog").getByRole("button", { name: "Sign in" }).click();
      await page.getByText("Signed in as e2e-editor").waitFor();
    },
  };
}
