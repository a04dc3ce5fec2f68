// A watched source's health in one word and one sentence, from what its runs recorded. Pure.
// The point: a feed that went dark (Colombia's and Argentina's procurement feeds, for months) must
// read "failing since March" or "nothing new for 94 days", never look like a quiet week.
import type { HealthState } from "../domain/watch.js";

export interface HealthInput {
  lastRunAt: string | null;
  nextRunAt: string;
  failures: number;
  failingSince: string | null;
  lastOkAt: string | null;
  lastNewAt: string | null;
  lastError: string | null;
  everySeconds: number;
  createdAt: string;
}

const DAY = 86_400_000;

/** "3 hours", "12 days": how long ago, in the largest whole unit. */
export function ago(fromIso: string, now: Date): string {
  const ms = Math.max(0, now.getTime() - Date.parse(fromIso));
  for (const [unit, size] of [["day", DAY], ["hour", 3_600_000], ["minute", 60_000]] as const) {
    const n = Math.floor(ms / size);
    if (n >= 1) return `${n} ${unit}${n === 1 ? "" : "s"}`;
  }
  return "moments";
}

/** A source is quiet when nothing new came for this long: a week, or four of its periods if longer. */
export const quietAfterMs = (everySeconds: number): number => Math.max(7 * DAY, 4 * everySeconds * 1000);

/**
 * @example healthOf({ failures: 3, failingSince: "2026-03-01T…", lastError: "HTTP 503", … }, now) // { health: "failing", note: "failing since 2026-03-01 (3 runs in a row): HTTP 503; last worked 94 days ago" }
 */
export function healthOf(s: HealthInput, now: Date): { health: HealthState; note: string } {
  if (s.lastRunAt === null) return { health: "never_run", note: `not run yet; first run due ${s.nextRunAt.slice(0, 16).replace("T", " ")}` };
  if (s.failures > 0) {
    const since = s.failingSince ? ` since ${s.failingSince.slice(0, 10)}` : "";
    const worked = s.lastOkAt ? `last worked ${ago(s.lastOkAt, now)} ago` : "never worked";
    return { health: "failing", note: `failing${since} (${s.failures} run${s.failures === 1 ? "" : "s"} in a row): ${s.lastError ?? "unknown error"}; ${worked}; retrying ${s.nextRunAt.slice(0, 16).replace("T", " ")}` };
  }
  const quietFor = quietAfterMs(s.everySeconds);
  const newest = s.lastNewAt ?? null;
  if (newest === null) {
    if (now.getTime() - Date.parse(s.createdAt) >= quietFor) return { health: "quiet", note: `answers, but has never brought a new item in ${ago(s.createdAt, now)}` };
    return { health: "ok", note: "answers; nothing new yet" };
  }
  if (now.getTime() - Date.parse(newest) >= quietFor) return { health: "quiet", note: `answers, but nothing new for ${ago(newest, now)} (since ${newest.slice(0, 10)})` };
  return { health: "ok", note: `last new item ${ago(newest, now)} ago` };
}
