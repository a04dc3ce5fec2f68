// The "postgres" suites run against the server DATABASE_URL names (`.ci/run` starts one on
// 127.0.0.1 with scripts/pg-test-server.sh) and are skipped, saying so, when it names none. Each
// test file gets a schema of its own, since files run in parallel.
import pg from "pg";
import { isPostgresUrl } from "../src/store/database-url.js";

const url = process.env.DATABASE_URL;
export const POSTGRES_URL = url && isPostgresUrl(url) ? url : undefined;
// Taken out of the environment (test/helpers.ts imports this module first): every other suite,
// and each `dsr` they start, works on its own SQLite file as it says, not on the shared server.
delete process.env.DATABASE_URL;

/** `skip` for a postgres suite: false when a server is named, else the reason, printed by the runner. */
export const skipPostgres: false | string = POSTGRES_URL ? false : "postgres: DATABASE_URL names no PostgreSQL server (set it to postgres://… to run these)";

/**
 * A fresh schema for a test file, and the URL whose connections use it; `drop` removes it (call it
 * from the suite's `after`: registered from inside a `before` hook, node:test would run it early).
 * @example const { url, drop } = await postgresSchema("store");
 */
export async function postgresSchema(name: string): Promise<{ url: string; drop: () => Promise<void> }> {
  if (!POSTGRES_URL) throw new Error("DATABASE_URL names no PostgreSQL server");
  const base = POSTGRES_URL;
  const schema = `test_${name.replace(/\W/g, "_")}_${process.pid}_${Math.floor(performance.now())}`;
  const run = async (statement: string) => {
    const client = new pg.Client({ connectionString: base });
    await client.connect();
    try {
      await client.query(statement);
    } finally {
      await client.end();
    }
  };
  await run(`drop schema if exists ${schema} cascade; drop schema if exists ${schema}_jobs cascade; create schema ${schema}`);
  // Spaces as %20: pg reads a "+" in the query string literally.
  const url = `${base}${base.includes("?") ? "&" : "?"}options=${encodeURIComponent(`-c search_path=${schema}`)}`;
  // The job queue's schema (see src/queue/job-queue.ts) goes with it.
  return { url, drop: () => run(`drop schema if exists ${schema} cascade; drop schema if exists ${schema}_jobs cascade`) };
}

/**
 * `npm run test:pg` sets DSR_TEST_DB=postgres: suites that open their app through testDatabase()
 * (the API, services and store suites) then run on a fresh schema of that server instead of an
 * in-memory SQLite database, so the same tests hold on both.
 */
export const TESTS_ON_POSTGRES = process.env.DSR_TEST_DB === "postgres";

const dropAtExit: (() => Promise<void>)[] = [];

/** ":memory:", or under test:pg a fresh PostgreSQL schema's URL (dropped when the test file's process ends). */
export async function testDatabase(): Promise<string> {
  if (!TESTS_ON_POSTGRES) return ":memory:";
  if (!POSTGRES_URL) throw new Error("DSR_TEST_DB=postgres: DATABASE_URL names no PostgreSQL server (npm run test:pg needs one)");
  const { url, drop } = await postgresSchema("suite");
  if (!dropAtExit.length) {
    // beforeExit lets asynchronous work run; the schemas go once the file's tests are done.
    process.once("beforeExit", () => {
      void Promise.allSettled(dropAtExit.splice(0).map((d) => d()));
    });
  }
  dropAtExit.push(drop);
  return url;
}
