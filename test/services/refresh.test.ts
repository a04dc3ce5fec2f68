// Refreshing a project from claims aggregated in the database gives the same shown values as
// resolving every claim in memory, and keeps summaries small however many sources a project has.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { SUMMARY_SOURCES } from "../../src/domain/project.js";
import { projectDetail, refreshProject } from "../../src/services/projects.service.js";
import { upsertDocument } from "../../src/store/document.repository.js";
import { insertClaims, projectIds } from "../../src/store/project.repository.js";
import { memoryApp } from "../helpers.js";

describe("refreshing a project", () => {
  it("shows what resolving all its claims in memory shows, for every reviewed project", async () => {
    const app = await memoryApp();
    for (const id of await projectIds(app.store.db)) {
      const cached = await refreshProject(app.store.db, id, app.fx);
      const { claims: _claims, ...full } = await projectDetail(app.store.db, id, app.fx);
      assert.deepEqual(cached, full, id);
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
