// Imported records and import runs: what a structured source already gave (by key, with a hash of
// its content) and how far each import got. Queries only.
import { CompiledQuery } from "kysely";
import { dialectOf } from "./dialect.js";
import type { Executor } from "./executor.js";
import { nowIso } from "./executor.js";

export interface ImportedRecordRow {
  documentId: string;
  contentHash: string;
  /** Source data kept for merging later parts (OCDS), parsed. */
  data: unknown;
}

export async function importedRecord(db: Executor, key: string): Promise<ImportedRecordRow | null> {
  // Asked once per imported row (a million times for a big feed): a compiled query, not a built one.
  const r = (await db.executeQuery<{ document_id: string; content_hash: string; data: string | null }>(CompiledQuery.raw(`select document_id, content_hash, data from imported_records where key = ${dialectOf(db) === "postgres" ? "$1" : "?"}`, [key]))).rows[0];
  return r ? { documentId: r.document_id, contentHash: r.content_hash, data: r.data === null ? null : JSON.parse(r.data) } : null;
}

export async function saveImportedRecord(
  db: Executor,
  r: { key: string; origin: string; documentId: string; contentHash: string; data: unknown; runId: string },
): Promise<void> {
  const row = {
    origin: r.origin,
    document_id: r.documentId,
    content_hash: r.contentHash,
    data: r.data === undefined || r.data === null ? null : JSON.stringify(r.data),
    run_id: r.runId,
    updated_at: nowIso(),
  };
  await db.insertInto("imported_records").values({ key: r.key, ...row }).onConflict((oc) => oc.column("key").doUpdateSet(row)).execute();
}

export interface ImportRun {
  id: string;
  kind: string;
  source: string;
  status: "running" | "done" | "failed" | "interrupted";
  position: number;
  counts: Record<string, unknown>;
  error: string | null;
  startedAt: string;
  finishedAt: string | null;
}

type RunRow = { id: string; kind: string; source: string; status: ImportRun["status"]; position: number; counts: string; error: string | null; started_at: string; finished_at: string | null };
const toRun = (r: RunRow): ImportRun => ({
  id: r.id, kind: r.kind, source: r.source, status: r.status, position: r.position,
  counts: JSON.parse(r.counts) as Record<string, unknown>, error: r.error, startedAt: r.started_at, finishedAt: r.finished_at,
});
const RUN_COLUMNS = ["id", "kind", "source", "status", "position", "counts", "error", "started_at", "finished_at"] as const;

/** The newest run of this import that did not finish (a crash leaves it "running"), to resume. */
export async function unfinishedRun(db: Executor, kind: string, identity: string): Promise<ImportRun | null> {
  const r = await db
    .selectFrom("import_runs")
    .select([...RUN_COLUMNS])
    .where("kind", "=", kind)
    .where("source_identity", "=", identity)
    .orderBy("started_at", "desc")
    .orderBy("id", "desc")
    .executeTakeFirst();
  return r && r.status !== "done" ? toRun(r) : null;
}

export async function startRun(db: Executor, run: { id: string; kind: string; source: string; identity: string; options: unknown; position: number }): Promise<void> {
  await db
    .insertInto("import_runs")
    .values({ id: run.id, kind: run.kind, source: run.source, source_identity: run.identity, options: JSON.stringify(run.options ?? {}), status: "running", position: run.position, counts: "{}", started_at: nowIso() })
    .execute();
}

export async function saveRunProgress(db: Executor, id: string, position: number, counts: unknown): Promise<void> {
  await db.updateTable("import_runs").set({ position, counts: JSON.stringify(counts) }).where("id", "=", id).execute();
}

export async function finishRun(db: Executor, id: string, status: ImportRun["status"], position: number, counts: unknown, error: string | null): Promise<void> {
  await db.updateTable("import_runs").set({ status, position, counts: JSON.stringify(counts), error, finished_at: nowIso() }).where("id", "=", id).execute();
}

/** Every key stored for one origin ("ocds"), to tell at once whether a release's process is known. */
export async function importedKeys(db: Executor, origin: string): Promise<Set<string>> {
  return new Set((await db.selectFrom("imported_records").select("key").where("origin", "=", origin).execute()).map((r) => r.key));
}
