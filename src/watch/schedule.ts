// Schedule arithmetic: "6h" into seconds, when a source runs next after a success, and the
// back-off after failures (exponential, capped, reset by a success). Pure.
import { UsageError } from "../domain/errors.js";

const UNITS: Record<string, number> = { s: 1, m: 60, h: 3600, d: 86_400, w: 604_800 };
/** Nothing is polled more often than this: politeness towards the sites we read. */
export const MIN_EVERY_SECONDS = 5 * 60;
export const DEFAULT_EVERY_SECONDS = 6 * 3600;

/**
 * "90m", "6h", "1d", "2w" (or a number of seconds) into seconds; at least 5 minutes.
 * @example parseEvery("6h") // 21600
 */
export function parseEvery(value: string): number {
  const m = /^\s*(\d+(?:\.\d+)?)\s*([smhdw]?)\s*$/i.exec(value);
  if (!m) throw new UsageError(`--every must be a duration like 30m, 6h, 1d or 1w, got "${value}"`);
  const seconds = Math.round(Number(m[1]) * (UNITS[(m[2] || "s").toLowerCase()] ?? 1));
  if (seconds < MIN_EVERY_SECONDS) throw new UsageError(`--every must be at least 5m (sources are polled politely), got "${value}"`);
  return seconds;
}

/** Seconds as the shortest exact unit: 21600 → "6h". */
export function formatEvery(seconds: number): string {
  for (const [unit, size] of [["w", 604_800], ["d", 86_400], ["h", 3600], ["m", 60]] as const) {
    if (seconds % size === 0) return `${seconds / size}${unit}`;
  }
  return `${seconds}s`;
}

/**
 * Seconds to wait after the n-th consecutive failure: from min(every, 30 min), doubling, capped at
 * max(every, 1 day) — a flaky feed is retried soon, a dead one about daily, never hammered.
 * @example backoffSeconds(1, 21600) // 1800; backoffSeconds(10, 21600) // 86400
 */
export function backoffSeconds(failures: number, everySeconds: number): number {
  const base = Math.min(everySeconds, 1800);
  const cap = Math.max(everySeconds, 86_400);
  return Math.min(cap, base * 2 ** Math.max(0, Math.min(failures - 1, 30)));
}

export const addSeconds = (iso: string, seconds: number): string => new Date(Date.parse(iso) + seconds * 1000).toISOString();
