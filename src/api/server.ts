// The JSON API over HTTP (Fastify). Routes do HTTP only: validation through zod schemas, work in
// services, one error handler mapping domain errors to statuses.
import Fastify, { type FastifyInstance } from "fastify";
import { type ZodTypeProvider, hasZodFastifySchemaValidationErrors, serializerCompiler, validatorCompiler } from "fastify-type-provider-zod";
import { z } from "zod";
import type { App } from "../app.js";
import { DatabaseFileError, DsrError, InvalidDataError, NotFoundError, UsageError } from "../domain/errors.js";
import { OWN_DATA_LICENSE } from "../domain/licenses.js";
import { totalUsd } from "../domain/money.js";
import { ProjectDetail, ProjectSummary } from "../domain/project.js";
import { findProjects, projectDetail } from "../services/projects.service.js";
import { countDocuments } from "../store/document.repository.js";
import { ProjectListQuery } from "./query-schemas.js";

const VERSION = "0.1.0";

const ErrorBody = z.object({ error: z.string(), message: z.string() });

export const ProjectList = z.object({
  items: z.array(ProjectSummary),
  total: z.number().int(),
  /** USD total of the page's amounts and what it leaves out. */
  amounts: z.object({
    usd: z.number(),
    counted: z.number().int(),
    leftOut: z.array(z.object({ currency: z.string(), value: z.number(), count: z.number().int() })),
  }),
  license: z.string(),
});

function statusOf(err: unknown): number {
  if (err instanceof NotFoundError) return 404;
  if (err instanceof UsageError) return 400;
  if (err instanceof InvalidDataError || err instanceof DatabaseFileError) return 500;
  return 500;
}

/** Builds the server without listening; tests call `inject()`, `dsr serve` calls `listen()`. */
export function buildServer(app: App, options: { logger?: boolean } = {}): FastifyInstance {
  const server = Fastify({ logger: options.logger ?? false }).withTypeProvider<ZodTypeProvider>();
  server.setValidatorCompiler(validatorCompiler);
  server.setSerializerCompiler(serializerCompiler);

  server.setErrorHandler((err, request, reply) => {
    if (hasZodFastifySchemaValidationErrors(err)) {
      const detail = err.validation.map((v) => `${v.instancePath.replace(/^\//, "") || "request"}: ${v.message}`).join("; ");
      return reply.status(400).send({ error: "bad_request", message: `invalid ${err.validationContext ?? "request"}: ${detail}` });
    }
    if (err instanceof DsrError) {
      const status = statusOf(err);
      if (status >= 500) request.log.error(err);
      return reply.status(status).send({ error: err.name, message: err.message });
    }
    request.log.error(err);
    const status = (err as { statusCode?: number }).statusCode ?? 500;
    return reply.status(status).send({ error: "internal", message: status < 500 ? (err as Error).message : "internal error" });
  });

  server.get(
    "/api/health",
    { schema: { response: { 200: z.object({ status: z.literal("ok"), version: z.string(), projects: z.number().int(), documents: z.number().int() }) } } },
    async () => {
      const { total } = await findProjects(app.store.db, { limit: 1 });
      return { status: "ok" as const, version: VERSION, projects: total, documents: await countDocuments(app.store.db) };
    },
  );

  server.get(
    "/api/projects",
    { schema: { querystring: ProjectListQuery, response: { 200: ProjectList, 400: ErrorBody } } },
    async (request) => {
      const page = await findProjects(app.store.db, request.query);
      const amounts = totalUsd(page.items.flatMap((p) => (p.amount ? [p.amount] : [])));
      return { ...page, amounts, license: licenseNote(page.items) };
    },
  );

  server.get(
    "/api/projects/:id",
    { schema: { params: z.object({ id: z.string().min(1).max(200) }), response: { 200: ProjectDetail, 404: ErrorBody } } },
    async (request) => projectDetail(app.store.db, request.params.id, app.fx),
  );

  return server;
}

/** One line naming every licence the listed records carry. */
export function licenseNote(items: readonly { license: string }[]): string {
  const licenses = new Set(items.map((i) => i.license));
  if (licenses.size === 0) licenses.add(OWN_DATA_LICENSE);
  return [...licenses].join("; ");
}
