// Assessments over the real dataset: Jujuy from its project and answers gives its risks, the
// Argentine law and authority and the project's sources; the same answers in Brazil and Venezuela
// give their own law (or its absence). The HTML report renders everything escaped; the PDF renders
// when chromium is installed, and a screenshot of a report page is saved for the closing note.
import assert from "node:assert/strict";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { after, before, describe, it } from "node:test";
import { type OpenedApp, openApp } from "../../src/app.js";
import { assessKit } from "../../src/assess/kit.js";
import { esc, renderReportHtml, riskMapSvg } from "../../src/assess/report-html.js";
import { ChromiumMissingError, chromiumAvailable, chromiumPath, htmlToPdf, htmlToPng } from "../../src/assess/report-pdf.js";
import { NotFoundError, UsageError } from "../../src/domain/errors.js";
import { type AssessDeps, assessmentReport, createAssessment, getAssessment, listAssessments, updateAssessment } from "../../src/services/assess.service.js";
import { auditOf } from "../../src/store/audit.repository.js";

const FIXTURE = JSON.parse(readFileSync(new URL("./fixtures/jujuy-answers.json", import.meta.url), "utf8")) as { title: string; answers: Record<string, unknown> };
const GENERATED = "2026-06-01T12:00:00.000Z";
const ARTIFACTS = fileURLToPath(new URL("../../test-artifacts/", import.meta.url));

let app: OpenedApp;
let deps: AssessDeps;
before(async () => {
  app = await openApp({ database: ":memory:", load: "if-changed" });
  deps = { db: app.store.db, fx: app.fx, kit: assessKit(app.dataDir) };
});
after(() => app.close());

describe("assessments of real and proposed systems", () => {
  it("assesses Jujuy from its project and answers: risks, Argentine law and authority, the project's sources", async () => {
    const a = await createAssessment(deps, { projectId: "zte-jujuy-surveillance-2019", answers: FIXTURE.answers, title: FIXTURE.title }, "ana");
    assert.equal(a.country, "AR");
    assert.equal(a.projectId, "zte-jujuy-surveillance-2019");
    // The project implied these; the file did not override them.
    assert.equal(a.answers["vendor.home_country"], "CN");
    assert.equal(a.answers["system.category"], "surveillance");
    assert.equal(a.provenance["data.categories"], undefined, "an answer given replaces the prefill note");
    const report = await assessmentReport(deps, a.id, GENERATED);
    assert.equal(report.generatedAt, GENERATED);
    assert.equal(report.law?.generalLaw?.title, "Ley 25.326 de Protección de los Datos Personales");
    assert.match(report.law?.authority?.name ?? "", /AAIP/);
    const creep = report.risks.find((r) => r.id === "function_creep");
    assert.equal(creep?.initial.zone, "high");
    assert.ok(creep && creep.residual.likelihood < creep.initial.likelihood, "planned deletion and reporting lower the residual risk");
    const foreign = report.risks.find((r) => r.id === "foreign_compelled_access");
    assert.ok(foreign && foreign.initial.likelihood >= 3);
    assert.equal(report.vendor?.exposure, "high");
    assert.deepEqual(report.sources.map((s) => s.documentId).sort(), ["malena-2021-dsr-latin-america", "reuters-2019-zte-jujuy-surveillance"]);
    assert.ok(report.comparable.some((c) => c.country === "EC" || c.country === "BO"), "surveillance deployments elsewhere");
    assert.ok(report.comparable.every((c) => c.country !== "AR"));
    assert.ok(report.legal.some((l) => l.id === "public_security" && l.text.includes("Art. 23")));

    const html = renderReportHtml(report);
    for (const needle of ["Ley 25.326", "Agencia de Acceso a la Información Pública", "Reuters", "National Intelligence Law", "Initial risk", "Residual risk", "questionnaire 1.0.0", GENERATED, "CC BY 4.0"]) {
      assert.ok(html.includes(esc(needle)) || html.includes(needle), `report contains ${needle}`);
    }
  });

  it("gives a Brazilian proposed system the LGPD and the ANPD, with its public-security exemption", async () => {
    const a = await createAssessment(deps, { country: "BR", title: "Proposed face-recognition cameras, Brazilian city", answers: { ...FIXTURE.answers, "system.category": "surveillance", "system.purpose": ["public_safety"] } }, "ana");
    assert.equal(a.projectId, null);
    const report = await assessmentReport(deps, a.id, GENERATED);
    assert.match(report.law?.generalLaw?.title ?? "", /13\.709/);
    assert.match(report.law?.authority?.name ?? "", /ANPD/);
    assert.ok(report.legal.some((l) => l.id === "public_security" && /art\. 4 III/.test(l.text)));
    assert.ok(report.comparable.some((c) => c.id === "zte-jujuy-surveillance-2019"), "Jujuy is a comparable deployment for Brazil");
    assert.match(renderReportHtml(report), /a proposed system, not in the database/);
  });

  it("says Venezuela has no general data-protection law, for the Carnet de la Patria", async () => {
    const a = await createAssessment(deps, { projectId: "zte-venezuela-fatherland-card", answers: { "data.categories": ["id_numbers", "social_programme_links", "location"], "system.data_subjects": ["residents", "beneficiaries"] } }, "ana");
    const report = await assessmentReport(deps, a.id, GENERATED);
    assert.equal(report.law?.name, "Venezuela");
    assert.equal(report.law?.generalLaw, null);
    assert.ok(report.legal.some((l) => l.id === "no_general_law"));
    const exclusion = report.risks.find((r) => r.id === "exclusion");
    assert.equal(exclusion?.initial.zone, "high");
    const html = renderReportHtml(report);
    assert.match(html, /No general data-protection law\./);
    assert.match(html, /Venezuela has no general data-protection law/);
  });

  it("saves partial answers and resumes: merged, cleared with null, audited", async () => {
    const a = await createAssessment(deps, { projectId: "zte-jujuy-surveillance-2019" }, "ana");
    assert.ok(a.unanswered.includes("retention.period"));
    const b = await updateAssessment(deps, a.id, { answers: { "retention.period": "days", "vendor.home_country": null } }, "bo");
    assert.equal(b.answers["retention.period"], "days");
    assert.equal(b.answers["vendor.home_country"], undefined);
    assert.equal(b.provenance["vendor.home_country"], undefined);
    assert.equal(b.updatedBy, "bo");
    const c = await updateAssessment(deps, a.id, { status: "complete" }, "bo");
    assert.equal((await getAssessment(deps, a.id)).status, "complete");
    assert.equal(c.answers["retention.period"], "days");
    const events = await auditOf(app.store.db, "assessment", a.id);
    assert.deepEqual(events.map((e) => e.action), ["create", "edit", "edit"]);
    assert.ok((await listAssessments(deps, { projectId: "zte-jujuy-surveillance-2019" })).items.some((x) => x.id === a.id));
  });

  it("refuses a country outside the 33, a proposed system without one, and unknown ids", async () => {
    await assert.rejects(createAssessment(deps, { country: "FR" }, "ana"), (err: Error) => err instanceof UsageError && /33 Latin American/.test(err.message));
    await assert.rejects(createAssessment(deps, {}, "ana"), /needs a country/);
    await assert.rejects(createAssessment(deps, { projectId: "no-such-project" }, "ana"), NotFoundError);
    await assert.rejects(getAssessment(deps, "pia-nope"), NotFoundError);
    await assert.rejects(createAssessment(deps, { country: "AR", answers: { "storage.location": "moon" } }, "ana"), /question storage\.location: "moon" is not an option/);
  });
});

describe("report rendering", () => {
  it("escapes every answer and title, so a hostile answer is text, not markup", async () => {
    const evil = `<script>alert("x")</script><img src=x onerror=alert(1)>`;
    const a = await createAssessment(deps, { country: "AR", title: evil, answers: { "system.description": evil, "vendor.name": evil } }, "ana");
    const html = renderReportHtml(await assessmentReport(deps, a.id, GENERATED));
    assert.ok(!html.includes("<script>"), "no script element");
    assert.ok(!html.includes("<img"), "no injected element");
    assert.ok(html.includes("&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;"));
  });

  it("draws each risk's number on a 4×4 map, several risks in one cell side by side", () => {
    const point = { likelihood: 2, severity: 3, zone: "medium" as const };
    const risks = [1, 2].map((n) => ({ id: `r${n}`, title: `R${n}`, description: "", base: { likelihood: 1, severity: 1 }, initial: point, residual: point, raisedBy: [], measures: [], number: n }));
    const svg = riskMapSvg(risks, "initial", "Initial <risk>");
    assert.equal((svg.match(/<rect /g) ?? []).length, 16);
    assert.equal((svg.match(/<circle /g) ?? []).length, 2);
    assert.match(svg, /aria-label="Initial &lt;risk&gt;"/);
    const xs = [...svg.matchAll(/<circle cx="(\d+)"/g)].map((m) => m[1]);
    assert.notEqual(xs[0], xs[1]);
  });

  it("prints the report to PDF with chromium, and saves a screenshot of its first page", async (t) => {
    if (!chromiumAvailable()) {
      t.skip(`chromium not found at ${chromiumPath()}: install it (apt-get install chromium) or set DSR_CHROMIUM`);
      return;
    }
    const a = await createAssessment(deps, { projectId: "zte-jujuy-surveillance-2019", answers: FIXTURE.answers, title: FIXTURE.title }, "ana");
    const html = renderReportHtml(await assessmentReport(deps, a.id, GENERATED));
    const pdf = await htmlToPdf(html);
    assert.equal(pdf.subarray(0, 5).toString("latin1"), "%PDF-");
    assert.ok(pdf.length > 10_000);
    const png = await htmlToPng(html, { width: 1100, height: 1500 });
    assert.equal(png.subarray(1, 4).toString("latin1"), "PNG");
    mkdirSync(ARTIFACTS, { recursive: true });
    writeFileSync(`${ARTIFACTS}assess-report.png`, png);
  });

  it("says how to install chromium when it is missing", async () => {
    await assert.rejects(htmlToPdf("<p>x</p>", "/nonexistent/chromium"), (err: Error) => err instanceof ChromiumMissingError && /apt-get install chromium/.test(err.message));
  });
});
