// Worker thread: reads an OCDS file and runs the prefilter, sending the main thread batches of
// what to store and counts of what was dropped. It waits when the main thread falls behind, so
// memory stays bounded whatever the file's size.
import { parentPort, workerData } from "node:worker_threads";
import type { OcdsOptions } from "./ocds.js";
import { ocdsItems } from "./ocds-source.js";
import { OcdsPrefilter, type PrefilterEntry } from "./ocds-prefilter.js";

export interface PrefilterWorkerData {
  path: string;
  known: string[];
  options: OcdsOptions;
  /** Items an earlier run finished: passed over unread. */
  resumeFrom: number;
}

export type PrefilterMessage =
  | { type: "batch"; entries: PrefilterEntry[]; bytes: number }
  | { type: "done"; bytes: number }
  | { type: "fatal"; message: string; name: string };

const BATCH_ENTRIES = 512;
const MAX_OUTSTANDING = 4;

async function run(port: NonNullable<typeof parentPort>, data: PrefilterWorkerData): Promise<void> {
  let outstanding = 0;
  let wake: (() => void) | null = null;
  port.on("message", (m: { type: string }) => {
    if (m.type === "ack") {
      outstanding--;
      wake?.();
      wake = null;
    }
  });
  const progress = { bytes: 0 };
  const filter = new OcdsPrefilter(new Set(data.known), data.options);
  let entries: PrefilterEntry[] = [];
  const send = async () => {
    if (!entries.length) return;
    while (outstanding >= MAX_OUTSTANDING) await new Promise<void>((r) => (wake = r));
    outstanding++;
    port.postMessage({ type: "batch", entries, bytes: progress.bytes } satisfies PrefilterMessage);
    entries = [];
  };
  const push = (e: PrefilterEntry) => {
    const last = entries.at(-1);
    // Runs of drops for one reason travel as one count.
    if (e.kind === "skip" && last?.kind === "skip" && last.reason === e.reason) last.count += e.count;
    else entries.push(e);
  };
  let position = 0;
  const onError = (e: { at: number; error: string }) => {
    // An unreadable line is an item too, so positions agree with the main thread's.
    if (++position > data.resumeFrom) push({ kind: "error", row: e.at, error: e.error });
  };
  for await (const item of ocdsItems(data.path, { progress, onError })) {
    position++;
    if (position <= data.resumeFrom) continue;
    push(filter.take(item));
    if (entries.length >= BATCH_ENTRIES) await send();
  }
  await send();
  port.postMessage({ type: "done", bytes: progress.bytes } satisfies PrefilterMessage);
}

if (parentPort) {
  const port = parentPort;
  run(port, workerData as PrefilterWorkerData).catch((err: Error) => port.postMessage({ type: "fatal", message: err.message, name: err.name } satisfies PrefilterMessage));
}
