// Copies every row of an observatory SQLite database into an empty PostgreSQL one (`dsr
// migrate-db`): tables in foreign-key order, rows in batches, auto-numbered ids kept and their
// sequences moved past them, all in one transaction so a failed copy leaves the target empty.
// Both stores are at the latest schema before the copy starts.
import { type Kysely, sql } from "kysely";
import { DatabaseFileError } from "../domain/errors.js";
import { inTransaction } from "./executor.js";
import type { Store } from "./open-database.js";

/** SQLite's own tables, Kysely's migration bookkeeping and the full-text index's internals. */
// project_changes: the target's own triggers log the copied projects.
const SKIPPED = /^(sqlite_|kysely_)|^documents_fts|^projects_fts_|^project_changes$/;
/** PostgreSQL allows 65,535 parameters a statement. */
const MAX_PARAMETERS = 60_000;

export interface CopyProgress {
  table: string;
  copied: number;
  total: number;
}

type AnyDb = Kysely<any>;

async function sqliteTables(db: AnyDb): Promise<{ name: string; parents: string[] }[]> {
  const names = (await sql<{ name: string }>`select name from sqlite_schema where type = 'table' order by name`.execute(db)).rows
    .map((r) => r.name)
    .filter((n) => !SKIPPED.test(n));
  const out: { name: string; parents: string[] }[] = [];
  for (const name of names) {
    const fks = await sql<{ table: string }>`select "table" from pragma_foreign_key_list(${name})`.execute(db);
    out.push({ name, parents: [...new Set(fks.rows.map((r) => r.table))].filter((t) => t !== name) });
  }
  return out;
}

/** Tables ordered so each comes after the tables its foreign keys point to. */
export function foreignKeyOrder(tables: readonly { name: string; parents: readonly string[] }[]): string[] {
  const order: string[] = [];
  const done = new Set<string>();
  const known = new Set(tables.map((t) => t.name));
  let left = [...tables];
  while (left.length) {
    const ready = left.filter((t) => t.parents.every((p) => done.has(p) || !known.has(p)));
    if (!ready.length) throw new DatabaseFileError(`the tables ${left.map((t) => t.name).join(", ")} refer to each other in a cycle; they cannot be copied in order`);
    for (const t of ready) {
      order.push(t.name);
      done.add(t.name);
    }
    left = left.filter((t) => !done.has(t.name));
  }
  return order;
}

/** Rows of a table that refers to itself (organizations' parents), parents before children. */
function parentsFirst(rows: Record<string, unknown>[], column: string): Record<string, unknown>[] {
  const ids = new Set(rows.map((r) => r.id));
  const placed = new Set<unknown>();
  const out: Record<string, unknown>[] = [];
  let left = rows;
  while (left.length) {
    const ready = left.filter((r) => r[column] === null || placed.has(r[column]) || !ids.has(r[column]));
    // A cycle (which the schema does not forbid): the rest go in as they are, and the database says no.
    const batch = ready.length ? ready : left;
    for (const r of batch) {
      out.push(r);
      placed.add(r.id);
    }
    left = left.filter((r) => !placed.has(r.id));
  }
  return out;
}

async function targetColumns(db: AnyDb, table: string): Promise<Set<string>> {
  const rows = await sql<{ column_name: string }>`
    select column_name from information_schema.columns
    where table_schema = current_schema() and table_name = ${table} and is_generated = 'NEVER'`.execute(db);
  return new Set(rows.rows.map((r) => r.column_name));
}

async function count(db: AnyDb, table: string): Promise<number> {
  const r = await sql<{ n: number }>`select count(*) as n from ${sql.table(table)}`.execute(db);
  return Number(r.rows[0]?.n ?? 0);
}

/**
 * Copies `from` (SQLite) into `to` (PostgreSQL, empty). Returns the rows copied per table.
 * @example const copied = await copyDatabase(sqliteStore, postgresStore, (p) => console.error(p.table, p.copied));
 */
export async function copyDatabase(from: Store, to: Store, onProgress?: (p: CopyProgress) => void): Promise<Record<string, number>> {
  if (from.dialect !== "sqlite" || to.dialect !== "postgres") throw new DatabaseFileError("migrate-db copies an SQLite database into a PostgreSQL one");
  const src = from.db as AnyDb;
  const tables = await sqliteTables(src);
  const order = foreignKeyOrder(tables);
  for (const table of ["projects", "documents", "organizations"]) {
    const n = await count(to.db as AnyDb, table);
    if (n > 0) throw new DatabaseFileError(`${to.file} already holds ${n.toLocaleString("en")} ${table}; migrate-db copies into an empty database (make a new one, or drop its schema)`);
  }
  const copied: Record<string, number> = {};
  await inTransaction(to.db, async (trx) => {
    const dst = trx as AnyDb;
    for (const table of order) {
      const wanted = await targetColumns(dst, table);
      if (!wanted.size) throw new DatabaseFileError(`${to.file} has no table ${table}; is it at this version's schema?`);
      const sourceColumns = (await sql<{ name: string }>`select name from pragma_table_info(${table})`.execute(src)).rows.map((r) => r.name);
      const columns = sourceColumns.filter((c) => wanted.has(c));
      const total = await count(src, table);
      const perBatch = Math.max(1, Math.floor(MAX_PARAMETERS / Math.max(1, columns.length)));
      let done = 0;
      // Read in pages by rowid: a million-row table never sits in memory whole.
      const selfReferencing = table === "organizations";
      let rows: Record<string, unknown>[] = [];
      let after = -Infinity;
      for (;;) {
        const page = await sql<Record<string, unknown>>`
          select rowid as "__rowid", ${sql.join(columns.map((c) => sql.ref(c)))} from ${sql.table(table)}
          where rowid > ${Number.isFinite(after) ? after : -1} order by rowid limit ${selfReferencing ? 1_000_000_000 : perBatch}`.execute(src);
        if (!page.rows.length) break;
        after = Number(page.rows.at(-1)?.__rowid);
        rows = page.rows.map(({ __rowid: _rowid, ...rest }) => rest);
        if (selfReferencing) rows = parentsFirst(rows, "parent_id");
        for (let i = 0; i < rows.length; i += perBatch) {
          await dst.insertInto(table).values(rows.slice(i, i + perBatch)).execute();
        }
        done += rows.length;
        onProgress?.({ table, copied: done, total });
        if (selfReferencing) break;
      }
      copied[table] = done;
      // Auto-numbered ids were copied as they were: the next one must come after them.
      if (wanted.has("id") && (await sql<{ s: string | null }>`select pg_get_serial_sequence(${table}, 'id') as s`.execute(dst)).rows[0]?.s) {
        await sql`select setval(pg_get_serial_sequence(${table}, 'id'), coalesce((select max(id) from ${sql.table(table)}), 0) + 1, false)`.execute(dst);
      }
      const landed = await count(dst, table);
      if (landed !== total) throw new DatabaseFileError(`${table}: ${total} rows in ${from.file}, ${landed} in ${to.file} after copying; nothing was kept`);
    }
  });
  return copied;
}
