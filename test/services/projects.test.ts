import assert from "node:assert/strict";
import { join } from "node:path";
import { describe, it } from "node:test";
import { sql } from "kysely";
import { openApp } from "../../src/app.js";
import { readBundledData } from "../../src/importers/bundled-files.js";
import { loadBundledData } from "../../src/services/bundled-data.service.js";
import { findProjects, projectDetail, refreshProject } from "../../src/services/projects.service.js";
import { upsertDocument } from "../../src/store/document.repository.js";
import { insertClaims } from "../../src/store/project.repository.js";
import type { Executor } from "../../src/store/executor.js";
import { memoryApp, tempDir } from "../helpers.js";

async function dump(db: Executor): Promise<Record<string, unknown[]>> {
  const out: Record<string, unknown[]> = {};
  for (const t of ["documents", "organizations", "organization_aliases", "places", "project_parties", "claims", "meta"]) {
    out[t] = (await sql.raw(`select * from ${t} order by 1, 2`).execute(db)).rows;
  }
  out.projects = (await sql`select id, title, status, country, category, year, amount_usd, summary from projects order by id`.execute(db)).rows;
  return out;
}

describe("the reviewed dataset in the store", () => {
  it("loads every reviewed project with evidence and a citation", async () => {
    const app = await memoryApp();
    const data = readBundledData();
    const { items, total } = await findProjects(app.store.db, { limit: 1000 });
    assert.equal(total, data.reviewed.projects.length);
    for (const p of items) {
      assert.ok(p.sources.length > 0, `${p.id} cites a source`);
      assert.ok(p.sources.every((s) => s.citation.length > 0));
      assert.equal(p.review.state, "verified");
      assert.match(p.license, /CC BY 4\.0/);
    }
  });

  it("leaves the same database when loaded twice, forced or not", async () => {
    const file = join(tempDir(), "twice.db");
    const first = await openApp({ database: file, load: "if-changed" });
    const a = await dump(first.store.db);
    const again = await loadBundledData(first.store.db, readBundledData(), first.fx);
    assert.equal(again.skipped, true);
    const forced = await loadBundledData(first.store.db, readBundledData(), first.fx, { force: true });
    assert.equal(forced.skipped, false);
    const b = await dump(first.store.db);
    assert.deepEqual(b, a);
    await first.close();
    const second = await openApp({ database: file, load: "force" });
    assert.deepEqual(await dump(second.store.db), a);
    await second.close();
  });

  it("tells one deal from two documents as one project and keeps where they disagree", async () => {
    const app = await memoryApp();
    const jujuy = (await findProjects(app.store.db, { vendor: "ZTE", country: "AR", category: "surveillance" })).items;
    assert.equal(jujuy.length, 1);
    const detail = await projectDetail(app.store.db, jujuy[0]!.id, app.fx);
    assert.equal(detail.sources.length, 2);
    assert.equal(detail.amount?.value, 30_000_000);
    assert.equal(detail.amount?.usd, 30_000_000);
    assert.ok((detail.claims.buyer?.length ?? 0) >= 2, "both ways of naming the buyer are kept");
    assert.ok(detail.disputedFields.includes("buyer"));
    for (const values of Object.values(detail.claims)) {
      for (const v of values) assert.ok(v.evidence.length > 0 && v.evidence.every((e) => e.text.length > 0));
    }
  });

  it("shows a newly stated value and keeps the old one when a new source disagrees", async () => {
    const app = await memoryApp();
    const [ecuador] = (await findProjects(app.store.db, { country: "EC", category: "surveillance" })).items;
    assert.ok(ecuador);
    assert.equal(ecuador.quantity.cameras, 4000);
    for (const n of [1, 2]) {
      await upsertDocument(app.store.db, {
        id: `test-doc-${n}`, sha256: null, url: null, path: null, title: `Test ${n}`, authors: [], publisher: null,
        published: "2024-01-01", language: "es", readAs: "txt", citation: `Test document ${n}`, text: "…", origin: "test",
      });
      await insertClaims(app.store.db, ecuador.id, [
        { field: "quantity", value: { cameras: 4300 }, documentId: `test-doc-${n}`, text: "4.300 cámaras", start: 0, end: 13, reviewed: false, origin: "test" },
      ]);
    }
    await refreshProject(app.store.db, ecuador.id, app.fx);
    const detail = await projectDetail(app.store.db, ecuador.id, app.fx);
    // Reviewed claims outrank unreviewed ones, however many.
    assert.equal(detail.quantity.cameras, 4000);
    assert.deepEqual(detail.claims.quantity?.map((v) => v.value), [{ cameras: 4000 }, { cameras: 4300 }]);
    assert.ok(detail.disputedFields.includes("quantity"));
  });

  it("filters by vendor through aliases and includes subsidiaries", async () => {
    const app = await memoryApp();
    const huawei = (await findProjects(app.store.db, { vendor: "huawei technologies", limit: 1000 })).items;
    assert.ok(huawei.some((p) => p.vendors.includes("Huawei Marine")), "Huawei Marine's projects are Huawei's too");
    const marine = (await findProjects(app.store.db, { vendor: "Huawei Marine Networks", limit: 1000 })).items;
    assert.ok(marine.length > 0 && marine.every((p) => p.vendors.includes("Huawei Marine")));
    const none = await findProjects(app.store.db, { vendor: "No Such Vendor Ltd" });
    assert.equal(none.total, 0);
  });

  it("finds projects by full text, accents folded, and never breaks on query syntax", async () => {
    const app = await memoryApp();
    const r = await findProjects(app.store.db, { q: "camaras OR" });
    assert.ok(r.total >= 0);
    const cameras = await findProjects(app.store.db, { q: "facial recognition" });
    assert.ok(cameras.items.some((p) => p.country === "BO"));
    const bad = await findProjects(app.store.db, { q: '"unbalanced * ( NEAR' });
    assert.equal(typeof bad.total, "number");
  });

  it("pages with limit and offset over a stable order", async () => {
    const app = await memoryApp();
    const all = (await findProjects(app.store.db, { limit: 1000 })).items.map((p) => p.id);
    const paged = [
      ...(await findProjects(app.store.db, { limit: 10, offset: 0 })).items,
      ...(await findProjects(app.store.db, { limit: 10, offset: 10 })).items,
      ...(await findProjects(app.store.db, { limit: 1000, offset: 20 })).items,
    ].map((p) => p.id);
    assert.deepEqual(paged, all);
  });
});
