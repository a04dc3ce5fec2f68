// The web app end to end in Debian's chromium: the overview and its map filter, a project and its
// footnotes, Spanish, the CSV export, signing in and adding a pasted source, and the bad-input and
// failure states. Screenshots of each main page go to test-artifacts/screenshots/ for review.
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { describe, it } from "node:test";
import type { Page } from "playwright-core";
import { browserSession } from "./browser-session.js";

const JUJUY = "zte-jujuy-surveillance-2019";

const session = browserSession();
const { open, shot, pageErrors } = session;

/** The overview is ready when its figures, map and charts are drawn. */
async function overviewReady(page: Page): Promise<void> {
  await page.locator(".figure-value").first().waitFor();
  await page.locator("path.map-country").first().waitFor();
  await page.locator(".plot svg").nth(2).waitFor();
}

describe("web app", () => {
  it("opens the overview with figures, map and charts, and filters by a country through the map", async () => {
    const { page, context } = await open("/");
    await overviewReady(page);
    const projects = page.locator(".figure-value").first();
    const before = Number(await projects.textContent());
    assert.ok(before >= 29, "the bundled projects are counted");
    await shot(page, "overview");

    await page.locator('path.map-country[data-code="AR"]').click();
    await page.waitForURL(/country=AR/);
    await page.locator(".chip", { hasText: "Argentina" }).waitFor();
    // Evaluated in the page; this file is typed for Node, without the DOM.
    await page.waitForFunction((n) => Number((globalThis as unknown as { document: { querySelector(s: string): { textContent: string | null } | null } }).document.querySelector(".figure-value")?.textContent) < n, before);
    const after = Number(await projects.textContent());
    const listed = (await (await fetch(`${session.site.url}/api/projects?country=AR&limit=1`)).json()) as { total: number };
    assert.equal(after, listed.total, "the figures follow the map's filter");
    assert.equal(await page.locator('path.map-country[data-code="AR"]').getAttribute("aria-pressed"), "true");
    await shot(page, "overview-argentina");

    // The link reproduces the view.
    const again = await context.newPage();
    await again.goto(page.url());
    await again.locator(".chip", { hasText: "Argentina" }).waitFor();
    // The chip comes from the URL at once; the figures follow when the filtered overview has loaded.
    await again.waitForFunction((n) => Number((globalThis as unknown as { document: { querySelector(s: string): { textContent: string | null } | null } }).document.querySelector(".figure-value")?.textContent) === n, after);
    assert.equal(Number(await again.locator(".figure-value").first().textContent()), after);
    await context.close();
  });

  it("filters by clicking a bar of a chart", async () => {
    const { page, context } = await open("/");
    await overviewReady(page);
    await page.locator("#chart-vendors ~ .plot .pickable > *").first().click();
    await page.waitForURL(/vendor=/);
    assert.match(decodeURIComponent(page.url()), /vendor=Huawei/);
    await context.close();
  });

  it("opens a project from the table and reads a footnote's quote", async () => {
    const { page, context } = await open("/projects?country=AR");
    await page.getByRole("link", { name: "ZTE safe-city surveillance system for Jujuy" }).click();
    await page.waitForURL(new RegExp(`/projects/${JUJUY}$`));
    await page.getByRole("heading", { level: 1, name: /ZTE safe-city/ }).waitFor();
    const marker = page.locator('dd[data-field="amount"] .footnote-marker').first();
    await marker.hover();
    const popup = page.locator('dd[data-field="amount"] .footnote-popup').first();
    await popup.waitFor({ state: "visible" });
    assert.match((await popup.textContent()) ?? "", /\$30 million surveillance contract/);
    // Disagreeing sources are shown side by side.
    assert.match((await page.locator('dd[data-field="buyer"] .conflict').textContent()) ?? "", /Jujuy — Reuters/);
    await shot(page, "project");
    await page.mouse.move(0, 0);
    await page.emulateMedia({ media: "print" });
    await shot(page, "project-print");
    await context.close();
  });

  it("shows an organization's and a country's page, reached from a project", async () => {
    const { page, context } = await open(`/projects/${JUJUY}`);
    await page.locator(".parties").getByRole("link", { name: "ZTE" }).click();
    await page.getByRole("heading", { level: 1, name: "ZTE" }).waitFor();
    await page.locator(".mini-bars li").first().waitFor();
    await shot(page, "organization");
    await page.locator(".mini-bars").getByRole("link", { name: "Argentina" }).click();
    await page.getByRole("heading", { level: 1, name: "Argentina" }).waitFor();
    await page.locator("path.map-country").first().waitFor();
    await shot(page, "country");
    await context.close();
  });

  it("switches the whole interface to Spanish, remembers it, and honours ?lang=", async () => {
    const { page, context } = await open(`/projects/${JUJUY}`);
    await page.getByRole("button", { name: "Español" }).click();
    await page.getByRole("heading", { name: "Lo que dicen las fuentes" }).waitFor();
    assert.equal(await page.locator("html").getAttribute("lang"), "es");
    assert.ok(await page.getByRole("link", { name: "Iniciar una evaluación de impacto" }).isVisible());
    await shot(page, "project-es");
    await page.goto(`${session.site.url}/`);
    await page.getByRole("heading", { level: 1, name: /América Latina y el Caribe/ }).waitFor();
    await context.close();

    const pt = await open("/?lang=pt");
    await pt.page.getByRole("heading", { level: 1, name: /América Latina e no Caribe/ }).waitFor();
    await overviewReady(pt.page);
    await shot(pt.page, "overview-pt");
    await pt.context.close();
  });

  it("exports the filtered projects as CSV", async () => {
    const { page, context } = await open("/projects?country=AR");
    await page.locator(".data-table tbody tr").first().waitFor();
    await shot(page, "projects");
    const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("link", { name: "CSV", exact: true }).click()]);
    const file = await download.path();
    const csv = readFileSync(file, "utf8");
    const rows = csv.trim().split(/\r?\n/);
    const listed = (await (await fetch(`${session.site.url}/api/projects?country=AR&limit=1`)).json()) as { total: number };
    assert.ok(rows[0]?.includes("title"), "a header row");
    assert.equal(rows.filter((r) => /,AR,|"AR"/.test(r)).length, listed.total, "one row per Argentine project");
    await context.close();
  });

  it("signs in with a token and adds a pasted text as a source, showing markup as characters", async () => {
    const { page, context } = await open("/sources/new");
    await page.getByText("Adding sources is for editors").waitFor();
    await page.getByRole("button", { name: "Sign in" }).click();
    await page.getByLabel("Token").fill("dsr_wrong");
    await page.getByRole("dialog").getByRole("button", { name: "Sign in" }).click();
    await page.getByText("This token is unknown or revoked.").waitFor();
    await page.getByLabel("Token").fill(session.site.editorToken);
    await page.getByRole("dialog").getByRole("button", { name: "Sign in" }).click();
    await page.getByText("Signed in as e2e-editor").waitFor();

    await page.getByLabel("Title (optional)").fill("Prensa <b>local</b>");
    await page
      .getByLabel("Text", { exact: true })
      .fill(
        "En marzo de 2021, la empresa china Huawei firmó un contrato de 25 millones de dólares con el gobierno de Paraguay para instalar 4.000 cámaras de videovigilancia en Asunción. <script>window.__pwned = true</script>",
      );
    await page.getByRole("button", { name: "Read the source" }).click();
    const card = page.locator(".deal-card").first();
    await card.waitFor();
    assert.match((await page.locator("#extracted-title").textContent()) ?? "", /1 deal/);
    const text = page.locator(".document-text");
    assert.match((await text.textContent()) ?? "", /<script>window.__pwned = true<\/script>/);
    assert.equal(await page.evaluate(() => (globalThis as { __pwned?: boolean }).__pwned), undefined);
    assert.ok((await page.locator(".document-text .hl-organization").count()) > 0, "organizations are highlighted");
    await shot(page, "add-source");

    await card.getByRole("button", { name: "Accept" }).click();
    await card.locator(".badge.review-verified").waitFor();

    // The document page shows the same text and marks, each linked to its project.
    await page.locator(".document-text a.hl").first().click();
    await page.waitForURL(/\/projects\//);
    await page.getByRole("heading", { name: "Review" }).waitFor();
    const docLink = page.getByRole("link", { name: "Open the document" }).first();
    await docLink.click();
    await page.locator(".document-text").waitFor();
    await shot(page, "document");
    await context.close();
  });

  it("says so when nothing matches, when the API fails and when it is slow", async () => {
    const empty = await open("/?country=AR&year_from=2099");
    await empty.page.getByText("No project matches these filters.").waitFor();
    await shot(empty.page, "overview-empty");
    await empty.context.close();

    const { page, context } = await open("/projects");
    await page.locator(".data-table").waitFor();
    await page.route("**/api/projects?*", (route) => route.fulfill({ status: 500, contentType: "application/json", body: '{"error":"internal","message":"internal error"}' }));
    await page.goto(`${session.site.url}/projects?country=BR`);
    await page.getByText("Something went wrong.").waitFor();
    await page.getByRole("button", { name: "Try again" }).waitFor();
    await shot(page, "projects-error");
    await page.unroute("**/api/projects?*");

    let release = () => {};
    const held = new Promise<void>((resolve) => (release = resolve));
    await page.route("**/api/overview*", async (route) => {
      await held;
      await route.continue();
    });
    await page.goto(`${session.site.url}/`);
    await page.getByText("This is taking longer than usual…").waitFor();
    release();
    await overviewReady(page);
    await context.close();
  });

  it("is usable on a phone", async () => {
    const { page, context } = await open(`/projects/${JUJUY}`, { viewport: { width: 390, height: 844 } });
    await page.getByRole("heading", { level: 1 }).waitFor();
    await page.locator('dd[data-field="amount"] .footnote-marker').first().tap();
    await page.locator('dd[data-field="amount"] .footnote-popup').first().waitFor({ state: "visible" });
    await shot(page, "project-phone");
    await page.goto(`${session.site.url}/`);
    await overviewReady(page);
    await shot(page, "overview-phone");
    await context.close();
  });

  it("keeps keyboard users able to filter by country", async () => {
    const { page, context } = await open("/");
    await overviewReady(page);
    const brazil = page.locator('path.map-country[data-code="BR"]');
    await brazil.focus();
    await page.keyboard.press("Enter");
    await page.waitForURL(/country=BR/);
    await context.close();
  });

  it("raised no uncaught error in any page", () => {
    assert.deepEqual(pageErrors, []);
  });
});
