// Ingestion of files, folders and URLs: each input is read (in worker threads on big batches),
// stored with its mentions in one transaction, then resolved into projects in a second one.
// Identical bytes are one document; a failed input is reported and the rest still land.
import { createHash } from "node:crypto";
import { basename, resolve as resolvePath } from "node:path";
import type { ExtractedDeal } from "../extract/deal.js";
import { extractorVersion } from "../extract/version.js";
import { type ExtractOutcome, type ExtractPool, createExtractPool } from "../ingest/extract-pool.js";
import { type FetchResult, fetchDocument } from "../ingest/fetch-url.js";
import { type ReadDocument, readInputFile } from "../ingest/read-document.js";
import { walkInputs } from "../ingest/walk-inputs.js";
import { type DocumentInput, upsertDocument } from "../store/document.repository.js";
import { type Executor, inTransaction } from "../store/executor.js";
import { insertMentions, mentionId } from "../store/mention.repository.js";
import { refreshPlannerStatistics } from "../store/meta.repository.js";
import type { App } from "../app.js";
import { type Resolver, openResolver, resolveAllPending, resolveDocument } from "./resolve.service.js";

export const INGESTED_ORIGIN = "ingested";

export interface InputResult {
  input: string;
  status: "stored" | "duplicate" | "failed";
  error?: string;
  documentId?: string;
  deals?: number;
  /** Projects the document's deals joined or started. */
  projects?: string[];
  /** What was read only in part (OCR page caps and the like). */
  warnings?: string[];
}

export interface IngestProgress {
  done: number;
  total: number;
  bytes: number;
  deals: number;
  failed: number;
  current: string;
}

export interface IngestSummary {
  inputs: InputResult[];
  stored: number;
  duplicates: number;
  failed: number;
  deals: number;
  bytes: number;
  projectsCreated: number;
  projectsJoined: number;
  /** Mentions a previous, interrupted run left unresolved and this run resolved first. */
  repaired: number;
  interrupted: boolean;
}

export interface IngestOptions {
  allowHosts: readonly string[];
  maxBytes: number;
  /** Worker threads; default: one per core on batches of more than a few inputs, none otherwise. */
  threads?: number;
  /** Fetches URLs; tests inject one that serves local pages. */
  fetch?: (url: string) => Promise<FetchResult>;
  ocr?: boolean;
  onProgress?: (p: IngestProgress) => void;
  /** Called after each document's storing transaction commits (test kill points hook in here). */
  onCommit?: (committed: number) => void;
  /** Stops taking new inputs: what is stored stays, a later run finishes the rest. */
  signal?: AbortSignal;
}

/** Below this many inputs, starting workers costs more than it saves. */
const MIN_INPUTS_FOR_WORKERS = 8;

/** One input: a path, a URL, or bytes handed over directly (an upload, pasted text). */
type Item = { input: string; path?: string; url?: string; error?: string; bytes?: Uint8Array; title?: string };

type Prepared =
  | { kind: "failed"; item: Item; error: string; bytes: number; sha256?: string }
  | { kind: "duplicate"; item: Item; documentId: string; bytes: number; sha256: string }
  | { kind: "read"; item: Item; sha256: string; bytes: number; doc: ReadDocument; deals: ExtractedDeal[]; url: string | null };

/** Whether an input names a URL (fetched) rather than a file or folder. */
export const isUrl = (input: string) => /^[a-z][a-z0-9+.-]*:\/\//i.test(input);

async function listItems(inputs: readonly string[]): Promise<Item[]> {
  const items: Item[] = [];
  for (const input of inputs) {
    if (isUrl(input)) {
      items.push({ input, url: input });
      continue;
    }
    for await (const entry of walkInputs([input])) {
      items.push("error" in entry ? { input: entry.path, error: entry.error } : { input: entry.path, path: entry.path });
    }
  }
  return items;
}

export const documentIdFor = (sha256: string): string => `doc-${sha256.slice(0, 24)}`;

/** A stored document with these bytes, and whether it was ever read (a citation alone has no text). */
async function storedDocumentWithHash(db: Executor, sha256: string): Promise<{ id: string; read: boolean } | null> {
  const row = await db.selectFrom("documents").select(["id", "text"]).where("sha256", "=", sha256).executeTakeFirst();
  return row ? { id: row.id, read: row.text !== null } : null;
}

function citationOf(doc: { title: string; author: string | null; publisher: string | null; published: string | null; where: string | null }): string {
  const parts = [doc.author, `“${doc.title}”`, doc.publisher, doc.published ?? "n.d.", doc.where].filter((x): x is string => Boolean(x));
  // Parts are joined by full stops, never doubled after one that ends in its own ("n.d.").
  const body = parts.map((x) => x.replace(/\.$/, "")).join(". ");
  return /[!?]$/.test(body) ? body : `${body}.`;
}

function titleOf(doc: ReadDocument, fallback: string, given?: string): string {
  if (given?.trim()) return given.trim();
  if (doc.title?.trim()) return doc.title.trim();
  const firstLine = doc.text.split("\n").find((l) => l.trim())?.trim() ?? "";
  if (firstLine) return firstLine.length > 120 ? `${firstLine.slice(0, 119)}…` : firstLine;
  return fallback;
}

function documentRow(p: Extract<Prepared, { kind: "read" }>, id: string): DocumentInput {
  const d = p.doc;
  // Bytes handed over directly (pasted text, an upload) have no place on this machine to cite.
  const where = p.url ?? d.url ?? (p.item.bytes ? null : resolvePath(p.item.path ?? p.item.input));
  const title = titleOf(d, basename(p.item.path ?? p.item.input), p.item.title);
  const publisher = d.publisher ?? (p.url ? new URL(p.url).hostname : null);
  return {
    id,
    sha256: p.sha256,
    url: p.url ?? d.url,
    path: p.item.path ? resolvePath(p.item.path) : null,
    title,
    authors: d.author ? [d.author] : [],
    publisher,
    published: d.published,
    language: d.language ?? p.deals[0]?.language ?? null,
    readAs: d.readAs,
    citation: citationOf({ title, author: d.author, publisher, published: d.published, where }),
    text: d.text,
    origin: INGESTED_ORIGIN,
    reading: { bytes: p.bytes, encoding: d.encoding, pageStarts: d.pageStarts, ocr: d.ocr, extractorVersion: extractorVersion() },
  };
}

/** Stores one read document and its mentions in one transaction; a document with the same bytes already stored wins. */
async function storeDocument(db: Executor, p: Extract<Prepared, { kind: "read" }>): Promise<{ documentId: string; duplicate: boolean }> {
  return inTransaction(db, async (trx) => {
    const existing = await storedDocumentWithHash(trx, p.sha256);
    if (existing?.read) return { documentId: existing.id, duplicate: true };
    const id = existing?.id ?? documentIdFor(p.sha256);
    if (existing) {
      // A source the reviewed dataset cites, read for the first time: its curated citation stays.
      const r = documentRow(p, id);
      await trx
        .updateTable("documents")
        .set({
          text: r.text, read_as: r.readAs, path: r.path, bytes: p.bytes, encoding: p.doc.encoding,
          page_starts: p.doc.pageStarts ? JSON.stringify(p.doc.pageStarts) : null, ocr: p.doc.ocr ? 1 : 0, extractor_version: extractorVersion(),
        })
        .where("id", "=", id)
        .execute();
    } else {
      await upsertDocument(trx, documentRow(p, id));
    }
    await insertMentions(trx, id, p.deals, extractorVersion());
    return { documentId: id, duplicate: false };
  });
}

class Preparer {
  /**
   * Hashes of documents already seen in this batch, so an identical file is not extracted twice,
   * with the input position of the copy that saw them first.
   */
  private readonly seen = new Map<string, { position: number; promise: Promise<string | null>; settle: (id: string | null) => void }>();

  constructor(
    private readonly db: Executor,
    private readonly pool: ExtractPool,
    private readonly options: IngestOptions,
  ) {}

  /** Reads and extracts the input at `position`; inputs are stored in position order. */
  async prepare(item: Item, position: number): Promise<Prepared> {
    if (item.error) return { kind: "failed", item, error: item.error, bytes: 0 };
    let bytes: Uint8Array;
    let name: string;
    let url: string | null = null;
    if (item.bytes) {
      bytes = item.bytes;
      name = item.input;
    } else if (item.url) {
      const fetched = await (this.options.fetch ?? ((u: string) => fetchDocument(u, { allowHosts: [...this.options.allowHosts], maxBytes: this.options.maxBytes })))(item.url);
      if (!fetched.ok) return { kind: "failed", item, error: fetched.error, bytes: 0 };
      bytes = fetched.bytes;
      name = fetched.name;
      url = fetched.finalUrl;
    } else {
      const read = await readInputFile(item.path ?? item.input, this.options.maxBytes);
      if (!read.ok) return { kind: "failed", item, error: read.error, bytes: 0 };
      bytes = read.bytes;
      name = item.path ?? item.input;
    }
    const size = bytes.byteLength;
    const sha256 = createHash("sha256").update(bytes).digest("hex");
    const earlier = this.seen.get(sha256);
    if (earlier && earlier.position < position) {
      // The same bytes earlier in this batch: wait until they are stored, to name their document.
      // Only a copy at an earlier position is waited for — it is stored first — since reads end
      // in any order and waiting on a later one would wait forever.
      const id = await earlier.promise;
      if (id) return { kind: "duplicate", item, documentId: id, bytes: size, sha256 };
    } else if (!earlier) {
      let settle: (id: string | null) => void = () => {};
      const promise = new Promise<string | null>((resolve) => (settle = resolve));
      this.seen.set(sha256, { position, promise, settle });
    }
    const stored = await storedDocumentWithHash(this.db, sha256);
    if (stored?.read) return { kind: "duplicate", item, documentId: stored.id, bytes: size, sha256 };
    let outcome: ExtractOutcome;
    try {
      outcome = await this.pool.run({ bytes, name, readOptions: { maxBytes: this.options.maxBytes, ocr: this.options.ocr ?? true } });
    } catch (err) {
      return { kind: "failed", item, error: `${item.input}: ${(err as Error).message}`, bytes: size, sha256 };
    }
    if (!outcome.read.ok) return { kind: "failed", item, error: outcome.read.error, bytes: size, sha256 };
    if (!outcome.read.doc.text.trim()) return { kind: "failed", item, error: `${item.input}: no text to read`, bytes: size, sha256 };
    return { kind: "read", item, sha256, bytes: size, doc: outcome.read.doc, deals: outcome.deals, url };
  }

  /** Tells later copies of the same bytes which document they duplicate (null: none was stored). */
  settle(sha256: string | undefined, documentId: string | null): void {
    if (sha256 === undefined) return;
    const entry = this.seen.get(sha256);
    if (!entry) return;
    entry.settle(documentId);
    if (documentId === null) this.seen.delete(sha256);
  }

  /** Lets every read still waiting on an earlier copy go (the batch is ending). */
  releaseAll(): void {
    for (const entry of this.seen.values()) entry.settle(null);
  }
}

/**
 * Ingests files, folders (recursively) and URLs.
 * @example const summary = await ingest(app, ["notas/", "https://example.org/nota"], { allowHosts: [], maxBytes: 50e6 })
 */
export async function ingest(app: App, inputs: readonly string[], options: IngestOptions): Promise<IngestSummary> {
  return ingestItems(app, await listItems(inputs), options);
}

/**
 * Ingests one document given as bytes (an upload or pasted text); `name` picks the reader.
 * @example await ingestBytes(app, { bytes: Buffer.from(text), name: "pasted.txt", title: "Nota" }, options)
 */
export async function ingestBytes(app: App, doc: { bytes: Uint8Array; name: string; title?: string | undefined }, options: IngestOptions): Promise<IngestSummary> {
  return ingestItems(app, [{ input: doc.name, bytes: doc.bytes, ...(doc.title ? { title: doc.title } : {}) }], { ...options, threads: 0 });
}

async function ingestItems(app: App, items: Item[], options: IngestOptions): Promise<IngestSummary> {
  const db = app.store.db;
  const resolver: Resolver = await openResolver(db, app.fx);
  const repaired = await resolveAllPending(db, resolver);
  const threads = options.threads ?? (items.length >= MIN_INPUTS_FOR_WORKERS ? undefined : 0);
  const pool = createExtractPool(threads === undefined ? {} : { threads });
  const summary: IngestSummary = {
    inputs: [], stored: 0, duplicates: 0, failed: 0, deals: 0, bytes: 0,
    projectsCreated: 0, projectsJoined: 0, repaired: repaired.mentions, interrupted: false,
  };
  const preparer = new Preparer(db, pool, options);
  // Reading runs ahead of storing by a few documents per worker; results are stored in input order.
  const window = Math.max(4, pool.threads * 4);
  const queue: Promise<Prepared>[] = [];
  let next = 0;
  let committed = 0;
  const created = new Set<string>();
  const joined = new Set<string>();
  const fill = () => {
    while (queue.length < window && next < items.length && !options.signal?.aborted) {
      queue.push(preparer.prepare(items[next] as Item, next));
      next++;
    }
  };
  try {
    fill();
    while (queue.length) {
      const p = await (queue.shift() as Promise<Prepared>);
      fill();
      if (options.signal?.aborted) {
        summary.interrupted = true;
        break;
      }
      summary.bytes += p.bytes;
      let result: InputResult;
      if (p.kind === "failed") {
        preparer.settle(p.sha256, null);
        result = { input: p.item.input, status: "failed", error: p.error };
      } else if (p.kind === "duplicate") {
        preparer.settle(p.sha256, p.documentId);
        result = { input: p.item.input, status: "duplicate", documentId: p.documentId, deals: await mentionCount(db, p.documentId) };
      } else {
        // Counted apart from the hook: `onCommit?.(++committed)` skips the increment when no hook is
        // given, and the statistics below were then never refreshed (a full scan per lookup by id).
        const stored = await storeAndResolve(db, resolver, p, () => {
          committed++;
          options.onCommit?.(committed);
        });
        // At each doubling of what this run stored, then every 1,000: plans made with the statistics
        // of a nearly empty database go quadratic as it fills (see refreshPlannerStatistics).
        if (committed > 0 && ((committed & (committed - 1)) === 0 || committed % 1000 === 0)) await refreshPlannerStatistics(db);
        preparer.settle(p.sha256, stored.result.documentId ?? null);
        result = stored.result;
        for (const id of stored.created) created.add(id);
        for (const id of stored.joined) if (!created.has(id)) joined.add(id);
      }
      summary.inputs.push(result);
      if (result.status === "stored") {
        summary.stored++;
        summary.deals += result.deals ?? 0;
      } else if (result.status === "duplicate") summary.duplicates++;
      else summary.failed++;
      options.onProgress?.({ done: summary.inputs.length, total: items.length, bytes: summary.bytes, deals: summary.deals, failed: summary.failed, current: p.item.input });
    }
  } finally {
    // Reads still in flight are dropped; nothing of theirs was written.
    preparer.releaseAll();
    await Promise.allSettled(queue);
    await pool.close();
  }
  summary.projectsCreated = created.size;
  summary.projectsJoined = joined.size;
  return summary;
}

async function mentionCount(db: Executor, documentId: string): Promise<number> {
  const r = await db.selectFrom("mentions").select((eb) => eb.fn.countAll<number>().as("n")).where("document_id", "=", documentId).executeTakeFirstOrThrow();
  return Number(r.n);
}

/**
 * Stores a read document, then resolves its mentions in a second transaction. A failure to
 * resolve leaves the document stored with pending mentions, which the next run resolves.
 */
async function storeAndResolve(
  db: Executor,
  resolver: Resolver,
  p: Extract<Prepared, { kind: "read" }>,
  committed: () => void,
): Promise<{ result: InputResult; created: string[]; joined: string[] }> {
  const input = p.item.input;
  const warnings = p.doc.warnings.length ? { warnings: p.doc.warnings } : {};
  let documentId: string;
  try {
    const stored = await storeDocument(db, p);
    documentId = stored.documentId;
    if (stored.duplicate) {
      return { result: { input, status: "duplicate", documentId, deals: await mentionCount(db, documentId) }, created: [], joined: [] };
    }
  } catch (err) {
    return { result: { input, status: "failed", error: `${input}: could not be stored (${(err as Error).message})` }, created: [], joined: [] };
  }
  committed();
  try {
    const mentions = p.deals.map((deal, position) => ({ id: mentionId(documentId, position), documentId, position, deal, projectId: null, rule: null, resolvedAt: null }));
    const r = await resolveDocument(db, resolver, documentId, { mentions, text: p.doc.text });
    const projects = [...new Set([...r.created, ...r.joined])];
    return { result: { input, status: "stored", documentId, deals: p.deals.length, projects, ...warnings }, created: r.created, joined: r.joined };
  } catch (err) {
    // The document is stored; its mentions wait for the next run's repair pass.
    const warning = `${input}: stored, but resolving its deals failed (${(err as Error).message}); the next run retries`;
    return { result: { input, status: "stored", documentId, deals: p.deals.length, warnings: [...p.doc.warnings, warning] }, created: [], joined: [] };
  }
}
