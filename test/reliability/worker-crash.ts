// postgres: crash safety of `dsr worker`. Queued documents are ingested by workers killed with
// SIGKILL at seeded commits (the worker says when it commits; no sleeps). After every kill each
// document the worker reported stored is there and complete; the killed job comes back when its
// lease expires, and a last worker finishes the queue with exactly the documents and mentions one
// uninterrupted `dsr ingest` stores — none twice, none half-written, no job dead-lettered.
import assert from "node:assert/strict";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import pg from "pg";
import { gazetteerOnlyDataDir, tempDir } from "../helpers.js";
import { postgresSchema, skipPostgres } from "../postgres.js";
import { dsr, forkDsr, generateCorpus, report, seeded } from "./harness.js";

export interface WorkerCrashOptions {
  runs: number;
  docs: number;
  seed: number;
}

/** Each document with its text length and mention count: what "whole" means. */
async function documentsOf(url: string): Promise<Map<string, string>> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const rows = (
      await client.query<{ id: string; n: string; len: number; unresolved: string }>(
        `select d.id, count(m.id)::text as n, length(d.text) as len, count(m.id) filter (where m.resolved_at is null)::text as unresolved
         from documents d left join mentions m on m.document_id = d.id where d.origin = 'ingested' group by d.id, d.text`,
      )
    ).rows;
    return new Map(rows.map((r) => [r.id, `${r.len} chars, ${r.n} mentions, ${r.unresolved} unresolved`]));
  } finally {
    await client.end();
  }
}

export function workerCrash({ runs, docs, seed }: WorkerCrashOptions): void {
  describe(`postgres: crash safety: ${runs} workers killed with SIGKILL at seeded commits`, { skip: skipPostgres }, () => {
    const dataDir = gazetteerOnlyDataDir();
    const corpus = join(tempDir(), "corpus");
    let reference: Map<string, string>;
    const drops: (() => Promise<void>)[] = [];
    after(async () => {
      for (const drop of drops) await drop();
    });

    before(async () => {
      generateCorpus(corpus, { docs, seed });
      const { url, drop } = await postgresSchema("worker_crash_reference");
      drops.push(drop);
      const r = await dsr(["ingest", corpus, "--json", "--threads", "0"], { DATABASE_URL: url, DSR_DATA_DIR: dataDir });
      assert.equal(r.code, 0, r.err);
      reference = await documentsOf(url);
      assert.ok(reference.size > runs, `${reference.size} documents stored`);
    });

    it("postgres: keeps every reported document whole through every kill, and the queue ends as one uninterrupted ingest", { timeout: runs * 60_000 + 120_000 }, async (t) => {
      const { url, drop } = await postgresSchema("worker_crash");
      drops.push(drop);
      // Leases of 2 s: a killed worker's job is handed out again about 2 s later.
      const env = { DATABASE_URL: url, DSR_DATA_DIR: dataDir, DSR_JOB_EXPIRE_S: "2", DSR_JOB_RETRY_DELAY_S: "0", DSR_JOB_RETRIES: "5" };
      const queued = await dsr(["ingest", "--queue", corpus, "--json"], env);
      assert.equal(queued.code, 0, queued.err);
      const rnd = seeded(seed);
      let crashes = 0;
      let reported = 0;
      let lost = 0;
      for (let run = 1; run <= runs; run++) {
        const killAfter = 1 + Math.floor(rnd() * 3);
        const child = await forkDsr(["worker", "--until-empty", "--json"], env, (n, c) => {
          if (n === killAfter) c.kill("SIGKILL");
        });
        if (child.signal !== "SIGKILL") {
          // The queue ran dry before this worker reached its kill point.
          assert.equal(child.code, 0, child.stderr);
          break;
        }
        crashes++;
        reported += killAfter;
        const stored = await documentsOf(url);
        // Whole: the text and every mention (one transaction). Resolving them is a second one,
        // which the next job's repair pass does when a kill fell between the two.
        const whole = (state: string | undefined) => state?.replace(/, \d+ unresolved$/, "");
        for (const [id, state] of stored) assert.equal(whole(state), whole(reference.get(id)), `run ${run}: ${id} is not whole`);
        lost += Math.max(0, reported - stored.size);
      }
      // The last worker waits out the killed jobs' leases and finishes the rest.
      const last = await dsr(["worker", "--until-empty", "--json"], env);
      assert.equal(last.code, 0, last.err);
      const final = await documentsOf(url);
      assert.deepEqual(new Map([...final].sort()), new Map([...reference].sort()), "the queue ended with what one uninterrupted ingest stores");
      const jobs = await dsr(["jobs", "--json"], env);
      const body = JSON.parse(jobs.out) as { queues: { queue: string; created: number; retry: number; active: number; failed: number }[]; dead: unknown[] };
      const ingest = body.queues.find((q) => q.queue === "ingest");
      assert.deepEqual([ingest?.created, ingest?.retry, ingest?.active, ingest?.failed, body.dead.length], [0, 0, 0, 0, 0]);
      report(t, "postgres worker crash safety", { "worker runs": runs, "crashes survived": crashes, "commits reported before the kills": reported, "corpus documents": reference.size, "documents lost": lost });
      assert.equal(lost, 0);
    });
  });
}
