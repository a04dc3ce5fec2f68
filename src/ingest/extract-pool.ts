// Reading and extraction spread over worker threads, so that a big batch uses every core while the
// calling thread writes to the database. One job is one document: bytes in, the read document and
// its deals out. A worker that dies fails only the job it was running and is replaced; jobs queued
// behind it go to another worker, and the pool keeps working.
import { availableParallelism } from "node:os";
import type { Worker } from "node:worker_threads";
import { startWorker } from "./start-worker.js";
import type { ExtractedDeal } from "../extract/deal.js";
import { extractDeals } from "../extract/extract-deals.js";
import { documentDateOf } from "../extract/types.js";
import { type ReadOptions, type ReadResult, readDocument } from "./read-document.js";

export interface ExtractJob {
  /**
   * The document's bytes, given away: a worker pool may transfer the underlying ArrayBuffer to a
   * worker (the caller's view is then detached and empty), so do not use them after run().
   */
  bytes: Uint8Array;
  /** A file name or path: picks the format and labels errors. */
  name: string;
  /** Plain data only (it crosses a thread boundary by structured clone). */
  readOptions?: ReadOptions;
}

export interface ExtractOutcome {
  read: ReadResult;
  /** Empty when the document could not be read or has no text. */
  deals: ExtractedDeal[];
}

/**
 * Reads and extracts one document in this thread. A document that cannot be read is an outcome
 * with `read.ok === false`, not an error.
 * @example (await processDocument({ bytes: Buffer.from("ZTE firmó un contrato…"), name: "nota.txt" })).deals[0].vendors // ["ZTE"]
 */
export async function processDocument(job: ExtractJob): Promise<ExtractOutcome> {
  const result = await readDocument(job.bytes, job.name, job.readOptions);
  if (!result.ok || result.doc.text.trim() === "") return { read: result, deals: [] };
  const deals = extractDeals(result.doc.text, { documentDate: documentDateOf(result.doc.published) });
  return { read: result, deals };
}

export interface ExtractPool {
  /**
   * Resolves with the job's outcome, also when the document cannot be read. Rejects, naming the
   * job, only when the pool is closed or its worker dies while running this job.
   */
  run(job: ExtractJob): Promise<ExtractOutcome>;
  /** Worker threads used; 0 means jobs run in the calling thread. */
  readonly threads: number;
  /** Ends the workers; jobs still queued or running reject. */
  close(): Promise<void>;
}

/** Test hooks, passed to each worker as workerData: the worker fails on purpose on a job of this name. */
export interface WorkerFaults {
  /** Throws an uncaught exception outside the job's handler (the worker emits 'error' and exits). */
  crashOn?: string;
  /** Calls process.exit (the worker emits only 'exit'). */
  exitOn?: string;
  /** Throws inside the job's handler (the job rejects; the worker lives on). */
  throwOn?: string;
  /** Throws while the worker starts, before it is ready. */
  failStart?: boolean;
}

export interface ExtractPoolOptions {
  /** Worker threads; 0 runs every job in the calling thread. Default: see defaultThreads(). */
  threads?: number;
  /** For tests only: make workers fail on chosen jobs. */
  faults?: WorkerFaults;
}

/** The worker's data, the same in both entry modes. */
export interface WorkerData {
  faults: WorkerFaults;
}

/** Messages between the pool and a worker. */
export interface JobMessage {
  id: number;
  job: ExtractJob;
}
export type ReplyMessage = { id: number; ok: true; outcome: ExtractOutcome } | { id: number; ok: false; error: string };
/** Posted once by a worker whose entry has loaded. */
export const READY = "ready";

/**
 * Jobs a worker holds at once: the one it runs and the next ones in its own queue, so that it does
 * not idle while the calling thread, busy writing, is slow to answer a reply with a new job.
 */
const JOBS_PER_WORKER = 3;

/** Above this, more workers mostly cost memory (each holds its own gazetteers and matchers). */
const MAX_DEFAULT_THREADS = 8;

/**
 * One worker per core. The calling thread only reads files and writes rows, a small share of the
 * time per document next to reading HTML and extracting, so keeping a core free for it would
 * leave that core mostly idle; the OS shares the cores when it does work. On a single core,
 * workers add copying and memory and no speed, so jobs run in the calling thread.
 */
export function defaultThreads(): number {
  const cores = availableParallelism();
  return cores > 1 ? Math.min(cores, MAX_DEFAULT_THREADS) : 0;
}

/**
 * A pool of `threads` workers that read and extract documents; workers start on demand.
 * @example const pool = createExtractPool(); const { read, deals } = await pool.run({ bytes, name: "nota.html" }); await pool.close();
 */
export function createExtractPool(options: ExtractPoolOptions = {}): ExtractPool {
  const threads = options.threads ?? defaultThreads();
  if (!Number.isInteger(threads) || threads < 0) throw new RangeError(`threads must be a whole number ≥ 0, got ${threads}`);
  return threads === 0 ? inThreadPool() : new WorkerPool(threads, { faults: options.faults ?? {} });
}

function inThreadPool(): ExtractPool {
  let closed = false;
  return {
    threads: 0,
    run: (job) => {
      if (closed) return Promise.reject(closedError(job));
      // As in a worker: a bug that throws is this job's error, named.
      return processDocument(job).catch((error: unknown) => {
        throw new Error(`${job.name}: extraction failed: ${error instanceof Error ? error.message : String(error)}`);
      });
    },
    close: async () => {
      closed = true;
    },
  };
}

function closedError(job: ExtractJob): Error {
  return new Error(`${job.name}: the extract pool is closed`);
}

interface Pending {
  id: number;
  job: ExtractJob;
  resolve: (outcome: ExtractOutcome) => void;
  reject: (error: Error) => void;
}

interface Slot {
  worker: Worker;
  /** Jobs sent to this worker, oldest first; the worker runs them in order, so the first is the one running. */
  inFlight: Pending[];
  /** Set once the slot's worker has failed or been terminated; its later events are ignored. */
  gone: boolean;
  /** Its entry loaded; a worker that dies before this cannot start, and neither would the next. */
  ready: boolean;
}

class WorkerPool implements ExtractPool {
  private readonly slots: Slot[] = [];
  /** Jobs not yet sent, from queueHead on (taken by index: shift() is linear in the length). */
  private queue: Pending[] = [];
  private queueHead = 0;
  private nextId = 1;
  private closed = false;
  /** Why workers cannot start (set once one dies before it is ready): every job fails with it. */
  private broken: string | null = null;

  constructor(
    readonly threads: number,
    private readonly data: WorkerData,
  ) {}

  run(job: ExtractJob): Promise<ExtractOutcome> {
    if (this.closed) return Promise.reject(closedError(job));
    if (this.broken !== null) return Promise.reject(new Error(`${job.name}: ${this.broken}`));
    return new Promise((resolve, reject) => {
      this.queue.push({ id: this.nextId++, job, resolve, reject });
      this.dispatch();
    });
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    for (const p of this.takeQueue()) p.reject(closedError(p.job));
    const slots = this.slots.splice(0);
    for (const slot of slots) {
      slot.gone = true;
      for (const p of slot.inFlight.splice(0)) p.reject(closedError(p.job));
    }
    await Promise.all(slots.map((s) => s.worker.terminate()));
  }

  /** Hands queued jobs to idle workers, starting workers up to `threads`, then fills their pipelines. */
  private dispatch(): void {
    while (this.queueHead < this.queue.length) {
      const slot = this.freeSlot();
      if (!slot) return;
      const pending = this.queue[this.queueHead++] as Pending;
      if (this.queueHead === this.queue.length) this.takeQueue();
      this.send(slot, pending);
    }
  }

  /** Empties the queue, returning the jobs not yet sent. */
  private takeQueue(): Pending[] {
    const rest = this.queue.slice(this.queueHead);
    this.queue = [];
    this.queueHead = 0;
    return rest;
  }

  /** An idle worker, else a new one while under `threads`, else one with room in its pipeline. */
  private freeSlot(): Slot | null {
    const idle = this.slots.find((s) => s.inFlight.length === 0);
    if (idle) return idle;
    if (this.slots.length < this.threads) return this.spawn();
    let best: Slot | null = null;
    for (const s of this.slots) if (s.inFlight.length < JOBS_PER_WORKER && (!best || s.inFlight.length < best.inFlight.length)) best = s;
    return best;
  }

  private send(slot: Slot, pending: Pending): void {
    // An idle worker runs this job next: its bytes may move there. A job queued behind another
    // keeps its bytes here, so that if the worker dies on the job ahead it can go to another.
    const runsNext = slot.inFlight.length === 0;
    slot.inFlight.push(pending);
    slot.worker.ref();
    const { bytes } = pending.job;
    // Only a view that owns its whole ArrayBuffer is moved: transferring a view into a larger
    // buffer would detach memory the caller shares (Buffer pools, file slices), and cloning it
    // would copy the whole buffer, so such a view is copied down to its own bytes first.
    // (Buffer#slice would not do: it returns a view, not a copy.)
    const owned = bytes.buffer instanceof ArrayBuffer && bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength;
    const sent = owned ? bytes : new Uint8Array(bytes);
    const message: JobMessage = { id: pending.id, job: { ...pending.job, bytes: sent } };
    try {
      slot.worker.postMessage(message, runsNext || sent !== bytes ? [sent.buffer as ArrayBuffer] : []);
    } catch (error) {
      // A job that cannot be cloned (a non-plain readOptions) is the caller's error, not the worker's.
      slot.inFlight.pop();
      if (slot.inFlight.length === 0) slot.worker.unref();
      pending.reject(new Error(`${pending.job.name}: cannot be sent to a worker (${(error as Error).message})`));
    }
  }

  private spawn(): Slot {
    const worker = startExtractWorker(this.data);
    const slot: Slot = { worker, inFlight: [], gone: false, ready: false };
    worker.unref(); // an idle pool never keeps the process alive; send() refs while a job runs
    worker.on("message", (reply: ReplyMessage | typeof READY) => {
      if (reply === READY) slot.ready = true;
      else this.onReply(slot, reply);
    });
    // Decide at 'exit', not 'error': Node delivers every message the worker posted (its "ready"
    // among them) before 'exit', but may deliver 'error' first, which made a worker that crashed
    // on a job look like one that never started.
    let crash: string | null = null;
    worker.on("error", (error) => (crash = `crashed (${error.message})`));
    worker.on("exit", (code) => this.onDeath(slot, crash ?? `exited with code ${code}`));
    this.slots.push(slot);
    return slot;
  }

  private onReply(slot: Slot, reply: ReplyMessage): void {
    const pending = slot.inFlight[0];
    if (slot.gone || !pending || pending.id !== reply.id) return;
    slot.inFlight.shift();
    if (slot.inFlight.length === 0) slot.worker.unref();
    if (reply.ok) pending.resolve(reply.outcome);
    else pending.reject(new Error(`${pending.job.name}: ${reply.error}`));
    this.dispatch();
  }

  /** Fails the dead worker's running job, queues the ones behind it again, and starts a replacement. */
  private onDeath(slot: Slot, how: string): void {
    if (slot.gone) return;
    slot.gone = true;
    const index = this.slots.indexOf(slot);
    if (index >= 0) this.slots.splice(index, 1);
    if (!slot.ready) {
      // A broken install or build: every replacement would die the same way, one job at a time.
      this.broken = `an extract worker ${how} while starting; the pool cannot run jobs`;
      for (const p of [...slot.inFlight.splice(0), ...this.takeQueue()]) p.reject(new Error(`${p.job.name}: ${this.broken}`));
      return;
    }
    const [running, ...waiting] = slot.inFlight.splice(0);
    if (running) running.reject(new Error(`${running.job.name}: the extract worker ${how} while reading this document`));
    // Not started, and sent as copies (see send): first in line again, in their order.
    this.queue.splice(this.queueHead, 0, ...waiting);
    if (!this.closed) this.dispatch();
  }
}

function startExtractWorker(data: WorkerData): Worker {
  return startWorker(import.meta.url, "extract-worker", data);
}
