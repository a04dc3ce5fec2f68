// Saved searches, the claims that are news to them, and the alerts they produced with each
// channel's delivery state. Queries only: what counts as news lives in saved-search.service.ts.
import { type Selectable, sql } from "kysely";
import type { AlertClaim } from "../domain/watch.js";
import type { Executor } from "./executor.js";
import type { AlertsTable, DeliveryState, SavedSearchesTable } from "./schema.js";

export type SavedSearchRow = Selectable<SavedSearchesTable>;
export type AlertRow = Selectable<AlertsTable>;
export type Channel = "webhook" | "email";

export async function insertSavedSearch(db: Executor, row: SavedSearchRow): Promise<void> {
  await db.insertInto("saved_searches").values(row).execute();
}

/** By id, or by name when no id matches. */
export async function savedSearchByIdOrName(db: Executor, idOrName: string): Promise<SavedSearchRow | null> {
  const byId = await db.selectFrom("saved_searches").selectAll().where("id", "=", idOrName).executeTakeFirst();
  return byId ?? (await db.selectFrom("saved_searches").selectAll().where("name", "=", idOrName).executeTakeFirst()) ?? null;
}

export async function listSavedSearches(db: Executor): Promise<SavedSearchRow[]> {
  return db.selectFrom("saved_searches").selectAll().orderBy("name").execute();
}

export async function updateSavedSearch(db: Executor, id: string, set: Partial<Omit<SavedSearchRow, "id">>): Promise<void> {
  await db.updateTable("saved_searches").set(set).where("id", "=", id).execute();
}

export async function deleteSavedSearch(db: Executor, id: string): Promise<boolean> {
  const r = await db.deleteFrom("saved_searches").where("id", "=", id).executeTakeFirst();
  return Number(r.numDeletedRows) > 0;
}

/** The largest claim id so far (0 on an empty database): a search's news starts after it. */
export async function maxClaimId(db: Executor): Promise<number> {
  const r = await db.selectFrom("claims").select((eb) => eb.fn.max("id").as("id")).executeTakeFirst();
  return Number(r?.id ?? 0);
}

/** Projects with a claim whose id is in (after, upTo]. */
export async function projectsWithClaimsBetween(db: Executor, after: number, upTo: number): Promise<string[]> {
  const rows = await db.selectFrom("claims").select("project_id").distinct().where("id", ">", after).where("id", "<=", upTo).execute();
  return rows.map((r) => r.project_id);
}

/** A project's claims in (after, upTo], with their sources, oldest first. */
export async function claimsBetween(db: Executor, projectId: string, after: number, upTo: number): Promise<AlertClaim[]> {
  const rows = await db
    .selectFrom("claims")
    .innerJoin("documents", "documents.id", "claims.document_id")
    .select(["claims.id", "claims.field", "claims.value", "claims.evidence_text", "documents.id as document_id", "documents.title", "documents.url", "documents.citation"])
    .where("claims.project_id", "=", projectId)
    .where("claims.id", ">", after)
    .where("claims.id", "<=", upTo)
    .orderBy("claims.id")
    .execute();
  return rows.map((r) => ({
    id: r.id, field: r.field, value: JSON.parse(r.value) as unknown, quote: r.evidence_text,
    document: { id: r.document_id, title: r.title, url: r.url, citation: r.citation },
  }));
}

/** The smallest claim id of a project: above the cursor, the whole project is news. */
export async function firstClaimId(db: Executor, projectId: string): Promise<number | null> {
  const r = await db.selectFrom("claims").select((eb) => eb.fn.min("id").as("id")).where("project_id", "=", projectId).executeTakeFirst();
  return r?.id === null || r?.id === undefined ? null : Number(r.id);
}

export async function insertAlert(db: Executor, row: Omit<AlertRow, "webhook_attempts" | "email_attempts">): Promise<void> {
  await db.insertInto("alerts").values({ ...row, webhook_attempts: 0, email_attempts: 0 }).execute();
}

export async function alertsOf(db: Executor, searchId: string, page: { limit: number; offset: number }): Promise<{ items: AlertRow[]; total: number }> {
  const items = await db.selectFrom("alerts").selectAll().where("search_id", "=", searchId).orderBy("created_at", "desc").orderBy("id", "desc").limit(page.limit).offset(page.offset).execute();
  const total = await db.selectFrom("alerts").select((eb) => eb.fn.countAll<number>().as("n")).where("search_id", "=", searchId).executeTakeFirstOrThrow();
  return { items, total: Number(total.n) };
}

export async function alertCounts(db: Executor, searchId: string): Promise<{ total: number; pending: number }> {
  const r = await db
    .selectFrom("alerts")
    .select((eb) => [
      eb.fn.countAll<number>().as("total"),
      eb.fn.sum<number>(sql`case when webhook_state = 'pending' or email_state = 'pending' then 1 else 0 end`).as("pending"),
    ])
    .where("search_id", "=", searchId)
    .executeTakeFirstOrThrow();
  return { total: Number(r.total), pending: Number(r.pending ?? 0) };
}

/** A search's alerts waiting on a channel whose retry time has come, oldest first. */
export async function pendingAlerts(db: Executor, searchId: string, channel: Channel, now: string, limit: number): Promise<AlertRow[]> {
  const state = channel === "webhook" ? "webhook_state" : "email_state";
  const next = channel === "webhook" ? "webhook_next_at" : "email_next_at";
  return db
    .selectFrom("alerts")
    .selectAll()
    .where("search_id", "=", searchId)
    .where(state, "=", "pending")
    .where((eb) => eb.or([eb(next, "is", null), eb(next, "<=", now)]))
    .orderBy("created_at")
    .orderBy("id")
    .limit(limit)
    .execute();
}

export async function markDelivery(
  db: Executor,
  ids: readonly string[],
  channel: Channel,
  set: { state: DeliveryState; nextAt: string | null; error: string | null; countAttempt: boolean },
): Promise<void> {
  if (ids.length === 0) return;
  const column = channel === "webhook" ? "webhook_attempts" : "email_attempts";
  const attempts = set.countAttempt ? sql<number>`${sql.ref(column)} + 1` : sql<number>`${sql.ref(column)}`;
  const values =
    channel === "webhook"
      ? { webhook_state: set.state, webhook_next_at: set.nextAt, webhook_error: set.error, webhook_attempts: attempts }
      : { email_state: set.state, email_next_at: set.nextAt, email_error: set.error, email_attempts: attempts };
  await db
    .updateTable("alerts")
    .set(values)
    .where("id", "in", [...ids])
    .execute();
}
