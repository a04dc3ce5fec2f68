// Impact-assessment routes: the questionnaire and the law knowledge base (public), assessments
// (read public like projects; written by editors, each write in the audit log) and their reports
// as HTML, PDF or JSON. A bad answer is a 400 naming the question and what is wrong with it.
import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import type { App } from "../../app.js";
import { InvalidAnswersError } from "../../assess/answers.js";
import { assessKit } from "../../assess/kit.js";
import { lawOf } from "../../assess/laws.js";
import { AnswerValueSchema, AssessmentStatus, AssessmentView } from "../../assess/model.js";
import { CONTROL_OPTIONS } from "../../assess/questionnaire.js";
import { renderReportHtml } from "../../assess/report-html.js";
import { ChromiumMissingError, htmlToPdf } from "../../assess/report-pdf.js";
import { type AssessDeps, assessmentReport, createAssessment, getAssessment, listAssessments, updateAssessment } from "../../services/assess.service.js";
import { actorOf, requireRead, requireRole } from "../auth.js";
import { ApiError, ErrorBody } from "../errors.js";

const IdParams = z.object({ id: z.string().min(1).max(200) });
const errors = { 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody };
/** Answers as sent: question id → value, null clears (PATCH). Each value is checked against its question by the service. */
const AnswersBody = z.record(z.string().min(1).max(100), AnswerValueSchema.nullable());

const NewAssessmentBody = z.object({
  projectId: z.string().min(1).max(200).optional().describe("the project to assess; omit for a proposed system (then give country)"),
  country: z.string().min(2).max(3).optional().describe("ISO 3166-1 code of the country whose law applies; defaults to the project's"),
  title: z.string().min(1).max(300).optional(),
  answers: AnswersBody.optional().describe("answers given; they override what the project implies"),
  prefill: z.boolean().default(true).describe("start from the answers the project implies"),
  status: AssessmentStatus.optional(),
});

const PatchBody = z.object({
  answers: AnswersBody.optional().describe("answers to save (merged; null clears one)"),
  status: AssessmentStatus.optional(),
  title: z.string().min(1).max(300).optional(),
});

/** Domain answer errors leave as 400 naming each question (the handler would say only the message). */
async function answersAsBadRequest<T>(fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (err) {
    if (err instanceof InvalidAnswersError) throw new ApiError(400, "invalid_answers", err.message);
    throw err;
  }
}

/**
 * Adds the questionnaire, law and assessment routes.
 * @example registerAssessRoutes(scope, app); // curl -H "Authorization: Bearer dsr_…" -d '{"projectId":"zte-jujuy-surveillance-2019"}' …/api/assessments
 */
export function registerAssessRoutes(server: FastifyInstance, app: App): void {
  const s = server.withTypeProvider<ZodTypeProvider>();
  const d = (): AssessDeps => ({ db: app.store.db, fx: app.fx, kit: assessKit(app.dataDir) });
  const read = { onRequest: requireRead };
  const editor = { onRequest: requireRole("editor") };

  s.get(
    "/api/assessment-questionnaire",
    { ...read, schema: { tags: ["assessments"], summary: "The questionnaire (versioned): sections, questions with options, risks with the answers that raise them and the measures that lower them", response: { 200: z.any(), ...errors } } },
    async () => ({ ...d().kit.questionnaire, controlOptions: CONTROL_OPTIONS }),
  );

  s.get(
    "/api/laws",
    { ...read, schema: { tags: ["assessments"], summary: "The data-protection law knowledge base: the 33 Latin American and Caribbean countries, with sources and confidence", response: { 200: z.any(), ...errors } } },
    async () => d().kit.kb.laws,
  );

  s.get(
    "/api/laws/:country",
    {
      ...read,
      schema: { tags: ["assessments"], summary: "One country's data-protection law (generalLaw null: no general law)", params: z.object({ country: z.string().regex(/^[A-Za-z]{2,3}$/, "an ISO 3166-1 code such as AR or ARG") }), response: { 200: z.any(), ...errors } },
    },
    async (request) => {
      const law = lawOf(d().kit.kb, request.params.country);
      if (!law) throw new ApiError(404, "not_found", `"${request.params.country}" is not one of the 33 Latin American and Caribbean countries the knowledge base covers`);
      return law;
    },
  );

  s.get(
    "/api/assessments",
    {
      ...read,
      schema: {
        tags: ["assessments"], summary: "Assessments, latest change first",
        querystring: z.object({ project: z.string().min(1).max(200).optional(), limit: z.coerce.number().int().min(1).max(1000).default(100), offset: z.coerce.number().int().min(0).max(1_000_000).default(0) }),
        response: { 200: z.object({ items: z.array(AssessmentView), total: z.number().int() }), ...errors },
      },
    },
    async (request) => listAssessments(d(), { projectId: request.query.project, limit: request.query.limit, offset: request.query.offset }),
  );

  s.post(
    "/api/assessments",
    { ...editor, schema: { tags: ["assessments"], summary: "Start an assessment from a project (prefilled) or of a proposed system", body: NewAssessmentBody, response: { 201: AssessmentView, ...errors } } },
    async (request, reply) => {
      const b = request.body;
      const created = await answersAsBadRequest(() =>
        createAssessment(d(), { projectId: b.projectId ?? null, country: b.country ?? null, title: b.title ?? null, answers: b.answers, prefill: b.prefill, status: b.status }, actorOf(request)),
      );
      return reply.status(201).send(created);
    },
  );

  s.get(
    "/api/assessments/:id",
    { ...read, schema: { tags: ["assessments"], summary: "One assessment: answers, where prefilled ones came from, unanswered questions, risks", params: IdParams, response: { 200: AssessmentView, ...errors } } },
    async (request) => getAssessment(d(), request.params.id),
  );

  s.patch(
    "/api/assessments/:id",
    { ...editor, schema: { tags: ["assessments"], summary: "Save answers (merged; null clears one), status or title: save and resume", params: IdParams, body: PatchBody, response: { 200: AssessmentView, ...errors } } },
    async (request) => answersAsBadRequest(() => updateAssessment(d(), request.params.id, { answers: request.body.answers, status: request.body.status, title: request.body.title }, actorOf(request))),
  );

  s.get(
    "/api/assessments/:id/report",
    {
      ...read,
      schema: {
        tags: ["assessments"], summary: "The report as HTML, PDF or JSON: risk map, risks with reasons, the country's law, vendor jurisdiction, comparable deployments, answers, sources",
        params: IdParams,
        querystring: z.object({ format: z.enum(["html", "pdf", "json"]).default("html") }),
        response: { 200: z.any().describe("text/html, application/pdf or the report as JSON"), 503: ErrorBody, ...errors },
      },
    },
    async (request, reply) => {
      const report = await assessmentReport(d(), request.params.id);
      const format = request.query.format;
      if (format === "json") return report;
      const html = renderReportHtml(report);
      if (format === "html") return reply.type("text/html; charset=utf-8").send(html);
      try {
        const pdf = await htmlToPdf(html);
        return reply.type("application/pdf").header("content-disposition", `attachment; filename="assessment-${report.id}.pdf"`).send(pdf);
      } catch (err) {
        if (err instanceof ChromiumMissingError) throw new ApiError(503, "pdf_unavailable", err.message);
        throw err;
      }
    },
  );
}
