// `dsr export` in process: every format to a file (atomically) or to stdout, a summary on stderr
// or as JSON, and usage errors that name the flag.
import assert from "node:assert/strict";
import { existsSync, readFileSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { describe, it } from "node:test";
import { runCli } from "../../src/cli/main.js";
import { OWN_DATA_LICENSE } from "../../src/domain/licenses.js";
import { captureIo, tempDir } from "../helpers.js";

describe("dsr export", () => {
  const dir = tempDir();
  const db = join(dir, "export.db");
  const dsr = async (...args: string[]) => {
    const io = captureIo();
    const code = await runCli(args, io, { DSR_DB: db });
    return { code, out: io.out(), err: io.err() };
  };

  it("streams GeoJSON of the filtered projects to stdout and says what it wrote on stderr", async () => {
    const r = await dsr("export", "--format", "geojson", "--out", "-", "--country", "AR");
    assert.equal(r.code, 0, r.err);
    const fc = JSON.parse(r.out) as { type: string; features: { properties: { country: string } }[]; license: string };
    assert.equal(fc.type, "FeatureCollection");
    assert.ok(fc.features.length > 0 && fc.features.every((f) => f.properties.country === "AR"));
    assert.match(r.err, new RegExp(`^wrote ${fc.features.length} projects and \\d+ sources to stdout \\(geojson\\); licence: CC BY 4\\.0`));
  });

  it("writes XLSX to a file, with a JSON summary naming licence and exchange rates", async () => {
    const out = join(dir, "projects.xlsx");
    const r = await dsr("export", "--format", "xlsx", "--out", out, "--json");
    assert.equal(r.code, 0, r.err);
    const summary = JSON.parse(r.out) as { out: string; format: string; projects: number; sources: number; license: string; exchangeRates: string };
    assert.equal(summary.format, "xlsx");
    assert.ok(summary.projects > 0 && summary.sources > 0);
    assert.equal(summary.license, OWN_DATA_LICENSE);
    assert.match(summary.exchangeRates, /Federal Reserve/);
    assert.equal(readFileSync(out).subarray(0, 2).toString("latin1"), "PK", "a zip");
    assert.deepEqual(readdirSync(dir).filter((f) => f.endsWith(".tmp")), [], "no temporary file left");
  });

  it("writes FtM lines and CSL-JSON to files", async () => {
    for (const [format, check] of [
      ["ftm", (text: string) => text.trimEnd().split("\n").every((l) => "schema" in (JSON.parse(l) as object))],
      ["csl", (text: string) => Array.isArray(JSON.parse(text))],
    ] as const) {
      const out = join(dir, `out.${format}`);
      const r = await dsr("export", "--format", format, "--out", out);
      assert.equal(r.code, 0, r.err);
      assert.ok(check(readFileSync(out, "utf8")), format);
    }
  });

  it("exports every matching project unless --limit or --offset is given", async () => {
    const all = JSON.parse((await dsr("export", "--format", "json", "--out", "-")).out) as { total: number; items: { id: string }[] };
    assert.ok(all.total > 3);
    const cut = JSON.parse((await dsr("export", "--format", "json", "--out", "-", "--offset", "1", "--limit", "2")).out) as { items: { id: string }[] };
    assert.deepEqual(cut.items.map((p) => p.id), all.items.slice(1, 3).map((p) => p.id));
    const help = await dsr("export", "--help");
    assert.match(help.out, /--limit <n>\s+stop after this many projects \(1-1000; default: all\)/);
  });

  it("refuses XLSX on stdout, --sort, an unknown format, and an unwritable path, with exit 1 and no file left", async () => {
    const xlsx = await dsr("export", "--format", "xlsx", "--out", "-");
    assert.equal(xlsx.code, 1);
    assert.match(xlsx.err, /xlsx is binary/);
    const sort = await dsr("export", "--format", "csv", "--out", "-", "--sort", "year");
    assert.equal(sort.code, 1);
    assert.match(sort.err, /--sort/);
    const bad = await dsr("export", "--format", "xml", "--out", "-");
    assert.equal(bad.code, 1);
    assert.match(bad.err, /--format: expected one of csv, xlsx, json, geojson, ftm, csl/);
    const nowhere = join(dir, "no", "such", "dir.csv");
    const unwritable = await dsr("export", "--format", "csv", "--out", nowhere);
    assert.equal(unwritable.code, 1);
    assert.match(unwritable.err, /cannot write/);
    assert.equal(existsSync(nowhere), false);
  });
});
