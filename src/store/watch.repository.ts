// Watched sources, the items they listed and the history of their runs. Queries only: schedules,
// back-off and health rules live in services/watch.service.ts.
import type { Selectable } from "kysely";
import type { RunCounts, WatchKind, WatchRunView } from "../domain/watch.js";
import type { Executor } from "./executor.js";
import type { WatchItemsTable, WatchSourcesTable } from "./schema.js";

export type WatchSourceRow = Selectable<WatchSourcesTable>;

export interface NewWatchSource {
  id: string;
  url: string;
  kind: WatchKind;
  title: string | null;
  everySeconds: number;
  options: Record<string, unknown>;
  nextRunAt: string;
  createdBy: string;
  createdAt: string;
}

/** @example await insertWatchSource(db, { id: "ws-…", url: "https://example.org/feed.xml", kind: "rss", … }) */
export async function insertWatchSource(db: Executor, s: NewWatchSource): Promise<void> {
  await db
    .insertInto("watch_sources")
    .values({
      id: s.id, url: s.url, kind: s.kind, title: s.title, every_seconds: s.everySeconds, options: JSON.stringify(s.options),
      etag: null, last_modified: null, next_run_at: s.nextRunAt, failing_since: null, last_run_at: null, last_outcome: null,
      last_ok_at: null, last_new_at: null, last_error: null, last_error_at: null, last_counts: null, created_by: s.createdBy, created_at: s.createdAt,
    })
    .execute();
}

export async function watchSourceById(db: Executor, id: string): Promise<WatchSourceRow | null> {
  return (await db.selectFrom("watch_sources").selectAll().where("id", "=", id).executeTakeFirst()) ?? null;
}

export async function watchSourceByUrl(db: Executor, url: string): Promise<WatchSourceRow | null> {
  return (await db.selectFrom("watch_sources").selectAll().where("url", "=", url).executeTakeFirst()) ?? null;
}

export async function listWatchSources(db: Executor): Promise<WatchSourceRow[]> {
  return db.selectFrom("watch_sources").selectAll().orderBy("created_at").orderBy("id").execute();
}

/** Sources whose next run is due at `now`, the longest-waiting first. */
export async function dueWatchSources(db: Executor, now: string): Promise<WatchSourceRow[]> {
  return db.selectFrom("watch_sources").selectAll().where("next_run_at", "<=", now).orderBy("next_run_at").execute();
}

/** The earliest next run of any source, for the daemon's sleep. */
export async function nextWatchRunAt(db: Executor): Promise<string | null> {
  const r = await db.selectFrom("watch_sources").select((eb) => eb.fn.min("next_run_at").as("at")).executeTakeFirst();
  return (r?.at as string | null | undefined) ?? null;
}

export async function updateWatchSource(
  db: Executor,
  id: string,
  set: Partial<Omit<WatchSourceRow, "id" | "created_at" | "created_by">>,
): Promise<void> {
  await db.updateTable("watch_sources").set(set).where("id", "=", id).execute();
}

export async function deleteWatchSource(db: Executor, id: string): Promise<boolean> {
  const r = await db.deleteFrom("watch_sources").where("id", "=", id).executeTakeFirst();
  return Number(r.numDeletedRows) > 0;
}

/** What is remembered of these items of a source, by key. */
export async function watchItemsByKey(db: Executor, sourceId: string, keys: readonly string[]): Promise<Map<string, Selectable<WatchItemsTable>>> {
  const found = new Map<string, Selectable<WatchItemsTable>>();
  for (let i = 0; i < keys.length; i += 500) {
    const chunk = keys.slice(i, i + 500);
    const rows = await db.selectFrom("watch_items").selectAll().where("source_id", "=", sourceId).where("key", "in", chunk).execute();
    for (const r of rows) found.set(r.key, r);
  }
  return found;
}

export async function saveWatchItem(
  db: Executor,
  item: { sourceId: string; key: string; url: string | null; title: string | null; status: WatchItemsTable["status"]; documentId: string | null; error: string | null; seenAt: string },
): Promise<void> {
  const row = { url: item.url, title: item.title, status: item.status, document_id: item.documentId, error: item.error, seen_at: item.seenAt };
  await db
    .insertInto("watch_items")
    .values({ source_id: item.sourceId, key: item.key, ...row, attempts: 1 })
    .onConflict((oc) => oc.columns(["source_id", "key"]).doUpdateSet((eb) => ({ ...row, attempts: eb("watch_items.attempts", "+", 1) })))
    .execute();
}

export async function countWatchItems(db: Executor, sourceId: string): Promise<number> {
  const r = await db.selectFrom("watch_items").select((eb) => eb.fn.countAll<number>().as("n")).where("source_id", "=", sourceId).executeTakeFirstOrThrow();
  return Number(r.n);
}

export async function insertWatchRun(
  db: Executor,
  run: { sourceId: string; startedAt: string; finishedAt: string; outcome: "ok" | "not_modified" | "failed"; httpStatus: number | null; error: string | null; counts: RunCounts },
): Promise<void> {
  await db
    .insertInto("watch_runs")
    .values({ source_id: run.sourceId, started_at: run.startedAt, finished_at: run.finishedAt, outcome: run.outcome, http_status: run.httpStatus, error: run.error, counts: JSON.stringify(run.counts) })
    .execute();
}

/** The latest runs of a source, newest first. */
export async function recentWatchRuns(db: Executor, sourceId: string, limit: number): Promise<WatchRunView[]> {
  const rows = await db.selectFrom("watch_runs").selectAll().where("source_id", "=", sourceId).orderBy("id", "desc").limit(limit).execute();
  return rows.map((r) => ({
    id: r.id, sourceId: r.source_id, startedAt: r.started_at, finishedAt: r.finished_at, outcome: r.outcome,
    httpStatus: r.http_status, error: r.error, counts: JSON.parse(r.counts) as RunCounts,
  }));
}

/** How many of these projects were created at or after `since` (a run's start): the rest were joined. */
export async function countProjectsCreatedSince(db: Executor, ids: readonly string[], since: string): Promise<number> {
  let n = 0;
  for (let i = 0; i < ids.length; i += 500) {
    const r = await db.selectFrom("projects").select((eb) => eb.fn.countAll<number>().as("n")).where("id", "in", ids.slice(i, i + 500)).where("created_at", ">=", since).executeTakeFirstOrThrow();
    n += Number(r.n);
  }
  return n;
}
