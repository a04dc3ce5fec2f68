// The long-running scheduler behind `dsr watch daemon`: run what is due, hand the result on
// (news and alerts), sleep until the next source is due — never busy-waiting, waking at least once
// a minute for sources added meanwhile — and stop cleanly when the signal aborts.
import { nextWatchRunAt } from "../store/watch.repository.js";
import { type WatchDeps, type WatchRunSummary, runSources } from "./watch.service.js";

export interface DaemonOptions {
  signal: AbortSignal;
  /** After each pass (also when nothing was due: alert retries come due too). */
  afterPass: (summary: WatchRunSummary) => Promise<void>;
  onError: (error: unknown) => void;
  /** Resolves after `ms` or as soon as the signal aborts. */
  sleep?: (ms: number, signal: AbortSignal) => Promise<void>;
  /** The longest sleep between two passes. */
  maxSleepMs?: number;
}

export function abortableSleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal.aborted) return resolve();
    const done = () => {
      clearTimeout(timer);
      signal.removeEventListener("abort", done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    signal.addEventListener("abort", done, { once: true });
  });
}

/**
 * @example const stop = new AbortController(); process.on("SIGTERM", () => stop.abort()); await runDaemon(deps, { signal: stop.signal, afterPass, onError })
 */
export async function runDaemon(deps: WatchDeps, options: DaemonOptions): Promise<{ passes: number }> {
  const sleep = options.sleep ?? abortableSleep;
  const maxSleep = options.maxSleepMs ?? 60_000;
  const now = deps.now ?? (() => new Date());
  let passes = 0;
  while (!options.signal.aborted) {
    try {
      const summary = await runSources(deps, { signal: options.signal });
      passes++;
      if (!options.signal.aborted) await options.afterPass(summary);
    } catch (error) {
      options.onError(error);
    }
    if (options.signal.aborted) break;
    const next = await nextWatchRunAt(deps.app.store.db);
    const wait = next === null ? maxSleep : Math.min(maxSleep, Math.max(1000, Date.parse(next) - now().getTime()));
    await sleep(wait, options.signal);
  }
  return { passes };
}
