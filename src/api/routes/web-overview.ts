// What the web app's pages need beyond the list and detail routes: GET /api/overview (headline
// figures, chart series and map points for the list's filters, cached) and a project's map location.
import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import type { App } from "../../app.js";
import { z } from "zod";
import { Overview, ProjectLocation } from "../../domain/overview.js";
import { COORDINATES_ATTRIBUTION } from "../../export/geojson.js";
import { overview, projectLocation } from "../../services/overview.service.js";
import { requireRead } from "../auth.js";
import { ErrorBody } from "../errors.js";
import { ProjectFilterQuery, toProjectQuery } from "../query-schemas.js";
import { responseCache } from "../response-cache.js";

/**
 * Adds `GET /api/overview?country=…&vendor=…` (the filters of /api/projects).
 * @example registerOverviewRoutes(scope, app); // curl 'http://127.0.0.1:3000/api/overview?category=surveillance'
 */
export function registerOverviewRoutes(server: FastifyInstance, app: App): void {
  const s = server.withTypeProvider<ZodTypeProvider>();
  const cache = responseCache(app.store.db);
  s.get(
    "/api/overview",
    {
      onRequest: requireRead,
      schema: {
        tags: ["projects"],
        summary: "Headline figures, chart series and map points for the filters (the web app's overview)",
        querystring: ProjectFilterQuery,
        response: { 200: Overview, 400: ErrorBody, 401: ErrorBody },
      },
    },
    async (request, reply) => {
      // Kept encoded until the database changes: every visitor of the landing page asks the same.
      const body = await cache.get(`overview ${JSON.stringify(request.query)}`, async () =>
        JSON.stringify(await overview(app.store.db, toProjectQuery(request.query))),
      );
      return reply.type("application/json; charset=utf-8").send(body as never);
    },
  );

  s.get(
    "/api/projects/:id/location",
    {
      onRequest: requireRead,
      schema: {
        tags: ["projects"],
        summary: "Where a project goes on a map: its city, or its subdivision's or country's main city, with the precision",
        params: z.object({ id: z.string().min(1).max(200) }),
        response: { 200: ProjectLocation, 400: ErrorBody, 401: ErrorBody, 404: ErrorBody },
      },
    },
    async (request) => ({ location: await projectLocation(app.store.db, request.params.id, app.fx), attribution: COORDINATES_ATTRIBUTION }),
  );
}
