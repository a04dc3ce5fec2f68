// Deal mentions: what one document says about one deal, and the project resolution joined it to.
import type { ExtractedDeal } from "../extract/deal.js";
import type { Executor } from "./executor.js";
import { nowIso } from "./executor.js";

export interface StoredMention {
  id: string;
  documentId: string;
  position: number;
  deal: ExtractedDeal;
  projectId: string | null;
  rule: string | null;
  resolvedAt: string | null;
}

/** A mention's id: its document and its place in the document, so re-running the same input finds it. */
export const mentionId = (documentId: string, position: number): string => `${documentId}#${position}`;

export async function insertMentions(db: Executor, documentId: string, deals: readonly ExtractedDeal[], extractorVersion: string): Promise<string[]> {
  if (deals.length === 0) return [];
  const rows = deals.map((deal, position) => ({
    id: mentionId(documentId, position),
    document_id: documentId,
    position,
    deal: JSON.stringify(deal),
    project_id: null,
    rule: null,
    resolved_at: null,
    extractor_version: extractorVersion,
  }));
  // Bound the statement's parameters (SQLite allows 32,766): 8 columns × 500 rows.
  for (let i = 0; i < rows.length; i += 500) await db.insertInto("mentions").values(rows.slice(i, i + 500)).execute();
  return rows.map((r) => r.id);
}

type MentionRow = { id: string; document_id: string; position: number; deal: string; project_id: string | null; rule: string | null; resolved_at: string | null };

function toMention(r: MentionRow): StoredMention {
  return {
    id: r.id,
    documentId: r.document_id,
    position: r.position,
    deal: JSON.parse(r.deal) as ExtractedDeal,
    projectId: r.project_id,
    rule: r.rule,
    resolvedAt: r.resolved_at,
  };
}

const COLUMNS = ["id", "document_id", "position", "deal", "project_id", "rule", "resolved_at"] as const;

/** Mentions never resolved (a crash between storing a document and resolving it leaves some). */
export async function pendingMentions(db: Executor, documentId?: string): Promise<StoredMention[]> {
  let q = db.selectFrom("mentions").select([...COLUMNS]).where("resolved_at", "is", null);
  if (documentId !== undefined) q = q.where("document_id", "=", documentId);
  return (await q.orderBy("document_id").orderBy("position").execute()).map(toMention);
}

/** Ids of documents with mentions never resolved, oldest first. */
export async function documentsWithPendingMentions(db: Executor): Promise<string[]> {
  const rows = await db.selectFrom("mentions").select("document_id").distinct().where("resolved_at", "is", null).orderBy("document_id").execute();
  return rows.map((r) => r.document_id);
}

export async function mentionsOfDocument(db: Executor, documentId: string): Promise<StoredMention[]> {
  return (await db.selectFrom("mentions").select([...COLUMNS]).where("document_id", "=", documentId).orderBy("position").execute()).map(toMention);
}

export async function setMentionProject(db: Executor, id: string, projectId: string | null, rule: string): Promise<void> {
  await db.updateTable("mentions").set({ project_id: projectId, rule, resolved_at: nowIso() }).where("id", "=", id).execute();
}

export async function deleteMentionsOfDocument(db: Executor, documentId: string): Promise<void> {
  await db.deleteFrom("mentions").where("document_id", "=", documentId).execute();
}

/** Of the given projects, those a mention of `documentId` already joined. */
export async function projectsWithMentionOf(db: Executor, documentId: string, projectIds: readonly string[]): Promise<Set<string>> {
  if (projectIds.length === 0) return new Set();
  const rows = await db
    .selectFrom("mentions")
    .select("project_id")
    .distinct()
    .where("document_id", "=", documentId)
    .where("project_id", "in", [...projectIds])
    .execute();
  return new Set(rows.flatMap((r) => (r.project_id ? [r.project_id] : [])));
}
