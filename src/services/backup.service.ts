// Backup and restore: the rules around the store's BackupStore. A backup is checked after it is
// written; a restore accepts only an intact observatory database whose schema this version knows,
// and replaces a database that holds data only when asked to (--force).
import { createHash } from "node:crypto";
import { createReadStream, existsSync } from "node:fs";
import { resolve } from "node:path";
import { DatabaseFileError, UsageError } from "../domain/errors.js";
import type { BackupStore, DatabaseFacts } from "../store/backup.js";
import { APPLICATION_ID } from "../store/open-database.js";
import { migrationProvider } from "../store/migrations/index.js";

export interface BackupSummary {
  database: string;
  file: string;
  pages: number;
  bytes: number;
  /** The latest migration the backup holds: the schema version. */
  schema: string;
  tables: Record<string, number>;
  /** sha256 of the backup file, to check copies of it. */
  sha256: string;
}

export interface RestoreSummary {
  database: string;
  file: string;
  /** Whether a database was there and has been replaced. */
  replaced: boolean;
  /** Migrations applied to the restored copy (a backup from an older version). */
  migrated: string[];
  pages: number;
  bytes: number;
  schema: string;
  tables: Record<string, number>;
}

async function sha256Of(file: string): Promise<string> {
  const hash = createHash("sha256");
  for await (const chunk of createReadStream(file)) hash.update(chunk as Buffer);
  return hash.digest("hex");
}

const knownMigrations = async (): Promise<string[]> => Object.keys(await migrationProvider.getMigrations()).sort();

/** Why `facts` is no intact observatory database, or null when it is one. */
function problemOf(facts: DatabaseFacts): string | null {
  if (!facts.sqlite) return "is not an SQLite database";
  if (facts.integrity.length !== 1 || facts.integrity[0] !== "ok") return `fails the integrity check (${facts.integrity.slice(0, 3).join("; ")})`;
  if (facts.applicationId !== APPLICATION_ID || !facts.migrations.length) return `is not an observatory database (application_id ${facts.applicationId}, ${facts.migrations.length} migrations)`;
  if (facts.foreignKeyProblems) return `has ${facts.foreignKeyProblems} rows whose foreign keys point nowhere`;
  return null;
}

/** Refuses a schema made by a newer dsr: this version could neither open it nor migrate it. */
function refuseNewerSchema(facts: DatabaseFacts, known: readonly string[], what: string): void {
  const unknown = facts.migrations.filter((m) => !known.includes(m));
  if (unknown.length) {
    throw new DatabaseFileError(
      `${what} ${facts.file} has a newer schema than this dsr knows (migration ${unknown.join(", ")}; this version knows up to ${known.at(-1) ?? "none"}); use a newer dsr — nothing was changed`,
    );
  }
}

/**
 * Writes a consistent copy of the database to `file` while other processes keep writing, then
 * checks it (integrity, owner) and counts its rows.
 * @example await backupDatabase(sqliteBackupStore("observatory.db"), "2026-11-26.db") // { pages: 5120, tables: { projects: 812, … }, … }
 */
export async function backupDatabase(store: BackupStore, file: string, options: { force?: boolean } = {}): Promise<BackupSummary> {
  const dest = resolve(file);
  if (dest === store.location) throw new UsageError(`the backup file ${file} is the database itself; name another file`);
  if (!store.exists()) throw new DatabaseFileError(`there is no database at ${store.location} to back up (set DSR_DB to the database file)`);
  if (existsSync(dest) && !options.force) throw new UsageError(`${file} already exists; name a new file, or add --force to overwrite it`);
  const { pages } = await store.copyTo(dest);
  const facts = store.describe(dest);
  const problem = problemOf(facts);
  if (problem) throw new DatabaseFileError(`the backup written to ${dest} ${problem}; the database may be damaged — run PRAGMA integrity_check on ${store.location}`);
  return { database: store.location, file: dest, pages, bytes: facts.bytes, schema: facts.migrations.at(-1) ?? "", tables: facts.tables, sha256: await sha256Of(dest) };
}

/**
 * Replaces the database with the backup in `file`, after checking that the backup is an intact
 * observatory database of a schema this version knows. A database that holds projects or
 * documents is replaced only with `force`; one in use by another process never is.
 * @example await restoreDatabase(sqliteBackupStore("observatory.db"), "2026-11-26.db", { force: true })
 */
export async function restoreDatabase(store: BackupStore, file: string, options: { force?: boolean } = {}): Promise<RestoreSummary> {
  const source = resolve(file);
  if (source === store.location) throw new UsageError(`${file} is the database itself; name a backup file`);
  if (!existsSync(source)) throw new UsageError(`${file}: no such file`);
  const known = await knownMigrations();
  const facts = store.describe(source);
  const problem = problemOf(facts);
  if (problem) throw new DatabaseFileError(`${file} ${problem}; it cannot be restored — nothing was changed`);
  refuseNewerSchema(facts, known, "the backup");
  const replaced = store.exists();
  if (replaced) {
    const live = store.describe();
    if (!live.sqlite || (live.applicationId !== APPLICATION_ID && Object.keys(live.tables).length > 0)) {
      throw new DatabaseFileError(`${store.location} is not an observatory database; it was left untouched — set DSR_DB to the database to restore`);
    }
    refuseNewerSchema(live, known, "the database");
    const held = (live.tables.projects ?? 0) + (live.tables.documents ?? 0);
    if (held > 0 && !options.force) {
      throw new UsageError(
        `${store.location} holds ${live.tables.projects ?? 0} projects and ${live.tables.documents ?? 0} documents; add --force to replace it with ${file} (back it up first: dsr backup FILE)`,
      );
    }
  }
  const { migrated } = await store.install(source);
  const after = store.describe();
  return { database: store.location, file: source, replaced, migrated, pages: after.pages, bytes: after.bytes, schema: after.migrations.at(-1) ?? "", tables: after.tables };
}
