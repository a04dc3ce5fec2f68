// Re-reading stored documents after the extractor improved: each document's machine-made mentions
// and unconfirmed claims are replaced in one transaction, then resolved again. What a person
// confirmed or wrote stays as it was; projects left with nothing are removed.
import type { FxTable } from "../domain/money.js";
import { extractDeals } from "../extract/extract-deals.js";
import { documentDateOf } from "../extract/types.js";
import { extractorVersion } from "../extract/version.js";
import { type Executor, inTransaction } from "../store/executor.js";
import { deleteMentionsOfDocument, insertMentions } from "../store/mention.repository.js";
import { deleteMachineClaimsOfDocument } from "../store/project.repository.js";
import type { App } from "../app.js";
import { refreshOrRemove } from "./projects.service.js";
import { IMPORTED_ORIGINS, openResolver, resolveDocument } from "./resolve.service.js";

export interface ReextractSummary {
  documents: number;
  deals: number;
  /** Machine-made projects that lost every claim and were removed. */
  projectsRemoved: number;
  version: string;
}

/** Documents read by an older extractor (or every read document with `all`), oldest first. */
async function documentsToReextract(db: Executor, all: boolean, version: string): Promise<string[]> {
  // Imported records are written out from structured data, not prose: the extractor has nothing to redo there.
  let q = db.selectFrom("documents").select("id").where("text", "is not", null).where("read_as", "!=", "editor-note").where("origin", "not in", [...IMPORTED_ORIGINS]);
  if (!all) q = q.where((eb) => eb.or([eb("extractor_version", "is", null), eb("extractor_version", "!=", version)]));
  return (await q.orderBy("created_at").orderBy("id").execute()).map((r) => r.id);
}

async function replaceMentions(db: Executor, fx: FxTable, documentId: string, version: string): Promise<{ deals: number; removed: number }> {
  return inTransaction(db, async (trx) => {
    const doc = await trx.selectFrom("documents").select(["text", "published"]).where("id", "=", documentId).executeTakeFirstOrThrow();
    const deals = extractDeals(doc.text ?? "", { documentDate: documentDateOf(doc.published) });
    const touched = await deleteMachineClaimsOfDocument(trx, documentId);
    await deleteMentionsOfDocument(trx, documentId);
    await insertMentions(trx, documentId, deals, version);
    await trx.updateTable("documents").set({ extractor_version: version }).where("id", "=", documentId).execute();
    const removed = await refreshOrRemove(trx, fx, touched);
    return { deals: deals.length, removed };
  });
}

/**
 * Re-extracts stored documents and resolves the new mentions.
 * @example await reextract(app, { all: false }) // only documents an older extractor read
 */
export async function reextract(app: App, options: { all: boolean; onDocument?: (done: number, total: number) => void }): Promise<ReextractSummary> {
  const db = app.store.db;
  const version = extractorVersion();
  const ids = await documentsToReextract(db, options.all, version);
  const resolver = await openResolver(db, app.fx);
  const summary: ReextractSummary = { documents: 0, deals: 0, projectsRemoved: 0, version };
  for (const id of ids) {
    const r = await replaceMentions(db, app.fx, id, version);
    await resolveDocument(db, resolver, id);
    summary.documents++;
    summary.deals += r.deals;
    summary.projectsRemoved += r.removed;
    options.onDocument?.(summary.documents, ids.length);
  }
  return summary;
}
