// The entry of an extract-pool worker thread: runs jobs one at a time and posts each outcome back
// under the job's id. An exception from a job is that job's error; the worker lives on.
import { parentPort, workerData } from "node:worker_threads";
import { type JobMessage, READY, type ReplyMessage, type WorkerData, processDocument } from "./extract-pool.js";

if (parentPort === null) throw new Error("extract-worker.js is the entry of a worker thread, not a module to import");
const port = parentPort;
const { faults } = workerData as WorkerData;
if (faults.failStart) throw new Error("test failure while starting");

/** Jobs run one at a time, in the order sent: the pool takes the oldest unanswered job to be the running one. */
const backlog: JobMessage[] = [];
let draining = false;

port.on("message", (message: JobMessage) => {
  backlog.push(message);
  if (!draining) void drain();
});

async function drain(): Promise<void> {
  draining = true;
  for (let message = backlog.shift(); message; message = backlog.shift()) {
    const { name } = message.job;
    if (name === faults.crashOn) {
      setImmediate(() => {
        throw new Error(`test crash on ${name}`);
      });
      return;
    }
    if (name === faults.exitOn) process.exit(3);
    await handle(message);
  }
  draining = false;
}

/** Never rejects: every job gets exactly one reply. */
async function handle({ id, job }: JobMessage): Promise<void> {
  let reply: ReplyMessage;
  try {
    if (job.name === faults.throwOn) throw new Error(`test failure on ${job.name}`);
    reply = { id, ok: true, outcome: await processDocument(job) };
  } catch (error) {
    reply = { id, ok: false, error: `extraction failed: ${describe(error)}` };
  }
  try {
    port.postMessage(reply);
  } catch (error) {
    // An outcome that cannot be cloned is a bug in a reader; report it on the job, not as a crash.
    port.postMessage({ id, ok: false, error: `its outcome cannot be sent back (${describe(error)})` } satisfies ReplyMessage);
  }
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

port.postMessage(READY);
