// Review of machine-made projects: accept (the shown values become verified claims), reject,
// merge two projects that are one deal, split off what one source says, and edit a field. Every
// change is one transaction with an audit event saying who, when, before and after.
import { type FieldName, FieldNameSchema, parseFieldValue, resolveClaims } from "../domain/claims.js";
import { NotFoundError, UsageError } from "../domain/errors.js";
import type { FxTable } from "../domain/money.js";
import type { ProjectSummary } from "../domain/project.js";
import { ProcurementRoute } from "../domain/vocabulary.js";
import { recordAudit } from "../store/audit.repository.js";
import { upsertDocument } from "../store/document.repository.js";
import { type Executor, inTransaction, nowIso } from "../store/executor.js";
import { claimsOf, countClaims, deleteProject, insertClaims, projectRecord, upsertProjectRecord } from "../store/project.repository.js";
import { newNoteId, newProjectId } from "./ids.js";
import { refreshProject } from "./projects.service.js";

export const USER_ORIGIN = "user";

async function requireProject(db: Executor, id: string) {
  const record = await projectRecord(db, id);
  if (!record) throw new NotFoundError(`no project with id "${id}"; list candidates with \`dsr review\``);
  return record;
}

async function shownSummary(db: Executor, id: string): Promise<ProjectSummary> {
  const row = await db.selectFrom("projects").select("summary").where("id", "=", id).executeTakeFirstOrThrow();
  return JSON.parse(row.summary) as ProjectSummary;
}

/** Marks a project verified and confirms the claims behind each shown value. */
export async function acceptProject(db: Executor, fx: FxTable, id: string, actor: string): Promise<ProjectSummary> {
  return inTransaction(db, async (trx) => {
    const record = await requireProject(trx, id);
    const before = await shownSummary(trx, id);
    const shownKeys = [...resolveClaims(await claimsOf(trx, id))].map(([field, r]) => ({ field, key: r.groups[0]?.key }));
    for (const { field, key } of shownKeys) {
      if (key === undefined) continue;
      await trx.updateTable("claims").set({ reviewed: 1 }).where("project_id", "=", id).where("field", "=", field).where("value_key", "=", key).execute();
    }
    await upsertProjectRecord(trx, { ...record, review: { state: "verified", by: actor, at: nowIso() } }, "extracted");
    const after = await refreshProject(trx, id, fx);
    await recordAudit(trx, { actor, action: "accept", entity: "project", entityId: id, before: before.review, after: { review: after.review, confirmed: shownKeys.map((s) => s.field) } });
    return after;
  });
}

export async function rejectProject(db: Executor, fx: FxTable, id: string, actor: string, reason: string | null): Promise<ProjectSummary> {
  return inTransaction(db, async (trx) => {
    const record = await requireProject(trx, id);
    await upsertProjectRecord(trx, { ...record, review: { state: "rejected", by: actor, at: nowIso() } }, "extracted");
    const after = await refreshProject(trx, id, fx);
    await recordAudit(trx, { actor, action: "reject", entity: "project", entityId: id, before: record.review, after: { review: after.review, reason } });
    return after;
  });
}

/** Moves every claim and mention of `fromIds` into `intoId` and deletes the emptied projects. */
export async function mergeProjects(db: Executor, fx: FxTable, intoId: string, fromIds: readonly string[], actor: string): Promise<ProjectSummary> {
  if (fromIds.includes(intoId)) throw new UsageError(`cannot merge ${intoId} into itself`);
  return inTransaction(db, async (trx) => {
    await requireProject(trx, intoId);
    const before: Record<string, ProjectSummary> = { [intoId]: await shownSummary(trx, intoId) };
    for (const from of fromIds) {
      await requireProject(trx, from);
      before[from] = await shownSummary(trx, from);
      await moveClaims(trx, from, intoId, null);
      await trx.updateTable("mentions").set({ project_id: intoId, rule: `merged into ${intoId} by ${actor} from ${from}` }).where("project_id", "=", from).execute();
      await deleteProject(trx, from);
    }
    const after = await refreshProject(trx, intoId, fx);
    await recordAudit(trx, { actor, action: "merge", entity: "project", entityId: intoId, before, after: { merged: fromIds, summary: after } });
    return after;
  });
}

/** Moves claims (all, or those from one document) between projects; identical claims fold into one. */
async function moveClaims(trx: Executor, from: string, to: string, documentId: string | null): Promise<number> {
  let q = trx.selectFrom("claims").selectAll().where("project_id", "=", from);
  if (documentId) q = q.where("document_id", "=", documentId);
  const rows = await q.execute();
  await insertClaims(
    trx,
    to,
    rows.map((c) => ({
      field: c.field as FieldName, value: JSON.parse(c.value) as unknown, documentId: c.document_id, text: c.evidence_text,
      start: c.evidence_start, end: c.evidence_end, reviewed: c.reviewed === 1, origin: c.origin, mentionId: c.mention_id, inferred: c.inferred === 1,
    })),
  );
  if (rows.length) await trx.deleteFrom("claims").where("id", "in", rows.map((r) => r.id)).execute();
  return rows.length;
}

/** Makes what one document says about a project a project of its own. */
export async function splitProject(db: Executor, fx: FxTable, id: string, documentId: string, actor: string): Promise<{ from: ProjectSummary | null; to: ProjectSummary }> {
  return inTransaction(db, async (trx) => {
    const record = await requireProject(trx, id);
    const before = await shownSummary(trx, id);
    const newId = newProjectId();
    await upsertProjectRecord(trx, { id: newId, title: `${record.title} (split)`, status: null, procurementRoute: null, review: { state: "candidate", by: null, at: null } }, "extracted");
    const moved = await moveClaims(trx, id, newId, documentId);
    if (moved === 0) throw new UsageError(`project ${id} has no claims from document ${documentId}; see its sources with \`dsr show ${id}\``);
    await trx.updateTable("mentions").set({ project_id: newId, rule: `split from ${id} by ${actor}` }).where("project_id", "=", id).where("document_id", "=", documentId).execute();
    const to = await refreshProject(trx, newId, fx);
    let from: ProjectSummary | null = null;
    if ((await countClaims(trx, id)) === 0) await deleteProject(trx, id);
    else from = await refreshProject(trx, id, fx);
    await recordAudit(trx, { actor, action: "split", entity: "project", entityId: id, before, after: { from, to } });
    return { from, to };
  });
}

/** Fields kept on the project itself rather than as claims. */
const RECORD_FIELDS = ["title", "procurementRoute"] as const;

/**
 * Sets a field. A claim field gets a verified claim whose source is an editor's note (the note
 * text, or a line saying who set what), so the value is cited like any other.
 * @example await editProject(db, fx, "p-01…", "amount", { value: 30e6, currency: "USD", year: 2019 }, "ana", "Contract No. 12/2019, art. 3")
 */
export async function editProject(db: Executor, fx: FxTable, id: string, field: string, value: unknown, actor: string, note: string | null): Promise<ProjectSummary> {
  return inTransaction(db, async (trx) => {
    const record = await requireProject(trx, id);
    const before = await shownSummary(trx, id);
    const at = nowIso();
    if ((RECORD_FIELDS as readonly string[]).includes(field)) {
      if (field === "title" && (typeof value !== "string" || !value.trim())) throw new UsageError("title must be non-empty text");
      const route = field === "procurementRoute" ? ProcurementRoute.nullable().safeParse(value) : null;
      if (route && !route.success) throw new UsageError(`procurementRoute must be one of ${ProcurementRoute.options.join(", ")}`);
      await upsertProjectRecord(trx, { ...record, ...(field === "title" ? { title: String(value).trim() } : { procurementRoute: route?.data ?? null }) }, "extracted");
    } else {
      const name = FieldNameSchema.safeParse(field);
      if (!name.success) throw new UsageError(`unknown field "${field}"; fields: ${[...FieldNameSchema.options, ...RECORD_FIELDS].join(", ")}`);
      let parsed: unknown;
      try {
        parsed = parseFieldValue(name.data, value);
      } catch (err) {
        throw new UsageError(`bad value for ${field}: ${(err as Error).message}`);
      }
      const text = note?.trim() || `${actor} set ${field} to ${JSON.stringify(parsed)} on ${at.slice(0, 10)}`;
      const documentId = newNoteId();
      await upsertDocument(trx, {
        id: documentId, sha256: null, url: null, path: null, title: `Editor's note on ${record.title}`, authors: [actor], publisher: null,
        published: at.slice(0, 10), language: null, readAs: "editor-note", citation: `${actor}, editor's note, ${at.slice(0, 10)}.`, text, origin: USER_ORIGIN,
      });
      await insertClaims(trx, id, [{ field: name.data, value: parsed, documentId, text, start: 0, end: text.length, reviewed: true, origin: USER_ORIGIN }]);
    }
    const after = await refreshProject(trx, id, fx);
    const shown = (s: ProjectSummary) => (s as unknown as Record<string, unknown>)[field] ?? null;
    await recordAudit(trx, { actor, action: "edit", entity: "project", entityId: id, before: { [field]: shown(before) }, after: { [field]: shown(after), note } });
    return after;
  });
}

/** A value typed on the command line: JSON when it parses, else the text itself. */
export function parseCliValue(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}
