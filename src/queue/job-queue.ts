// The PostgreSQL-backed job queue (pg-boss) that spreads ingestion and imports over `dsr worker`
// processes on any number of machines. A job is retried with backoff when it fails; a job whose
// worker died is taken again when its lease expires (storing is transactional, so nothing of it was
// half-written); a job that keeps failing ends in its queue's dead-letter queue, which `dsr jobs`
// lists with the error.
import PgBoss from "pg-boss";
import pg from "pg";
import { DatabaseFileError } from "../domain/errors.js";
import { redactedUrl } from "../store/database-url.js";

export const JOB_KINDS = ["ingest", "import"] as const;
export type JobKind = (typeof JOB_KINDS)[number];

export interface IngestJob {
  /** A file path every worker can read (a shared folder) or an http(s) URL. */
  input: string;
}

export interface ImportJob {
  kind: "aiddata" | "ocds" | "cgit";
  input: string;
  options?: Record<string, unknown>;
}

export type JobData<K extends JobKind> = K extends "ingest" ? IngestJob : ImportJob;

export interface QueueSettings {
  /** Tries after the first before a job goes to the dead-letter queue. */
  retryLimit: number;
  /** Seconds before the first retry; doubled at each next one. */
  retryDelaySeconds: number;
  /** A job running longer than this is taken to have lost its worker and is given to another. */
  expireInSeconds: number;
}

export const DEFAULT_QUEUE_SETTINGS: QueueSettings = { retryLimit: 3, retryDelaySeconds: 30, expireInSeconds: 15 * 60 };

const deadLetter = (kind: JobKind) => `${kind}-dead`;
/** How long a worker waits before looking again at an empty queue. */
const IDLE_POLL_MS = 500;

export interface QueueCounts {
  queue: string;
  created: number;
  retry: number;
  active: number;
  completed: number;
  failed: number;
}

export interface DeadJob {
  queue: JobKind;
  id: string;
  data: unknown;
  error: string;
  tries: number;
  failedAt: string | null;
}

export interface JobQueue {
  send<K extends JobKind>(kind: K, data: JobData<K>): Promise<string>;
  /** Takes jobs of `kind` one at a time until `stop`; a thrown error fails (and retries) the job. */
  work<K extends JobKind>(kind: K, handler: (data: JobData<K>, id: string) => Promise<unknown>): Promise<void>;
  counts(): Promise<QueueCounts[]>;
  dead(limit: number): Promise<DeadJob[]>;
  stop(options?: { graceful?: boolean }): Promise<void>;
}

/**
 * pg-boss keeps its tables in a schema of its own beside the observatory's: "dsr_jobs" beside
 * public, "<schema>_jobs" beside another (each test file, each observatory sharing a database).
 */
async function jobsSchema(url: string): Promise<string> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const current = (await client.query<{ s: string }>("select current_schema() as s")).rows[0]?.s ?? "public";
    return current === "public" ? "dsr_jobs" : `${current}_jobs`;
  } finally {
    await client.end();
  }
}

/**
 * Opens the queue in the database `url` names (creating pg-boss's schema and the queues once).
 * @example const q = await openJobQueue("postgres://dsr@db/observatory"); await q.send("ingest", { input: "/shared/nota.pdf" });
 */
export async function openJobQueue(url: string, settings: QueueSettings = DEFAULT_QUEUE_SETTINGS): Promise<JobQueue> {
  let schema: string;
  try {
    schema = await jobsSchema(url);
  } catch (err) {
    throw new DatabaseFileError(`${redactedUrl(url)} cannot be reached: ${(err as Error).message}`, { cause: err });
  }
  // Expired leases are found by pg-boss's maintenance pass: run it at least as often as a lease
  // lasts (every 2 minutes at most), so a dead worker's job comes back soon after its lease ends.
  const maintenanceIntervalSeconds = Math.max(1, Math.min(120, settings.expireInSeconds));
  const boss = new PgBoss({ connectionString: url, schema, max: 4, schedule: false, application_name: "dsr", maintenanceIntervalSeconds });
  let lastError: Error | null = null;
  boss.on("error", (err) => {
    lastError = err;
  });
  try {
    await boss.start();
  } catch (err) {
    throw new DatabaseFileError(`${redactedUrl(url)}: the job queue cannot start: ${(err as Error).message}`, { cause: err });
  }
  for (const kind of JOB_KINDS) {
    await boss.createQueue(deadLetter(kind));
    const queue = {
      name: kind,
      retryLimit: settings.retryLimit,
      retryDelay: settings.retryDelaySeconds,
      retryBackoff: true,
      expireInSeconds: settings.expireInSeconds,
      deadLetter: deadLetter(kind),
    };
    // Made once; then kept to these settings, which new jobs take when they are sent.
    await boss.createQueue(kind, queue);
    await boss.updateQueue(kind, queue);
  }
  // Listing reads pg-boss's tables directly (read only): its API only hands jobs out.
  const read = new pg.Pool({ connectionString: url, max: 1 });
  read.on("error", () => {});
  const q = (name: string) => `"${schema.replace(/"/g, "")}".${name}`;
  let stopping = false;
  const loops: Promise<void>[] = [];
  return {
    async send(kind, data) {
      const id = await boss.send(kind, data as object);
      if (!id) throw new DatabaseFileError(`the job queue did not take the ${kind} job${lastError ? `: ${(lastError as Error).message}` : ""}`);
      return id;
    },
    async work(kind, handler) {
      // Our own loop rather than boss.work: that one waits a polling interval after every job,
      // which left a worker idle most of the time on a full queue. Here the next job is fetched
      // as soon as one ends, and the queue is polled only when it is empty.
      const loop = (async () => {
        while (!stopping) {
          let job: PgBoss.Job<JobData<typeof kind>> | undefined;
          try {
            [job] = await boss.fetch<JobData<typeof kind>>(kind, { batchSize: 1 });
          } catch (err) {
            // The database away for a moment: try again after a pause rather than end the worker.
            lastError = err as Error;
            await new Promise((r) => setTimeout(r, IDLE_POLL_MS * 10));
            continue;
          }
          if (!job) {
            await new Promise((r) => setTimeout(r, IDLE_POLL_MS));
            continue;
          }
          try {
            await handler(job.data, job.id);
            await boss.complete(kind, job.id);
          } catch (err) {
            // If this fails too, the job's lease runs out and it is handed out again.
            await boss.fail(kind, job.id, { message: (err as Error).message }).catch(() => {});
          }
        }
      })();
      loops.push(loop);
    },
    async counts() {
      const rows = (await read.query<{ name: string; state: string; n: string }>(`select name, state::text as state, count(*)::text as n from ${q("job")} group by 1, 2`)).rows;
      const names = [...JOB_KINDS, ...JOB_KINDS.map(deadLetter)];
      return names.map((name) => {
        const of = (state: string) => Number(rows.find((r) => r.name === name && r.state === state)?.n ?? 0);
        return { queue: name, created: of("created"), retry: of("retry"), active: of("active"), completed: of("completed"), failed: of("failed") };
      });
    },
    async dead(limit) {
      const rows = (
        await read.query<{ id: string; name: JobKind; data: unknown; output: { message?: string; value?: { message?: string } } | null; retry_count: number; completed_on: Date | null }>(
          `select id, name, data, output, retry_count, completed_on from ${q("job")} where name = any($1) and state = 'failed' order by completed_on desc nulls last limit $2`,
          [[...JOB_KINDS], limit],
        )
      ).rows;
      return rows.map((r) => ({
        queue: r.name,
        id: r.id,
        data: r.data,
        error: r.output?.message ?? r.output?.value?.message ?? JSON.stringify(r.output ?? null),
        tries: r.retry_count + 1,
        failedAt: r.completed_on ? r.completed_on.toISOString() : null,
      }));
    },
    async stop(options = {}) {
      stopping = true;
      // Graceful: the job in hand is finished (and completed) first.
      if (options.graceful ?? true) await Promise.allSettled(loops);
      await boss.stop({ graceful: options.graceful ?? true, wait: true, timeout: 30_000 });
      await read.end();
    },
  };
}
