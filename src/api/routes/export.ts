// GET /api/export: every project matching the filters as a download in one of the export formats,
// streamed as it is made (a large export never sits whole in memory, and the first bytes leave early).
import { PassThrough } from "node:stream";
import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import type { App } from "../../app.js";
import { ExportFormat, FORMAT_INFO, exportFileName } from "../../export/formats.js";
import { exportProjects } from "../../services/export.service.js";
import { requireRead } from "../auth.js";
import { ErrorBody } from "../errors.js";
import { ProjectFilterQuery, toProjectQuery } from "../query-schemas.js";

export const ExportQuery = ProjectFilterQuery.extend({ format: ExportFormat });

/**
 * Adds `GET /api/export?format=csv|xlsx|json|geojson|ftm|csl&country=…` (the list's filters).
 * @example registerExportRoutes(scope, app); // curl -OJ 'http://127.0.0.1:3000/api/export?format=geojson&country=AR'
 */
export function registerExportRoutes(server: FastifyInstance, app: App): void {
  const s = server.withTypeProvider<ZodTypeProvider>();
  s.get(
    "/api/export",
    {
      onRequest: requireRead,
      schema: {
        tags: ["projects"],
        summary: "Every project matching the filters as a file: CSV, XLSX, JSON, GeoJSON, FollowTheMoney or CSL-JSON",
        description: "Streamed. Every format names each record's licence and the exchange-rate source.",
        querystring: ExportQuery,
        // 200 is a file in the requested format, streamed as is (Fastify serializes no stream).
        response: { 200: z.any().describe("the file, in the content type of the format"), 400: ErrorBody, 401: ErrorBody, 403: ErrorBody },
      },
    },
    async (request, reply) => {
      const { format, ...filters } = request.query;
      const generatedAt = new Date().toISOString();
      const body = new PassThrough();
      // Headers leave with the first bytes, so a failure mid-way can only cut the download short:
      // the error is logged and the stream destroyed, which the client sees as an aborted transfer.
      void exportProjects(app, toProjectQuery(filters), format, body, { generatedAt }).then(
        (result) => request.log.info({ format, ...result }, "export written"),
        (err: unknown) => {
          // A client that went away is routine; anything else is a fault of ours.
          if ((err as { code?: unknown }).code === "ERR_STREAM_PREMATURE_CLOSE") request.log.info({ format }, "export stopped: the client went away");
          else request.log.error({ err, format }, "export failed");
          body.destroy(err instanceof Error ? err : new Error(String(err)));
        },
      );
      return reply
        .type(FORMAT_INFO[format].contentType)
        .header("content-disposition", `attachment; filename="${exportFileName(format, generatedAt)}"`)
        .send(body);
    },
  );
}
