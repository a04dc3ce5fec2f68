// Keeps a ProjectIndex (domain/project-index.ts) in step with the store for a long-running
// reader — the API server — so lists, totals and grouped counts at a million projects cost a pass
// over memory instead of reads across the tables. Built in the background from the projects,
// their parties and their search rows; before answering, it reads the change log (migration 010)
// past what it has seen and reloads those projects, whichever process changed them.
import { sql } from "kysely";
import { type IndexConditions, type IndexedParty, type IndexedProject, ProjectIndex } from "../domain/project-index.js";
import { dialectOf } from "./dialect.js";
import type { Executor } from "./executor.js";
import { KEPT_PROJECT_CHANGES } from "./project-changes.js";
import { projectsFtsQuery, searchRowMatch, tsQuery } from "./fts-match.js";

/** Projects read per query while building, between which other requests are served. */
const CHUNK = 5_000;
/** More changes than this since the index last looked: build it again rather than catch up (the log keeps twice as many). */
const REBUILD_AFTER = KEPT_PROJECT_CHANGES / 2;

interface Live {
  index: ProjectIndex | null;
  /** The last change the index holds. */
  seen: number;
  building: Promise<void> | null;
  catchingUp: Promise<void> | null;
  error: Error | null;
  /** Told of a failed build (the first one or a retry). */
  onError: (err: Error) => void;
  /** Recent text matches by their terms, valid while no project changed (paging, facets on one search). */
  texts: Map<string, { seen: number; keys: Float64Array }>;
}

/** Text matches remembered per store (each is 8 bytes a matching project). */
const TEXT_CACHE_ENTRIES = 16;

const live = new WeakMap<Executor, Live>();

/**
 * Starts keeping an index for this store (the API server calls it once). Until it is built,
 * queries go to SQL as before; a failed build is reported by `onError` and retried on the next
 * query, so the server never depends on it.
 */
export function keepProjectIndex(db: Executor, onError: (err: Error) => void = () => {}): void {
  if (live.has(db)) return;
  const state: Live = { index: null, seen: 0, building: null, catchingUp: null, error: null, onError, texts: new Map() };
  live.set(db, state);
  startBuild(db, state);
}

/** Resolves once the index kept for this store is built (or its build failed); at once when none is kept. */
export async function projectIndexBuilt(db: Executor): Promise<boolean> {
  const state = live.get(db);
  if (state?.building) await state.building;
  return Boolean(state?.index);
}

/** What /api/health says of the index: off (none kept), building, or ready with its size. */
export function projectIndexState(db: Executor): { state: "off" | "building" | "ready" | "failed"; projects: number | null } {
  const state = live.get(db);
  if (!state) return { state: "off", projects: null };
  if (state.index) return { state: "ready", projects: state.index.size };
  return { state: state.error && !state.building ? "failed" : "building", projects: null };
}

/** Stops keeping the index (the server closing); later queries go to SQL. */
export function dropProjectIndex(db: Executor): void {
  live.delete(db);
}

function startBuild(db: Executor, state: Live): void {
  state.building = build(db)
    .then(({ index, seen }) => {
      if (live.get(db) !== state) return;
      state.index = index;
      state.seen = seen;
      state.error = null;
    })
    .catch((err: unknown) => {
      state.error = err as Error;
      state.onError(err as Error);
    })
    .finally(() => {
      state.building = null;
    });
}

/**
 * The index, caught up with every committed change — or null when none is kept for this store,
 * it is still being built, or `db` is a transaction (whose uncommitted writes the index must not
 * take in).
 */
export async function projectIndexOf(db: Executor): Promise<ProjectIndex | null> {
  if (db.isTransaction) return null;
  const state = live.get(db);
  if (!state?.index) {
    if (state && !state.building && state.error) startBuild(db, state);
    return null;
  }
  // One catch-up at a time: concurrent requests wait for the same one.
  for (;;) {
    if (state.catchingUp) {
      await state.catchingUp;
      continue;
    }
    const last = await lastChange(db);
    if (state.catchingUp) continue;
    const index = state.index;
    if (!index || live.get(db) !== state) return null;
    if (last <= state.seen) return index;
    if (last - state.seen > REBUILD_AFTER) {
      // So many changes (a large import meanwhile): build afresh in the background, SQL until then.
      state.index = null;
      if (!state.building) startBuild(db, state);
      return null;
    }
    state.catchingUp = catchUp(db, state, index).finally(() => {
      state.catchingUp = null;
    });
  }
}

async function lastChange(db: Executor): Promise<number> {
  const row = await db.selectFrom("project_changes").select((eb) => eb.fn.max("id").as("last")).executeTakeFirst();
  return Number(row?.last ?? 0);
}

async function catchUp(db: Executor, state: Live, index: ProjectIndex): Promise<void> {
  const changes = await db.selectFrom("project_changes").select(["id", "project_id"]).where("id", ">", state.seen).orderBy("id").execute();
  if (!changes.length) return;
  const ids = [...new Set(changes.map((c) => c.project_id))];
  const upserts: IndexedProject[] = [];
  for (let i = 0; i < ids.length; i += 500) upserts.push(...(await projectsWithIds(db, ids.slice(i, i + 500))));
  const found = new Set(upserts.map((p) => p.id));
  index.apply({ upserts, removals: ids.filter((id) => !found.has(id)) });
  state.seen = Number(changes.at(-1)?.id ?? state.seen);
}

/** Reads everything the index holds, a chunk at a time; the change number is read first. */
async function build(db: Executor): Promise<{ index: ProjectIndex; seen: number }> {
  // Changes after this number are caught up on later, so rows read after a change are never lost.
  const seen = await lastChange(db);
  const keys = await textKeysOfAll(db);
  const index = new ProjectIndex();
  index.startBulk();
  let after = "";
  for (;;) {
    const rows = await projectRows(db).where("p.id", ">", after).orderBy("p.id").limit(CHUNK).execute();
    if (!rows.length) break;
    const last = rows.at(-1)?.id as string;
    const parties = await partyRows(db).where("project_id", ">", after).where("project_id", "<=", last).execute();
    for (const p of assemble(rows, parties)) index.upsert({ ...p, textKey: keys.get(p.id) ?? null });
    after = last;
    await new Promise((resolve) => setImmediate(resolve));
  }
  index.finishBulk();
  return { index, seen };
}

function projectRows(db: Executor) {
  return db
    .selectFrom("projects as p")
    .select(["p.id", "p.title", "p.country", "p.subdivision", "p.category", "p.mechanism", "p.shown_status", "p.review_state", "p.year", "p.amount_usd", "p.updated_at"]);
}

function partyRows(db: Executor) {
  return db.selectFrom("project_parties").select(["project_id", "role", "organization_id", "name"]);
}

type ProjectRow = Awaited<ReturnType<ReturnType<typeof projectRows>["execute"]>>[number];

function assemble(rows: readonly ProjectRow[], parties: readonly { project_id: string; role: string; organization_id: string | null; name: string }[]): IndexedProject[] {
  const byProject = new Map<string, IndexedParty[]>();
  for (const p of parties) {
    let list = byProject.get(p.project_id);
    if (!list) byProject.set(p.project_id, (list = []));
    list.push({ role: p.role, organizationId: p.organization_id, name: p.name });
  }
  return rows.map((r) => ({
    id: r.id,
    title: r.title,
    country: r.country,
    subdivision: r.subdivision,
    category: r.category,
    mechanism: r.mechanism,
    status: r.shown_status,
    reviewState: r.review_state,
    year: r.year === null ? null : Number(r.year),
    amountUsd: r.amount_usd === null ? null : Number(r.amount_usd),
    updatedAt: r.updated_at,
    textKey: null,
    parties: byProject.get(r.id) ?? [],
  }));
}

async function projectsWithIds(db: Executor, ids: readonly string[]): Promise<IndexedProject[]> {
  if (!ids.length) return [];
  const rows = await projectRows(db).where("p.id", "in", ids).execute();
  const parties = await partyRows(db).where("project_id", "in", ids).execute();
  const projects = assemble(rows, parties);
  const keys = await textKeysOfIds(db, ids);
  for (const p of projects) p.textKey = keys.get(p.id) ?? null;
  return projects;
}

/** Each project's search row number: SQLite's FTS rowid, PostgreSQL's `rid`. */
async function textKeysOfAll(db: Executor): Promise<Map<string, number>> {
  const rows =
    dialectOf(db) === "postgres"
      ? (await sql<{ key: string; project_id: string }>`select rid as key, project_id from projects_fts`.execute(db)).rows
      : (await sql<{ key: number; project_id: string }>`select rowid as key, project_id from projects_fts`.execute(db)).rows;
  return new Map(rows.map((r) => [r.project_id, Number(r.key)]));
}

async function textKeysOfIds(db: Executor, ids: readonly string[]): Promise<Map<string, number>> {
  if (dialectOf(db) === "postgres") {
    const rows = await sql<{ key: string; project_id: string }>`select rid as key, project_id from projects_fts where project_id in (${sql.join(ids)})`.execute(db);
    return new Map(rows.rows.map((r) => [r.project_id, Number(r.key)]));
  }
  // The FTS table is found by the rarest word of the id, then checked exactly (as deleteSearchRow).
  const out = new Map<string, number>();
  for (const id of ids) {
    const match = searchRowMatch(id);
    if (!match) continue;
    const row = await sql<{ key: number }>`select rowid as key from projects_fts where projects_fts match ${match} and project_id = ${id}`.execute(db);
    const key = row.rows[0]?.key;
    if (key !== undefined) out.set(id, Number(key));
  }
  return out;
}

/** The search-row numbers matching these terms, as one comma-joined answer parsed here (a row per match cost more). */
async function textKeysMatching(db: Executor, terms: readonly (readonly string[])[]): Promise<Float64Array> {
  const joined =
    dialectOf(db) === "postgres"
      ? (await sql<{ keys: string | null }>`select string_agg(rid::text, ',') as keys from projects_fts where tsv @@ ${tsQuery(terms)}`.execute(db)).rows[0]?.keys
      : (await sql<{ keys: string | null }>`select group_concat(rowid) as keys from projects_fts where projects_fts match ${projectsFtsQuery(terms)}`.execute(db)).rows[0]?.keys;
  return parseNumberList(joined ?? "");
}

function parseNumberList(text: string): Float64Array {
  if (!text) return new Float64Array(0);
  let n = 1;
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) === 44) n++;
  const out = new Float64Array(n);
  let k = 0;
  let value = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 44) {
      out[k++] = value;
      value = 0;
    } else value = value * 10 + (c - 48);
  }
  out[k] = value;
  return out;
}

/** The index's conditions for the store's; text terms become the matching search rows. */
export async function indexConditions(
  db: Executor,
  f: Omit<IndexConditions, "textKeys"> & { terms?: readonly (readonly string[])[] | undefined },
): Promise<IndexConditions> {
  const { terms, ...rest } = f;
  if (!terms?.length) return rest;
  const state = live.get(db);
  const key = JSON.stringify(terms);
  const hit = state?.texts.get(key);
  if (state && hit && hit.seen === state.seen) {
    state.texts.delete(key);
    state.texts.set(key, hit);
    return { ...rest, textKeys: hit.keys };
  }
  const seen = state?.seen;
  const keys = await textKeysMatching(db, terms);
  if (state && seen === state.seen) {
    state.texts.delete(key);
    state.texts.set(key, { seen: state.seen, keys });
    if (state.texts.size > TEXT_CACHE_ENTRIES) state.texts.delete(state.texts.keys().next().value as string);
  }
  return { ...rest, textKeys: keys };
}
