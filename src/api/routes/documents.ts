// POST /api/documents: a source in — pasted text, a URL (fetched behind the address guard) or an
// uploaded file — stored, extracted and resolved like `dsr ingest`, answered with what was found.
import multipart from "@fastify/multipart";
import type { FastifyInstance, FastifyRequest } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import type { App } from "../../app.js";
import { DocumentView } from "../../domain/views.js";
import type { Resolver as DnsResolver } from "../../ingest/address-guard.js";
import { fetchDocument } from "../../ingest/fetch-url.js";
import { documentView } from "../../services/catalog.service.js";
import { type IngestOptions, type IngestSummary, ingest, ingestBytes } from "../../services/ingest.service.js";
import { requireRole } from "../auth.js";
import { ApiError, ErrorBody } from "../errors.js";

export interface DocumentRouteOptions {
  allowHosts: readonly string[];
  maxUploadBytes: number;
  /** DNS for the URL guard; tests inject one so no real name is ever resolved. */
  resolve?: DnsResolver | undefined;
}

const TextBody = z.object({ text: z.string().min(1).max(5_000_000), title: z.string().max(500).optional() });
const UrlBody = z.object({ url: z.string().url().max(2000) });
const Posted = z.object({
  status: z.enum(["stored", "duplicate"]),
  documentId: z.string(),
  deals: z.number().int(),
  projects: z.array(z.string()),
  warnings: z.array(z.string()),
  document: DocumentView,
});

function answer(summary: IngestSummary) {
  const r = summary.inputs[0];
  if (!r) throw new ApiError(400, "bad_request", "nothing to ingest");
  if (r.status === "failed" || !r.documentId) {
    const refused = /refused|not allowed|only http/.test(r.error ?? "");
    throw new ApiError(refused ? 400 : 422, refused ? "url_refused" : "unreadable_document", r.error ?? "the document could not be read");
  }
  return { status: r.status, documentId: r.documentId, deals: r.deals ?? 0, projects: r.projects ?? [], warnings: r.warnings ?? [] };
}

export async function registerDocumentRoutes(server: FastifyInstance, app: App, options: DocumentRouteOptions): Promise<void> {
  await server.register(multipart, { limits: { fileSize: options.maxUploadBytes, files: 1, fields: 5 } });
  const s = server.withTypeProvider<ZodTypeProvider>();
  const ingestOptions: IngestOptions = {
    allowHosts: options.allowHosts,
    maxBytes: options.maxUploadBytes,
    threads: 0,
    fetch: (url) => fetchDocument(url, { allowHosts: [...options.allowHosts], maxBytes: options.maxUploadBytes, ...(options.resolve ? { resolve: options.resolve } : {}) }),
  };

  s.post(
    "/api/documents",
    {
      onRequest: requireRole("editor"),
      schema: {
        tags: ["documents"],
        summary: "Add a source: JSON { text, title } or { url }, or a multipart file upload (field \"file\")",
        // No body schema: a multipart upload has none to validate; JSON is checked below.
        response: { 201: Posted, 200: Posted, 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 413: ErrorBody, 415: ErrorBody, 422: ErrorBody },
      },
    },
    async (request: FastifyRequest, reply) => {
      let summary: IngestSummary;
      if (request.isMultipart()) {
        const file = await request.file();
        if (!file) throw new ApiError(400, "bad_request", 'send the document as a multipart field named "file"');
        const bytes = await file.toBuffer(); // throws a 413 when over the limit (FST_REQ_FILE_TOO_LARGE)
        summary = await ingestBytes(app, { bytes, name: file.filename || "upload" }, ingestOptions);
      } else {
        const parsed = z.union([TextBody, UrlBody]).safeParse(request.body);
        if (!parsed.success) throw new ApiError(400, "bad_request", 'send JSON { "text": "…", "title": "…" } or { "url": "https://…" }, or a multipart upload in a field named "file"');
        const body = parsed.data;
        summary =
          "url" in body
            ? await ingest(app, [body.url], ingestOptions)
            : await ingestBytes(app, { bytes: Buffer.from(body.text, "utf8"), name: "pasted.txt", title: body.title }, ingestOptions);
      }
      const result = answer(summary);
      reply.status(result.status === "stored" ? 201 : 200);
      return { ...result, document: await documentView(app.store.db, result.documentId) };
    },
  );
}
