// Opens the observatory's PostgreSQL database (DATABASE_URL=postgres://…): a pool of connections
// through Kysely's Postgres dialect, and the same migrations as the SQLite file.
import { Kysely, PostgresDialect, sql } from "kysely";
import pg from "pg";
import { DatabaseFileError } from "../domain/errors.js";
import { migratedStore } from "./migrate.js";
import type { Store } from "./open-database.js";
import { redactedUrl } from "./database-url.js";
import type { Database } from "./schema.js";
import { PRUNE_PROJECT_CHANGES } from "./project-changes.js";

// Counts and sums come back as int8/numeric, which pg gives as strings to keep every digit; the
// observatory's counts fit a double, and the repositories expect numbers.
const INT8 = 20;
const NUMERIC = 1700;
const types = {
  getTypeParser: ((oid: number, format?: "text" | "binary") =>
    oid === INT8 || oid === NUMERIC ? (v: string) => Number(v) : pg.types.getTypeParser(oid, format as "text")) as typeof pg.types.getTypeParser,
};

/**
 * Opens a PostgreSQL store and runs pending migrations. The schema is the connection's first
 * search_path entry (`?options=-c%20search_path%3Dname` picks another), so tests can each own one.
 * @example const store = await openPostgresStore("postgres://dsr@127.0.0.1:5432/observatory");
 */
export async function openPostgresStore(url: string, options: { max?: number } = {}): Promise<Store> {
  const name = redactedUrl(url);
  const pool = new pg.Pool({ connectionString: url, max: options.max ?? 10, types, connectionTimeoutMillis: 10_000 });
  // An idle connection the server dropped must not take the process down.
  pool.on("error", () => {});
  try {
    const client = await pool.connect();
    client.release();
  } catch (err) {
    await pool.end();
    throw new DatabaseFileError(`${name} cannot be reached: ${(err as Error).message}`, { cause: err });
  }
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
  const close = async () => {
    // As SQLite's close does: the change log keeps its recent end only. Failure here loses nothing.
    await sql.raw(PRUNE_PROJECT_CHANGES).execute(db).catch(() => {});
    await db.destroy();
  };
  return migratedStore({ db, file: name, dialect: "postgres", close });
}
