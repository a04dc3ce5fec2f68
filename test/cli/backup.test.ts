// `dsr backup` and `dsr restore` as users run them: the --json summaries, and every refusal —
// an existing file, a database holding data, files that are not intact observatory databases, a
// newer schema, a database another process has open — each leaving everything as it was.
import assert from "node:assert/strict";
import { fork } from "node:child_process";
import { createHash } from "node:crypto";
import { copyFileSync, openSync, readFileSync, writeFileSync, writeSync, closeSync } from "node:fs";
import { join } from "node:path";
import { describe, it } from "node:test";
import SqliteDatabase from "better-sqlite3";
import { runCli } from "../../src/cli/main.js";
import { captureIo, gazetteerOnlyDataDir, tempDir } from "../helpers.js";
import { BIN, contentHash, initializedDatabase, openRaw } from "../reliability/harness.js";

async function dsr(args: string[], env: Record<string, string>) {
  const io = captureIo();
  const code = await runCli(args, io, env);
  return { code, out: io.out(), err: io.err() };
}

const hashOf = (file: string) => {
  const conn = openRaw(file);
  try {
    return contentHash(conn);
  } finally {
    conn.close();
  }
};

describe("dsr backup and dsr restore", () => {
  const dataDir = gazetteerOnlyDataDir();

  /** A database with one ingested document and its project. */
  async function database(): Promise<{ dir: string; db: string }> {
    const dir = tempDir();
    const db = join(dir, "observatory.db");
    copyFileSync(await initializedDatabase(dataDir), db);
    writeFileSync(join(dir, "a.txt"), "ZTE firmó un contrato con el gobierno de Jujuy, Argentina, por US$ 30 millones en 2019 para instalar cámaras.");
    const r = await dsr(["ingest", join(dir, "a.txt")], { DSR_DB: db, DSR_DATA_DIR: dataDir });
    assert.equal(r.code, 0, r.err);
    return { dir, db };
  }

  it("backs up to a file and restores it elsewhere, with the same records, summarised by --json", async () => {
    const { dir, db } = await database();
    const file = join(dir, "backup.db");
    const b = await dsr(["backup", file, "--json"], { DSR_DB: db });
    assert.equal(b.code, 0, b.err);
    const summary = JSON.parse(b.out) as { file: string; pages: number; bytes: number; schema: string; tables: Record<string, number>; sha256: string };
    assert.equal(summary.file, file);
    assert.ok(summary.pages > 0 && summary.bytes === readFileSync(file).length);
    assert.equal(summary.sha256, createHash("sha256").update(readFileSync(file)).digest("hex"));
    assert.match(summary.schema, /^\d{3}-/);
    assert.equal(summary.tables.documents, 1);
    assert.ok((summary.tables.projects ?? 0) >= 1 && (summary.tables.mentions ?? 0) >= 1);
    assert.match(b.err, /backed up .* 1 documents.*integrity ok/);

    const target = join(dir, "restored.db");
    const r = await dsr(["restore", file, "--json"], { DSR_DB: target });
    assert.equal(r.code, 0, r.err);
    const restored = JSON.parse(r.out) as { replaced: boolean; migrated: string[]; tables: Record<string, number> };
    assert.equal(restored.replaced, false);
    assert.deepEqual(restored.migrated, []);
    assert.deepEqual(restored.tables, summary.tables);
    assert.equal(hashOf(target), hashOf(db));
    // The restored file is a working database.
    const list = await dsr(["projects", "--json"], { DSR_DB: target, DSR_DATA_DIR: dataDir });
    assert.equal(list.code, 0, list.err);
  });

  it("overwrites neither a file nor a database holding data without --force", async () => {
    const { dir, db } = await database();
    const file = join(dir, "backup.db");
    writeFileSync(file, "precious");
    const b = await dsr(["backup", file], { DSR_DB: db });
    assert.equal(b.code, 1);
    assert.match(b.err, /already exists.*--force/);
    assert.equal(readFileSync(file, "utf8"), "precious");
    assert.equal((await dsr(["backup", file, "--force"], { DSR_DB: db })).code, 0);

    const other = await database();
    const before = hashOf(other.db);
    const r = await dsr(["restore", file], { DSR_DB: other.db });
    assert.equal(r.code, 1);
    assert.match(r.err, /holds \d+ projects and 1 documents; add --force/);
    assert.equal(hashOf(other.db), before);
    assert.equal((await dsr(["restore", file, "--force"], { DSR_DB: other.db })).code, 0);
  });

  it("refuses files that are not intact observatory databases, and a schema newer than this dsr", async () => {
    const { dir, db } = await database();
    const file = join(dir, "backup.db");
    assert.equal((await dsr(["backup", file], { DSR_DB: db })).code, 0);
    const target = join(dir, "target.db");
    const refuse = async (path: string, reason: RegExp) => {
      const r = await dsr(["restore", path], { DSR_DB: target });
      assert.equal(r.code, 1, path);
      assert.match(r.err, reason);
      assert.match(r.err, /nothing was changed/);
    };

    writeFileSync(join(dir, "notes.txt"), "not a database");
    await refuse(join(dir, "notes.txt"), /is not an SQLite database/);

    const foreign = new SqliteDatabase(join(dir, "foreign.db"));
    foreign.exec("create table t (x)");
    foreign.close();
    await refuse(join(dir, "foreign.db"), /is not an observatory database/);

    // Damage: overwrite the middle of the file (pages of tables and indexes) with garbage.
    const damaged = join(dir, "damaged.db");
    copyFileSync(file, damaged);
    const size = readFileSync(damaged).length;
    const fd = openSync(damaged, "r+");
    writeSync(fd, Buffer.alloc(8192, 0x5a), 0, 8192, Math.floor(size / 2 / 4096) * 4096);
    closeSync(fd);
    await refuse(damaged, /integrity check|malformed|corrupt/i);

    const newer = join(dir, "newer.db");
    copyFileSync(file, newer);
    const conn = new SqliteDatabase(newer);
    conn.prepare("insert into kysely_migration (name, timestamp) values ('999-from-the-future', '2030-01-01T00:00:00.000Z')").run();
    conn.close();
    await refuse(newer, /newer schema than this dsr knows \(migration 999-from-the-future/);

    const missing = await dsr(["backup", join(dir, "b2.db")], { DSR_DB: join(dir, "nothing-here.db") });
    assert.equal(missing.code, 1);
    assert.match(missing.err, /no database at .*nothing-here\.db/);
  });

  it("refuses to restore while a server has the database open, and restores once it has stopped", async () => {
    const { dir, db } = await database();
    const file = join(dir, "backup.db");
    assert.equal((await dsr(["backup", file], { DSR_DB: db })).code, 0);
    const before = hashOf(db);
    const server = fork(BIN, ["serve", "--port", "0", "--host", "127.0.0.1", "--json"], { env: { ...process.env, DSR_DB: db, DSR_DATA_DIR: dataDir }, stdio: ["ignore", "pipe", "pipe", "ipc"] });
    const exited = new Promise<void>((resolve) => server.once("exit", () => resolve()));
    try {
      await new Promise<void>((resolve, reject) => {
        server.stdout?.once("data", () => resolve());
        server.once("exit", (code) => reject(new Error(`dsr serve exited ${code}`)));
      });
      const r = await dsr(["restore", file, "--force"], { DSR_DB: db });
      assert.equal(r.code, 1);
      assert.match(r.err, /in use by another process.*stop it/);
      assert.equal(hashOf(db), before);
    } finally {
      server.kill("SIGTERM");
      await exited;
    }
    const r = await dsr(["restore", file, "--force"], { DSR_DB: db });
    assert.equal(r.code, 0, r.err);
  });
});
