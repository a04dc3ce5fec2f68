// Read routes besides projects: organizations, places, documents with their mentions, grouped
// statistics and search across everything. All public unless DSR_PUBLIC_READ=false.
import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import type { App } from "../../app.js";
import { DocumentView, Group, OrganizationProfile, OrganizationSummary, PlaceView, SearchResult } from "../../domain/views.js";
import { OrgKind } from "../../domain/vocabulary.js";
import { STATS_GROUPS, documentView, findOrganizations, organizationProfile, placeView, projectStats, searchAll } from "../../services/catalog.service.js";
import { requireRead } from "../auth.js";
import { ErrorBody } from "../errors.js";
import type { ResponseCache } from "../response-cache.js";
import { ProjectFilterQuery, toProjectQuery } from "../query-schemas.js";

const errors = { 400: ErrorBody, 401: ErrorBody, 404: ErrorBody };

export function registerCatalogRoutes(server: FastifyInstance, app: App, cache: ResponseCache): void {
  const s = server.withTypeProvider<ZodTypeProvider>();
  const db = app.store.db;
  const read = { onRequest: requireRead };

  s.get(
    "/api/organizations",
    {
      ...read,
      schema: {
        tags: ["organizations"], summary: "Organizations (any alias matches q), most projects first",
        querystring: z.object({ q: z.string().min(1).max(200).optional(), kind: OrgKind.optional(), limit: z.coerce.number().int().min(1).max(1000).default(100), offset: z.coerce.number().int().min(0).max(1_000_000).default(0) }),
        response: { 200: z.object({ items: z.array(OrganizationSummary), total: z.number().int() }), ...errors },
      },
    },
    async (request) => findOrganizations(db, request.query),
  );

  s.get(
    "/api/organizations/:id",
    { ...read, schema: { tags: ["organizations"], summary: "An organization's profile: names, family, projects, countries, totals by year", params: z.object({ id: z.string().min(1).max(200) }), response: { 200: OrganizationProfile, ...errors } } },
    async (request) => organizationProfile(db, request.params.id),
  );

  s.get(
    "/api/places/:code",
    { ...read, schema: { tags: ["places"], summary: "A country (ISO 3166-1) or subdivision (ISO 3166-2): its projects and totals", params: z.object({ code: z.string().regex(/^[A-Za-z]{2}(-[A-Za-z0-9]{1,3})?$/, "an ISO 3166 code such as AR or AR-Y") }), response: { 200: PlaceView, ...errors } } },
    async (request) => placeView(db, request.params.code),
  );

  s.get(
    "/api/documents/:id",
    { ...read, schema: { tags: ["documents"], summary: "A document's text with the spans of its deal mentions, each linked to its project", params: z.object({ id: z.string().min(1).max(200) }), response: { 200: DocumentView, ...errors } } },
    async (request) => documentView(db, request.params.id),
  );

  s.get(
    "/api/stats",
    {
      ...read,
      schema: {
        tags: ["projects"], summary: "Projects and USD totals grouped by country, vendor, category, year or mechanism, with the list's filters",
        querystring: ProjectFilterQuery.extend({ group_by: z.enum(STATS_GROUPS) }),
        response: { 200: z.object({ groupBy: z.enum(STATS_GROUPS), groups: z.array(Group), projects: z.number().int(), usd: z.number() }), ...errors },
      },
    },
    async (request, reply) => {
      const body = await cache.get(`stats ${JSON.stringify(request.query)}`, async () =>
        JSON.stringify(await projectStats(db, toProjectQuery(request.query), request.query.group_by)),
      );
      return reply.type("application/json; charset=utf-8").send(body as never);
    },
  );

  s.get(
    "/api/search",
    { ...read, schema: { tags: ["search"], summary: "One query across projects, organizations and documents", querystring: z.object({ q: z.string().min(1).max(500), limit: z.coerce.number().int().min(1).max(50).default(10) }), response: { 200: SearchResult, ...errors } } },
    async (request) => searchAll(db, request.query.q, request.query.limit),
  );
}
