// Review actions and re-extraction: state changes with an audit trail, merges and splits that
// keep every claim, edits cited as editor's notes, and re-extraction that leaves reviewed data alone.
import assert from "node:assert/strict";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, it } from "node:test";
import { ingest, type IngestOptions } from "../../src/services/ingest.service.js";
import { projectDetail } from "../../src/services/projects.service.js";
import { reextract } from "../../src/services/reextract.service.js";
import { acceptProject, editProject, mergeProjects, rejectProject, splitProject } from "../../src/services/review.service.js";
import { auditOf } from "../../src/store/audit.repository.js";
import { fileApp, gazetteerOnlyDataDir, tempDir } from "../helpers.js";

const options: IngestOptions = { allowHosts: [], maxBytes: 1 << 20, threads: 0 };

/** Two articles about one deal whose details differ enough that resolution keeps them apart. */
async function twoProjects() {
  const app = await fileApp(gazetteerOnlyDataDir());
  const dir = tempDir();
  writeFileSync(join(dir, "a.txt"), "Hikvision firmó un contrato con el Ministerio de Gobierno de Bolivia por US$ 20 millones en 2020 para instalar 2.000 cámaras en La Paz.");
  writeFileSync(join(dir, "b.txt"), "Hikvision signed a surveillance contract with Bolivia's Ministry of Government worth US$ 60 million in 2020 for cameras in La Paz.");
  const s = await ingest(app, [dir], options);
  const [a, b] = s.inputs.map((r) => r.projects?.[0]);
  assert.ok(a && b && a !== b, `two projects expected, got ${JSON.stringify(s.inputs)}`);
  return { app, a, b, docs: s.inputs.map((r) => r.documentId as string) };
}

describe("review", () => {
  it("accepts a project: verified, its shown claims confirmed, with an audit event", async () => {
    const { app, a } = await twoProjects();
    const s = await acceptProject(app.store.db, app.fx, a, "ana");
    assert.equal(s.review.state, "verified");
    assert.equal(s.review.by, "ana");
    const detail = await projectDetail(app.store.db, a, app.fx);
    for (const [field, values] of Object.entries(detail.claims)) assert.equal(values[0]?.reviewed, true, `${field} confirmed`);
    const log = await auditOf(app.store.db, "project", a);
    assert.equal(log.at(-1)?.action, "accept");
    assert.equal(log.at(-1)?.actor, "ana");
    assert.match(log.at(-1)?.before ?? "", /candidate/);
  });

  it("rejects with a reason kept in the log", async () => {
    const { app, b } = await twoProjects();
    await rejectProject(app.store.db, app.fx, b, "ana", "duplicate press release");
    const log = await auditOf(app.store.db, "project", b);
    assert.match(log.at(-1)?.after ?? "", /duplicate press release/);
  });

  it("merges two projects into one with both sources and the disagreement visible, and splits them again", async () => {
    const { app, a, b, docs } = await twoProjects();
    const merged = await mergeProjects(app.store.db, app.fx, a, [b], "ana");
    assert.equal(merged.sources.length, 2);
    assert.ok(merged.disputedFields.includes("amount"));
    assert.equal(await app.store.db.selectFrom("projects").select("id").where("id", "=", b).executeTakeFirst(), undefined);
    const mentions = await app.store.db.selectFrom("mentions").select(["project_id", "rule"]).where("document_id", "=", docs[1]!).execute();
    assert.ok(mentions.every((m) => m.project_id === a && /merged into/.test(m.rule ?? "")));

    const split = await splitProject(app.store.db, app.fx, a, docs[1]!, "ana");
    assert.equal(split.to.sources.length, 1);
    assert.equal(split.to.sources[0]?.documentId, docs[1]);
    assert.equal(split.from?.sources.length, 1);
    assert.deepEqual((await auditOf(app.store.db, "project", a)).map((e) => e.action), ["merge", "split"]);
  });

  it("edits a field with an editor's note as its cited, verified source", async () => {
    const { app, a } = await twoProjects();
    const s = await editProject(app.store.db, app.fx, a, "amount", { value: 25e6, currency: "USD", year: 2020 }, "ana", "Contrato 14/2020, cláusula 3");
    assert.equal(s.amount?.value, 25e6);
    const detail = await projectDetail(app.store.db, a, app.fx);
    const shown = detail.claims.amount?.[0];
    assert.equal(shown?.reviewed, true);
    assert.equal(shown?.evidence[0]?.text, "Contrato 14/2020, cláusula 3");
    assert.ok(detail.sources.some((c) => c.citation.includes("editor's note")));
    await assert.rejects(editProject(app.store.db, app.fx, a, "year", "soon", "ana", null), /bad value for year/);
    await assert.rejects(editProject(app.store.db, app.fx, a, "colour", "red", "ana", null), /unknown field "colour"/);
  });
});

describe("re-extraction", () => {
  it("replaces machine-made mentions, keeps reviewed claims, and is a no-op when nothing changed", async () => {
    const { app, a, docs } = await twoProjects();
    await acceptProject(app.store.db, app.fx, a, "ana");
    const claimsBefore = await app.store.db.selectFrom("claims").select(["field", "value_key", "reviewed"]).where("project_id", "=", a).orderBy("field").execute();

    assert.equal((await reextract(app, { all: false })).documents, 0, "the current extractor read everything already");
    const all = await reextract(app, { all: true });
    assert.equal(all.documents, 2);
    const claimsAfter = await app.store.db.selectFrom("claims").select(["field", "value_key", "reviewed"]).where("project_id", "=", a).orderBy("field").execute();
    assert.deepEqual(claimsAfter, claimsBefore);
    const mentions = await app.store.db.selectFrom("mentions").select("project_id").where("document_id", "=", docs[0]!).execute();
    assert.deepEqual(mentions.map((m) => m.project_id), [a]);

    // A document an older extractor read is picked up without --all.
    await app.store.db.updateTable("documents").set({ extractor_version: "old" }).where("id", "=", docs[1]!).execute();
    assert.equal((await reextract(app, { all: false })).documents, 1);
  });
});
