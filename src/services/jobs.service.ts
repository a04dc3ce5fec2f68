// Ingestion and imports through the job queue: `dsr ingest --queue` puts one job per file or URL,
// `dsr worker` takes jobs and runs them with the same services as the commands do. A job that
// fails throws, so the queue retries it (and dead-letters it in the end).
import { resolve as resolvePath } from "node:path";
import type { App } from "../app.js";
import { walkInputs } from "../ingest/walk-inputs.js";
import type { ImportJob, JobQueue } from "../queue/job-queue.js";
import { type ImportOptions, type ImportSummary, importSource } from "./import.service.js";
import { type IngestSummary, ingest, isUrl } from "./ingest.service.js";

export interface Enqueued {
  queued: { input: string; jobId: string }[];
  failed: { input: string; error: string }[];
}

/** One ingest job per file (folders walked here, paths made absolute) or URL. */
export async function enqueueIngest(queue: JobQueue, inputs: readonly string[]): Promise<Enqueued> {
  const out: Enqueued = { queued: [], failed: [] };
  for (const input of inputs) {
    if (isUrl(input)) {
      out.queued.push({ input, jobId: await queue.send("ingest", { input }) });
      continue;
    }
    for await (const entry of walkInputs([input])) {
      if ("error" in entry) out.failed.push({ input: entry.path, error: entry.error });
      else {
        const path = resolvePath(entry.path);
        out.queued.push({ input: path, jobId: await queue.send("ingest", { input: path }) });
      }
    }
  }
  return out;
}

export interface WorkerOptions {
  allowHosts: readonly string[];
  maxBytes: number;
  cacheDir: string;
  /** One line per job done or failed. */
  log: (line: string) => void;
  /** Called after each ingested document's storing transaction commits (test kill points). */
  onCommit?: (n: number) => void;
}

export interface WorkerTally {
  done: number;
  failed: number;
}

/**
 * Takes ingest and import jobs until `queue.stop()`; returns the running tally (updated as jobs end).
 * @example const tally = await startWorker(app, queue, { allowHosts: [], maxBytes: 50e6, cacheDir, log: console.error });
 */
export async function startWorker(app: App, queue: JobQueue, options: WorkerOptions): Promise<WorkerTally> {
  const tally: WorkerTally = { done: 0, failed: 0 };
  let committed = 0;
  const onCommit = options.onCommit ? () => options.onCommit?.(++committed) : undefined;
  const ended = <T>(what: string, run: () => Promise<T>, failure: (r: T) => string | null) => async () => {
    let r: T;
    try {
      r = await run();
    } catch (err) {
      tally.failed++;
      options.log(`failed: ${what}: ${(err as Error).message}`);
      throw err;
    }
    const why = failure(r);
    if (why) {
      tally.failed++;
      options.log(`failed: ${why}`);
      throw new Error(why);
    }
    tally.done++;
    return r;
  };
  await queue.work("ingest", (job) =>
    ended<IngestSummary>(
      job.input,
      () => ingest(app, [job.input], { allowHosts: options.allowHosts, maxBytes: options.maxBytes, threads: 0, ...(onCommit ? { onCommit } : {}) }),
      (s) => {
        const r = s.inputs[0];
        if (s.failed || !r) return r?.error ?? `${job.input}: nothing was read`;
        options.log(`${r.status}: ${job.input} (${r.deals ?? 0} deals)`);
        return null;
      },
    )(),
  );
  await queue.work("import", (job: ImportJob) =>
    ended<ImportSummary>(
      `${job.kind} ${job.input}`,
      () => importSource(app, job.kind, job.input, { ...(job.options as Partial<ImportOptions>), allowHosts: options.allowHosts, maxBytes: options.maxBytes, cacheDir: options.cacheDir }),
      (s) => {
        options.log(`imported: ${job.kind} ${job.input}: read ${s.read}, created ${s.created}, joined ${s.joined}, skipped ${s.skipped}, failed ${s.failed}`);
        return null;
      },
    )(),
  );
  return tally;
}
