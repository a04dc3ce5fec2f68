// Crash safety of ingestion: `dsr ingest` is killed with SIGKILL at seeded commits (the child says
// when it commits; no sleeps), sometimes a second time during the run that finishes the rest.
// After every kill the file passes PRAGMA integrity_check and holds exactly the documents stored
// so far, each complete; the last run finishes with exactly what one uninterrupted run stores.
import assert from "node:assert/strict";
import { copyFileSync } from "node:fs";
import { join } from "node:path";
import { before, describe, it } from "node:test";
import { gazetteerOnlyDataDir, tempDir } from "../helpers.js";
import { type IngestedState, dsr, forkDsr, generateCorpus, ingestedState, initializedDatabase, integrity, openRaw, report, seeded } from "./harness.js";

export interface CrashSafetyOptions {
  runs: number;
  /** Documents in the generated corpus. */
  docs: number;
  seed: number;
  /** Whether some runs are killed a second time, and with worker threads (slower to start). */
  thorough: boolean;
}

interface Reference {
  /** Document ids in the order an ingest stores them. */
  order: string[];
  state: IngestedState;
}

/** A kill leaves this many documents unstored at least, so it lands before the run could end. */
const MARGIN = 3;

export function crashSafety({ runs, docs, seed, thorough }: CrashSafetyOptions): void {
  describe(`crash safety: ${runs} ingest runs killed with SIGKILL at seeded commits`, () => {
    const dataDir = gazetteerOnlyDataDir();
    const dir = tempDir();
    const corpus = join(dir, "corpus");
    let reference: Reference;

    before(async () => {
      generateCorpus(corpus, { docs, seed });
      const db = join(dir, "reference.db");
      copyFileSync(await initializedDatabase(dataDir), db);
      const r = await dsr(["ingest", corpus, "--json", "--threads", "0"], { DSR_DB: db, DSR_DATA_DIR: dataDir });
      assert.equal(r.code, 0, r.err);
      const body = JSON.parse(r.out) as { inputs: { status: string; documentId?: string }[] };
      const conn = openRaw(db);
      try {
        reference = { order: body.inputs.filter((i) => i.status === "stored").map((i) => i.documentId ?? ""), state: ingestedState(conn) };
      } finally {
        conn.close();
      }
      assert.ok(reference.order.length > MARGIN * 2, `${reference.order.length} documents stored`);
    });

    /** Checks a killed run's file; returns how many documents (a prefix of the order) it holds. */
    function afterKill(db: string, atLeast: number): { stored: number; lost: number } {
      const conn = openRaw(db);
      try {
        assert.equal(integrity(conn), "ok");
        const state = ingestedState(conn);
        // Documents are stored one after the other in input order: what is there is a prefix.
        const stored = reference.order.findIndex((id) => !state.perDocument.has(id));
        const prefix = stored === -1 ? reference.order.length : stored;
        assert.equal(state.documents, prefix, "the stored documents are exactly the first ones of the batch");
        for (const id of reference.order.slice(0, prefix)) {
          // Complete: the whole text and every mention, which commit in one transaction.
          assert.deepEqual(state.perDocument.get(id), reference.state.perDocument.get(id), id);
        }
        return { stored: prefix, lost: Math.max(0, atLeast - prefix) };
      } finally {
        conn.close();
      }
    }

    it("keeps every reported document, whole, through every kill, and a rerun ends exactly as an uninterrupted run", { timeout: runs * 60_000 }, async (t) => {
      const rnd = seeded(seed);
      const total = reference.order.length;
      let crashes = 0;
      let lost = 0;
      let reportedStored = 0;
      for (let run = 1; run <= runs; run++) {
        const db = join(dir, `run-${run}.db`);
        copyFileSync(await initializedDatabase(dataDir), db);
        const env = { DSR_DB: db, DSR_DATA_DIR: dataDir };
        // One kill, or two: the second lands in the run that finishes the first one's batch.
        const kills = thorough && rnd() < 0.3 ? 2 : 1;
        let stored = 0;
        for (let k = 0; k < kills && total - stored > MARGIN + 1; k++) {
          const killAfter = 1 + Math.floor(rnd() * (total - stored - MARGIN));
          const threads = thorough && rnd() < 0.5 ? "2" : "0";
          const child = await forkDsr(["ingest", corpus, "--json", "--threads", threads], env, (n, c) => {
            if (n === killAfter) c.kill("SIGKILL");
          });
          assert.equal(child.signal, "SIGKILL", `run ${run}: the child was to be killed after commit ${killAfter}; it exited ${child.code}: ${child.stderr}`);
          crashes++;
          reportedStored += killAfter;
          const after = afterKill(db, stored + killAfter);
          lost += after.lost;
          stored = after.stored;
        }
        const rerun = await dsr(["ingest", corpus, "--json", "--threads", "0"], env);
        assert.equal(rerun.code, 0, `run ${run}: ${rerun.err}`);
        const conn = openRaw(db);
        try {
          assert.equal(integrity(conn), "ok");
          const state = ingestedState(conn);
          assert.equal(state.unresolved, 0, `run ${run}: mentions left unresolved`);
          // No duplicate documents, mentions, projects or claims, and the same resolution.
          assert.deepEqual(state, reference.state, `run ${run} differs from the uninterrupted run`);
        } finally {
          conn.close();
        }
      }
      report(t, "crash safety", { runs, "crashes survived": crashes, "commits reported before the kills": reportedStored, "corpus documents": total, "documents lost": lost });
      assert.equal(lost, 0);
    });
  });
}
