// Refreshing a project from claims aggregated in the database gives the same shown values as
// resolving every claim in memory, and keeps summaries small however many sources a project has.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { SUMMARY_SOURCES } from "../../src/domain/project.js";
import { projectDetail, refreshProject } from "../../src/services/projects.service.js";
import { upsertDocument } from "../../src/store/document.repository.js";
import { insertClaims, projectIds } from "../../src/store/project.repository.js";
import { readFileSync, readdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { parse } from "csv-parse/sync";
import { stringify } from "csv-stringify/sync";
import { importSource } from "../../src/services/import.service.js";
import { ingest } from "../../src/services/ingest.service.js";
import { SHARED_DIR, memoryApp, tempDir } from "../helpers.js";

describe("refreshing a project", () => {
  it("shows what resolving all its claims in memory shows, for every reviewed project", async () => {
    const app = await memoryApp();
    for (const id of await projectIds(app.store.db)) {
      const cached = await refreshProject(app.store.db, id, app.fx);
      const { claims: _claims, ...full } = await projectDetail(app.store.db, id, app.fx);
      assert.deepEqual(cached, full, id);
    }
  });

  it("starts a project from one source with the summary a refresh from the store gives", async () => {
    // New projects are computed in memory from the claims being written (createProject); any
    // drift from the stored-claims rules of refreshProject shows up here.
    const app = await memoryApp();
    const db = app.store.db;
    const dir = tempDir();
    const rows = parse(readFileSync(fileURLToPath(new URL("data/gcdf3/gcdf3_lac_projects.csv", SHARED_DIR))), { bom: true }) as string[][];
    const lac = join(dir, "lac.csv");
    writeFileSync(lac, stringify(rows.slice(0, 400)));
    const imported = await importSource(app, "aiddata", lac, { allowHosts: [], maxBytes: 50e6, cacheDir: join(dir, "cache") });
    assert.equal(imported.failed, 0);
    const seeds = fileURLToPath(new URL("seeds/", SHARED_DIR));
    await ingest(app, readdirSync(seeds).map((f) => join(seeds, f)), { allowHosts: [], maxBytes: 50e6, threads: 0 });
    const made = await db.selectFrom("projects").select(["id", "summary"]).where("origin", "!=", "reviewed").execute();
    assert.ok(made.length > 300, `${made.length} projects`);
    // Everything a refresh writes: the shown columns, the search row, the parties and lookup keys.
    const written = async (id: string) => ({
      row: await db.selectFrom("projects").select(["summary", "country", "category", "year", "amount_usd", "amount_value", "amount_currency", "subdivision", "city", "mechanism", "shown_status", "quantity"]).where("id", "=", id).executeTakeFirstOrThrow(),
      search: await db.selectFrom("projects_fts").select(["title", "body"]).where("project_id", "=", id).execute(),
      parties: await db.selectFrom("project_parties").select(["name", "role", "organization_id"]).where("project_id", "=", id).orderBy(["role", "name"]).execute(),
      keys: await db.selectFrom("project_keys").select(["country", "family_id", "category", "year", "origin"]).where("project_id", "=", id).orderBy(["family_id"]).execute(),
    });
    for (const p of made) {
      const before = await written(p.id);
      await refreshProject(db, p.id, app.fx);
      assert.deepEqual(before, await written(p.id), p.id);
    }
  });

  it("lists the newest sources up to a cap and counts them all", async () => {
    const app = await memoryApp();
    const db = app.store.db;
    const id = "zte-jujuy-surveillance-2019";
    const extra = SUMMARY_SOURCES + 5;
    for (let i = 0; i < extra; i++) {
      const documentId = `retelling-${String(i).padStart(2, "0")}`;
      const published = `2020-01-${String((i % 28) + 1).padStart(2, "0")}`;
      await upsertDocument(db, { id: documentId, sha256: null, url: null, path: null, title: `Retelling ${i}`, authors: [], publisher: null, published, language: "en", readAs: "txt", citation: `Retelling ${i}.`, text: "ZTE and Jujuy.", origin: "ingested" });
      await insertClaims(db, id, [{ field: "vendors", value: ["ZTE"], documentId, text: "ZTE and Jujuy.", start: 0, end: 14, reviewed: false, origin: "extracted" }]);
    }
    const before = (await projectDetail(db, id, app.fx)).sourceCount;
    const s = await refreshProject(db, id, app.fx);
    assert.equal(s.sourceCount, before);
    assert.ok(s.sourceCount > SUMMARY_SOURCES);
    assert.equal(s.sources.length, SUMMARY_SOURCES);
    const dates = s.sources.map((c) => c.published ?? "");
    assert.deepEqual(dates, [...dates].sort().reverse(), "newest first");
  });
});
