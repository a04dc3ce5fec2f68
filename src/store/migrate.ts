// Brings a store's schema up to date, whichever database it is; a failure names the migration.
import { Migrator, sql } from "kysely";
import { DatabaseFileError } from "../domain/errors.js";
import { migrationProvider } from "./migrations/index.js";
import type { Store } from "./open-database.js";

export async function migrateStore(store: Store): Promise<void> {
  // On PostgreSQL the migration tables are looked for in the connection's own schema: Kysely would
  // otherwise take another schema's tables of the same name as ours and skip making them.
  const schema = store.dialect === "postgres" ? (await sql<{ s: string }>`select current_schema() as s`.execute(store.db)).rows[0]?.s : undefined;
  const migrator = new Migrator({ db: store.db, provider: migrationProvider, ...(schema ? { migrationTableSchema: schema } : {}) });
  const { error, results } = await migrator.migrateToLatest();
  if (error) {
    const failed = results?.find((r) => r.status === "Error")?.migrationName;
    const what = failed ? `migration ${failed} failed` : "its migrations do not match this version of dsr";
    throw new DatabaseFileError(`${store.file}: ${what}: ${(error as Error).message}`, { cause: error });
  }
}

/** The store with its schema up to date; closed (and the error passed on) when a migration fails. */
export async function migratedStore(store: Store): Promise<Store> {
  try {
    await migrateStore(store);
  } catch (err) {
    await store.close();
    throw err;
  }
  return store;
}
