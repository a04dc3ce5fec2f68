// Opens (creating if absent) the observatory's SQLite file, refuses a file that is not ours, sets
// the pragmas every connection needs and brings the schema up to date.
import { closeSync, existsSync, openSync, readSync, statSync } from "node:fs";
import SqliteDatabase from "better-sqlite3";
import { Kysely, SqliteDialect } from "kysely";
import { DatabaseFileError } from "../domain/errors.js";
import type { SqlDialect } from "./dialect.js";
import { migratedStore } from "./migrate.js";
import { withStatementCache } from "./statement-cache.js";
import type { Database } from "./schema.js";
import { PRUNE_PROJECT_CHANGES } from "./project-changes.js";

/** "DSR1" in PRAGMA application_id marks a file as the observatory's. */
export const APPLICATION_ID = 0x44535231;
const SQLITE_HEADER = "SQLite format 3\u0000";

export interface Store {
  db: Kysely<Database>;
  /** The file path, ":memory:", or the PostgreSQL URL with its password hidden. */
  file: string;
  dialect: SqlDialect;
  close(): Promise<void>;
}

function checkHeader(file: string): void {
  if (file === ":memory:" || !existsSync(file)) return;
  const st = statSync(file);
  if (!st.isFile()) throw new DatabaseFileError(`${file} is not a file; set DSR_DB to a database file path`);
  if (st.size === 0) return; // an empty file is a database not yet written
  const fd = openSync(file, "r");
  try {
    const buf = Buffer.alloc(16);
    const n = readSync(fd, buf, 0, 16, 0);
    if (n < 16 || buf.toString("latin1") !== SQLITE_HEADER) {
      throw new DatabaseFileError(
        `${file} is not an SQLite database (its first bytes are not the SQLite header); it was left untouched — move it away or set DSR_DB to another path`,
      );
    }
  } finally {
    closeSync(fd);
  }
}

function describeSqliteError(file: string, err: unknown): DatabaseFileError {
  const code = (err as { code?: string }).code ?? "";
  const reason = code === "SQLITE_CORRUPT" || code === "SQLITE_NOTADB" ? "is corrupt" : "cannot be opened";
  return new DatabaseFileError(`${file} ${reason}: ${(err as Error).message}; it was left untouched`, { cause: err });
}

/** Checks ownership and sets the file up; throws DatabaseFileError for a file that is not ours. */
function prepareConnection(file: string, conn: SqliteDatabase.Database): void {
  let appId: number;
  let tables: number;
  try {
    appId = conn.pragma("application_id", { simple: true }) as number;
    tables = (conn.prepare("select count(*) as n from sqlite_schema").get() as { n: number }).n;
  } catch (err) {
    throw describeSqliteError(file, err);
  }
  if (appId !== APPLICATION_ID && tables > 0) {
    throw new DatabaseFileError(
      `${file} is an SQLite database of another application (application_id ${appId}, ${tables} schema objects); it was left untouched — set DSR_DB to another path`,
    );
  }
  try {
    if (file !== ":memory:") conn.pragma("journal_mode = WAL");
    conn.pragma("foreign_keys = ON");
    conn.pragma("busy_timeout = 5000");
    conn.pragma("synchronous = NORMAL");
    // A bigger page cache (64 MB, default 2 MB) keeps the indexes ingestion touches in memory.
    conn.pragma("cache_size = -65536");
    // Checkpoint the WAL every 64 MB rather than every 4 MB: pages rewritten by many small
    // transactions (one per ingested document) are copied back once, not every few documents.
    // The WAL file is cut back to that size after a checkpoint.
    conn.pragma("wal_autocheckpoint = 16384");
    conn.pragma("journal_size_limit = 67108864");
    // Temporary b-trees (IN lists, DISTINCT, GROUP BY) in memory, not in files: measured here, a
    // small insert with an IN list cost 43 µs with a temporary file and 25 µs without. Big sorts
    // the API makes are bounded by LIMIT (a top-N sorter), so the memory stays small.
    conn.pragma("temp_store = MEMORY");
    if (appId !== APPLICATION_ID) conn.pragma(`application_id = ${APPLICATION_ID}`);
  } catch (err) {
    throw describeSqliteError(file, err);
  }
}

/**
 * Opens the store and runs pending migrations.
 * @example const store = await openStore(":memory:"); await store.close();
 */
export async function openStore(file: string, options: { readonly?: boolean } = {}): Promise<Store> {
  checkHeader(file);
  let conn: SqliteDatabase.Database;
  try {
    conn = new SqliteDatabase(file, { readonly: options.readonly ?? false });
  } catch (err) {
    throw describeSqliteError(file, err);
  }
  try {
    prepareConnection(file, conn);
  } catch (err) {
    conn.close();
    throw err;
  }
  const db = new Kysely<Database>({ dialect: new SqliteDialect({ database: withStatementCache(conn) }) });
  const close = async () => {
    if (!options.readonly) {
      // What SQLite recommends before closing: refresh the planner's statistics where they are
      // stale, bounded so a large database closes quickly. Failure here loses nothing.
      try {
        conn.prepare(PRUNE_PROJECT_CHANGES).run();
        conn.pragma("analysis_limit = 400");
        conn.pragma("optimize");
      } catch {
        /* a locked or read-only file: the statistics wait for the next close */
      }
    }
    await db.destroy();
  };
  const store: Store = { db, file, dialect: "sqlite", close };
  return options.readonly ? store : migratedStore(store);
}
