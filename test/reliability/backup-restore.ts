// Backup while writes go on: `dsr backup` runs at seeded commits of a `dsr ingest` child that keeps
// writing. Each backup is one consistent snapshot (integrity ok, nothing dangling, the documents a
// prefix of the batch, each complete); `dsr restore` gives back the very same records, and ingesting
// the batch again on the restored file ends exactly where the uninterrupted database did.
import assert from "node:assert/strict";
import { copyFileSync } from "node:fs";
import { join } from "node:path";
import { describe, it } from "node:test";
import { gazetteerOnlyDataDir, tempDir } from "../helpers.js";
import { contentHash, danglingReferences, dsr, forkDsr, generateCorpus, ingestedState, initializedDatabase, integrity, openRaw, report, seeded } from "./harness.js";

export interface BackupOptions {
  /** Backups taken while the ingest writes. */
  backups: number;
  docs: number;
  seed: number;
}

interface Snapshot {
  file: string;
  /** Commits the ingest had reported when the backup began. */
  committedBefore: number;
  summary: { tables: Record<string, number>; pages: number };
}

function withRaw<T>(file: string, fn: (conn: ReturnType<typeof openRaw>) => T): T {
  const conn = openRaw(file);
  try {
    return fn(conn);
  } finally {
    conn.close();
  }
}

export function backupUnderWrites({ backups, docs, seed }: BackupOptions): void {
  describe(`backup and restore: ${backups} backups while an ingest writes`, () => {
    const dataDir = gazetteerOnlyDataDir();

    it("takes consistent snapshots while writes go on, and restores each to the same records", { timeout: 10 * 60_000 }, async (t) => {
      const dir = tempDir();
      const corpus = join(dir, "corpus");
      generateCorpus(corpus, { docs, seed });
      const db = join(dir, "live.db");
      copyFileSync(await initializedDatabase(dataDir), db);
      const env = { DSR_DB: db, DSR_DATA_DIR: dataDir };
      const rnd = seeded(seed);
      const points = new Set<number>();
      while (points.size < backups) points.add(1 + Math.floor(rnd() * (docs * 0.8)));

      // Backups run one after the other, each started at its commit while the child goes on.
      const snapshots: Snapshot[] = [];
      let committed = 0;
      let chain = Promise.resolve();
      const child = await forkDsr(["ingest", corpus, "--json", "--threads", "0"], env, (n) => {
        committed = n;
        if (!points.has(n)) return;
        chain = chain.then(async () => {
          const file = join(dir, `backup-${n}.db`);
          const committedBefore = committed;
          const r = await dsr(["backup", file, "--json"], { DSR_DB: db });
          assert.equal(r.code, 0, r.err);
          snapshots.push({ file, committedBefore, summary: JSON.parse(r.out) as Snapshot["summary"] });
        });
      });
      await chain;
      assert.equal(child.code, 0, child.stderr);
      assert.equal(snapshots.length, backups);
      const body = JSON.parse(child.stdout) as { inputs: { status: string; documentId?: string; deals?: number }[] };
      const order = body.inputs.filter((i) => i.status === "stored").map((i) => ({ id: i.documentId ?? "", deals: i.deals ?? 0 }));
      const live = withRaw(db, (conn) => ({ state: ingestedState(conn), hash: contentHash(conn) }));

      let restored = 0;
      let lost = 0;
      for (const snap of snapshots) {
        // One snapshot: intact, nothing points at a row it lacks, documents a prefix of the batch, each whole.
        const taken = withRaw(snap.file, (conn) => {
          assert.equal(integrity(conn), "ok", snap.file);
          assert.deepEqual(danglingReferences(conn), { foreignKeys: 0, mentionsWithoutDocument: 0, mentionsWithoutProject: 0, claimsWithoutProject: 0, claimsWithoutDocument: 0 });
          const state = ingestedState(conn);
          const prefix = order.findIndex((d) => !state.perDocument.has(d.id));
          const held = prefix === -1 ? order.length : prefix;
          assert.equal(state.documents, held, "the snapshot's documents are the first ones of the batch");
          for (const d of order.slice(0, held)) assert.equal(state.perDocument.get(d.id)?.mentions, d.deals, d.id);
          lost += Math.max(0, snap.committedBefore - held);
          return { hash: contentHash(conn), held };
        });
        assert.ok(taken.held >= snap.committedBefore, `${taken.held} documents in a backup begun after ${snap.committedBefore} commits`);

        // Restored: the same records; ingesting the batch again ends where the live database did.
        const target = join(dir, `restored-${snap.committedBefore}.db`);
        const r = await dsr(["restore", snap.file, "--json"], { DSR_DB: target });
        assert.equal(r.code, 0, r.err);
        const summary = JSON.parse(r.out) as { tables: Record<string, number>; replaced: boolean; migrated: string[] };
        assert.deepEqual(summary.tables, snap.summary.tables);
        assert.equal(withRaw(target, contentHash), taken.hash);
        const resumed = await dsr(["ingest", corpus, "--json", "--threads", "0"], { DSR_DB: target, DSR_DATA_DIR: dataDir });
        assert.equal(resumed.code, 0, resumed.err);
        assert.deepEqual(withRaw(target, ingestedState), live.state);
        restored++;
      }

      // At rest: a backup restored over an existing database (--force) is the live database, record for record.
      const final = join(dir, "final-backup.db");
      assert.equal((await dsr(["backup", final], { DSR_DB: db })).code, 0);
      const over = join(dir, `restored-${snapshots[0]?.committedBefore ?? 0}.db`);
      const r = await dsr(["restore", final, "--force", "--json"], { DSR_DB: over });
      assert.equal(r.code, 0, r.err);
      assert.equal((JSON.parse(r.out) as { replaced: boolean }).replaced, true);
      assert.equal(withRaw(over, contentHash), live.hash);

      report(t, "backup and restore", { "backups during writes": snapshots.length, "commits when each began": snapshots.map((s) => s.committedBefore).join("/"), "restored and compared": restored + 1, "documents lost": lost });
      assert.equal(lost, 0);
    });
  });
}
