// Backups of the SQLite file: a consistent copy taken with SQLite's online backup API while other
// processes go on writing, the facts a backup file holds (owner, schema, integrity, row counts),
// and the atomic swap that puts a backup in the database's place. The rules (what may be restored
// over what) live in services/backup.service.ts; a PostgreSQL store implements the same
// BackupStore with pg_dump / pg_restore.
import { closeSync, existsSync, fsyncSync, openSync, readSync, renameSync, rmSync, statSync } from "node:fs";
import { dirname, resolve } from "node:path";
import SqliteDatabase from "better-sqlite3";
import { DatabaseFileError } from "../domain/errors.js";
import { APPLICATION_ID, openStore } from "./open-database.js";

/** What a database or a backup file holds, read without changing it. */
export interface DatabaseFacts {
  file: string;
  /** False when the file does not start with the SQLite header. */
  sqlite: boolean;
  /** PRAGMA application_id: APPLICATION_ID for the observatory's files. */
  applicationId: number;
  /** Migrations applied, by name, in order. */
  migrations: string[];
  /** PRAGMA integrity_check's answer: ["ok"] or its first problems. */
  integrity: string[];
  /** Rows that break a foreign key (PRAGMA foreign_key_check). */
  foreignKeyProblems: number;
  /** Row count of every table (FTS shadow tables left out). */
  tables: Record<string, number>;
  pages: number;
  pageSize: number;
  bytes: number;
}

/** The operations `dsr backup` and `dsr restore` need from a database backend. */
export interface BackupStore {
  /** Where the live database is, for messages. */
  readonly location: string;
  /** Whether there is a live database to back up or to replace. */
  exists(): boolean;
  /**
   * Writes a copy of the live database, consistent as of one moment, to `dest` while other
   * connections keep writing; nothing appears at `dest` until the copy is complete and on disk.
   */
  copyTo(dest: string): Promise<{ pages: number }>;
  /** Reads what a database file holds (`file` defaults to the live database). */
  describe(file?: string): DatabaseFacts;
  /**
   * Puts a copy of `file` in place of the live database, its schema brought up to date first.
   * Throws DatabaseFileError when another process has the live database open.
   * Returns the migrations the copy needed.
   */
  install(file: string): Promise<{ migrated: string[] }>;
}

const SQLITE_HEADER = "SQLite format 3\u0000";
/** One step copies every page: a single read transaction, so the copy is one snapshot and a busy
 * writer cannot make the backup restart forever (it restarts when the source changes between steps). */
const ALL_PAGES = 0x7fffffff;
/** How long restore waits for a short-lived reader to let go before calling the database in use. */
const LOCK_WAIT_MS = 1000;
const MAX_INTEGRITY_LINES = 20;

function hasSqliteHeader(file: string): boolean {
  const fd = openSync(file, "r");
  try {
    const buf = Buffer.alloc(16);
    return readSync(fd, buf, 0, 16, 0) === 16 && buf.toString("latin1") === SQLITE_HEADER;
  } finally {
    closeSync(fd);
  }
}

/** Flushes a file, or a folder's entries (a rename), to the disk. */
function fsyncPath(path: string): void {
  const fd = openSync(path, "r");
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

/** Removes a database file with its WAL and shared-memory files. */
function removeDatabaseFiles(file: string): void {
  for (const suffix of ["", "-wal", "-shm", "-journal"]) rmSync(file + suffix, { force: true });
}

function sqliteError(file: string, err: unknown, doing: string): DatabaseFileError {
  return new DatabaseFileError(`${file}: ${doing} failed: ${(err as Error).message}`, { cause: err });
}

/** `own`: a file of ours, opened read-write so that closing it folds away the WAL a read leaves. */
function readFacts(file: string, own: boolean): DatabaseFacts {
  const bytes = statSync(file).size;
  const empty: DatabaseFacts = { file, sqlite: false, applicationId: 0, migrations: [], integrity: [], foreignKeyProblems: 0, tables: {}, pages: 0, pageSize: 0, bytes };
  if (bytes === 0 || !hasSqliteHeader(file)) return empty;
  const conn = new SqliteDatabase(file, { readonly: !own, fileMustExist: true });
  try {
    const applicationId = conn.pragma("application_id", { simple: true }) as number;
    const names = (conn.pragma("table_list") as { schema: string; name: string; type: string }[])
      .filter((t) => t.schema === "main" && (t.type === "table" || t.type === "virtual") && !t.name.startsWith("sqlite_"))
      .map((t) => t.name)
      .sort();
    const tables: Record<string, number> = {};
    for (const name of names) tables[name] = (conn.prepare(`select count(*) as n from "${name.replaceAll('"', '""')}"`).get() as { n: number }).n;
    const migrations = names.includes("kysely_migration")
      ? (conn.prepare("select name from kysely_migration order by name").all() as { name: string }[]).map((r) => r.name)
      : [];
    const integrity = (conn.pragma(`integrity_check(${MAX_INTEGRITY_LINES})`) as { integrity_check: string }[]).map((r) => r.integrity_check);
    const foreignKeyProblems = (conn.pragma("foreign_key_check") as unknown[]).length;
    return {
      ...empty,
      sqlite: true,
      applicationId,
      migrations,
      integrity,
      foreignKeyProblems,
      tables,
      pages: conn.pragma("page_count", { simple: true }) as number,
      pageSize: conn.pragma("page_size", { simple: true }) as number,
    };
  } catch (err) {
    // A damaged file whose header looks right: report it as failing the integrity check.
    const code = (err as { code?: string }).code ?? "";
    if (code.startsWith("SQLITE_CORRUPT") || code === "SQLITE_NOTADB") return { ...empty, sqlite: true, integrity: [(err as Error).message] };
    throw sqliteError(file, err, "reading");
  } finally {
    conn.close();
  }
}

/**
 * Holds the live file exclusively so no other process is using it: leaves WAL mode (which folds
 * the WAL into the file and needs every other connection gone), then takes an exclusive lock.
 */
function lockExclusively(file: string): SqliteDatabase.Database {
  const conn = new SqliteDatabase(file, { fileMustExist: true });
  try {
    conn.pragma(`busy_timeout = ${LOCK_WAIT_MS}`);
    conn.pragma("journal_mode = DELETE");
    conn.pragma("locking_mode = EXCLUSIVE");
    conn.exec("begin exclusive");
    return conn;
  } catch (err) {
    conn.close();
    if ((err as { code?: string }).code?.startsWith("SQLITE_BUSY")) {
      throw new DatabaseFileError(`${file} is in use by another process (a running dsr serve, ingest or import?); stop it, then restore again — nothing was changed`, { cause: err });
    }
    throw sqliteError(file, err, "locking");
  }
}

/**
 * The BackupStore of an SQLite file.
 * @example await sqliteBackupStore("observatory.db").copyTo("backup.db") // { pages: 5120 }
 */
export function sqliteBackupStore(database: string): BackupStore {
  const location = resolve(database);
  return {
    location,
    exists: () => existsSync(location) && statSync(location).size > 0,

    async copyTo(dest) {
      const target = resolve(dest);
      const partial = `${target}.partial-${process.pid}`;
      removeDatabaseFiles(partial);
      let source: SqliteDatabase.Database;
      try {
        source = new SqliteDatabase(location, { fileMustExist: true });
        source.pragma(`busy_timeout = 5000`);
      } catch (err) {
        throw sqliteError(location, err, "opening");
      }
      try {
        if ((source.pragma("application_id", { simple: true }) as number) !== APPLICATION_ID) {
          throw new DatabaseFileError(`${location} is not an observatory database (its application_id is not DSR1); nothing to back up`);
        }
        const done = await source.backup(partial, { progress: () => ALL_PAGES });
        // The copy keeps the source's WAL mode in its header; a backup is better one self-contained file.
        const copy = new SqliteDatabase(partial, { fileMustExist: true });
        try {
          copy.pragma("journal_mode = DELETE");
        } finally {
          copy.close();
        }
        fsyncPath(partial);
        renameSync(partial, target);
        fsyncPath(dirname(target));
        return { pages: done.totalPages };
      } catch (err) {
        removeDatabaseFiles(partial);
        if (err instanceof DatabaseFileError) throw err;
        throw sqliteError(location, err, `backing up to ${target}`);
      } finally {
        source.close();
      }
    },

    describe(file) {
      try {
        return readFacts(file ?? location, file === undefined);
      } catch (err) {
        if (err instanceof DatabaseFileError) throw err;
        throw sqliteError(file ?? location, err, "reading");
      }
    },

    async install(file) {
      // The copy is made and migrated beside the database, so the final rename stays on one file system.
      const staged = `${location}.restore-${process.pid}`;
      removeDatabaseFiles(staged);
      let lock: SqliteDatabase.Database | null = null;
      try {
        const before = readFacts(resolve(file), false).migrations;
        const copy = new SqliteDatabase(resolve(file), { readonly: true, fileMustExist: true });
        try {
          await copy.backup(staged, { progress: () => ALL_PAGES });
        } finally {
          copy.close();
        }
        const store = await openStore(staged);
        await store.close();
        const after = readFacts(staged, true).migrations;
        fsyncPath(staged);
        // Nothing may hold the database while it is swapped, and no old WAL may survive the swap:
        // SQLite would replay it into the restored file.
        if (existsSync(location)) lock = lockExclusively(location);
        for (const suffix of ["-wal", "-shm", "-journal"]) rmSync(location + suffix, { force: true });
        renameSync(staged, location);
        fsyncPath(dirname(location));
        return { migrated: after.filter((m) => !before.includes(m)) };
      } catch (err) {
        removeDatabaseFiles(staged);
        if (err instanceof DatabaseFileError) throw err;
        throw sqliteError(location, err, `restoring from ${file}`);
      } finally {
        if (lock) {
          lock.exec("rollback");
          lock.close();
        }
      }
    },
  };
}
