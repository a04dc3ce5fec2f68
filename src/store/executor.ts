// Repositories take an executor — the store's Kysely instance or a transaction — so a service
// can run several of them in one transaction.
import { type Kysely, sql } from "kysely";
import { dialectOf } from "./dialect.js";
import type { Database } from "./schema.js";

/** The advisory lock key PostgreSQL writers take ("DSR1"). */
const WRITE_LOCK = 0x44535231;

export type Executor = Kysely<Database>;

/**
 * Runs `fn` in one transaction: every multi-row write goes through here.
 *
 * It begins IMMEDIATE, taking the write lock up front. Kysely's `begin` is DEFERRED: the lock is
 * asked for at the first write, after the transaction has read, and when another process has
 * committed in between SQLite answers SQLITE_BUSY at once (the snapshot is stale), whatever
 * busy_timeout says — seen as "database is locked" failures with several `dsr ingest` at once.
 * Waiting for the lock at BEGIN is where busy_timeout applies.
 */
export function inTransaction<T>(db: Executor, fn: (trx: Executor) => Promise<T>): Promise<T> {
  const pg = dialectOf(db) === "postgres";
  return db.connection().execute(async (conn) => {
    if (pg) {
      // One writer at a time, as SQLite has it: the services read, decide and write in one
      // transaction (is this document stored? which project does this deal join?), which under
      // PostgreSQL's row locks alone would let two workers both decide "new". Reading and
      // extracting happen outside, so workers still overlap on everything but the writes.
      await sql`begin`.execute(conn);
      await sql`select pg_advisory_xact_lock(${WRITE_LOCK})`.execute(conn);
    } else await sql`begin immediate`.execute(conn);
    try {
      const result = await fn(conn);
      await sql`commit`.execute(conn);
      return result;
    } catch (err) {
      await rollback(conn);
      throw err;
    }
  });
}

async function rollback(conn: Executor): Promise<void> {
  try {
    await sql`rollback`.execute(conn);
  } catch (err) {
    // SQLite has already rolled back after some errors (SQLITE_FULL, SQLITE_IOERR): nothing to undo.
    if (!/no transaction is active|no transaction in progress/.test((err as Error).message)) throw err;
  }
}

export const nowIso = (): string => new Date().toISOString();
