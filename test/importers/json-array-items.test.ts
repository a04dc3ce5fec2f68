import assert from "node:assert/strict";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, it } from "node:test";
import { JsonScanError, scanJsonArrays } from "../../src/importers/json-array-items.js";
import { tempDir } from "../helpers.js";

async function scan(text: string, options: Partial<Parameters<typeof scanJsonArrays>[1]> = {}) {
  const file = join(tempDir(), "x.json");
  writeFileSync(file, text);
  const items: unknown[] = [];
  const it = scanJsonArrays(file, { arrays: ["releases", "records"], ...options });
  let r = await it.next();
  while (!r.done) {
    items.push(r.value.value);
    r = await it.next();
  }
  return { items, meta: r.value };
}

describe("scanning the big arrays of a JSON document", () => {
  it("yields each release and parses the package's other keys, before and after the array", async () => {
    const { items, meta } = await scan(`{"uri":"u","publisher":{"name":"DNCP"},"releases":[{"ocid":"a"},{"ocid":"b","n":[1,{"x":"]"}]}],"license":"L","n":3,"t":true,"z":null}`);
    assert.deepEqual(items, [{ ocid: "a" }, { ocid: "b", n: [1, { x: "]" }] }]);
    assert.deepEqual(meta, { uri: "u", publisher: { name: "DNCP" }, license: "L", n: 3, t: true, z: null });
  });

  it("reads strings with escaped quotes, backslashes, brackets and multi-byte text across every chunk boundary", async () => {
    const release = { ocid: "ocds-1", title: 'Cámaras "domo" \\ [lote] {1} — 监控 ✓', items: [{ d: "a\\\"b" }] };
    const text = JSON.stringify({ version: "1.1", releases: [release, release] });
    for (const chunkSize of [1, 2, 3, 7, 64]) {
      const { items, meta } = await scan(text, { chunkSize });
      assert.deepEqual(items, [release, release], `chunk size ${chunkSize}`);
      assert.deepEqual(meta, { version: "1.1" });
    }
  });

  it("streams the elements of a top-level array", async () => {
    const { items } = await scan(`[ {"ocid":"a"} , {"ocid":"b"} ]`);
    assert.deepEqual(items, [{ ocid: "a" }, { ocid: "b" }]);
  });

  it("keeps a lone record's own releases whole when its ocid comes first", async () => {
    const { items, meta } = await scan(`{"ocid":"x","releases":[{"url":"r1"}],"compiledRelease":{"ocid":"x"}}`, { unlessAfter: ["ocid"] });
    assert.deepEqual(items, []);
    assert.deepEqual(meta.releases, [{ url: "r1" }]);
    assert.deepEqual(meta.compiledRelease, { ocid: "x" });
  });

  it("passes over the elements unread when only the metadata is wanted", async () => {
    const { items, meta } = await scan(`{"records":[{"a":1},{"b":2}],"publisher":{"name":"P"}}`, { elements: false });
    assert.deepEqual(items, []);
    assert.deepEqual(meta, { publisher: { name: "P" } });
  });

  it("says where a truncated or broken file goes wrong", async () => {
    await assert.rejects(scan(`{"releases":[{"ocid":"a"},{"ocid":`), JsonScanError);
    await assert.rejects(scan(`{"releases":[{"ocid":"a",}]}`), (err: Error) => err instanceof JsonScanError && /invalid JSON before byte/.test(err.message));
  });

  it("holds one element at a time, not the file, while streaming a large package", async () => {
    const file = join(tempDir(), "big.json");
    const element = JSON.stringify({ ocid: "ocds-x", title: "x".repeat(2000) });
    const count = 20_000; // ≈ 40 MB
    writeFileSync(file, `{"releases":[${Array.from({ length: count }, () => element).join(",")}]}`);
    globalThis.gc?.();
    const before = process.memoryUsage().heapUsed;
    let peak = before;
    let n = 0;
    const it = scanJsonArrays(file, { arrays: ["releases"] });
    for (let r = await it.next(); !r.done; r = await it.next()) {
      if (++n % 1000 === 0) peak = Math.max(peak, process.memoryUsage().heapUsed);
    }
    assert.equal(n, count);
    // The file is 40 MB; reading it whole would take at least that much heap (twice, as text).
    assert.ok(peak - before < 32 * 1024 * 1024, `heap grew by ${((peak - before) / 1e6).toFixed(1)} MB`);
  });
});
