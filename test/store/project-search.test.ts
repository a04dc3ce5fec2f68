// The projects' full-text rows: one per project however often it is refreshed, removed with it,
// and searches that look at titles and bodies, never at ids.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { sql } from "kysely";
import { refreshProject } from "../../src/services/projects.service.js";
import { deleteProject, listProjects, upsertProjectRecord } from "../../src/store/project.repository.js";
import { memoryApp } from "../helpers.js";

describe("project search rows", () => {
  it("stay one per project across refreshes and go with the project", async () => {
    const app = await memoryApp();
    const db = app.store.db;
    const id = "zte-jujuy-surveillance-2019";
    for (let i = 0; i < 3; i++) await refreshProject(db, id, app.fx);
    const rows = async () => (await sql<{ n: number }>`select count(*) as n from projects_fts where project_id = ${id}`.execute(db)).rows[0]?.n;
    assert.equal(await rows(), 1);
    const total = (await sql<{ n: number }>`select count(*) as n from projects_fts`.execute(db)).rows[0]?.n;
    const projects = (await sql<{ n: number }>`select count(*) as n from projects`.execute(db)).rows[0]?.n;
    assert.equal(total, projects);
    await deleteProject(db, id);
    assert.equal(await rows(), 0);
  });

  it("matches words of titles and evidence, not of ids", async () => {
    const app = await memoryApp();
    const db = app.store.db;
    const found = await listProjects(db, { terms: [["jujuy"], ["zte"]], limit: 10, offset: 0 });
    assert.ok(found.items.some((p) => p.id === "zte-jujuy-surveillance-2019"));
    await upsertProjectRecord(db, { id: "p-qqqzzz", title: "Un proyecto sin fuentes", status: null, procurementRoute: null, review: { state: "candidate", by: null, at: null } }, "extracted");
    await refreshProject(db, "p-qqqzzz", app.fx);
    assert.equal((await listProjects(db, { terms: [["qqqzzz"]], limit: 10, offset: 0 })).total, 0);
    assert.deepEqual((await listProjects(db, { terms: [["proyecto"], ["fuentes"]], limit: 10, offset: 0 })).items.map((p) => p.id), ["p-qqqzzz"]);
  });
});
