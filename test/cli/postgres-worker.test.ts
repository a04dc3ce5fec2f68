// postgres: `dsr ingest --queue` puts one job per file on the PostgreSQL queue and `dsr worker`
// takes them: readable files are stored and resolved as `dsr ingest` stores them, a file that
// cannot be read is retried and then dead-lettered with its error in `dsr jobs`, and a second
// worker finds nothing left to do.
import assert from "node:assert/strict";
import { copyFileSync, readdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, it } from "node:test";
import { runCli } from "../../src/cli/main.js";
import { SHARED_DIR, captureIo, tempDir } from "../helpers.js";
import { postgresSchema, skipPostgres } from "../postgres.js";

const SEEDS = fileURLToPath(new URL("seeds/", SHARED_DIR));
const SAMPLE = fileURLToPath(new URL("data/aiddata-gcdf3-sample.csv", SHARED_DIR));

describe("postgres: the job queue and dsr worker", { skip: skipPostgres }, () => {
  it("postgres: ingests queued files, dead-letters the unreadable one after its retries, and leaves nothing to redo", async (t) => {
    const { url, drop } = await postgresSchema("worker");
    t.after(drop);
    const env = { DATABASE_URL: url, DSR_JOB_RETRIES: "1", DSR_JOB_RETRY_DELAY_S: "0", DSR_DATA_DIR: "" };
    const dir = tempDir();
    for (const f of readdirSync(SEEDS)) copyFileSync(join(SEEDS, f), join(dir, f));
    writeFileSync(join(dir, "broken.pdf"), "not a pdf at all");

    const cli = async (args: string[]) => {
      const io = captureIo();
      const code = await runCli(args, io, env);
      return { code, out: io.out(), err: io.err() };
    };
    const queued = await cli(["ingest", "--queue", dir, "--json"]);
    assert.equal(queued.code, 0, queued.err);
    assert.equal((JSON.parse(queued.out) as { queued: unknown[] }).queued.length, readdirSync(dir).length);

    const importQueued = await cli(["import", "aiddata", SAMPLE, "--queue", "--json"]);
    assert.equal(importQueued.code, 0, importQueued.err);

    const worked = await cli(["worker", "--until-empty", "--json"]);
    assert.equal(worked.code, 0, worked.err);
    // The seeds stored and the import run; the broken file failed twice (one retry) and was dead-lettered.
    assert.deepEqual(JSON.parse(worked.out), { done: readdirSync(SEEDS).length + 1, failed: 2 });
    assert.match(worked.err, /imported: aiddata .*aiddata-gcdf3-sample\.csv: read 9, created \d+/);

    const jobs = await cli(["jobs", "--json"]);
    assert.equal(jobs.code, 0, jobs.err);
    const body = JSON.parse(jobs.out) as { queues: { queue: string; created: number; completed: number; failed: number }[]; dead: { data: { input: string }; error: string; tries: number }[] };
    const ingest = body.queues.find((q) => q.queue === "ingest");
    assert.deepEqual([ingest?.created, ingest?.completed, ingest?.failed], [0, readdirSync(SEEDS).length, 1]);
    assert.equal(body.dead.length, 1);
    assert.match(body.dead[0]?.data.input ?? "", /broken\.pdf$/);
    assert.match(body.dead[0]?.error ?? "", /broken\.pdf: not a readable PDF/);
    assert.equal(body.dead[0]?.tries, 2);

    const projects = await cli(["projects", "--json", "--limit", "1000"]);
    const items = (JSON.parse(projects.out) as { items: { sources: unknown[] }[] }).items;
    assert.ok(items.length > 0);

    const again = await cli(["worker", "--until-empty", "--json"]);
    assert.deepEqual(JSON.parse(again.out), { done: 0, failed: 0 });
  });
});
