// What the reliability tier shares: `dsr` run in-process or as a child that reports its commits
// over IPC (the kill points), a seeded generator, the database facts runs are compared by, and the
// figures each suite prints. Each suite is one function taking its size, so the short variant
// (npm test) and the long tier (npm run test:reliability) run the same checks.
import { type ChildProcess, fork } from "node:child_process";
import { createHash } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import type { TestContext } from "node:test";
import SqliteDatabase from "better-sqlite3";
import { runCli } from "../../src/cli/main.js";
import { captureIo } from "../helpers.js";

export { seeded } from "../../scripts/bench-corpus.js";
export { generateCorpus } from "../../scripts/generate-corpus.js";

export const BIN = fileURLToPath(new URL("../../bin/dsr.js", import.meta.url));

/** Runs `dsr` in this process. */
export async function dsr(args: string[], env: Record<string, string>): Promise<{ code: number; out: string; err: string }> {
  const io = captureIo();
  const code = await runCli(args, io, env);
  return { code, out: io.out(), err: io.err() };
}

export interface ChildRun {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
  /** The last commit count the child reported. */
  committed: number;
}

/**
 * Runs the built `dsr` as a child process with DSR_REPORT_COMMITS on; `onCommit` hears each
 * commit as it is made and may kill the child there.
 */
export function forkDsr(args: string[], env: Record<string, string>, onCommit?: (committed: number, child: ChildProcess) => void): Promise<ChildRun> {
  const child = fork(BIN, args, { env: { ...process.env, ...env, DSR_REPORT_COMMITS: "true" }, stdio: ["ignore", "pipe", "pipe", "ipc"] });
  let stdout = "";
  let stderr = "";
  let committed = 0;
  child.stdout?.on("data", (d) => (stdout += String(d)));
  child.stderr?.on("data", (d) => (stderr += String(d)));
  child.on("message", (m: { committed?: number }) => {
    if (typeof m.committed !== "number") return;
    committed = m.committed;
    onCommit?.(m.committed, child);
  });
  return new Promise((resolve, reject) => {
    child.once("error", reject);
    // 'close' comes after the output pipes are drained, unlike 'exit'.
    child.once("close", (code, signal) => resolve({ code, signal, stdout, stderr, committed }));
  });
}

/**
 * Starts `dsr serve` on 127.0.0.1 and a port the system picks; `stop` ends it (SIGTERM) and
 * gives what it wrote and how it ended.
 */
export async function startServer(env: Record<string, string>): Promise<{ url: string; stop: () => Promise<ChildRun> }> {
  const child = fork(BIN, ["serve", "--port", "0", "--host", "127.0.0.1", "--json"], { env: { ...process.env, ...env }, stdio: ["ignore", "pipe", "pipe", "ipc"] });
  let stdout = "";
  let stderr = "";
  child.stderr?.on("data", (d) => (stderr += String(d)));
  const closed = new Promise<ChildRun>((resolve) => child.once("close", (code, signal) => resolve({ code, signal, stdout, stderr, committed: 0 })));
  const url = await new Promise<string>((resolve, reject) => {
    child.stdout?.on("data", (d) => {
      stdout += String(d);
      const line = stdout.split("\n")[0] ?? "";
      if (stdout.includes("\n")) resolve((JSON.parse(line) as { url: string }).url);
    });
    void closed.then((r) => reject(new Error(`dsr serve ended before listening (${r.signal ?? r.code}): ${r.stderr}`)));
  });
  return {
    url,
    stop: () => {
      child.kill("SIGTERM");
      return closed;
    },
  };
}

/**
 * A database with `dataDir` loaded (`dsr init`), made once per data folder and test file: copying
 * it spares every run the loading of the gazetteers.
 * @example copyFileSync(await initializedDatabase(dataDir), join(dir, "run-1.db"))
 */
export async function initializedDatabase(dataDir: string): Promise<string> {
  let made = initialized.get(dataDir);
  if (!made) {
    // Not tempDir(): that folder would go when the test that first asked ends.
    const dir = mkdtempSync(join(tmpdir(), "dsr-initialized-"));
    process.once("exit", () => rmSync(dir, { recursive: true, force: true }));
    const file = join(dir, "initialized.db");
    made = dsr(["init"], { DSR_DB: file, DSR_DATA_DIR: dataDir }).then((r) => {
      if (r.code !== 0) throw new Error(`dsr init failed: ${r.err}`);
      return file;
    });
    initialized.set(dataDir, made);
  }
  return made;
}
const initialized = new Map<string, Promise<string>>();

/** Opens a database file read-only for checks; closed by the caller. */
export function openRaw(file: string): SqliteDatabase.Database {
  return new SqliteDatabase(file, { readonly: true, fileMustExist: true });
}

export const integrity = (conn: SqliteDatabase.Database): string => String(conn.pragma("integrity_check", { simple: true }));

const count = (conn: SqliteDatabase.Database, sql: string): number => (conn.prepare(sql).get() as { n: number }).n;

/** What two databases that ingested the same inputs must agree on, whatever crashed in between. */
export interface IngestedState {
  documents: number;
  mentions: number;
  unresolved: number;
  projects: number;
  claims: number;
  /** document id → its text's length and number of mentions. */
  perDocument: Map<string, { textLength: number; mentions: number }>;
  /** The projects as sets of the mentions they hold: equal partitions mean equal resolution. */
  groups: string[];
}

export function ingestedState(conn: SqliteDatabase.Database): IngestedState {
  const perDocument = new Map<string, { textLength: number; mentions: number }>();
  const rows = conn
    .prepare("select d.id, length(d.text) as textLength, (select count(*) from mentions m where m.document_id = d.id) as mentions from documents d where d.origin = 'ingested' order by d.id")
    .all() as { id: string; textLength: number | null; mentions: number }[];
  for (const r of rows) perDocument.set(r.id, { textLength: r.textLength ?? -1, mentions: r.mentions });
  const groups = (conn.prepare("select group_concat(id, ' ') as ids from (select id, project_id from mentions where project_id is not null order by id) group by project_id").all() as { ids: string }[])
    .map((g) => g.ids)
    .sort();
  return {
    documents: rows.length,
    mentions: count(conn, "select count(*) as n from mentions"),
    unresolved: count(conn, "select count(*) as n from mentions where resolved_at is null"),
    projects: count(conn, "select count(*) as n from projects"),
    claims: count(conn, "select count(*) as n from claims"),
    perDocument,
    groups,
  };
}

/**
 * A hash of what a snapshot holds: projects, claims, documents and mentions, row by row. Two files
 * with the same hash hold the same records (page layout aside).
 */
export function contentHash(conn: SqliteDatabase.Database): string {
  const hash = createHash("sha256");
  for (const sql of [
    "select * from projects order by id",
    "select * from claims order by id",
    "select id, sha256, origin, length(text) as chars, citation from documents order by id",
    "select * from mentions order by id",
    "select * from project_parties order by project_id, role, name",
  ]) {
    for (const row of conn.prepare(sql).iterate()) hash.update(JSON.stringify(row));
    hash.update("\u0000");
  }
  return hash.digest("hex");
}

/** Checks that a snapshot is consistent: nothing points at a row it does not hold. */
export function danglingReferences(conn: SqliteDatabase.Database): Record<string, number> {
  return {
    foreignKeys: (conn.pragma("foreign_key_check") as unknown[]).length,
    mentionsWithoutDocument: count(conn, "select count(*) as n from mentions m where not exists (select 1 from documents d where d.id = m.document_id)"),
    mentionsWithoutProject: count(conn, "select count(*) as n from mentions m where m.project_id is not null and not exists (select 1 from projects p where p.id = m.project_id)"),
    claimsWithoutProject: count(conn, "select count(*) as n from claims c where not exists (select 1 from projects p where p.id = c.project_id)"),
    claimsWithoutDocument: count(conn, "select count(*) as n from claims c where not exists (select 1 from documents d where d.id = c.document_id)"),
  };
}

/** Prints a suite's figures where the spec reporter shows them, and on one greppable line. */
export function report(t: TestContext, suite: string, figures: Record<string, number | string>): void {
  const line = Object.entries(figures).map(([k, v]) => `${k} ${typeof v === "number" ? v.toLocaleString("en") : v}`).join(", ");
  t.diagnostic(`${suite}: ${line}`);
  process.stdout.write(`reliability figures — ${suite}: ${line}\n`);
}

/** SQLite's busy errors in any spelling a user could see. */
export const BUSY = /SQLITE_BUSY|database is locked|database table is locked/i;
