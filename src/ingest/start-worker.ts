// Starts a worker thread on a module beside the caller, compiled (dist/, plain node) or
// TypeScript (src/, under tsx). Node 20 runs a worker's `--import tsx` preload, but tsx's hooks do
// not reach the worker's own entry (privatenumber/tsx#354), so under tsx the worker registers tsx
// itself first.
import { type ResourceLimits, Worker } from "node:worker_threads";

/**
 * @example startWorker(import.meta.url, "extract-worker", { threads: 2 })
 */
export function startWorker(callerUrl: string, entry: string, workerData: unknown, resourceLimits?: ResourceLimits): Worker {
  // A worker inherits the parent's node flags, but `--input-type` (from `node --input-type=module
  // -e …`) is refused in a worker whose entry is a file.
  // Only the loader flags (tsx's --import, --require, --conditions…) go on: a worker refuses
  // process-wide ones such as --max-old-space-size (ERR_WORKER_INVALID_EXEC_ARGV).
  const execArgv = workerExecArgv(process.execArgv);
  const limits = resourceLimits ? { resourceLimits } : {};
  if (!callerUrl.endsWith(".ts")) return new Worker(new URL(`./${entry}.js`, callerUrl), { workerData, execArgv, ...limits });
  const tsx = import.meta.resolve("tsx/esm/api");
  const url = new URL(`./${entry}.ts`, callerUrl).href;
  const boot = `import(${JSON.stringify(tsx)}).then((api) => { api.register(); return import(${JSON.stringify(url)}); });`;
  return new Worker(boot, { eval: true, workerData, execArgv, ...limits });
}

const WORKER_FLAGS = /^(--import|--require|-r|--loader|--experimental-loader|--conditions|-C|--enable-source-maps|--no-warnings|--experimental-[a-z-]+)(=|$)/;

/** The parent's flags a worker accepts and needs, each with its value when given separately. */
export function workerExecArgv(argv: readonly string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const flag = argv[i] as string;
    if (flag.startsWith("--input-type")) {
      if (!flag.includes("=")) i++;
      continue;
    }
    const m = WORKER_FLAGS.exec(flag);
    if (!m) {
      // A flag we drop may take its value as the next argument ("--max-old-space-size 100").
      if (!flag.includes("=") && argv[i + 1] !== undefined && !(argv[i + 1] as string).startsWith("-")) i++;
      continue;
    }
    out.push(flag);
    if (m[2] === "" && /^(--import|--require|-r|--loader|--experimental-loader|--conditions|-C)$/.test(flag) && argv[i + 1] !== undefined) out.push(argv[++i] as string);
  }
  return out;
}
