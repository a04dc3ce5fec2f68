// The `dsr` command end to end: in process for speed, and through bin/dsr.js for the real binary.
import assert from "node:assert/strict";
import { type ChildProcess, execFile, spawn } from "node:child_process";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { describe, it } from "node:test";
import SqliteDatabase from "better-sqlite3";
import { runCli } from "../../src/cli/main.js";
import { captureIo, tempDir } from "../helpers.js";

const BIN = fileURLToPath(new URL("../../bin/dsr.js", import.meta.url));
const run = promisify(execFile);

async function dsr(args: string[], db: string) {
  const io = captureIo();
  const code = await runCli(args, io, { DSR_DB: db });
  return { code, out: io.out(), err: io.err() };
}

describe("dsr", () => {
  const dir = tempDir();
  const db = join(dir, "cli.db");

  it("init creates the database, then says it is up to date", async () => {
    const first = await dsr(["init", "--json"], db);
    assert.equal(first.code, 0, first.err);
    const r = JSON.parse(first.out);
    assert.equal(r.skipped, false);
    assert.ok(r.projects > 0);
    const second = await dsr(["init"], db);
    assert.equal(second.code, 0);
    assert.match(second.err, /up to date/);
  });

  it("projects prints a table, and JSON with filters", async () => {
    const table = await dsr(["projects"], db);
    assert.equal(table.code, 0, table.err);
    assert.match(table.out, /^ID\s+YEAR\s+COUNTRY/);
    assert.match(table.err, /projects · amounts: US\$/);
    const json = await dsr(["projects", "--country", "AR", "--vendor", "ZTE", "--category", "surveillance", "--json"], db);
    const body = JSON.parse(json.out);
    assert.equal(body.total, 1);
    assert.deepEqual(body.items[0].vendors, ["ZTE"]);
  });

  it("projects rejects a bad flag value with exit 1 and names it", async () => {
    const r = await dsr(["projects", "--category", "toasters"], db);
    assert.equal(r.code, 1);
    assert.match(r.err, /--category/);
    const unknown = await dsr(["projects", "--colour", "red"], db);
    assert.equal(unknown.code, 1);
    assert.match(unknown.err, /unknown option '--colour'/);
  });

  it("show prints every field with its evidence and numbered citations", async () => {
    const id = JSON.parse((await dsr(["projects", "--country", "AR", "--vendor", "ZTE", "--json"], db)).out).items[0].id;
    const r = await dsr(["show", id], db);
    assert.equal(r.code, 0, r.err);
    assert.match(r.out, /vendors/);
    assert.match(r.out, /“[^”]*ZTE[^”]*” \[\d/);
    assert.match(r.out, /Sources:\n {2}\[1\] /);
    const json = JSON.parse((await dsr(["show", id, "--json"], db)).out);
    assert.equal(json.id, id);
    const missing = await dsr(["show", "nope"], db);
    assert.equal(missing.code, 1);
    assert.match(missing.err, /no project with id "nope"/);
  });

  it("export writes CSV and JSON with sources and licence on every record", async () => {
    const csv = join(dir, "out.csv");
    const r = await dsr(["export", "--format", "csv", "--out", csv], db);
    assert.equal(r.code, 0, r.err);
    const bytes = readFileSync(csv);
    assert.deepEqual([...bytes.subarray(0, 3)], [0xef, 0xbb, 0xbf], "starts with a UTF-8 byte-order mark");
    const lines = bytes.toString("utf8").trim().split("\n");
    assert.match(lines[0] ?? "", /^\uFEFF?id,title,/);
    assert.ok(lines.slice(1).every((l) => l.includes("CC BY 4.0")));
    const json = join(dir, "out.json");
    assert.equal((await dsr(["export", "--format", "json", "--out", json, "--country", "BR"], db)).code, 0);
    const body = JSON.parse(readFileSync(json, "utf8"));
    assert.ok(body.total > 0 && body.items.every((p: { country: string; sources: unknown[]; claims: object }) => p.country === "BR" && p.sources.length > 0 && Object.keys(p.claims).length > 0));
    assert.match(body.license, /CC BY 4\.0/);
    const bad = await dsr(["export", "--format", "xml", "--out", json], db);
    assert.equal(bad.code, 1);
    assert.match(bad.err, /--format/);
    const unwritable = await dsr(["export", "--format", "csv", "--out", join(dir, "no", "such", "dir.csv")], db);
    assert.equal(unwritable.code, 1);
    assert.match(unwritable.err, /cannot write/);
  });

  it("names a foreign DSR_DB file and leaves it as it was", async () => {
    const file = join(dir, "mine.txt");
    writeFileSync(file, "hello");
    const r = await dsr(["projects"], file);
    assert.equal(r.code, 1);
    assert.match(r.err, /mine\.txt is not an SQLite database/);
    assert.equal(readFileSync(file, "utf8"), "hello");
  });

  it("takes DATABASE_URL over DSR_DB (sqlite:PATH is the file form) and names a bad one", async () => {
    const viaUrl = join(dir, "via-url.db");
    const io = captureIo();
    assert.equal(await runCli(["init", "--json"], io, { DSR_DB: join(dir, "ignored.db"), DATABASE_URL: `sqlite:${viaUrl}` }), 0, io.err());
    assert.equal((JSON.parse(io.out()) as { database: string }).database, viaUrl);
    assert.ok(existsSync(viaUrl));
    assert.ok(!existsSync(join(dir, "ignored.db")));
    const bad = captureIo();
    assert.equal(await runCli(["projects"], bad, { DATABASE_URL: "mysql://root:secret@db/x" }), 1);
    assert.match(bad.err(), /DATABASE_URL must be postgres:\/\/… or sqlite:PATH/);
    assert.doesNotMatch(bad.err(), /secret/);
  });

  it("the installed binary prints its help", async () => {
    assert.ok(existsSync(BIN));
    const { stdout } = await run(process.execPath, [BIN, "--help"]);
    for (const c of ["init", "projects", "show", "export", "serve"]) assert.match(stdout, new RegExp(`\\b${c}\\b`));
  });

  it("serve answers on a free port and stops on SIGTERM", async () => {
    const child = spawn(process.execPath, [BIN, "serve", "--port", "0", "--json"], { env: { ...process.env, DSR_DB: db }, stdio: ["ignore", "pipe", "pipe"] });
    try {
      const url = await firstJsonLine(child);
      const res = await fetch(`${url}/api/projects?limit=2`, { signal: AbortSignal.timeout(10_000) });
      assert.equal(res.status, 200);
      const body = (await res.json()) as { items: unknown[]; total: number };
      assert.equal(body.items.length, 2);
    } finally {
      child.kill("SIGTERM");
    }
    const code = await new Promise((resolve) => child.once("exit", resolve));
    assert.equal(code, 0);
  });

  it("a second process reads while another holds a write transaction (WAL)", async () => {
    const writer = new SqliteDatabase(db);
    writer.pragma("busy_timeout = 100");
    writer.exec("begin exclusive");
    writer.prepare("update projects set title = title || ' (editing)'").run();
    try {
      const { stdout } = await run(process.execPath, [BIN, "projects", "--json", "--limit", "1"], { env: { ...process.env, DSR_DB: db }, timeout: 30_000 });
      const body = JSON.parse(stdout) as { items: { title: string }[] };
      assert.ok(!body.items[0]?.title.endsWith("(editing)"), "the reader sees the last committed state");
    } finally {
      writer.exec("rollback");
      writer.close();
    }
  });
});

function firstJsonLine(child: ChildProcess): Promise<string> {
  return new Promise((resolve, reject) => {
    let buf = "";
    let err = "";
    child.stderr?.on("data", (d) => (err += String(d)));
    child.stdout?.on("data", (d) => {
      buf += String(d);
      const nl = buf.indexOf("\n");
      if (nl >= 0) resolve((JSON.parse(buf.slice(0, nl)) as { url: string }).url);
    });
    child.once("exit", (code) => reject(new Error(`serve exited with ${code}: ${err}`)));
  });
}
