// JSON export: a document whose every item is a valid ProjectDetail, with the licence and the
// exchange-rate source named, written item by item.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { OWN_DATA_LICENSE } from "../../src/domain/licenses.js";
import { ProjectDetail } from "../../src/domain/project.js";
import { jsonChunks } from "../../src/export/json.js";
import { exportProjects } from "../../src/services/export.service.js";
import { findProjects } from "../../src/services/projects.service.js";
import { memoryApp } from "../helpers.js";
import { CONTEXT, project } from "./synthetic.js";
import { CollectingSink } from "./synthetic.js";

describe("JSON export", () => {
  it("validates every item of the bundled dataset against ProjectDetail and names licence and rates", async () => {
    const app = await memoryApp();
    const sink = new CollectingSink();
    const result = await exportProjects(app, {}, "json", sink);
    const body = JSON.parse(sink.text()) as { license: string; exchangeRates: string; generatedAt: string; total: number; items: unknown[] };
    const { total } = await findProjects(app.store.db, { limit: 1 });
    assert.equal(body.items.length, total);
    assert.equal(body.total, total);
    assert.equal(result.projects, total);
    for (const item of body.items) {
      const detail = ProjectDetail.parse(item);
      assert.equal(detail.license, OWN_DATA_LICENSE);
      assert.ok(Object.keys(detail.claims).length > 0, `${detail.id} has its claims`);
    }
    assert.equal(body.license, OWN_DATA_LICENSE);
    assert.equal(body.exchangeRates, app.fx.source);
    assert.ok(!Number.isNaN(Date.parse(body.generatedAt)));
    assert.ok(sink.chunks.length >= total, "one chunk per project at least");
  });

  it("keeps only the filtered country's projects", async () => {
    const app = await memoryApp();
    const sink = new CollectingSink();
    await exportProjects(app, { country: "BR" }, "json", sink);
    const body = JSON.parse(sink.text()) as { items: { country: string }[] };
    assert.ok(body.items.length > 0 && body.items.every((p) => p.country === "BR"));
  });

  it("is a valid document with no projects, naming our licence", async () => {
    const chunks: string[] = [];
    for await (const c of jsonChunks(CONTEXT, (async function* () {})())) chunks.push(c);
    assert.deepEqual(JSON.parse(chunks.join("")), { exchangeRates: CONTEXT.exchangeRates, generatedAt: CONTEXT.generatedAt, items: [], total: 0, license: OWN_DATA_LICENSE });
  });

  it("names every licence its records carry", async () => {
    const aiddata = "ODC-By 1.0 — AidData";
    const items = (async function* () {
      for (const p of [project(1), project(2, { license: aiddata })]) yield { ...p, claims: {} };
    })();
    const chunks: string[] = [];
    for await (const c of jsonChunks(CONTEXT, items)) chunks.push(c);
    assert.equal((JSON.parse(chunks.join("")) as { license: string }).license, `${OWN_DATA_LICENSE}; ${aiddata}`);
  });
});
