// Backup and restore of a PostgreSQL observatory with PostgreSQL's own tools: pg_dump takes a
// consistent snapshot while writes go on (custom format, the observatory's schema only), pg_restore
// puts one back. Debian keeps both on PATH through its wrapper, matched to the server's version.
import { spawn } from "node:child_process";
import { createHash } from "node:crypto";
import { createReadStream, existsSync, renameSync, rmSync, statSync } from "node:fs";
import { resolve } from "node:path";
import pg from "pg";
import { DatabaseFileError, UsageError } from "../domain/errors.js";
import { redactedUrl } from "./database-url.js";

export interface PgBackupSummary {
  database: string;
  file: string;
  bytes: number;
  sha256: string;
  /** The schema the dump holds, and its latest migration. */
  schemaName: string;
  schema: string;
  /** Tables whose rows the archive holds. */
  tables: string[];
}

function tool(name: "pg_dump" | "pg_restore", args: readonly string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolvePromise, reject) => {
    const child = spawn(name, args, { stdio: ["ignore", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d: Buffer) => (stdout += d.toString("utf8")));
    child.stderr.on("data", (d: Buffer) => (stderr = (stderr + d.toString("utf8")).slice(-8000)));
    child.once("error", (err) => reject(new DatabaseFileError(`${name} could not be run (${err.message}); install PostgreSQL's client tools (apt-get install postgresql-client)`, { cause: err })));
    child.once("close", (code) => resolvePromise({ code, stdout, stderr }));
  });
}

async function withClient<T>(url: string, fn: (c: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

async function sha256Of(file: string): Promise<string> {
  const hash = createHash("sha256");
  for await (const chunk of createReadStream(file)) hash.update(chunk as Buffer);
  return hash.digest("hex");
}

/** The tables whose data an archive holds, from its table of contents; throws if it is no pg_dump archive. */
async function archiveTables(file: string): Promise<{ schemaName: string; tables: string[] }> {
  const list = await tool("pg_restore", ["--list", file]);
  if (list.code !== 0) throw new DatabaseFileError(`${file} is not a pg_dump archive (${list.stderr.trim().split("\n")[0] ?? "pg_restore could not read it"}); nothing was changed`);
  const tables: string[] = [];
  let schemaName = "";
  for (const line of list.stdout.split("\n")) {
    // "1234; 0 16390 TABLE DATA myschema projects postgres"
    const m = /^\d+; \d+ \d+ TABLE DATA (\S+) (\S+)/.exec(line);
    if (m?.[1] && m[2]) {
      schemaName = m[1];
      tables.push(m[2]);
    }
  }
  if (!tables.includes("projects") || !tables.includes("kysely_migration")) throw new DatabaseFileError(`${file} is a pg_dump archive but not of an observatory (no projects or migrations table); nothing was changed`);
  return { schemaName, tables };
}

/**
 * Dumps the observatory's schema to `file` (written beside it first, renamed when complete).
 * @example await pgBackup("postgres://dsr@db/observatory", "backup.dump", { force: false })
 */
export async function pgBackup(url: string, file: string, options: { force: boolean }): Promise<PgBackupSummary> {
  const dest = resolve(file);
  if (existsSync(dest) && !options.force) throw new UsageError(`${dest} exists; choose a new file or add --force to overwrite it`);
  const { schemaName, schema } = await withClient(url, async (c) => {
    const s = (await c.query<{ s: string }>("select current_schema() as s")).rows[0]?.s ?? "public";
    const m = (await c.query<{ name: string }>("select name from kysely_migration order by name desc limit 1")).rows[0]?.name ?? "";
    return { schemaName: s, schema: m };
  });
  const partial = `${dest}.partial`;
  const dumped = await tool("pg_dump", ["--format=custom", "--no-owner", "--no-privileges", `--schema=${schemaName}`, `--file=${partial}`, `--dbname=${url}`]);
  if (dumped.code !== 0) {
    rmSync(partial, { force: true });
    throw new DatabaseFileError(`pg_dump of ${redactedUrl(url)} failed: ${dumped.stderr.trim()}`);
  }
  const { tables } = await archiveTables(partial);
  renameSync(partial, dest);
  return { database: redactedUrl(url), file: dest, bytes: statSync(dest).size, sha256: await sha256Of(dest), schemaName, schema, tables };
}

/**
 * Restores an archive pgBackup made into the database `url` names, replacing what its schema
 * holds (only with `force` when that holds projects or documents).
 */
export async function pgRestore(url: string, file: string, options: { force: boolean }): Promise<PgBackupSummary & { replaced: boolean }> {
  const src = resolve(file);
  if (!existsSync(src)) throw new UsageError(`${src}: no such backup file`);
  const { schemaName, tables } = await archiveTables(src);
  const held = await withClient(url, async (c) => {
    await c.query("create extension if not exists unaccent schema public");
    const exists = (await c.query("select 1 from information_schema.tables where table_schema = $1 and table_name = 'projects'", [schemaName])).rowCount;
    if (!exists) return 0;
    const n = await c.query<{ n: string }>(`select (select count(*) from "${schemaName}".projects) + (select count(*) from "${schemaName}".documents) as n`);
    return Number(n.rows[0]?.n ?? 0);
  });
  if (held > 0 && !options.force) throw new UsageError(`${redactedUrl(url)} holds ${held} projects and documents in schema ${schemaName}; add --force to replace them with the backup`);
  const restored = await tool("pg_restore", ["--clean", "--if-exists", "--no-owner", "--no-privileges", "--single-transaction", "--exit-on-error", `--dbname=${url}`, src]);
  if (restored.code !== 0) throw new DatabaseFileError(`pg_restore of ${src} into ${redactedUrl(url)} failed, and changed nothing (one transaction): ${restored.stderr.trim()}`);
  const schema = await withClient(url, async (c) => (await c.query<{ name: string }>(`select name from "${schemaName}".kysely_migration order by name desc limit 1`)).rows[0]?.name ?? "");
  return { database: redactedUrl(url), file: src, bytes: statSync(src).size, sha256: await sha256Of(src), schemaName, schema, tables, replaced: held > 0 };
}
