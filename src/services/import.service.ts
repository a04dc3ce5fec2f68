// Imports of structured sources (AidData tables, OCDS files, CGIT sheets): every row or
// contracting process that concerns the observatory becomes a document and a deal mention, joined
// to the project it describes (one articles already made, or a new one). Idempotent by each
// record's key and content; resumable from the last checkpoint; a bad row is reported by number
// and the rest still lands.
import { createHash } from "node:crypto";
import { sql } from "kysely";
import { mkdir, readFile, rename, stat, writeFile } from "node:fs/promises";
import { join, resolve as resolvePath } from "node:path";
import { InvalidDataError, UsageError } from "../domain/errors.js";
import { type FetchResult, fetchDocument } from "../ingest/fetch-url.js";
import { type AidDataOptions, aidDataRecord, checkAidDataColumns } from "../importers/aiddata.js";
import { type CgitOptions, cgitRecord, checkCgitColumns } from "../importers/cgit.js";
import { type ImportedRecord, type RowOutcome, isRowError, isSkip } from "../importers/imported-record.js";
import { type Json, mergeRelease } from "../importers/ocds-merge.js";
import type { OcdsItem } from "../importers/ocds-source.js";
import { compiledOfRecord } from "../importers/ocds-prefilter.js";
import type { PrefilterMessage, PrefilterWorkerData } from "../importers/ocds-prefilter-worker.js";
import { startWorker } from "../ingest/start-worker.js";
import { type OcdsOptions, ocdsRecord } from "../importers/ocds.js";
import { columnIndex, importersVocabulary } from "../importers/source-vocabulary.js";
import { tableRows } from "../importers/table-rows.js";
import { upsertDocument } from "../store/document.repository.js";
import { type Executor, inTransaction } from "../store/executor.js";
import { pageCacheSize, refreshPlannerStatistics, setPageCacheSize } from "../store/meta.repository.js";
import { finishRun, importedKeys, importedRecord, saveImportedRecord, saveRunProgress, startRun, unfinishedRun } from "../store/import.repository.js";
import { deleteMentionsOfDocument, insertMentions, mentionId } from "../store/mention.repository.js";
import { deleteMachineClaimsOfDocument } from "../store/project.repository.js";
import type { App } from "../app.js";
import { newImportRunId } from "./ids.js";
import { refreshOrRemove } from "./projects.service.js";
import { type Resolver, openResolver, reloadOrganizations, resolveAllPending, resolveInTransaction } from "./resolve.service.js";

export const IMPORT_KINDS = ["aiddata", "ocds", "cgit"] as const;
export type ImportKind = (typeof IMPORT_KINDS)[number];

/** Mentions made by importers carry this instead of an extractor version: re-extraction leaves them alone. */
export const IMPORTER_VERSION = "importer-1";

export interface ImportProgress {
  bytes: number;
  totalBytes: number;
  read: number;
  created: number;
  joined: number;
  skipped: number;
  failed: number;
}

export interface ImportSummary {
  kind: ImportKind;
  source: string;
  runId: string;
  /** Rows, releases or records read (resumed runs count from where they resumed). */
  read: number;
  /** Records that started a new project. */
  created: number;
  /** Records that joined a project already known (from articles or another record). */
  joined: number;
  /** Records imported before whose content changed: their claims were replaced. */
  updated: number;
  /** Records imported before, unchanged. */
  unchanged: number;
  skipped: number;
  failed: number;
  /** Why rows were skipped, with counts. */
  skippedReasons: Record<string, number>;
  /** The first failures, each with its row (or release) number. */
  errors: { row: number; error: string }[];
  /** The item a resumed run started from (0: from the start). */
  resumedFrom: number;
  interrupted: boolean;
  warnings: string[];
  /** Mentions an earlier interrupted run left unresolved and this run resolved first. */
  repaired: number;
}

export interface ImportOptions {
  aiddata?: AidDataOptions;
  ocds?: OcdsOptions;
  cgit?: CgitOptions;
  /** Start from the first row even when an earlier run of this file stopped half way. */
  restart?: boolean;
  allowHosts: readonly string[];
  maxBytes: number;
  /** Where downloaded sources are kept, so a lapsed feed still has its last good copy. */
  cacheDir: string;
  fetch?: (url: string) => Promise<FetchResult>;
  onProgress?: (p: ImportProgress) => void;
  signal?: AbortSignal;
  /** Called after each stored record commits (test kill points). */
  onCommit?: (n: number) => void;
}

const MAX_ERRORS_KEPT = 200;
/** Records per transaction, and the longest a transaction stays open. */
const BATCH_RECORDS = 200;
const BATCH_MS = 1000;
/** How often a long import refreshes the planner's statistics (tables grow by orders of magnitude). */
const OPTIMIZE_EVERY_BATCHES = 25;
/** The page cache while importing: 16 MB (SQLite states KiB as negative numbers). */
const IMPORT_CACHE_SIZE = -16 * 1024;

/** Whether a source is downloaded (http or https) rather than read from a file. */
export const isUrl = (s: string) => /^https?:\/\//i.test(s);

/** A local copy of the source: the file itself, or a download kept in the cache (the last good one when a refresh fails). */
async function localSource(input: string, options: ImportOptions, warnings: string[]): Promise<{ path: string; identity: string; size: number }> {
  if (!isUrl(input)) {
    const path = resolvePath(input);
    let s;
    try {
      s = await stat(path);
    } catch (err) {
      throw new UsageError(`${input}: ${(err as NodeJS.ErrnoException).code === "ENOENT" ? "no such file" : (err as Error).message}`);
    }
    if (!s.isFile()) throw new UsageError(`${input}: not a file`);
    if (s.size === 0) throw new InvalidDataError(`${input}: the file is empty`);
    return { path, identity: `${path}|${s.size}|${Math.floor(s.mtimeMs)}`, size: s.size };
  }
  const name = createHash("sha256").update(input).digest("hex").slice(0, 32);
  await mkdir(options.cacheDir, { recursive: true });
  const path = join(options.cacheDir, name);
  const metaPath = `${path}.json`;
  const fetched = await (options.fetch ?? ((u: string) => fetchDocument(u, { allowHosts: [...options.allowHosts], maxBytes: options.maxBytes, timeoutMs: 300_000 })))(input);
  if (fetched.ok) {
    // Written beside and renamed, so a failed download never replaces the last good copy.
    await writeFile(`${path}.part`, fetched.bytes);
    await rename(`${path}.part`, path);
    const sha256 = createHash("sha256").update(fetched.bytes).digest("hex");
    await writeFile(metaPath, JSON.stringify({ url: input, fetchedAt: new Date().toISOString(), sha256, bytes: fetched.bytes.byteLength }));
    return { path, identity: `${input}|${sha256}`, size: fetched.bytes.byteLength };
  }
  let meta: { fetchedAt: string; sha256: string; bytes: number };
  try {
    meta = JSON.parse(await readFile(metaPath, "utf8")) as typeof meta;
  } catch {
    throw new UsageError(`${fetched.error} (and there is no earlier copy of it to fall back on)`);
  }
  warnings.push(`${fetched.error}; using the copy fetched ${meta.fetchedAt}`);
  return { path, identity: `${input}|${meta.sha256}`, size: meta.bytes };
}

/** One item of a source (or a run of items dropped for one reason), mapped when it is handled. */
interface SourceItem {
  row: number;
  /** Items this stands for (a run of dropped ones); 1 when absent. */
  count?: number;
  map: () => Promise<RowOutcome>;
}

/** Rows of an AidData or CGIT table, each sheet with its own header. */
async function* tableItems(kind: "aiddata" | "cgit", path: string, input: string, options: ImportOptions, warnings: string[], progress: { bytes: number }, resumeFrom: number): AsyncGenerator<SourceItem> {
  let position = 0;
  const vocab = importersVocabulary();
  let columns: Record<string, number> | null = null;
  let sheetsRead = 0;
  let lastProblem = "";
  for await (const r of tableRows(path, progress)) {
    if (r.kind === "header") {
      const found = columnIndex(r.cells, kind === "aiddata" ? vocab.aiddata.columns : vocab.cgit.columns);
      const problem = kind === "aiddata" ? checkAidDataColumns(found) : checkCgitColumns(found);
      if (problem) {
        columns = null;
        lastProblem = problem;
        if (r.sheet !== null) warnings.push(`${input}: sheet "${r.sheet}" skipped: ${problem}`);
        continue;
      }
      columns = found;
      sheetsRead++;
      continue;
    }
    if (!columns) continue;
    // Rows an earlier run finished are passed over unmapped.
    if (++position <= resumeFrom) continue;
    const cols = columns;
    const where = r.sheet ? `sheet "${r.sheet}" row ${r.row}` : `row ${r.row}`;
    if (r.kind === "error") {
      yield { row: r.row, map: async () => ({ error: `${where}: ${r.error}` }) };
      continue;
    }
    const cells = r.cells;
    const sheet = r.sheet;
    yield {
      row: r.row,
      map: async () => {
        const o = kind === "aiddata" ? aidDataRecord(cols, cells, options.aiddata) : cgitRecord(cols, cells, sheet, options.cgit);
        return isRowError(o) ? { error: `${where}: ${o.error}` } : o;
      },
    };
  }
  if (sheetsRead === 0) throw new InvalidDataError(`${input}: ${lastProblem || "no header row"}`);
}

/**
 * OCDS releases and records. A worker thread reads and prefilters the file (most processes are
 * dropped there); what may concern us comes back here to be merged with what is stored of it.
 */
async function* ocdsSourceItems(db: () => Executor, path: string, options: ImportOptions, progress: { bytes: number }, resumeFrom: number): AsyncGenerator<SourceItem> {
  const known = await importedKeys(db(), "ocds");
  const data: PrefilterWorkerData = { path, known: [...known], options: options.ocds ?? {}, resumeFrom };
  // The reader holds a chunk and a release at a time: a small heap keeps its collector prompt, and
  // the import's memory flat on multi-GB files.
  const worker = startWorker(import.meta.url, "../importers/ocds-prefilter-worker", data, { maxOldGenerationSizeMb: 96, maxYoungGenerationSizeMb: 16 });
  const queue: PrefilterMessage[] = [];
  let wake: (() => void) | null = null;
  let exited: Error | null = null;
  const arrive = () => {
    wake?.();
    wake = null;
  };
  worker.on("message", (m: PrefilterMessage) => {
    queue.push(m);
    arrive();
  });
  worker.on("error", (err) => {
    exited = err;
    arrive();
  });
  worker.on("exit", (code) => {
    exited ??= code === 0 ? null : new Error(`the OCDS reader stopped (exit code ${code})`);
    if (code !== 0 || !queue.length) arrive();
  });
  try {
    for (;;) {
      while (!queue.length) {
        if (exited) throw exited;
        await new Promise<void>((r) => (wake = r));
      }
      const m = queue.shift() as PrefilterMessage;
      if (m.type === "fatal") throw m.name === "InvalidDataError" ? new InvalidDataError(m.message) : new Error(m.message);
      progress.bytes = m.bytes;
      if (m.type === "done") return;
      for (const e of m.entries) {
        if (e.kind === "skip") yield { row: 0, count: e.count, map: async () => ({ skip: e.reason }) };
        else if (e.kind === "error") yield { row: e.row, map: async () => ({ error: e.error }) };
        else yield { row: e.row, map: () => mapOcdsItem(db(), e.item, options.ocds ?? {}, known) };
      }
      worker.postMessage({ type: "ack" });
    }
  } finally {
    await worker.terminate();
  }
}

/** A forwarded release merged with its stored process (or a record), mapped again as it now stands. */
async function mapOcdsItem(db: Executor, item: OcdsItem, options: OcdsOptions, known: Set<string>): Promise<RowOutcome> {
  let compiled: { [key: string]: Json } | null;
  if (item.kind === "record") compiled = compiledOfRecord(item.value);
  else {
    const key = `ocds:${String(item.value.ocid)}`;
    const stored = known.has(key) ? await importedRecord(db, key) : null;
    compiled = mergeRelease((stored?.data as { [key: string]: Json } | null) ?? null, item.value);
  }
  if (!compiled) return { skip: "record without a compiled release or embedded releases" };
  const outcome = ocdsRecord(compiled, item.publication, options);
  if (isRowError(outcome)) return { error: `${item.kind} ${item.at}: ${outcome.error}` };
  if (isSkip(outcome)) return outcome;
  known.add(outcome.key);
  return { ...outcome, data: compiled };
}

/** The content a record's hash covers: what it says and how it was mapped. */
const contentHash = (r: ImportedRecord): string => createHash("sha256").update(r.text).update("\u0000").update(JSON.stringify(r.deal)).update("\u0000").update(r.license).digest("hex");

/**
 * Stores one record (document, mention, key) and resolves it, inside the batch's transaction;
 * returns what happened.
 */
async function storeRecord(trx: Executor, resolver: Resolver, fx: App["fx"], r: ImportedRecord, runId: string): Promise<"created" | "joined" | "updated" | "unchanged"> {
  const hash = contentHash(r);
  const existing = await importedRecord(trx, r.key);
  if (existing?.contentHash === hash) return "unchanged";
  const documentId = existing?.documentId ?? `doc-${createHash("sha256").update(r.key).digest("hex").slice(0, 24)}`;
  await upsertDocument(trx, {
    id: documentId, sha256: null, url: r.url, path: null, title: r.title, authors: [], publisher: r.publisher, published: r.published,
    language: r.language, readAs: r.origin === "ocds" ? "ocds" : "table-row", citation: r.citation, text: r.text, origin: r.origin, license: r.license,
  });
  if (existing) {
    const touched = await deleteMachineClaimsOfDocument(trx, documentId);
    await deleteMentionsOfDocument(trx, documentId);
    await refreshOrRemove(trx, fx, touched);
  }
  await insertMentions(trx, documentId, [r.deal], IMPORTER_VERSION);
  await saveImportedRecord(trx, { key: r.key, origin: r.origin, documentId, contentHash: hash, data: r.data ?? null, runId });
  const mention = { id: mentionId(documentId, 0), documentId, position: 0, deal: r.deal, projectId: null, rule: null, resolvedAt: null };
  const outcome = await resolveInTransaction(trx, resolver, documentId, { mentions: [mention], text: r.text, origin: r.origin, title: r.title });
  if (existing) return "updated";
  return outcome.created.length ? "created" : "joined";
}

/**
 * Imports one file or URL of the given kind.
 * @example await importSource(app, "aiddata", "../shared/data/gcdf3/final_input.csv", { allowHosts: [], maxBytes: 5e8, cacheDir: ".dsr-cache" })
 */
export async function importSource(app: App, kind: ImportKind, input: string, options: ImportOptions): Promise<ImportSummary> {
  const db = app.store.db;
  const warnings: string[] = [];
  const source = await localSource(input, options, warnings);
  const resolver = await openResolver(db, app.fx);
  const repaired = await resolveAllPending(db, resolver);
  // A smaller page cache while importing: a long import touches each page about once, and the
  // cache's 64 MB would otherwise fill and stay, outgrowing everything else the import holds.
  const cacheBefore = await pageCacheSize(db);
  await setPageCacheSize(db, IMPORT_CACHE_SIZE);
  const previous = options.restart ? null : await unfinishedRun(db, kind, source.identity);
  const runId = previous?.id ?? newImportRunId();
  const resumeFrom = previous?.position ?? 0;
  const runOptions = { aiddata: options.aiddata, ocds: options.ocds, cgit: options.cgit };
  if (previous) await db.updateTable("import_runs").set({ status: "running", finished_at: null }).where("id", "=", runId).execute();
  else await startRun(db, { id: runId, kind, source: isUrl(input) ? input : source.path, identity: source.identity, options: runOptions, position: 0 });
  if (previous) warnings.push(`resuming an earlier run of this file from item ${resumeFrom + 1}`);

  const summary: ImportSummary = {
    kind, source: isUrl(input) ? input : source.path, runId, read: 0, created: 0, joined: 0, updated: 0, unchanged: 0, skipped: 0, failed: 0,
    skippedReasons: {}, errors: [], resumedFrom: resumeFrom, interrupted: false, warnings, repaired: repaired.mentions,
  };
  const progress = { bytes: 0 };
  const counts = () => ({ read: summary.read, created: summary.created, joined: summary.joined, updated: summary.updated, unchanged: summary.unchanged, skipped: summary.skipped, failed: summary.failed });
  const report = () => options.onProgress?.({ bytes: progress.bytes, totalBytes: source.size, ...counts() });
  const fail = (row: number, error: string) => {
    summary.failed++;
    if (summary.errors.length < MAX_ERRORS_KEPT) summary.errors.push({ row, error });
  };
  // The executor mapping reads through: the batch's transaction while one is open (SQLite has
  // one connection, so a read outside it would wait for it forever).
  let exec: Executor = db;
  const items = (kind === "ocds" ? ocdsSourceItems(() => exec, source.path, options, progress, resumeFrom) : tableItems(kind, source.path, input, options, warnings, progress, resumeFrom))[Symbol.asyncIterator]();
  // Sources pass over what an earlier run finished themselves (without mapping it).
  let position = resumeFrom;
  let committed = 0;
  let batches = 0;
  let exhausted = false;
  try {
    while (!exhausted && !summary.interrupted) {
      // Records are stored in batches, one transaction each (a commit costs more than a record),
      // with a savepoint per record so a record that cannot be stored is the only one lost; the
      // run's position is saved in the same transaction, so a crash resumes exactly.
      let stored = 0;
      await inTransaction(db, async (trx) => {
        exec = trx;
        const started = Date.now();
        for (let n = 0; n < BATCH_RECORDS && Date.now() - started < BATCH_MS; n++) {
          if (options.signal?.aborted) {
            summary.interrupted = true;
            break;
          }
          const next = await items.next();
          if (next.done) {
            exhausted = true;
            break;
          }
          const item = next.value;
          const count = item.count ?? 1;
          position += count;
          summary.read += count;
          let outcome: RowOutcome;
          try {
            outcome = await item.map();
          } catch (err) {
            outcome = { error: `row ${item.row}: ${(err as Error).message}` };
          }
          if (isRowError(outcome)) fail(item.row, outcome.error);
          else if (isSkip(outcome)) {
            summary.skipped += count;
            summary.skippedReasons[outcome.skip] = (summary.skippedReasons[outcome.skip] ?? 0) + count;
          } else {
            await sql`savepoint import_record`.execute(trx);
            try {
              summary[await storeRecord(trx, resolver, app.fx, outcome, runId)]++;
              stored++;
              await sql`release savepoint import_record`.execute(trx);
            } catch (err) {
              await sql`rollback to savepoint import_record`.execute(trx);
              await sql`release savepoint import_record`.execute(trx);
              await reloadOrganizations(trx, resolver);
              fail(item.row, `row ${item.row} (${outcome.key}): could not be stored: ${(err as Error).message}`);
            }
          }
        }
        await saveRunProgress(trx, runId, position, counts());
      });
      exec = db;
      if (stored) options.onCommit?.((committed += stored));
      // After the first batch, at each doubling, then every so often: the tables grow from a few
      // rows to millions within one run, and plans made for the small tables go quadratic.
      batches++;
      if ((batches & (batches - 1)) === 0 || batches % OPTIMIZE_EVERY_BATCHES === 0) await refreshPlannerStatistics(db);
      report();
    }
  } catch (err) {
    exec = db;
    await finishRun(db, runId, "failed", position, counts(), (err as Error).message);
    throw err;
  } finally {
    // Stopped early (interrupted, or an error): let the source close its file and its worker.
    if (!exhausted) await items.return?.(undefined);
    if (!exhausted) await setPageCacheSize(db, cacheBefore);
  }
  report();
  await finishRun(db, runId, summary.interrupted ? "interrupted" : "done", position, counts(), null);
  await setPageCacheSize(db, cacheBefore);
  return summary;
}
