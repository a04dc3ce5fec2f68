// Kysely's SQLite driver prepares every query anew; preparing costs as much as running the small
// queries ingestion makes by the thousand. This wraps the connection so the same SQL text reuses
// its prepared statement (better-sqlite3 statements are reusable; SQLite re-prepares them itself
// after a schema change). Bounded, least recently used first out.
import type SqliteDatabase from "better-sqlite3";
import type { SqliteDatabase as KyselySqliteDatabase } from "kysely";

const DEFAULT_SIZE = 500;

export function withStatementCache(conn: SqliteDatabase.Database, size = DEFAULT_SIZE): KyselySqliteDatabase {
  const cache = new Map<string, SqliteDatabase.Statement>();
  return {
    close: () => conn.close(),
    prepare: (sql: string) => {
      let stmt = cache.get(sql);
      if (stmt) {
        // Re-inserting moves it to the young end of the Map's order.
        cache.delete(sql);
      } else {
        stmt = conn.prepare(sql);
        if (cache.size >= size) cache.delete(cache.keys().next().value as string);
      }
      cache.set(sql, stmt);
      return stmt as unknown as ReturnType<KyselySqliteDatabase["prepare"]>;
    },
  };
}
