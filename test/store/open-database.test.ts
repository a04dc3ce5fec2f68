import assert from "node:assert/strict";
import { createHash } from "node:crypto";
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, it } from "node:test";
import SqliteDatabase from "better-sqlite3";
import { Kysely, Migrator, SqliteDialect, sql } from "kysely";
import { DatabaseFileError } from "../../src/domain/errors.js";
import { migrationProvider } from "../../src/store/migrations/index.js";
import { APPLICATION_ID, openStore } from "../../src/store/open-database.js";
import { tempDir } from "../helpers.js";
import { TESTS_ON_POSTGRES } from "../postgres.js";

const sha = (file: string) => createHash("sha256").update(readFileSync(file)).digest("hex");

describe("opening the database", { skip: TESTS_ON_POSTGRES && "SQLite files only (test:pg runs the other store suites on PostgreSQL)" }, () => {
  it("migrates an empty database to the latest schema", async () => {
    const store = await openStore(":memory:");
    const tables = await sql<{ name: string }>`select name from sqlite_schema where type in ('table') order by name`.execute(store.db);
    const names = tables.rows.map((r) => r.name);
    for (const t of ["documents", "organizations", "organization_aliases", "places", "projects", "project_parties", "claims", "audit_events", "meta", "projects_fts", "documents_fts"]) {
      assert.ok(names.includes(t), `table ${t} exists`);
    }
    const fk = await sql<{ foreign_keys: number }>`pragma foreign_keys`.execute(store.db);
    assert.equal(fk.rows[0]?.foreign_keys, 1);
    await store.close();
  });

  it("gives the lookup keys of existing projects their project's origin (migration 009)", async () => {
    const db = new Kysely<unknown>({ dialect: new SqliteDialect({ database: new SqliteDatabase(":memory:") }) });
    const migrator = new Migrator({ db, provider: migrationProvider });
    assert.equal((await migrator.migrateTo("008-watch")).error, undefined);
    const now = "2026-01-01T00:00:00Z";
    for (const [id, origin] of [["p-a", "aiddata"], ["p-b", "extracted"]]) {
      await sql`insert into projects (id, title, review_state, origin, summary, created_at, updated_at) values (${id}, ${id}, 'candidate', ${origin}, '{}', ${now}, ${now})`.execute(db);
      await sql`insert into project_keys (country, family_id, category, year, project_id) values ('EC', 'huawei', '', 2020, ${id})`.execute(db);
    }
    assert.equal((await migrator.migrateToLatest()).error, undefined);
    const keys = await sql<{ project_id: string; origin: string }>`select project_id, origin from project_keys order by project_id`.execute(db);
    assert.deepEqual(keys.rows, [{ project_id: "p-a", origin: "aiddata" }, { project_id: "p-b", origin: "extracted" }]);
    await db.destroy();
  });

  it("creates a file in WAL mode marked as the observatory's, and reopens it without migrating twice", async () => {
    const file = join(tempDir(), "a.db");
    await (await openStore(file)).close();
    const store = await openStore(file);
    const mode = await sql<{ journal_mode: string }>`pragma journal_mode`.execute(store.db);
    assert.equal(mode.rows[0]?.journal_mode, "wal");
    const migrations = await sql<{ n: number }>`select count(*) as n from kysely_migration`.execute(store.db);
    assert.equal(migrations.rows[0]?.n, Object.keys(await migrationProvider.getMigrations()).length);
    await store.close();
    const raw = new SqliteDatabase(file, { readonly: true });
    assert.equal(raw.pragma("application_id", { simple: true }), APPLICATION_ID);
    raw.close();
  });

  it("refuses a file that is not SQLite, names it, and leaves it untouched", async () => {
    const file = join(tempDir(), "notes.db");
    writeFileSync(file, "these are my notes, not a database\n".repeat(50));
    const before = sha(file);
    await assert.rejects(openStore(file), (err: unknown) => {
      assert.ok(err instanceof DatabaseFileError);
      assert.match(err.message, /notes\.db is not an SQLite database/);
      return true;
    });
    assert.equal(sha(file), before);
  });

  it("refuses another application's SQLite database and leaves it untouched", async () => {
    const file = join(tempDir(), "other.db");
    const other = new SqliteDatabase(file);
    other.exec("create table invoices (id integer primary key, total real); insert into invoices values (1, 9.5)");
    other.close();
    const before = sha(file);
    await assert.rejects(openStore(file), /other\.db is an SQLite database of another application/);
    assert.equal(sha(file), before);
  });

  it("refuses a corrupt database with a clear error and does not overwrite it", async () => {
    const file = join(tempDir(), "corrupt.db");
    await (await openStore(file)).close();
    const bytes = readFileSync(file);
    // Keep the header so it still looks like SQLite, then garble the rest of the first page and beyond.
    for (let i = 100; i < bytes.length; i++) bytes[i] = (i * 7919) & 0xff;
    writeFileSync(file, bytes);
    const before = sha(file);
    await assert.rejects(openStore(file), (err: unknown) => {
      assert.ok(err instanceof DatabaseFileError, String(err));
      assert.match(err.message, /corrupt\.db/);
      return true;
    });
    assert.equal(sha(file), before);
  });

  it("refuses a database whose migrations are newer than this program", async () => {
    const file = join(tempDir(), "future.db");
    await (await openStore(file)).close();
    const raw = new SqliteDatabase(file);
    raw.prepare("insert into kysely_migration (name, timestamp) values (?, ?)").run("999-from-the-future", new Date().toISOString());
    raw.close();
    await assert.rejects(openStore(file), /future\.db: .*migrations/);
  });
});
