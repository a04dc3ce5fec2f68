// The impact-assessment form end to end in Debian's chromium: an editor signs in, starts an
// assessment from the Jujuy project (prefilled), answers questions on two steps, reloads and finds
// them again, is told beside the question when the API refuses an answer, finishes, and sees the
// risk maps, the Argentine law and the report links. Screenshots go to test-artifacts/screenshots/.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import type { Page } from "playwright-core";
import { browserSession } from "./browser-session.js";

const JUJUY = "zte-jujuy-surveillance-2019";

const session = browserSession();
const { open, shot, signIn, pageErrors } = session;

const heading = (page: Page) => page.locator(".step-heading");
const question = (page: Page, id: string) => page.locator(`[data-question="${id}"]`);
/** Waits until the step heading says `text`: the URL changes before React has drawn the new step. */
const headingSays = (page: Page, text: RegExp) => heading(page).filter({ hasText: text }).waitFor();
const saved = (page: Page) => page.locator('.save-state[data-state="saved"]').waitFor();

describe("impact assessment form", () => {
  let assessmentId = "";

  it("asks visitors to sign in before starting, and lists assessments from the navigation", async () => {
    const { page, context } = await open(`/assessments/new?project=${JUJUY}`);
    await page.getByText("Starting and answering assessments is for editors").waitFor();
    assert.equal(await page.getByRole("button", { name: "Start the assessment" }).count(), 0);
    await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Assessments" }).click();
    await page.getByRole("heading", { name: "Impact assessments", level: 1 }).waitFor();
    await context.close();
  });

  it("starts from the Jujuy project, saves answers on two steps, resumes them after a reload, and maps the API's complaints", async () => {
    const { page, context } = await open(`/projects/${JUJUY}`);
    await signIn(page);
    await page.getByRole("link", { name: "Start an impact assessment" }).click();
    await page.getByRole("heading", { name: "Assess this project" }).waitFor();
    await page.getByRole("button", { name: "Start the assessment" }).click();
    await page.waitForURL(/\/assessments\/[^/?]+\?step=1$/);
    assessmentId = decodeURIComponent(new URL(page.url()).pathname.split("/")[2] ?? "");
    assert.ok(assessmentId, "the new assessment's id is in the URL");
    await headingSays(page, /Step 1 of 10.*The system/);

    // Prefilled answers are marked as coming from the project.
    const category = question(page, "system.category");
    await category.getByText("From the project").waitFor();
    assert.equal(await category.getByLabel("Video surveillance / safe city").isChecked(), true);

    // Step 1: a text and a choice.
    await question(page, "system.description").getByRole("textbox").fill("Provincial camera network with a police monitoring centre.");
    await question(page, "system.scale").getByLabel("A province, state or region").check();
    await page.getByText("Unsaved changes").waitFor();
    await page.evaluate(() => (globalThis as unknown as { scrollTo(x: number, y: number): void }).scrollTo(0, 0));
    await shot(page, "assessment-step");

    await page.getByRole("button", { name: "Save and continue →" }).click();
    await page.waitForURL(/step=2$/);
    await headingSays(page, /Step 2 of 10.*The data/);
    await saved(page);

    // Step 2: a multi-choice and a choice, saved with the Save button.
    await question(page, "data.categories").getByLabel("Licence-plate recognition").check();
    await question(page, "data.linkage").getByLabel("Yes").check();
    await page.getByRole("button", { name: "Save", exact: true }).click();
    await saved(page);

    await page.reload();
    await heading(page).waitFor();
    await headingSays(page, /Step 2 of 10/);
    assert.equal(await question(page, "data.categories").getByLabel("Licence-plate recognition").isChecked(), true);
    assert.equal(await question(page, "data.categories").getByLabel("Video of public space").isChecked(), true, "the prefilled option is kept");
    assert.equal(await question(page, "data.linkage").getByLabel("Yes").isChecked(), true);
    await page.getByRole("button", { name: "← Back" }).click();
    await page.waitForURL(/step=1$/);
    assert.equal(await question(page, "system.description").getByRole("textbox").inputValue(), "Provincial camera network with a police monitoring centre.");
    assert.equal(await question(page, "system.scale").getByLabel("A province, state or region").isChecked(), true);

    // Opened without a step, the form resumes at the first step with an unanswered question.
    const view = (await (await fetch(`${session.site.url}/api/assessments/${encodeURIComponent(assessmentId)}`)).json()) as { unanswered: string[]; answers: Record<string, unknown> };
    assert.equal(view.answers["system.scale"], "region");
    assert.deepEqual(view.answers["data.categories"], ["video_public_space", "licence_plates"]);
    await page.goto(`${session.site.url}/assessments/${encodeURIComponent(assessmentId)}`);
    await page.waitForURL(/step=\d+$/);
    const questionnaire = (await (await fetch(`${session.site.url}/api/assessment-questionnaire`)).json()) as { sections: { questions: { id: string }[] }[] };
    const expected = questionnaire.sections.findIndex((s) => s.questions.some((q) => q.id === view.unanswered[0])) + 1;
    assert.ok(new URL(page.url()).searchParams.get("step") === String(expected), `resumes at step ${expected}`);

    // The last step: a number the API refuses, its message beside the question; then a good one.
    await page.goto(`${session.site.url}/assessments/${encodeURIComponent(assessmentId)}?step=10`);
    const years = question(page, "sustainability.lifespan_years");
    await years.getByRole("textbox").fill("99");
    await page.getByRole("button", { name: "Finish and see the result" }).click();
    await years.getByText("99 is above the maximum 50").waitFor();
    await page.locator('.save-state[data-state="error"]').waitFor();
    assert.equal(await years.getByRole("textbox").getAttribute("aria-invalid"), "true");
    await years.getByRole("textbox").fill("8");
    await question(page, "sustainability.lifespan").getByLabel("In place").check();
    await page.getByRole("button", { name: "Finish and see the result" }).click();

    // The result: risk maps, risks with reasons and measures, the Argentine law, report links.
    await page.waitForURL(/\/result$/);
    await page.locator('svg[data-map="initial"] .risk-marker').first().waitFor();
    assert.equal(await page.locator('svg[data-map="residual"] .risk-marker').count(), await page.locator(".risk-card").count());
    await page.getByRole("heading", { name: "Law of Argentina" }).waitFor();
    assert.match((await page.locator('[data-field="general-law"]').textContent()) ?? "", /Ley 25\.326/);
    await page.getByRole("heading", { name: "Vendor jurisdiction" }).waitFor();
    assert.ok((await page.locator(".comparable a[href^='/projects/']").count()) > 0, "comparable deployments link to their projects");
    assert.ok((await page.locator(".citations li").count()) > 0, "the project's sources are listed");
    const status = (await (await fetch(`${session.site.url}/api/assessments/${encodeURIComponent(assessmentId)}`)).json()) as { status: string; answers: Record<string, unknown> };
    assert.equal(status.status, "complete");
    assert.equal(status.answers["sustainability.lifespan_years"], 8);
    await shot(page, "assessment-result");

    const htmlLink = page.getByRole("link", { name: "Open the report (HTML)" });
    assert.equal(await htmlLink.getAttribute("target"), "_blank");
    const href = (await htmlLink.getAttribute("href")) ?? "";
    assert.equal(href, `/api/assessments/${encodeURIComponent(assessmentId)}/report?format=html`);
    const html = await fetch(session.site.url + href);
    assert.equal(html.status, 200);
    assert.match(html.headers.get("content-type") ?? "", /^text\/html/);
    assert.match(await html.text(), /Ley 25\.326/);
    assert.equal(await page.getByRole("link", { name: "Download PDF" }).getAttribute("href"), `/api/assessments/${encodeURIComponent(assessmentId)}/report?format=pdf`);
    assert.equal(await page.getByRole("link", { name: "Download JSON" }).getAttribute("href"), `/api/assessments/${encodeURIComponent(assessmentId)}/report?format=json`);
    await context.close();
  });

  it("shows the finished assessment to visitors and fits a phone", async () => {
    assert.ok(assessmentId, "the previous test made an assessment");
    const { page, context } = await open(`/assessments/${encodeURIComponent(assessmentId)}`, { viewport: { width: 390, height: 844 }, locale: "es-AR" });
    // Not signed in: the form is for editors, so the result opens, in Spanish, with a note on the English-only texts.
    await page.waitForURL(/\/result$/);
    await page.getByRole("heading", { name: "Mapa de riesgos" }).waitFor();
    await page.getByText("solo en inglés", { exact: false }).first().waitFor();
    const overflow = await page.evaluate(() => {
      const d = (globalThis as unknown as { document: { documentElement: { scrollWidth: number; clientWidth: number } } }).document.documentElement;
      return d.scrollWidth - d.clientWidth;
    });
    assert.ok(overflow <= 1, `no sideways scrolling on a phone (${overflow}px)`);
    await shot(page, "assessment-result-phone");
    await context.close();
  });

  it("fits the form on a phone", async () => {
    const { page, context } = await open(`/projects/${JUJUY}`, { viewport: { width: 390, height: 844 } });
    await signIn(page);
    await page.goto(`${session.site.url}/assessments/${encodeURIComponent(assessmentId)}?step=2`);
    await heading(page).waitFor();
    const overflow = await page.evaluate(() => {
      const d = (globalThis as unknown as { document: { documentElement: { scrollWidth: number; clientWidth: number } } }).document.documentElement;
      return d.scrollWidth - d.clientWidth;
    });
    assert.ok(overflow <= 1, `no sideways scrolling on a phone (${overflow}px)`);
    await shot(page, "assessment-step-phone");
    await context.close();
  });

  it("raised no uncaught error in any page", () => {
    assert.deepEqual(pageErrors, []);
  });
});
