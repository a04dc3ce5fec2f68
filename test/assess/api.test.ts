// The assessment API: public reads of the questionnaire and the laws; an editor creates an
// assessment from a project, saves partial answers and resumes; a bad answer is a 400 naming the
// question; reports come as HTML, JSON and PDF; the OpenAPI document lists the routes.
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import type { FastifyInstance } from "fastify";
import { buildServer } from "../../src/api/server.js";
import { type OpenedApp, openApp } from "../../src/app.js";
import { chromiumAvailable } from "../../src/assess/report-pdf.js";
import { readConfig } from "../../src/config.js";
import { createToken } from "../../src/services/access.service.js";

let server: FastifyInstance;
let app: OpenedApp;
let editor = "";
before(async () => {
  app = await openApp({ database: ":memory:", load: "if-changed" });
  server = buildServer(app, { config: readConfig({ DSR_RATE_LIMIT: "100000" }), webRoot: null });
  await server.ready();
  editor = (await createToken(app.store.db, { name: "ana-dpa", role: "editor" })).token;
});
after(async () => {
  await server.close();
  await app.close();
});

const auth = () => ({ authorization: `Bearer ${editor}` });

describe("assessment API", () => {
  it("serves the questionnaire and the law of each country publicly", async () => {
    const q = await server.inject({ method: "GET", url: "/api/assessment-questionnaire" });
    assert.equal(q.statusCode, 200);
    assert.equal(q.json().version, "1.0.0");
    assert.ok(q.json().sections.length >= 8);
    const ar = await server.inject({ method: "GET", url: "/api/laws/AR" });
    assert.equal(ar.statusCode, 200);
    assert.match(ar.json().generalLaw.title, /25\.326/);
    const ven = await server.inject({ method: "GET", url: "/api/laws/VEN" });
    assert.equal(ven.json().generalLaw, null);
    assert.equal((await server.inject({ method: "GET", url: "/api/laws" })).json().countries.length, 33);
    const fr = await server.inject({ method: "GET", url: "/api/laws/FR" });
    assert.equal(fr.statusCode, 404);
    assert.equal(fr.json().error, "not_found");
  });

  it("needs an editor token to create or change an assessment", async () => {
    const r = await server.inject({ method: "POST", url: "/api/assessments", payload: { projectId: "zte-jujuy-surveillance-2019" } });
    assert.equal(r.statusCode, 401);
    assert.equal(r.json().error, "unauthorized");
    const p = await server.inject({ method: "PATCH", url: "/api/assessments/pia-x", payload: {} });
    assert.equal(p.statusCode, 401);
  });

  it("creates from a project, saves partial answers, resumes, and reports in HTML and JSON", async () => {
    const created = await server.inject({ method: "POST", url: "/api/assessments", headers: auth(), payload: { projectId: "zte-jujuy-surveillance-2019", answers: { "storage.location": "vendor_premises" } } });
    assert.equal(created.statusCode, 201, created.body);
    const a = created.json();
    assert.equal(a.createdBy, "ana-dpa");
    assert.equal(a.answers["vendor.home_country"], "CN");
    assert.equal(a.answers["storage.location"], "vendor_premises");
    assert.equal(a.risks.length, 8);

    const saved = await server.inject({ method: "PATCH", url: `/api/assessments/${a.id}`, headers: auth(), payload: { answers: { "retention.period": "days", "storage.location": null } } });
    assert.equal(saved.statusCode, 200, saved.body);
    assert.equal(saved.json().answers["retention.period"], "days");
    assert.equal(saved.json().answers["storage.location"], undefined);

    const resumed = await server.inject({ method: "GET", url: `/api/assessments/${a.id}` });
    assert.equal(resumed.statusCode, 200);
    assert.equal(resumed.json().answers["retention.period"], "days");
    assert.ok(resumed.json().unanswered.includes("storage.location"));

    const list = await server.inject({ method: "GET", url: "/api/assessments?project=zte-jujuy-surveillance-2019" });
    assert.ok(list.json().items.some((x: { id: string }) => x.id === a.id));

    const html = await server.inject({ method: "GET", url: `/api/assessments/${a.id}/report` });
    assert.equal(html.statusCode, 200);
    assert.match(String(html.headers["content-type"]), /^text\/html/);
    assert.match(html.body, /Ley 25\.326/);
    const json = await server.inject({ method: "GET", url: `/api/assessments/${a.id}/report?format=json` });
    assert.equal(json.json().law.country, "AR");
    assert.ok(json.json().sources.length >= 2);
  });

  it("answers a bad answer with 400 naming the question, and a bad format with 400", async () => {
    const r = await server.inject({ method: "POST", url: "/api/assessments", headers: auth(), payload: { country: "BR", answers: { "data.categories": ["faces"], "storage.location": "moon" } } });
    assert.equal(r.statusCode, 400);
    assert.equal(r.json().error, "invalid_answers");
    assert.match(r.json().message, /question data\.categories: "faces" is not an option/);
    assert.match(r.json().message, /question storage\.location: "moon"/);
    const shape = await server.inject({ method: "POST", url: "/api/assessments", headers: auth(), payload: { country: "BR", answers: { "system.scale": { x: 1 } } } });
    assert.equal(shape.statusCode, 400);
    assert.match(shape.json().message, /system\.scale/);
    const country = await server.inject({ method: "POST", url: "/api/assessments", headers: auth(), payload: { country: "FR" } });
    assert.equal(country.statusCode, 400);
    assert.match(country.json().message, /33 Latin American/);
    const fmt = await server.inject({ method: "GET", url: "/api/assessments/pia-x/report?format=docx" });
    assert.equal(fmt.statusCode, 400);
    const missing = await server.inject({ method: "GET", url: "/api/assessments/pia-x" });
    assert.equal(missing.statusCode, 404);
  });

  it("serves the report as a PDF when chromium is installed", async (t) => {
    if (!chromiumAvailable()) {
      t.skip("chromium not installed (apt-get install chromium)");
      return;
    }
    const created = await server.inject({ method: "POST", url: "/api/assessments", headers: auth(), payload: { country: "VE", title: "Proposed ID system" } });
    const pdf = await server.inject({ method: "GET", url: `/api/assessments/${created.json().id}/report?format=pdf` });
    assert.equal(pdf.statusCode, 200);
    assert.equal(pdf.headers["content-type"], "application/pdf");
    assert.equal(pdf.rawPayload.subarray(0, 5).toString("latin1"), "%PDF-");
  });

  it("lists the assessment routes in the OpenAPI document", async () => {
    const doc = (await server.inject({ method: "GET", url: "/api/openapi.json" })).json();
    for (const p of ["/api/assessments", "/api/assessments/{id}", "/api/assessments/{id}/report", "/api/assessment-questionnaire", "/api/laws/{country}"]) assert.ok(p in doc.paths, p);
  });
});
