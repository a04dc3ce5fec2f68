// Concurrency: several `dsr ingest` processes write disjoint inputs into one database file while
// the API, on 127.0.0.1 and a port the system picks, answers many readers at once. No reader sees
// an error or a 5xx, no ingest fails, SQLITE_BUSY reaches no one, and every input is stored.
// The load is bounded twice: a deadline and a total number of requests.
import assert from "node:assert/strict";
import { createHash } from "node:crypto";
import { readFileSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { describe, it } from "node:test";
import { openApp } from "../../src/app.js";
import { documentIdFor } from "../../src/services/ingest.service.js";
import { tempDir } from "../helpers.js";
import { BUSY, type ChildRun, forkDsr, generateCorpus, integrity, openRaw, report, seeded, startServer } from "./harness.js";

export interface ConcurrencyOptions {
  seconds: number;
  ingesters: number;
  readers: number;
  /** The most requests all readers together send. */
  maxRequests: number;
  /** Each ingester's inputs: this many folders of `docsPerBatch` documents, one `dsr ingest` each. */
  batches: number;
  docsPerBatch: number;
  seed: number;
}

interface IngestBody {
  inputs: { input: string; status: string; documentId?: string; deals?: number; error?: string }[];
  stored: number;
  failed: number;
}

const percentile = (sorted: readonly number[], p: number): number => sorted[Math.min(sorted.length - 1, Math.floor((sorted.length * p) / 100))] ?? 0;

export function concurrency(o: ConcurrencyOptions): void {
  describe(`concurrency: ${o.ingesters} ingesting processes and ${o.readers} API readers for ${o.seconds} s`, () => {
    it("answers every reader, fails no ingest, lets SQLITE_BUSY reach no one and loses no write", { timeout: (o.seconds + 180) * 1000 }, async (t) => {
      const dir = tempDir();
      const db = join(dir, "observatory.db");
      const folders: string[][] = [];
      for (let i = 0; i < o.ingesters; i++) {
        folders.push([]);
        for (let b = 0; b < o.batches; b++) {
          const folder = join(dir, `in-${i}-${b}`);
          generateCorpus(folder, { docs: o.docsPerBatch, seed: o.seed * 10_000 + i * 100 + b });
          folders[i]?.push(folder);
        }
      }
      // The database is made, with the shipped data, before anyone writes; then the server, a
      // process of its own as in production, listens on 127.0.0.1 at a port the system picks.
      const app = await openApp({ database: db, load: "if-changed" });
      const projectIds = (await app.store.db.selectFrom("projects").select("id").orderBy("id").limit(200).execute()).map((r) => r.id);
      const documentIds = (await app.store.db.selectFrom("documents").select("id").orderBy("id").limit(200).execute()).map((r) => r.id);
      await app.close();
      assert.ok(projectIds.length > 0 && documentIds.length > 0);
      const server = await startServer({ DSR_DB: db, DSR_RATE_LIMIT: "100000000" });
      const base = server.url;
      assert.match(base, /^http:\/\/127\.0\.0\.1:\d+$/);

      const deadline = performance.now() + o.seconds * 1000;
      const timeLeft = () => performance.now() < deadline;

      // The writers: each runs `dsr ingest` on its folders one after another until the deadline.
      const runs: { folder: string; run: ChildRun }[] = [];
      const ingester = async (folderList: readonly string[]) => {
        for (const folder of folderList) {
          if (!timeLeft()) break;
          runs.push({ folder, run: await forkDsr(["ingest", folder, "--json", "--threads", "0"], { DSR_DB: db }) });
        }
      };

      // The readers: list, detail, stats, search, organizations, documents, health — following
      // ids from the lists, so they also read what was written a moment ago.
      let sent = 0;
      const latencies: number[] = [];
      const failures: string[] = [];
      const rnd = seeded(o.seed);
      const pick = <T>(list: readonly T[]): T => list[Math.floor(rnd() * list.length)] as T;
      const urls = [
        () => `/api/projects?sort=${pick(["-year", "-updated", "title", "-amount"])}&limit=${pick([10, 25, 100])}`,
        () => `/api/projects?country=${pick(["AR", "BR", "EC", "MX", "CL", "PE", "CO"])}&limit=25`,
        () => `/api/projects/${pick(projectIds)}`,
        () => `/api/stats?group_by=${pick(["country", "vendor", "category", "year", "mechanism"])}`,
        () => `/api/search?q=${encodeURIComponent(pick(["Huawei", "cámaras", "5G", "fibra óptica", "data center", "ZTE Jujuy"]))}`,
        () => `/api/organizations?limit=20`,
        () => `/api/documents/${pick(documentIds)}`,
        () => `/api/health`,
      ];
      const reader = async () => {
        while (timeLeft() && sent < o.maxRequests) {
          sent++;
          const path = pick(urls)();
          const started = performance.now();
          try {
            const res = await fetch(base + path, { signal: AbortSignal.timeout(60_000) });
            const text = await res.text();
            latencies.push(performance.now() - started);
            if (res.status !== 200) {
              failures.push(`${path}: ${res.status} ${text.slice(0, 300)}`);
              continue;
            }
            const body = JSON.parse(text) as { items?: { id?: string }[] };
            // Newest projects feed the detail requests: reads of fresh writes.
            if (path.includes("-updated")) for (const item of body.items ?? []) if (item.id && projectIds.length < 2000) projectIds.push(item.id);
          } catch (err) {
            failures.push(`${path}: ${(err as Error).message}`);
          }
        }
      };

      let serverRun: ChildRun;
      try {
        await Promise.all([...folders.map((f) => ingester(f)), ...Array.from({ length: o.readers }, () => reader())]);
      } finally {
        serverRun = await server.stop();
      }

      assert.deepEqual(failures.slice(0, 10), [], `${failures.length} reader failures`);
      assert.equal(serverRun.code, 0, serverRun.stderr);
      assert.doesNotMatch(serverRun.stderr, BUSY);
      let docsStored = 0;
      let inputs = 0;
      const expected = new Map<string, number>();
      for (const { folder, run } of runs) {
        assert.doesNotMatch(run.stderr + run.stdout, BUSY, folder);
        assert.equal(run.code, 0, `${folder}: ${run.stderr}`);
        const body = JSON.parse(run.stdout) as IngestBody;
        assert.equal(body.failed, 0, folder);
        docsStored += body.stored;
        for (const input of body.inputs) {
          inputs++;
          if (input.status === "stored") expected.set(input.documentId ?? "", input.deals ?? 0);
        }
        // Every file of the folder was reported, under the id its bytes give.
        const files = readdirSync(folder).sort();
        assert.equal(body.inputs.length, files.length);
        for (const f of files) {
          const id = documentIdFor(createHash("sha256").update(readFileSync(join(folder, f))).digest("hex"));
          assert.ok(body.inputs.some((i) => i.documentId === id), `${f} → ${id}`);
        }
      }
      assert.ok(runs.length >= o.ingesters, `${runs.length} ingest runs`);

      // No lost writes: every document an ingest reported stored is there with all its mentions, resolved.
      const conn = openRaw(db);
      let lost = 0;
      try {
        assert.equal(integrity(conn), "ok");
        const mentions = conn.prepare("select count(*) as n, count(resolved_at) as resolved from mentions where document_id = ?");
        const text = conn.prepare("select length(text) as n from documents where id = ?");
        for (const [id, deals] of expected) {
          const m = mentions.get(id) as { n: number; resolved: number };
          const d = text.get(id) as { n: number | null } | undefined;
          if (!d?.n || m.n !== deals || m.resolved !== deals) lost++;
        }
      } finally {
        conn.close();
      }
      latencies.sort((a, b) => a - b);
      report(t, "concurrency", {
        seconds: o.seconds,
        "ingesting processes": o.ingesters,
        "ingest runs": runs.length,
        "inputs ingested": inputs,
        "documents stored": docsStored,
        readers: o.readers,
        "requests served": latencies.length,
        "p50 ms": Number(percentile(latencies, 50).toFixed(1)),
        "p99 ms": Number(percentile(latencies, 99).toFixed(1)),
        errors: failures.length,
        "writes lost": lost,
      });
      assert.equal(lost, 0);
    });
  });
}
