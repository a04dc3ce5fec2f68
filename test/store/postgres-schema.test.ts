// postgres: the same migrations make the same tables and columns on PostgreSQL as on SQLite, and
// full-text search folds words the way SQLite's does (case and accents).
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { sql } from "kysely";
import { openStore } from "../../src/store/open-database.js";
import { openPostgresStore } from "../../src/store/open-postgres.js";
import { postgresSchema, skipPostgres } from "../postgres.js";

/** Every table's columns, without SQLite's full-text shadow tables or PostgreSQL's search columns. */
type Shape = Record<string, string[]>;

describe("postgres: schema", { skip: skipPostgres }, () => {
  it("postgres: migrations make SQLite's tables and columns, and run again as a no-op", async (t) => {
    const { url, drop } = await postgresSchema("schema");
    t.after(drop);
    const pgStore = await openPostgresStore(url);
    const lite = await openStore(":memory:");
    try {
      assert.equal(pgStore.dialect, "postgres");
      const pgRows = await sql<{ table_name: string; column_name: string }>`
        select table_name, column_name from information_schema.columns
        where table_schema = current_schema() and table_name not like 'kysely_%' and column_name not in ('tsv', 'rid')
        order by table_name, ordinal_position`.execute(pgStore.db);
      // tsv and rid stand in for what SQLite keeps hidden: the FTS index and the search row's rowid.
      const pgShape: Shape = {};
      for (const r of pgRows.rows) (pgShape[r.table_name] ??= []).push(r.column_name);
      const tables = await sql<{ name: string }>`
        select name from sqlite_schema where type = 'table' and name not like 'sqlite_%' and name not like 'kysely_%'
        and name not like '%_fts_%' and name <> 'documents_fts' order by name`.execute(lite.db);
      const liteShape: Shape = {};
      for (const t of tables.rows) {
        const cols = await sql<{ name: string }>`select name from pragma_table_info(${t.name}) order by cid`.execute(lite.db);
        liteShape[t.name] = cols.rows.map((c) => c.name);
      }
      assert.deepEqual(pgShape, liteShape);
    } finally {
      await lite.close();
      await pgStore.close();
    }
    // A second open finds nothing to migrate.
    const again = await openPostgresStore(url);
    await again.close();
  });

  it("postgres: search finds words whatever their accents and case, as SQLite's unicode61 does", async (t) => {
    const { url, drop } = await postgresSchema("search");
    t.after(drop);
    const store = await openPostgresStore(url);
    try {
      await store.db.insertInto("projects_fts").values([
        { project_id: "p-1", title: "Cámaras de videovigilancia en QUITO", body: "Huawei instaló 4.300 cámaras" },
        { project_id: "p-2", title: "Fibra óptica", body: "ZTE y Jujuy" },
      ]).execute();
      const find = async (word: string) =>
        (await sql<{ project_id: string }>`select project_id from projects_fts where tsv @@ to_tsquery('simple', dsr_fold(${word})) order by project_id`.execute(store.db)).rows.map((r) => r.project_id);
      assert.deepEqual(await find("camaras"), ["p-1"]);
      assert.deepEqual(await find("Quito"), ["p-1"]);
      assert.deepEqual(await find("OPTICA"), ["p-2"]);
      assert.deepEqual(await find("jujuy"), ["p-2"]);
    } finally {
      await store.close();
    }
  });
});
