// Which SQL dialect a Kysely instance speaks, for the few statements that differ between SQLite
// (the embedded default) and PostgreSQL: full-text search, upserts that ignore, pragmas, types.
import { type CreateTableBuilder, type Kysely, PostgresAdapter } from "kysely";

export type SqlDialect = "sqlite" | "postgres";

export function dialectOf(db: Kysely<any>): SqlDialect {
  return db.getExecutor().adapter instanceof PostgresAdapter ? "postgres" : "sqlite";
}

/** A float column: SQLite's REAL is 8 bytes, PostgreSQL's is 4 (amounts would lose cents). */
export const floatType = (db: Kysely<any>): "real" | "double precision" => (dialectOf(db) === "postgres" ? "double precision" : "real");

/** Adds an auto-numbered integer primary key `id` to a table being created. */
export function withAutoId<TB extends string, C extends string>(db: Kysely<any>, table: CreateTableBuilder<TB, C>): CreateTableBuilder<TB, C | "id"> {
  return dialectOf(db) === "postgres"
    ? table.addColumn("id", "serial", (c) => c.primaryKey())
    : table.addColumn("id", "integer", (c) => c.primaryKey().autoIncrement());
}
