// The "postgres" suites run against the server DATABASE_URL names (`.ci/run` starts one on
// 127.0.0.1 with scripts/pg-test-server.sh) and are skipped, saying so, when it names none. Each
// test file gets a schema of its own, since files run in parallel.
import { after } from "node:test";
import pg from "pg";

const url = process.env.DATABASE_URL;
export const POSTGRES_URL = url && /^postgres(ql)?:\/\//.test(url) ? url : undefined;

/** `skip` for a postgres suite: false when a server is named, else the reason, printed by the runner. */
export const skipPostgres: false | string = POSTGRES_URL ? false : "postgres: DATABASE_URL names no PostgreSQL server (set it to postgres://… to run these)";

/**
 * A fresh schema for this test file (dropped after it), and the URL whose connections use it.
 * @example const url = await postgresSchema("store");
 */
export async function postgresSchema(name: string): Promise<string> {
  if (!POSTGRES_URL) throw new Error("DATABASE_URL names no PostgreSQL server");
  const schema = `test_${name.replace(/\W/g, "_")}_${process.pid}_${Math.floor(performance.now())}`;
  const client = new pg.Client({ connectionString: POSTGRES_URL });
  await client.connect();
  try {
    await client.query(`drop schema if exists ${schema} cascade`);
    await client.query(`create schema ${schema}`);
  } finally {
    await client.end();
  }
  after(async () => {
    const c = new pg.Client({ connectionString: POSTGRES_URL });
    await c.connect();
    await c.query(`drop schema if exists ${schema} cascade`).finally(() => c.end());
  });
  // Spaces as %20: pg reads a "+" in the query string literally.
  return `${POSTGRES_URL}${POSTGRES_URL.includes("?") ? "&" : "?"}options=${encodeURIComponent(`-c search_path=${schema}`)}`;
}
