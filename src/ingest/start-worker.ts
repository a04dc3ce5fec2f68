// Starts a worker thread on a module beside the caller, compiled (dist/, plain node) or
// TypeScript (src/, under tsx). Node 20 runs a worker's `--import tsx` preload, but tsx's hooks do
// not reach the worker's own entry (privatenumber/tsx#354), so under tsx the worker registers tsx
// itself first.
import { Worker } from "node:worker_threads";

/**
 * @example startWorker(import.meta.url, "extract-worker", { threads: 2 })
 */
export function startWorker(callerUrl: string, entry: string, workerData: unknown): Worker {
  // A worker inherits the parent's node flags, but `--input-type` (from `node --input-type=module
  // -e …`) is refused in a worker whose entry is a file.
  const execArgv = process.execArgv.filter((flag, i, all) => !flag.startsWith("--input-type") && all[i - 1] !== "--input-type");
  if (!callerUrl.endsWith(".ts")) return new Worker(new URL(`./${entry}.js`, callerUrl), { workerData, execArgv });
  const tsx = import.meta.resolve("tsx/esm/api");
  const url = new URL(`./${entry}.ts`, callerUrl).href;
  const boot = `import(${JSON.stringify(tsx)}).then((api) => { api.register(); return import(${JSON.stringify(url)}); });`;
  return new Worker(boot, { eval: true, workerData, execArgv });
}
