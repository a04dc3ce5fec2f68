// Project routes: the filtered list with totals, one project with every claim and related
// projects, and the review actions editors take (each recorded in the audit log under their token).
import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import type { App } from "../../app.js";
import { ProjectDetail, ProjectSummary } from "../../domain/project.js";
import { projectDetail, projectPageJson, relatedProjects } from "../../services/projects.service.js";
import { acceptProject, editProject, mergeProjects, rejectProject, splitProject } from "../../services/review.service.js";
import { actorOf, requireRead, requireRole } from "../auth.js";
import { ErrorBody } from "../errors.js";
import type { ResponseCache } from "../response-cache.js";
import { ProjectListQuery, toProjectQuery } from "../query-schemas.js";

export const ProjectList = z.object({
  items: z.array(ProjectSummary),
  /** Exact once the server's project index is ready; before, exact up to 10,000 matches, then an estimate that `totalEstimated` flags. */
  total: z.number().int(),
  totalEstimated: z.boolean(),
  /** USD total of the page's amounts and what it leaves out. */
  amounts: z.object({
    usd: z.number(),
    counted: z.number().int(),
    leftOut: z.array(z.object({ currency: z.string(), value: z.number(), count: z.number().int() })),
  }),
  license: z.string(),
});

const ProjectWithRelated = ProjectDetail.extend({ related: z.array(ProjectSummary) });
const IdParams = z.object({ id: z.string().min(1).max(200) });
const errors = { 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody };

export function registerProjectRoutes(server: FastifyInstance, app: App, cache: ResponseCache): void {
  const s = server.withTypeProvider<ZodTypeProvider>();
  const db = app.store.db;

  s.get(
    "/api/projects",
    { onRequest: requireRead, schema: { tags: ["projects"], summary: "Projects matching the filters", querystring: ProjectListQuery, response: { 200: ProjectList, ...errors } } },
    // The stored summaries are sent as they are (valid by construction): no per-item re-serialising.
    async (request, reply) => {
      const body = await cache.get(`projects ${JSON.stringify(request.query)}`, () => projectPageJson(db, toProjectQuery(request.query)));
      // Bytes go out as they are; the schema still documents the shape.
      return reply.type("application/json; charset=utf-8").send(body as unknown as z.infer<typeof ProjectList>);
    },
  );

  s.get(
    "/api/projects/:id",
    {
      onRequest: requireRead,
      schema: { tags: ["projects"], summary: "One project: every field with its claims, evidence, sources and conflicts; related projects", params: IdParams, response: { 200: ProjectWithRelated, ...errors } },
    },
    async (request) => {
      const detail = await projectDetail(db, request.params.id, app.fx);
      return { ...detail, related: await relatedProjects(db, request.params.id) };
    },
  );

  const editor = { onRequest: requireRole("editor") };
  const Note = z.object({ reason: z.string().max(2000).optional() });
  s.post(
    "/api/projects/:id/accept",
    { ...editor, schema: { tags: ["review"], summary: "Mark verified; the shown values become confirmed claims", params: IdParams, response: { 200: ProjectSummary, ...errors } } },
    async (request) => acceptProject(db, app.fx, request.params.id, actorOf(request)),
  );
  s.post(
    "/api/projects/:id/reject",
    { ...editor, schema: { tags: ["review"], summary: "Mark rejected", params: IdParams, body: Note.optional(), response: { 200: ProjectSummary, ...errors } } },
    async (request) => rejectProject(db, app.fx, request.params.id, actorOf(request), request.body?.reason ?? null),
  );
  s.post(
    "/api/projects/:id/merge",
    {
      ...editor,
      schema: { tags: ["review"], summary: "Merge other projects into this one", params: IdParams, body: z.object({ from: z.array(z.string().min(1).max(200)).min(1).max(100) }), response: { 200: ProjectSummary, ...errors } },
    },
    async (request) => mergeProjects(db, app.fx, request.params.id, request.body.from, actorOf(request)),
  );
  s.post(
    "/api/projects/:id/split",
    {
      ...editor,
      schema: {
        tags: ["review"], summary: "Make what one source says a project of its own", params: IdParams, body: z.object({ documentId: z.string().min(1).max(200) }),
        response: { 200: z.object({ from: ProjectSummary.nullable(), to: ProjectSummary }), ...errors },
      },
    },
    async (request) => splitProject(db, app.fx, request.params.id, request.body.documentId, actorOf(request)),
  );
  s.patch(
    "/api/projects/:id",
    {
      ...editor,
      schema: {
        tags: ["review"], summary: "Set a field; the value is cited to an editor's note", params: IdParams,
        body: z.object({ field: z.string().min(1).max(50), value: z.unknown(), note: z.string().max(2000).optional() }),
        response: { 200: ProjectSummary, ...errors },
      },
    },
    async (request) => editProject(db, app.fx, request.params.id, request.body.field, request.body.value, actorOf(request), request.body.note ?? null),
  );
}
