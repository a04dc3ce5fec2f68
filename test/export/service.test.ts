// The export service over several hundred stored projects (more than one page of the walk): all
// leave in many chunks, counted; limit and offset cut the id-ordered walk.
import assert from "node:assert/strict";
import { mkdirSync, readFileSync, symlinkSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { after, before, describe, it } from "node:test";
import { type OpenedApp, openApp } from "../../src/app.js";
import { exportProjects } from "../../src/services/export.service.js";
import { findProjects } from "../../src/services/projects.service.js";
import { tempDir } from "../helpers.js";
import { CollectingSink } from "./synthetic.js";
import { testDatabase } from "../postgres.js";

const COPIES = 20;

/** The shipped data with the reviewed projects copied COPIES times under new ids (29 × 20 = 580 projects, more than one page of the store's walk). */
function manyProjectsDataDir(): string {
  const dir = tempDir();
  const data = fileURLToPath(new URL("../../data/", import.meta.url));
  for (const entry of ["organizations.json", "places.json", "vocabularies.json", "fx"]) symlinkSync(join(data, entry), join(dir, entry));
  mkdirSync(join(dir, "reviewed"));
  symlinkSync(join(data, "reviewed", "sources.json"), join(dir, "reviewed", "sources.json"));
  const file = JSON.parse(readFileSync(join(data, "reviewed", "projects.json"), "utf8")) as { projects: { id: string }[] };
  const projects = Array.from({ length: COPIES }, (_, i) => file.projects.map((p) => ({ ...p, id: `${p.id}-copy-${i}` }))).flat();
  writeFileSync(join(dir, "reviewed", "projects.json"), JSON.stringify({ ...file, projects }));
  return dir;
}

describe("export service over more than one page of projects", () => {
  const dataDir = manyProjectsDataDir();
  let app: OpenedApp;
  let total = 0;
  before(async () => {
    app = await openApp({ database: await testDatabase(), dataDir, load: "if-changed" });
    total = (await findProjects(app.store.db, { limit: 1 })).total;
  });

  after(() => app.close());

  it("streams every project as JSON in many chunks and counts them", async () => {
    assert.ok(total > 500, `${total} projects`);
    const sink = new CollectingSink();
    const result = await exportProjects(app, {}, "json", sink);
    assert.equal(result.projects, total);
    assert.ok(sink.chunks.length >= total / 10, `${sink.chunks.length} chunks`);
    assert.ok(Math.max(...sink.chunks.map((c) => c.length)) < 256 * 1024);
    assert.equal((JSON.parse(sink.text()) as { items: unknown[] }).items.length, total);
  });

  it("filters, and cuts the id-ordered walk by offset and limit when they are given", async () => {
    const sink = new CollectingSink();
    const all = await exportProjects(app, { country: "AR" }, "geojson", sink);
    const ids = (JSON.parse(sink.text()) as { features: { id: string; properties: { country: string } }[] }).features;
    assert.equal(ids.length, all.projects);
    assert.ok(ids.every((f) => f.properties.country === "AR"));
    assert.deepEqual(ids.map((f) => f.id), ids.map((f) => f.id).sort());
    const page = new CollectingSink();
    const cut = await exportProjects(app, { country: "AR", offset: 5, limit: 7 }, "geojson", page);
    assert.equal(cut.projects, 7);
    assert.deepEqual((JSON.parse(page.text()) as { features: { id: string }[] }).features.map((f) => f.id), ids.slice(5, 12).map((f) => f.id));
  });
});
