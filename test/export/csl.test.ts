// CSL-JSON export: the distinct sources of the matching projects as items a reference manager
// reads, each with type, title and id, and the licence of the record citing it.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { OWN_DATA_LICENSE } from "../../src/domain/licenses.js";
import { cslType, dateParts, writeCsl } from "../../src/export/csl.js";
import { exportProjects } from "../../src/services/export.service.js";
import { memoryApp } from "../helpers.js";
import { CollectingSink, citation, project, syntheticSource } from "./synthetic.js";

interface Item {
  id: string;
  type: string;
  title: string;
  note: string;
  URL?: string;
  issued?: { "date-parts": number[][] };
  author?: { literal: string }[];
}

describe("CSL-JSON export", () => {
  it("lists each source of the bundled dataset once, with type, title, id and the licence", async () => {
    const app = await memoryApp();
    const sink = new CollectingSink();
    const result = await exportProjects(app, {}, "csl", sink);
    const items = JSON.parse(sink.text()) as Item[];
    assert.ok(items.length > 0);
    assert.equal(new Set(items.map((i) => i.id)).size, items.length, "distinct");
    assert.equal(result.sources, items.length);
    for (const item of items) {
      assert.ok(["report", "article-newspaper", "webpage", "document"].includes(item.type));
      assert.ok(item.title && item.id);
      assert.ok(item.note.includes(OWN_DATA_LICENSE));
    }
    const reuters = items.find((i) => i.URL?.includes("reuters.com"));
    assert.equal(reuters?.type, "article-newspaper");
    assert.deepEqual(reuters?.issued, { "date-parts": [[2019, 7, 5]] });
  });

  it("lists exactly the sources of the filtered projects", async () => {
    const app = await memoryApp();
    const [csl, json] = [new CollectingSink(), new CollectingSink()];
    await exportProjects(app, { country: "EC" }, "csl", csl);
    await exportProjects(app, { country: "EC" }, "json", json);
    const cited = (JSON.parse(json.text()) as { items: { sources: { documentId: string }[] }[] }).items.flatMap((p) => p.sources.map((s) => s.documentId));
    assert.ok(cited.length > 0);
    assert.deepEqual((JSON.parse(csl.text()) as Item[]).map((i) => i.id).sort(), [...new Set(cited)].sort());
  });

  it("types sources by what their citation says and keeps authors whole", async () => {
    assert.equal(cslType(citation("a", { citation: "X, “Y,” Special Report, USIP, 2024." })), "report");
    assert.equal(cslType(citation("b", { url: "https://x.org/paper.pdf" })), "report");
    assert.equal(cslType(citation("c")), "article-newspaper");
    assert.equal(cslType(citation("d", { publisher: null })), "webpage");
    assert.equal(cslType(citation("e", { publisher: null, url: null })), "document");
    assert.deepEqual(dateParts("2024-04"), [[2024, 4]]);
    assert.equal(dateParts("n.d."), undefined);
    const sink = new CollectingSink();
    await writeCsl(syntheticSource([project(1), project(2), project(51)]), sink);
    const items = JSON.parse(sink.text()) as Item[];
    assert.deepEqual(items.map((i) => i.id), ["doc-1", "doc-shared", "doc-2"]);
    assert.deepEqual(items[0]?.author, [{ literal: "Ana Pérez" }]);
  });

  it("is an empty array when nothing matches", async () => {
    const sink = new CollectingSink();
    await writeCsl(syntheticSource([]), sink);
    assert.deepEqual(JSON.parse(sink.text()), []);
  });
});
