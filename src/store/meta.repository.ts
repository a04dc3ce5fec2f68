// Small key-value facts about the database itself (e.g. which bundled data it holds).
import { sql } from "kysely";
import { dialectOf } from "./dialect.js";
import type { Executor } from "./executor.js";

export async function getMeta(db: Executor, key: string): Promise<string | null> {
  const row = await db.selectFrom("meta").select("value").where("key", "=", key).executeTakeFirst();
  return row?.value ?? null;
}

export async function setMeta(db: Executor, key: string, value: string): Promise<void> {
  await db
    .insertInto("meta")
    .values({ key, value })
    .onConflict((oc) => oc.column("key").doUpdateSet({ value }))
    .execute();
}

/**
 * A stamp that changes whenever the database does: `data_version` moves when another connection
 * (another process) commits, `total_changes()` when this one writes. Microseconds to read.
 */
export async function changeStamp(db: Executor): Promise<string> {
  if (dialectOf(db) === "postgres") {
    // PostgreSQL: the write-ahead log's insert position moves with every write (of any database
    // of the server: a stamp that changes too often costs a cache miss, never a stale answer).
    const lsn = await sql<{ lsn: string }>`select pg_current_wal_insert_lsn()::text as lsn`.execute(db);
    return lsn.rows[0]?.lsn ?? "";
  }
  const version = await sql<{ data_version: number }>`pragma data_version`.execute(db);
  const changes = await sql<{ n: number }>`select total_changes() as n`.execute(db);
  return `${version.rows[0]?.data_version ?? 0}:${changes.rows[0]?.n ?? 0}`;
}

/**
 * Brings the query planner's statistics up to date where tables grew (bounded work, as SQLite
 * recommends for long-running connections): a database filled by one long import would otherwise
 * be planned with the statistics of its first, nearly empty, days.
 */
export async function refreshPlannerStatistics(db: Executor): Promise<void> {
  // PostgreSQL's autovacuum analyzes tables as they grow.
  if (dialectOf(db) === "postgres") return;
  await sql`pragma analysis_limit = 400`.execute(db);
  // 0x10000: look at every table's size, not only at tables this connection's queries flagged —
  // with the default, a table grown 30-fold during an ingest kept the statistics of 5 rows.
  await sql`pragma optimize = 0x10002`.execute(db);
}

/** The connection's page cache size, as SQLite states it (negative: KiB; positive: pages). */
export async function pageCacheSize(db: Executor): Promise<number> {
  // PostgreSQL's buffers belong to the server, not the connection: nothing to size here.
  if (dialectOf(db) === "postgres") return 0;
  const r = await sql<{ cache_size: number }>`pragma cache_size`.execute(db);
  return Number(r.rows[0]?.cache_size ?? -2000);
}

/** Sets the page cache in SQLite's terms (negative: KiB; positive: pages), e.g. a value `pageCacheSize` read. */
export async function setPageCacheSize(db: Executor, stated: number): Promise<void> {
  if (dialectOf(db) === "postgres") return;
  await sql.raw(`pragma cache_size = ${Math.trunc(stated)}`).execute(db);
}
