// Watch routes: watched sources and their health, saved searches, their news and Atom feeds.
// Reads are public like projects (a search's webhook and e-mail only to editors); writes need an
// editor. Folders are watched from the command line only: the API never reads the server's disk.
import { dirname, join, resolve as resolvePath } from "node:path";
import type { FastifyInstance, FastifyRequest } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import type { App } from "../../app.js";
import type { Config } from "../../config.js";
import { SavedSearchView, SourceHealthView, WATCH_KINDS, WatchSourceView, AlertView, RunCounts } from "../../domain/watch.js";
import type { Resolver } from "../../ingest/address-guard.js";
import { DEFAULT_USER_AGENT } from "../../ingest/fetch-url.js";
import { searchAtom } from "../../services/alerts.service.js";
import { getSearch, listSearches, removeSearch, saveSearch, searchNews, updateSearchChannels } from "../../services/saved-search.service.js";
import { type WatchDeps, addSource, listSources, removeSource, runSources, watchHealth } from "../../services/watch.service.js";
import { parseEvery } from "../../watch/schedule.js";
import { actorOf, requireRead, requireRole } from "../auth.js";
import { ErrorBody } from "../errors.js";
import { ProjectFilterQuery, filterToQuery } from "../query-schemas.js";

export interface WatchRouteOptions {
  config: Config;
  resolve?: Resolver | undefined;
  /** Tests move the scheduling clock. */
  now?: () => Date;
}

const IdParams = z.object({ id: z.string().min(1).max(300) });
const errors = { 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody };

const NewSourceBody = z.object({
  url: z.string().url().max(2000).describe("an http(s) URL: a feed, a sitemap, a listing page or an OCDS package"),
  kind: z.enum(WATCH_KINDS).exclude(["folder"]).optional().describe("read from the first answer when omitted"),
  every: z.string().max(20).default("6h").describe("30m, 6h, 1d, 1w (at least 5m)"),
  title: z.string().min(1).max(300).optional(),
  country: z.string().regex(/^[A-Za-z]{2}$/).optional().describe("ocds: the country when neither ocids nor addresses say"),
  vendorsOnly: z.boolean().optional().describe("ocds: only processes naming a known foreign vendor"),
});

const NewSearchBody = z.object({
  name: z.string().min(1).max(100),
  query: ProjectFilterQuery.describe("the project list's filters, as GET /api/projects takes them"),
  webhookUrl: z.string().url().max(2000).optional(),
  webhookSecret: z.string().min(16).max(200).optional().describe("made and returned once when omitted"),
  email: z.string().email().max(300).optional(),
});

const PatchSearchBody = z.object({
  webhookUrl: z.string().url().max(2000).nullable().optional(),
  webhookSecret: z.string().min(16).max(200).nullable().optional(),
  email: z.string().email().max(300).nullable().optional(),
});

const SavedWithSecret = z.object({ search: SavedSearchView, secret: z.string().nullable().describe("the webhook secret, shown this once when it was made") });

const RunSummary = z.object({
  ran: z.number().int(), failed: z.number().int(), notModified: z.number().int(), documents: z.number().int(),
  projectsCreated: z.number().int(), projectsJoined: z.number().int(), requests: z.number().int(),
  sources: z.array(z.object({ id: z.string(), url: z.string(), kind: z.string(), outcome: z.string(), httpStatus: z.number().nullable(), error: z.string().nullable(), counts: RunCounts, warnings: z.array(z.string()), nextRunAt: z.string() })),
});

/** A saved search as anyone may see it: where its digests go is for editors. */
function redact(view: SavedSearchView, request: FastifyRequest): SavedSearchView {
  return request.actor ? view : { ...view, webhookUrl: null, email: null };
}

/**
 * Adds the watch, saved-search and alert routes.
 * @example registerWatchRoutes(scope, app, { config }); // curl …/api/searches/ss-…/atom.xml
 */
export function registerWatchRoutes(server: FastifyInstance, app: App, options: WatchRouteOptions): void {
  const s = server.withTypeProvider<ZodTypeProvider>();
  const c = options.config;
  const read = { onRequest: requireRead };
  const editor = { onRequest: requireRole("editor") };
  const deps = (): WatchDeps => ({
    app,
    allowHosts: c.DSR_ALLOW_HOSTS,
    resolve: options.resolve,
    userAgent: c.DSR_WATCH_USER_AGENT ?? DEFAULT_USER_AGENT.replace("dsr-observatory/", "dsr-observatory-watch/"),
    delayMs: c.DSR_WATCH_DELAY_MS,
    maxBytes: Math.round(c.DSR_MAX_FILE_MB * 1024 * 1024),
    cacheDir: join(dirname(resolvePath(c.DSR_DB)), ".dsr-cache", "imports"),
    ...(options.now ? { now: options.now } : {}),
  });
  const baseUrl = (request: FastifyRequest) => c.DSR_PUBLIC_URL?.replace(/\/$/, "") ?? `${request.protocol}://${request.host}`;
  const db = app.store.db;

  s.get(
    "/api/watch/sources",
    { ...read, schema: { tags: ["watch"], summary: "Watched sources with their schedule and health", response: { 200: z.object({ items: z.array(WatchSourceView) }), ...errors } } },
    async () => ({ items: await listSources(deps()) }),
  );

  s.post(
    "/api/watch/sources",
    { ...editor, schema: { tags: ["watch"], summary: "Watch a feed, sitemap, listing page or OCDS package (its kind read from its first answer unless given)", body: NewSourceBody, response: { 201: WatchSourceView, ...errors } } },
    async (request, reply) => {
      const b = request.body;
      const options = { ...(b.country ? { country: b.country.toUpperCase() } : {}), ...(b.vendorsOnly ? { vendorsOnly: true } : {}) };
      const added = await addSource(deps(), { url: b.url, kind: b.kind, everySeconds: parseEvery(b.every), title: b.title, options, allowFolders: false }, actorOf(request));
      return reply.status(201).send(added);
    },
  );

  s.delete(
    "/api/watch/sources/:id",
    { ...editor, schema: { tags: ["watch"], summary: "Stop watching a source (its documents and projects stay)", params: IdParams, response: { 200: WatchSourceView, ...errors } } },
    async (request) => removeSource(deps(), request.params.id),
  );

  s.post(
    "/api/watch/sources/:id/run",
    { ...editor, schema: { tags: ["watch"], summary: "Run one source now, due or not", params: IdParams, response: { 200: RunSummary, ...errors } } },
    async (request) => runSources(deps(), { ids: [request.params.id] }),
  );

  s.get(
    "/api/watch/health",
    { ...read, schema: { tags: ["watch"], summary: "Every source: when it last worked, what it brought, why it failed, its recent runs", response: { 200: z.object({ items: z.array(SourceHealthView) }), ...errors } } },
    async () => ({ items: await watchHealth(deps()) }),
  );

  s.get(
    "/api/searches",
    { ...read, schema: { tags: ["searches"], summary: "Saved searches with their alert counts", response: { 200: z.object({ items: z.array(SavedSearchView) }), ...errors } } },
    async (request) => ({ items: (await listSearches(db)).map((v) => redact(v, request)) }),
  );

  s.post(
    "/api/searches",
    { ...editor, schema: { tags: ["searches"], summary: "Save a search (the project list's filters); its news starts now", body: NewSearchBody, response: { 201: SavedWithSecret, ...errors } } },
    async (request, reply) => {
      const b = request.body;
      const filter = Object.fromEntries(Object.entries(b.query).filter(([, v]) => v !== undefined)) as Record<string, string | number>;
      const saved = await saveSearch(db, { name: b.name, filter, webhookUrl: b.webhookUrl, webhookSecret: b.webhookSecret, email: b.email }, actorOf(request));
      return reply.status(201).send(saved);
    },
  );

  s.get(
    "/api/searches/:id",
    { ...read, schema: { tags: ["searches"], summary: "One saved search", params: IdParams, response: { 200: SavedSearchView, ...errors } } },
    async (request) => redact(await getSearch(db, request.params.id), request),
  );

  s.patch(
    "/api/searches/:id",
    { ...editor, schema: { tags: ["searches"], summary: "Change where a search's digests go (null removes a channel)", params: IdParams, body: PatchSearchBody, response: { 200: SavedWithSecret, ...errors } } },
    async (request) => updateSearchChannels(db, request.params.id, request.body),
  );

  s.delete(
    "/api/searches/:id",
    { ...editor, schema: { tags: ["searches"], summary: "Delete a saved search and its alerts", params: IdParams, response: { 200: SavedSearchView, ...errors } } },
    async (request) => removeSearch(db, request.params.id),
  );

  s.get(
    "/api/searches/:id/news",
    {
      ...read,
      schema: {
        tags: ["searches"], summary: "A saved search's news, newest first: each project with its new claims, their quotes and sources",
        params: IdParams,
        querystring: z.object({ limit: z.coerce.number().int().min(1).max(500).default(50), offset: z.coerce.number().int().min(0).max(1_000_000).default(0) }),
        response: { 200: z.object({ search: SavedSearchView, items: z.array(AlertView), total: z.number().int() }), ...errors },
      },
    },
    async (request) => {
      const news = await searchNews(db, request.params.id, filterToQuery, { ...request.query, baseUrl: baseUrl(request) });
      return { ...news, search: redact(news.search, request) };
    },
  );

  s.get(
    "/api/searches/:id/atom.xml",
    { ...read, schema: { tags: ["searches"], summary: "A saved search's news as an Atom feed", params: IdParams, response: { 200: z.string().describe("application/atom+xml"), ...errors } } },
    async (request, reply) => {
      const base = baseUrl(request);
      const xml = await searchAtom(db, request.params.id, filterToQuery, { baseUrl: base, self: `${base}/api/searches/${encodeURIComponent(request.params.id)}/atom.xml` });
      return reply.type("application/atom+xml; charset=utf-8").send(xml);
    },
  );
}
