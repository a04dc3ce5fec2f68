// Watching sources: RSS/Atom feeds, sitemaps, listing pages, OCDS endpoints and folders, each on
// its own schedule. A run fetches what is due politely (one request at a time per host, a delay,
// robots.txt, conditional requests), stores the items not seen before as documents — once, by item
// key, and by the bytes' hash like any ingestion — then records what each source brought or why it
// failed, and when it runs next (its period after a success, a growing back-off after failures).
import { stat } from "node:fs/promises";
import { relative, resolve as resolvePath } from "node:path";
import type { App } from "../app.js";
import { NotFoundError, UsageError } from "../domain/errors.js";
import { type RunCounts, type SourceHealthView, type WatchKind, type WatchSourceView, emptyCounts } from "../domain/watch.js";
import type { Resolver } from "../ingest/address-guard.js";
import { type FetchResult, fetchDocument, httpStatusOf } from "../ingest/fetch-url.js";
import { walkInputs } from "../ingest/walk-inputs.js";
import { inTransaction } from "../store/executor.js";
import {
  type WatchSourceRow,
  countProjectsCreatedSince,
  deleteWatchSource,
  dueWatchSources,
  insertWatchRun,
  insertWatchSource,
  listWatchSources,
  recentWatchRuns,
  saveWatchItem,
  updateWatchSource,
  watchItemsByKey,
  watchSourceById,
  watchSourceByUrl,
} from "../store/watch.repository.js";
import { detectKind } from "../watch/detect.js";
import { type FeedItem, newestFirst, parseFeed } from "../watch/feeds.js";
import { healthOf } from "../watch/health.js";
import { listingLinks, listingTitle } from "../watch/listing.js";
import { type FetchFn, PoliteFetcher, type PoliteResult } from "../watch/polite-fetcher.js";
import { DEFAULT_EVERY_SECONDS, addSeconds, backoffSeconds } from "../watch/schedule.js";
import { newWatchSourceId } from "./ids.js";
import { type ImportSummary, importSource } from "./import.service.js";
import { ingest } from "./ingest.service.js";

export interface WatchDeps {
  app: App;
  allowHosts: readonly string[];
  resolve?: Resolver | undefined;
  userAgent: string;
  /** Pause between two requests to one host. */
  delayMs: number;
  /** Per request. */
  timeoutMs?: number | undefined;
  /** Largest page or feed; OCDS packages get `ocdsMaxBytes`. */
  maxBytes: number;
  ocdsMaxBytes?: number | undefined;
  /** Where OCDS downloads are kept (as `dsr import` keeps them). */
  cacheDir: string;
  /** The scheduling clock; tests move it instead of sleeping. */
  now?: () => Date;
  /** Replaces the guarded fetch (never used outside tests and benchmarks). */
  fetch?: FetchFn | undefined;
  /** Worker threads for reading documents (default: as ingestion decides). */
  threads?: number | undefined;
  /** New items taken per feed per run, newest first; the rest wait for the next run. */
  maxItemsPerRun?: number | undefined;
  robots?: boolean | undefined;
}

/** Failed items are tried again on this many runs, then left. */
const MAX_ITEM_ATTEMPTS = 3;
const DEFAULT_MAX_ITEMS = 50;
/** Child sitemaps of a sitemap index read per run (the newest). */
const MAX_CHILD_SITEMAPS = 3;

const FEED_ACCEPT = "application/rss+xml, application/atom+xml, application/xml;q=0.9, text/xml;q=0.9, text/html;q=0.5, */*;q=0.1";
const OCDS_ACCEPT = "application/json, application/x-ndjson;q=0.9, */*;q=0.1";

const clock = (deps: WatchDeps) => deps.now ?? (() => new Date());

function politeFetcher(deps: WatchDeps, maxBytes: number): PoliteFetcher {
  const fetch: FetchFn =
    deps.fetch ??
    ((url, headers) =>
      fetchDocument(url, {
        allowHosts: [...deps.allowHosts], ...(deps.resolve ? { resolve: deps.resolve } : {}), userAgent: deps.userAgent, headers, maxBytes,
        ...(deps.timeoutMs ? { timeoutMs: deps.timeoutMs } : {}),
      }));
  return new PoliteFetcher({ fetch, delayMs: deps.delayMs, robots: deps.robots ?? true });
}

function sourceView(row: WatchSourceRow, now: Date): WatchSourceView {
  const { health, note } = healthOf(
    {
      lastRunAt: row.last_run_at, nextRunAt: row.next_run_at, failures: row.failures, failingSince: row.failing_since, lastOkAt: row.last_ok_at,
      lastNewAt: row.last_new_at, lastError: row.last_error, everySeconds: row.every_seconds, createdAt: row.created_at,
    },
    now,
  );
  return {
    id: row.id, url: row.url, kind: row.kind, title: row.title, everySeconds: row.every_seconds, options: JSON.parse(row.options) as Record<string, unknown>,
    nextRunAt: row.next_run_at, failures: row.failures, failingSince: row.failing_since, lastRunAt: row.last_run_at, lastOutcome: row.last_outcome,
    lastOkAt: row.last_ok_at, lastNewAt: row.last_new_at, lastError: row.last_error, lastErrorAt: row.last_error_at,
    lastCounts: row.last_counts ? (JSON.parse(row.last_counts) as RunCounts) : null, health, healthNote: note, createdBy: row.created_by, createdAt: row.created_at,
  };
}

export interface NewSource {
  url: string;
  kind?: WatchKind | undefined;
  everySeconds?: number | undefined;
  title?: string | undefined;
  /** OCDS: { country, vendorsOnly }. */
  options?: Record<string, unknown> | undefined;
  /** Folders are read from this machine's disk: the CLI may, the API may not. */
  allowFolders?: boolean;
}

const isHttpUrl = (s: string) => /^https?:\/\//i.test(s);

/**
 * Adds a source. Without a kind, a URL is fetched once (politely, through the guard) to see what
 * it is; a path is a folder. The first run is due at once.
 * @example await addSource(deps, { url: "https://diario.example/feed", everySeconds: 21600 }, "ana") // { kind: "rss", … }
 */
export async function addSource(deps: WatchDeps, input: NewSource, actor: string): Promise<WatchSourceView> {
  const db = deps.app.store.db;
  const now = clock(deps)();
  let url = input.url.trim();
  let kind = input.kind;
  let title = input.title ?? null;
  if (!isHttpUrl(url)) {
    if (/^[a-z][a-z0-9+.-]*:/i.test(url) && !/^[a-z]:[\\/]/i.test(url)) throw new UsageError(`only http(s) URLs and folders can be watched, not "${url}"`);
    if (input.allowFolders !== true) throw new UsageError("folders can be watched from the command line only (dsr watch add PATH)");
    if (kind !== undefined && kind !== "folder") throw new UsageError(`${url} is a path: only --kind folder applies to it`);
    url = resolvePath(url);
    const info = await stat(url).catch(() => null);
    if (!info?.isDirectory()) throw new UsageError(`${input.url}: no such folder`);
    kind = "folder";
  } else {
    try {
      url = new URL(url).href;
    } catch {
      throw new UsageError(`"${input.url}" is not a URL`);
    }
    if (kind === "folder") throw new UsageError("--kind folder takes a path, not a URL");
    // Probed for its kind, or for a title (not an OCDS package: it may be a bulk file of gigabytes).
    if (kind === undefined || (title === null && kind !== "ocds")) {
      const polite = politeFetcher(deps, deps.maxBytes);
      const probe = await polite.get(url, { accept: FEED_ACCEPT });
      if (!probe.ok) {
        if (kind === undefined) throw new UsageError(`${probe.error}; give --kind (rss, atom, sitemap, listing or ocds) to add it anyway`);
      } else if (!probe.notModified) {
        kind ??= detectKind(probe.bytes, probe.contentType) ?? undefined;
        if (kind === undefined) throw new UsageError(`${url}: not a feed, sitemap, OCDS package or HTML page as far as its first bytes tell; give --kind`);
        title ??= titleOf(kind, probe.bytes, url);
      }
    }
  }
  if (await watchSourceByUrl(db, url)) throw new UsageError(`${url} is watched already; see \`dsr watch list\``);
  const id = newWatchSourceId();
  await insertWatchSource(db, {
    id, url, kind: kind ?? "listing", title, everySeconds: input.everySeconds ?? DEFAULT_EVERY_SECONDS, options: input.options ?? {},
    nextRunAt: now.toISOString(), createdBy: actor, createdAt: now.toISOString(),
  });
  return sourceView((await watchSourceById(db, id)) as WatchSourceRow, now);
}

function titleOf(kind: WatchKind, bytes: Uint8Array, url: string): string | null {
  if (kind === "rss" || kind === "atom" || kind === "sitemap") {
    const parsed = parseFeed(bytes, url);
    return parsed.ok ? parsed.title : null;
  }
  if (kind === "listing") return listingTitle(new TextDecoder().decode(bytes));
  return null;
}

export async function listSources(deps: Pick<WatchDeps, "app" | "now">): Promise<WatchSourceView[]> {
  const now = clock(deps as WatchDeps)();
  return (await listWatchSources(deps.app.store.db)).map((r) => sourceView(r, now));
}

async function sourceByIdOrUrl(deps: Pick<WatchDeps, "app">, idOrUrl: string): Promise<WatchSourceRow> {
  const db = deps.app.store.db;
  const row = (await watchSourceById(db, idOrUrl)) ?? (await watchSourceByUrl(db, idOrUrl)) ?? (isHttpUrl(idOrUrl) ? null : await watchSourceByUrl(db, resolvePath(idOrUrl)));
  if (!row) throw new NotFoundError(`no watched source "${idOrUrl}"; list them with \`dsr watch list\``);
  return row;
}

export async function getSource(deps: Pick<WatchDeps, "app" | "now">, idOrUrl: string): Promise<WatchSourceView> {
  return sourceView(await sourceByIdOrUrl(deps, idOrUrl), clock(deps as WatchDeps)());
}

export async function removeSource(deps: Pick<WatchDeps, "app" | "now">, idOrUrl: string): Promise<WatchSourceView> {
  const row = await sourceByIdOrUrl(deps, idOrUrl);
  await deleteWatchSource(deps.app.store.db, row.id);
  return sourceView(row, clock(deps as WatchDeps)());
}

/** Every source with its health and its latest runs. */
export async function watchHealth(deps: Pick<WatchDeps, "app" | "now">, runsPerSource = 10): Promise<SourceHealthView[]> {
  const db = deps.app.store.db;
  const now = clock(deps as WatchDeps)();
  const rows = await listWatchSources(db);
  return Promise.all(rows.map(async (r) => ({ ...sourceView(r, now), recentRuns: await recentWatchRuns(db, r.id, runsPerSource) })));
}

export interface SourceRunResult {
  id: string;
  url: string;
  kind: WatchKind;
  outcome: "ok" | "not_modified" | "failed";
  httpStatus: number | null;
  error: string | null;
  counts: RunCounts;
  /** Item-level problems (a page that would not load, robots.txt refusing an article). */
  warnings: string[];
  nextRunAt: string;
}

export interface WatchRunSummary {
  sources: SourceRunResult[];
  ran: number;
  failed: number;
  notModified: number;
  documents: number;
  projectsCreated: number;
  projectsJoined: number;
  requests: number;
}

/** What stage 1 (fetching) found for one source. */
type Plan =
  | { kind: "failed"; row: WatchSourceRow; error: string; status: number | null; requests: number }
  | { kind: "not_modified"; row: WatchSourceRow; status: number; requests: number }
  | { kind: "items"; row: WatchSourceRow; response: FetchResult | null; listed: number; items: { item: FeedItem; fetched: PoliteResult | null; path?: string }[]; requests: number }
  | { kind: "ocds"; row: WatchSourceRow; response: Extract<FetchResult, { ok: true }>; requests: number };

function conditionalHeaders(row: WatchSourceRow, accept: string): Record<string, string> {
  const headers: Record<string, string> = { accept };
  if (row.etag) headers["if-none-match"] = row.etag;
  if (row.last_modified) headers["if-modified-since"] = row.last_modified;
  return headers;
}

async function newItems(deps: WatchDeps, row: WatchSourceRow, items: readonly FeedItem[], limit: number): Promise<FeedItem[]> {
  const unique = [...new Map(items.map((i) => [i.key, i])).values()];
  const known = await watchItemsByKey(deps.app.store.db, row.id, unique.map((i) => i.key));
  const fresh = unique.filter((i) => {
    const k = known.get(i.key);
    return k === undefined || ((k.status === "failed" || k.status === "skipped") && k.attempts < MAX_ITEM_ATTEMPTS);
  });
  return newestFirst(fresh).slice(0, limit);
}

/** Item pages fetched in this run, by URL: a page two feeds list is fetched once. */
type PageCache = Map<string, Promise<PoliteResult>>;

async function planFeed(deps: WatchDeps, row: WatchSourceRow, polite: PoliteFetcher, pages: PageCache): Promise<Plan> {
  const before = polite.requests;
  const requests = () => polite.requests - before;
  const limit = deps.maxItemsPerRun ?? DEFAULT_MAX_ITEMS;
  if (row.kind === "folder") {
    const files: FeedItem[] = [];
    const paths = new Map<string, string>();
    for await (const entry of walkInputs([row.url])) {
      if ("error" in entry) continue;
      const info = await stat(entry.path).catch(() => null);
      if (!info) continue;
      const key = `${relative(row.url, entry.path)}|${info.size}|${Math.floor(info.mtimeMs)}`;
      files.push({ key, url: entry.path, title: null, published: info.mtime.toISOString() });
      paths.set(key, entry.path);
    }
    if (files.length === 0 && !(await stat(row.url).catch(() => null))) return { kind: "failed", row, error: `${row.url}: the folder is gone`, status: null, requests: 0 };
    const fresh = await newItems(deps, row, files, limit * 10);
    return { kind: "items", row, response: null, listed: files.length, items: fresh.map((item) => ({ item, fetched: null, path: paths.get(item.key) ?? item.url })), requests: 0 };
  }
  const response = await polite.get(row.url, conditionalHeaders(row, row.kind === "ocds" ? OCDS_ACCEPT : FEED_ACCEPT));
  if (!response.ok) return { kind: "failed", row, error: response.error, status: httpStatusOf(response.error), requests: requests() };
  if (response.notModified) return { kind: "not_modified", row, status: 304, requests: requests() };
  if (row.kind === "ocds") return { kind: "ocds", row, response, requests: requests() };
  let listed: FeedItem[];
  if (row.kind === "listing") {
    listed = listingLinks(new TextDecoder().decode(response.bytes), response.finalUrl);
  } else {
    const parsed = parseFeed(response.bytes, response.finalUrl);
    if (!parsed.ok) return { kind: "failed", row, error: parsed.error, status: response.status ?? null, requests: requests() };
    listed = parsed.items;
    if (parsed.format === "sitemapindex") {
      // An index lists sitemaps, not pages: read the newest few, each politely.
      listed = [];
      for (const child of newestFirst(parsed.items).slice(0, MAX_CHILD_SITEMAPS)) {
        const got = await polite.get(child.url, { accept: FEED_ACCEPT });
        const inner = got.ok && !got.notModified ? parseFeed(got.bytes, got.finalUrl) : null;
        if (inner?.ok && inner.format === "sitemap") listed.push(...inner.items);
      }
    }
  }
  const fresh = await newItems(deps, row, listed, limit);
  // Items are fetched now, in parallel across hosts; the fetcher queues those of one host.
  const items = await Promise.all(
    fresh.map(async (item) => {
      const pending = pages.get(item.url) ?? polite.get(item.url);
      pages.set(item.url, pending);
      return { item, fetched: await pending };
    }),
  );
  return { kind: "items", row, response, listed: listed.length, items, requests: requests() };
}

/**
 * Runs the sources that are due (or all of them): fetch, store new items, record health.
 * Never throws for a source's failure: it is in the summary and in the source's health.
 * @example const summary = await runSources(deps, { all: false }) // { ran: 12, failed: 1, documents: 30, … }
 */
export async function runSources(deps: WatchDeps, options: { all?: boolean; ids?: readonly string[]; signal?: AbortSignal } = {}): Promise<WatchRunSummary> {
  const db = deps.app.store.db;
  const startedAt = clock(deps)().toISOString();
  // Projects record their creation on the wall clock, whatever the scheduling clock says.
  const wallStart = new Date().toISOString();
  let rows = options.all || options.ids ? await listWatchSources(db) : await dueWatchSources(db, startedAt);
  if (options.ids) {
    const wanted = new Set(options.ids);
    rows = rows.filter((r) => wanted.has(r.id) || wanted.has(r.url));
  }
  const pagesFetcher = politeFetcher(deps, deps.maxBytes);
  const ocdsFetcher = politeFetcher(deps, deps.ocdsMaxBytes ?? 256 * 1024 * 1024);
  const pageCache: PageCache = new Map();
  const plans = await Promise.all(
    rows.map((row) =>
      planFeed(deps, row, row.kind === "ocds" ? ocdsFetcher : pagesFetcher, pageCache).catch((error: unknown): Plan => ({ kind: "failed", row, error: `${row.url}: ${(error as Error).message}`, status: null, requests: 0 })),
    ),
  );

  // Stage 2: store, one writer at a time. Every new page of every feed goes through one ingestion
  // (one resolver, one worker pool); OCDS packages through the importer, one after the other.
  const prefetched = new Map<string, FetchResult>();
  const inputs: string[] = [];
  for (const plan of plans) {
    if (plan.kind !== "items") continue;
    for (const { item, fetched, path } of plan.items) {
      if (path !== undefined) inputs.push(path);
      else if (fetched?.ok) {
        if (!prefetched.has(item.url)) inputs.push(item.url);
        prefetched.set(item.url, fetched);
      }
    }
  }
  const ingested = new Map<string, { status: "stored" | "duplicate" | "failed"; documentId?: string | undefined; error?: string | undefined; projects?: string[] | undefined }>();
  const created = new Set<string>();
  let batch = { created: 0, joined: 0 };
  if (inputs.length && !options.signal?.aborted) {
    const summary = await ingest(deps.app, [...new Set(inputs)], {
      allowHosts: deps.allowHosts,
      maxBytes: deps.maxBytes,
      fetch: async (url) => prefetched.get(url) ?? { ok: false, error: `${url}: not fetched` },
      // Worker threads pay off on a backlog; an hourly run's few new pages read faster in-process.
      threads: deps.threads ?? (inputs.length >= 64 ? undefined : 0),
      ...(options.signal ? { signal: options.signal } : {}),
    });
    for (const r of summary.inputs) ingested.set(r.input, r);
    batch = { created: summary.projectsCreated, joined: summary.projectsJoined };
  }
  const imports = new Map<string, ImportSummary | { error: string }>();
  for (const plan of plans) {
    if (plan.kind !== "ocds" || options.signal?.aborted) continue;
    const opts = JSON.parse(plan.row.options) as { country?: string; vendorsOnly?: boolean };
    try {
      imports.set(
        plan.row.id,
        await importSource(deps.app, "ocds", plan.row.url, {
          allowHosts: deps.allowHosts, maxBytes: deps.ocdsMaxBytes ?? 256 * 1024 * 1024, cacheDir: deps.cacheDir,
          ocds: { vendorsOnly: opts.vendorsOnly === true, country: opts.country ?? null },
          // Fetched already (conditionally, politely): the importer gets those bytes, not a second request.
          fetch: async () => plan.response,
        }),
      );
    } catch (error) {
      imports.set(plan.row.id, { error: `${plan.row.url}: ${(error as Error).message}` });
    }
  }

  // Stage 3: what each source brought, its health and its next run.
  const finishedAt = clock(deps)().toISOString();
  const results: SourceRunResult[] = [];
  for (const plan of plans) {
    const counts = emptyCounts();
    counts.requests = plan.requests;
    const warnings: string[] = [];
    let outcome: SourceRunResult["outcome"] = "ok";
    let error: string | null = null;
    let status: number | null = null;
    const row = plan.row;
    await inTransaction(db, async (trx) => {
      if (plan.kind === "failed") {
        outcome = "failed";
        error = plan.error;
        status = plan.status;
      } else if (plan.kind === "not_modified") {
        outcome = "not_modified";
        status = 304;
      } else if (plan.kind === "ocds") {
        status = plan.response.status ?? 200;
        const imported = imports.get(row.id);
        if (imported === undefined) {
          outcome = "failed";
          error = "interrupted before the import";
        } else if ("error" in imported) {
          outcome = "failed";
          error = imported.error;
        } else {
          Object.assign(counts, { listed: imported.read, new: imported.created + imported.joined + imported.updated, documents: imported.created + imported.joined, failed: imported.failed, projectsCreated: imported.created, projectsJoined: imported.joined, updated: imported.updated });
          warnings.push(...imported.warnings, ...imported.errors.slice(0, 5).map((e) => `release ${e.row}: ${e.error}`));
        }
      } else {
        status = plan.response?.ok ? (plan.response.status ?? null) : null;
        const touched = new Set<string>();
        counts.listed = plan.listed;
        counts.new = plan.items.length;
        for (const { item, fetched, path } of plan.items) {
          const input = path ?? item.url;
          const r = ingested.get(input);
          let itemStatus: "stored" | "duplicate" | "failed" | "skipped";
          let itemError: string | null = null;
          if (fetched && !fetched.ok) {
            itemStatus = "disallowed" in fetched ? "skipped" : "failed";
            itemError = fetched.error;
          } else if (!r) {
            itemStatus = "failed";
            itemError = `${input}: not stored (the run was interrupted)`;
          } else {
            itemStatus = r.status;
            itemError = r.error ?? null;
          }
          if (itemStatus === "stored" && !created.has(r?.documentId ?? "")) {
            counts.documents++;
            created.add(r?.documentId ?? "");
          } else if (itemStatus === "duplicate" || itemStatus === "stored") counts.duplicates++;
          else if (itemStatus === "skipped") counts.disallowed++;
          else counts.failed++;
          if (itemError) warnings.push(itemError);
          for (const p of r?.projects ?? []) touched.add(p);
          await saveWatchItem(trx, { sourceId: row.id, key: item.key, url: path === undefined ? item.url : null, title: item.title, status: itemStatus, documentId: r?.documentId ?? null, error: itemError, seenAt: finishedAt });
        }
        if (touched.size) {
          counts.projectsCreated = await countProjectsCreatedSince(trx, [...touched], wallStart);
          counts.projectsJoined = touched.size - counts.projectsCreated;
        }
      }
      const ok = outcome !== "failed";
      const failures = ok ? 0 : row.failures + 1;
      const nextRunAt = addSeconds(finishedAt, ok ? row.every_seconds : backoffSeconds(failures, row.every_seconds));
      const response = plan.kind === "items" || plan.kind === "ocds" ? plan.response : null;
      await updateWatchSource(trx, row.id, {
        failures,
        failing_since: ok ? null : (row.failing_since ?? finishedAt),
        next_run_at: nextRunAt,
        last_run_at: finishedAt,
        last_outcome: outcome,
        ...(ok ? { last_ok_at: finishedAt } : { last_error: error, last_error_at: finishedAt }),
        ...(counts.documents + counts.duplicates + counts.projectsCreated + counts.projectsJoined + counts.updated > 0 ? { last_new_at: finishedAt } : {}),
        // Validators only from a full answer that was stored; a 304 keeps the ones it confirmed.
        ...(response?.ok && !response.notModified ? { etag: response.etag ?? null, last_modified: response.lastModified ?? null } : {}),
        last_counts: JSON.stringify(counts),
      });
      await insertWatchRun(trx, { sourceId: row.id, startedAt, finishedAt, outcome, httpStatus: status, error, counts });
      results.push({ id: row.id, url: row.url, kind: row.kind, outcome, httpStatus: status, error, counts, warnings, nextRunAt });
    });
  }
  // Projects are counted over the whole batch: one page may join a project another page made.
  const projectsFromImports = results.reduce((n, r) => n + (r.kind === "ocds" ? r.counts.projectsCreated : 0), 0);
  const joinedFromImports = results.reduce((n, r) => n + (r.kind === "ocds" ? r.counts.projectsJoined : 0), 0);
  return {
    sources: results,
    ran: results.length,
    failed: results.filter((r) => r.outcome === "failed").length,
    notModified: results.filter((r) => r.outcome === "not_modified").length,
    documents: results.reduce((n, r) => n + r.counts.documents, 0),
    projectsCreated: batch.created + projectsFromImports,
    projectsJoined: batch.joined + joinedFromImports,
    requests: pagesFetcher.requests + ocdsFetcher.requests,
  };
}
