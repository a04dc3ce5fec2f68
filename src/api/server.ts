// The HTTP API (Fastify). Routes do HTTP only — validation through zod schemas that also make the
// OpenAPI document, work in services — and one error handler answers every failure as JSON.
import Fastify, { type FastifyInstance } from "fastify";
import { type ZodTypeProvider, serializerCompiler, validatorCompiler } from "fastify-type-provider-zod";
import { z } from "zod";
import type { App } from "../app.js";
import { type Config, readConfig } from "../config.js";
import type { Resolver as DnsResolver } from "../ingest/address-guard.js";
import { findProjects } from "../services/projects.service.js";
import { countDocuments } from "../store/document.repository.js";
import { dropProjectIndex, keepProjectIndex, projectIndexState } from "../store/project-index.store.js";
import { registerAuth } from "./auth.js";
import { registerErrorHandler } from "./errors.js";
import { API_VERSION, registerOpenApi } from "./openapi.js";
import { registerAssessRoutes } from "./routes/assess.js";
import { registerCatalogRoutes } from "./routes/catalog.js";
import { registerDocumentRoutes } from "./routes/documents.js";
import { registerExportRoutes } from "./routes/export.js";
import { registerOverviewRoutes } from "./routes/web-overview.js";
import { responseCache } from "./response-cache.js";
import { registerProjectRoutes } from "./routes/projects.js";
import { registerWatchRoutes } from "./routes/watch.js";
import { registerSecurity, serverOptions } from "./security.js";
import { registerWebApp } from "./web-app.js";

export interface ServerOptions {
  logger?: boolean;
  /** The environment's settings; defaults to an empty environment's (public reads, default limits). */
  config?: Config;
  /** DNS for the URL guard of POST /api/documents; tests inject one. */
  resolve?: DnsResolver;
  /** The built web app served at `/` (default dist/web); null serves the API only. */
  webRoot?: string | null;
}

/** Builds the server without listening; tests call `inject()`, `dsr serve` calls `listen()`. */
export function buildServer(app: App, options: ServerOptions = {}): FastifyInstance {
  const config = options.config ?? readConfig({});
  const server = Fastify({ logger: options.logger ?? false, ...serverOptions(config) }).withTypeProvider<ZodTypeProvider>();
  server.setValidatorCompiler(validatorCompiler);
  server.setSerializerCompiler(serializerCompiler);
  registerErrorHandler(server);
  // Credentials first: the rate limit counts per token when there is one.
  registerAuth(server, { app, config });
  registerSecurity(server, config);
  // Routes are added inside plugins, after the OpenAPI plugin, so the document sees every one.
  registerOpenApi(server);
  server.register(async (scope) => {
    scope.get(
      "/api/health",
      {
        schema: {
          tags: ["meta"],
          summary: "Liveness and counts",
          response: {
            200: z.object({
              status: z.literal("ok"),
              version: z.string(),
              projects: z.number().int(),
              documents: z.number().int(),
              projectIndex: z
                .object({ state: z.enum(["off", "building", "ready", "failed"]), projects: z.number().int().nullable() })
                .describe("The in-memory index of projects' facets: lists and stats come from SQL until it is ready"),
            }),
          },
        },
      },
      async () => {
        const { total } = await findProjects(app.store.db, { limit: 1 });
        return { status: "ok" as const, version: API_VERSION, projects: total, documents: await countDocuments(app.store.db), projectIndex: projectIndexState(app.store.db) };
      },
    );
    const cache = responseCache(app.store.db);
    registerProjectRoutes(scope, app, cache);
    registerCatalogRoutes(scope, app, cache);
    registerExportRoutes(scope, app);
    registerAssessRoutes(scope, app);
    registerOverviewRoutes(scope, app);
    registerWatchRoutes(scope, app, { config, resolve: options.resolve });
  });
  server.register(async (scope) =>
    registerDocumentRoutes(scope, app, {
      allowHosts: config.DSR_ALLOW_HOSTS,
      maxUploadBytes: Math.round(config.DSR_UPLOAD_MAX_MB * 1024 * 1024),
      resolve: options.resolve,
    }),
  );
  registerWebApp(server, { root: options.webRoot });
  if (config.DSR_PROJECT_INDEX) {
    // Built in the background; until it is ready (and whenever it fails) queries go to SQL.
    keepProjectIndex(app.store.db, (err) => server.log.error({ err }, "the project index could not be built; answering from SQL"));
    server.addHook("onClose", async () => dropProjectIndex(app.store.db));
  }
  return server;
}
