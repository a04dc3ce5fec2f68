// postgres: `dsr backup` and `dsr restore` on PostgreSQL go through pg_dump and pg_restore: a backup
// taken while an ingest writes is one consistent moment, a restore refuses to replace data unless
// told to, and a forced restore gives back exactly what the backup held.
import assert from "node:assert/strict";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, it } from "node:test";
import pg from "pg";
import { runCli } from "../../src/cli/main.js";
import { SHARED_DIR, captureIo, gazetteerOnlyDataDir, tempDir } from "../helpers.js";
import { postgresSchema, skipPostgres } from "../postgres.js";
import { forkDsr, generateCorpus } from "../reliability/harness.js";

const SEEDS = fileURLToPath(new URL("seeds/", SHARED_DIR));

/** What must come back: every document with its mention count, and the project and claim totals. */
async function contents(url: string): Promise<{ documents: string[]; projects: number; claims: number }> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const docs = await client.query<{ id: string; n: string }>("select d.id, count(m.id)::text as n from documents d left join mentions m on m.document_id = d.id group by d.id order by d.id");
    const n = async (table: string) => Number((await client.query<{ n: string }>(`select count(*)::text as n from ${table}`)).rows[0]?.n);
    return { documents: docs.rows.map((r) => `${r.id}:${r.n}`), projects: await n("projects"), claims: await n("claims") };
  } finally {
    await client.end();
  }
}

describe("postgres: dsr backup and dsr restore", { skip: skipPostgres }, () => {
  it("postgres: backs up while an ingest writes, refuses to replace data without --force, and restores what it took", async (t) => {
    const { url, drop } = await postgresSchema("backup");
    t.after(drop);
    const dir = tempDir();
    const env = { DATABASE_URL: url, DSR_DATA_DIR: gazetteerOnlyDataDir() };
    const cli = async (args: string[]) => {
      const io = captureIo();
      const code = await runCli(args, io, env);
      return { code, out: io.out(), err: io.err() };
    };
    assert.equal((await cli(["ingest", SEEDS, "--json"])).code, 0);
    const before = await contents(url);
    const first = join(dir, "first.dump");
    const backedUp = await cli(["backup", first, "--json"]);
    assert.equal(backedUp.code, 0, backedUp.err);
    assert.ok((JSON.parse(backedUp.out) as { tables: string[] }).tables.includes("claims"));

    // A backup taken in the middle of an ingest: after its first commit, while the rest goes on.
    const corpus = join(dir, "corpus");
    generateCorpus(corpus, { docs: 12, seed: 5 });
    const during = join(dir, "during.dump");
    let taken: Promise<{ code: number; err: string }> | null = null;
    const ingest = await forkDsr(["ingest", corpus, "--json", "--threads", "0"], env, (n) => {
      if (n === 1) taken = cli(["backup", during]);
    });
    assert.equal(ingest.code, 0, ingest.stderr);
    assert.ok(taken, "the ingest committed");
    assert.equal((await (taken as unknown as Promise<{ code: number; err: string }>)).code, 0);
    const after = await contents(url);
    assert.ok(after.documents.length > before.documents.length);

    const refused = await cli(["restore", first]);
    assert.equal(refused.code, 1);
    assert.match(refused.err, /holds \d+ projects and documents .*add --force/);
    assert.deepEqual(await contents(url), after, "a refused restore changes nothing");

    assert.equal((await cli(["restore", first, "--force"])).code, 0);
    assert.deepEqual(await contents(url), before);

    // The mid-ingest backup holds the seeds and a whole prefix of the ingest: no half-written document.
    assert.equal((await cli(["restore", during, "--force"])).code, 0);
    const mid = await contents(url);
    for (const d of mid.documents) assert.ok(after.documents.includes(d), `${d} is as the finished ingest left it`);
    assert.ok(mid.documents.length >= before.documents.length + 1 && mid.documents.length <= after.documents.length);

    const notDump = join(dir, "not.dump");
    writeFileSync(notDump, "hello");
    const bad = await cli(["restore", notDump, "--force"]);
    assert.equal(bad.code, 1);
    assert.match(bad.err, /not\.dump is not a pg_dump archive/);
  });
});
