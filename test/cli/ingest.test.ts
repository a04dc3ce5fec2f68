// `dsr ingest` as users and scripts run it: exit codes, one failure line per bad input, the --json
// contract, and a process killed in mid-batch that loses nothing and finishes on the next run.
import assert from "node:assert/strict";
import { type ChildProcess, fork } from "node:child_process";
import { copyFileSync, readdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, it } from "node:test";
import SqliteDatabase from "better-sqlite3";
import { runCli } from "../../src/cli/main.js";
import { captureIo, gazetteerOnlyDataDir, tempDir } from "../helpers.js";

const BIN = fileURLToPath(new URL("../../bin/dsr.js", import.meta.url));
const ARTICLES = fileURLToPath(new URL("../fixtures/dev-articles/", import.meta.url));

async function dsr(args: string[], env: Record<string, string>) {
  const io = captureIo();
  const code = await runCli(args, io, env);
  return { code, out: io.out(), err: io.err() };
}

describe("dsr ingest", () => {
  const dataDir = gazetteerOnlyDataDir();

  it("exits 0 when every input landed and prints a summary", async () => {
    const dir = tempDir();
    writeFileSync(join(dir, "a.txt"), "ZTE firmó un contrato con el gobierno de Jujuy, Argentina, por US$ 30 millones en 2019.");
    const r = await dsr(["ingest", dir], { DSR_DB: join(dir, "db.sqlite"), DSR_DATA_DIR: dataDir });
    assert.equal(r.code, 0, r.err);
    assert.match(r.out, /^1 input: 1 stored, 0 duplicates, 0 failed · 1 deal · 1 new project/);
  });

  it("exits 2 when some inputs failed, naming each on its own line, and --json reports every input", async () => {
    const dir = tempDir();
    const docs = join(dir, "docs");
    const { mkdirSync } = await import("node:fs");
    mkdirSync(docs);
    writeFileSync(join(docs, "ok.txt"), "Huawei signed a US$ 12 million contract with Ecuador's ECU 911 in 2011 for surveillance cameras.");
    writeFileSync(join(docs, "broken.pdf"), "%PDF-1.7 nothing else");
    writeFileSync(join(docs, "zero.txt"), "");
    const r = await dsr(["ingest", docs, join(dir, "missing.html"), "--json"], { DSR_DB: join(dir, "db.sqlite"), DSR_DATA_DIR: dataDir });
    assert.equal(r.code, 2, r.err);
    const errorLines = r.err.split("\n").filter((l) => /^dsr: .*(broken\.pdf|zero\.txt|missing\.html)/.test(l));
    assert.equal(errorLines.length, 3, r.err);
    const body = JSON.parse(r.out) as { inputs: { input: string; status: string; error?: string; documentId?: string; deals?: number }[]; failed: number };
    assert.equal(body.inputs.length, 4);
    assert.equal(body.failed, 3);
    const ok = body.inputs.find((i) => i.input.endsWith("ok.txt"));
    assert.equal(ok?.status, "stored");
    assert.match(ok?.documentId ?? "", /^doc-[0-9a-f]{24}$/);
    assert.ok((ok?.deals ?? 0) >= 1);
    for (const f of body.inputs.filter((i) => i.status === "failed")) assert.ok(f.error && f.error.length > f.input.length, f.input);
  });

  it("exits 1 when nothing landed", async () => {
    const dir = tempDir();
    const r = await dsr(["ingest", join(dir, "nothing-here.txt")], { DSR_DB: join(dir, "db.sqlite"), DSR_DATA_DIR: dataDir });
    assert.equal(r.code, 1);
    assert.match(r.err, /nothing-here\.txt: no such file/);
  });

  it("killed with SIGKILL after a commit, leaves no half-written document; the same command then finishes the rest", async () => {
    const dir = tempDir();
    const docs = join(dir, "docs");
    const { mkdirSync } = await import("node:fs");
    mkdirSync(docs);
    const files = readdirSync(ARTICLES).filter((f) => f.endsWith(".txt")).sort().slice(0, 24);
    for (const f of files) copyFileSync(join(ARTICLES, f), join(docs, f));
    const db = join(dir, "db.sqlite");
    const env = { ...process.env, DSR_DB: db, DSR_DATA_DIR: dataDir, DSR_REPORT_COMMITS: "true" };
    // The kill point: the 7th commit is signalled, and the child dies wherever it then is.
    const killAfter = 7;
    const child: ChildProcess = fork(BIN, ["ingest", docs, "--json", "--threads", "0"], { env, stdio: ["ignore", "pipe", "pipe", "ipc"] });
    const exit = new Promise<NodeJS.Signals | null>((resolve) => child.once("exit", (_code, signal) => resolve(signal)));
    child.on("message", (m: { committed?: number }) => {
      if (m.committed === killAfter) child.kill("SIGKILL");
    });
    assert.equal(await exit, "SIGKILL", "the child was killed mid-batch");

    const raw = new SqliteDatabase(db, { readonly: true });
    try {
      assert.equal(raw.pragma("integrity_check", { simple: true }), "ok");
      const stored = raw.prepare("select id, text from documents where origin = 'ingested'").all() as { id: string; text: string }[];
      assert.ok(stored.length >= killAfter && stored.length < files.length, `${stored.length} documents stored before the kill`);
      // Every stored document has its text and all of its mentions (they commit together).
      for (const d of stored) assert.ok(d.text.length > 0);
    } finally {
      raw.close();
    }

    const again = await dsr(["ingest", docs, "--json"], { DSR_DB: db, DSR_DATA_DIR: dataDir });
    assert.equal(again.code, 0, again.err);
    const body = JSON.parse(again.out) as { inputs: { status: string }[]; stored: number; duplicates: number };
    assert.equal(body.inputs.length, files.length);
    assert.equal(body.stored + body.duplicates, files.length);
    const after = new SqliteDatabase(db, { readonly: true });
    try {
      assert.equal((after.prepare("select count(*) as n from documents where origin = 'ingested'").get() as { n: number }).n, files.length);
      assert.equal((after.prepare("select count(*) as n from mentions where resolved_at is null").get() as { n: number }).n, 0);
      // One uninterrupted run over the same files gives every document the same mentions.
      const perDocument = (conn: SqliteDatabase.Database) =>
        conn.prepare("select d.id, count(m.id) as n from documents d left join mentions m on m.document_id = d.id where d.origin = 'ingested' group by d.id order by d.id").all();
      const fresh = join(tempDir(), "db.sqlite");
      const clean = await dsr(["ingest", docs], { DSR_DB: fresh, DSR_DATA_DIR: dataDir });
      assert.equal(clean.code, 0, clean.err);
      const reference = new SqliteDatabase(fresh, { readonly: true });
      try {
        assert.deepEqual(perDocument(after), perDocument(reference));
      } finally {
        reference.close();
      }
    } finally {
      after.close();
    }
  });

  it("stops on Ctrl-C after the document being stored, exits 1 saying so, and a second run finishes", async () => {
    const dir = tempDir();
    const docs = join(dir, "docs");
    const { mkdirSync } = await import("node:fs");
    mkdirSync(docs);
    const files = readdirSync(ARTICLES).filter((f) => f.endsWith(".txt")).sort().slice(0, 12);
    for (const f of files) copyFileSync(join(ARTICLES, f), join(docs, f));
    const db = join(dir, "db.sqlite");
    const env = { ...process.env, DSR_DB: db, DSR_DATA_DIR: dataDir, DSR_REPORT_COMMITS: "true" };
    const child = fork(BIN, ["ingest", docs, "--threads", "0"], { env, stdio: ["ignore", "pipe", "pipe", "ipc"] });
    let stderr = "";
    child.stderr?.on("data", (d) => (stderr += String(d)));
    const exit = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
    child.on("message", (m: { committed?: number }) => {
      if (m.committed === 2) child.kill("SIGINT");
    });
    assert.equal(await exit, 1, stderr);
    assert.match(stderr, /interrupted/);
    const again = await dsr(["ingest", docs, "--json"], { DSR_DB: db, DSR_DATA_DIR: dataDir });
    assert.equal(again.code, 0, again.err);
    const body = JSON.parse(again.out) as { stored: number; duplicates: number };
    assert.ok(body.duplicates >= 2);
    assert.equal(body.stored + body.duplicates, files.length);
  });
});
