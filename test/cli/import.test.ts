// `dsr import` as users and scripts run it: the --json summary contract, exit codes (0 all landed,
// 2 some rows failed, 1 nothing usable), and a second run that creates nothing.
import assert from "node:assert/strict";
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, it } from "node:test";
import { runCli } from "../../src/cli/main.js";
import { SHARED_DIR, captureIo, gazetteerOnlyDataDir, tempDir } from "../helpers.js";

const SAMPLE = fileURLToPath(new URL("data/aiddata-gcdf3-sample.csv", SHARED_DIR));

async function dsr(args: string[], env: Record<string, string>) {
  const io = captureIo();
  const code = await runCli(args, io, env);
  return { code, out: io.out(), err: io.err() };
}

describe("dsr import", () => {
  const dataDir = gazetteerOnlyDataDir();

  it("prints the summary as JSON, exits 0, and imports nothing new the second time", async () => {
    const env = { DSR_DB: join(tempDir(), "db.sqlite"), DSR_DATA_DIR: dataDir };
    const r = await dsr(["import", "aiddata", SAMPLE, "--json"], env);
    assert.equal(r.code, 0, r.err);
    const s = JSON.parse(r.out) as Record<string, unknown>;
    for (const key of ["read", "created", "joined", "updated", "unchanged", "skipped", "failed", "skippedReasons", "errors"]) assert.ok(key in s, key);
    assert.equal(s.read, 9);
    assert.equal(s.created, 9);
    const again = JSON.parse((await dsr(["import", "aiddata", SAMPLE, "--json"], env)).out) as Record<string, number>;
    assert.deepEqual([again.created, again.joined, again.unchanged], [0, 0, 9]);
    const text = await dsr(["import", "aiddata", SAMPLE, "--lac-only"], env);
    assert.match(text.out, /9 read · 0 new projects .* 9 skipped/);
    assert.match(text.out, /skipped 9: recipient outside Latin America and the Caribbean/);
  });

  it("exits 2 naming the bad row when some rows fail and the rest land", async () => {
    const lines = readFileSync(SAMPLE, "utf8").trimEnd().split("\n");
    lines[1] = lines[1]?.replace(/,Chinese Government provides[^,]*,/, ",,") ?? "";
    const file = join(tempDir(), "one-bad.csv");
    writeFileSync(file, `${lines.join("\n")}\n`);
    const r = await dsr(["import", "aiddata", file], { DSR_DB: join(tempDir(), "db.sqlite"), DSR_DATA_DIR: dataDir });
    assert.equal(r.code, 2, r.err);
    assert.match(r.err, /dsr: row 2: record 4 has no title/);
    assert.match(r.out, /9 read · 8 new projects/);
  });

  it("exits 1 on an unknown kind, a missing file or a file of the wrong shape", async () => {
    const env = { DSR_DB: join(tempDir(), "db.sqlite"), DSR_DATA_DIR: dataDir };
    const kind = await dsr(["import", "cgi", SAMPLE], env);
    assert.equal(kind.code, 1);
    assert.match(kind.err, /unknown import kind "cgi": use one of aiddata, ocds, cgit/);
    const missing = await dsr(["import", "ocds", join(tempDir(), "none.json")], env);
    assert.equal(missing.code, 1);
    assert.match(missing.err, /none\.json: no such file/);
    const wrong = await dsr(["import", "cgit", SAMPLE], env);
    assert.equal(wrong.code, 1);
    assert.match(wrong.err, /not a China Global Investment Tracker sheet: no column for Investor/);
  });
});
