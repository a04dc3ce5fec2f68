// The one error handler: every failure leaves the API as JSON `{ error, message }` with a stable
// snake_case code, and bad input is always a 4xx (a 5xx means a fault of ours, logged, no details).
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { hasZodFastifySchemaValidationErrors } from "fastify-type-provider-zod";
import { z } from "zod";
import { DsrError, NotFoundError, UsageError } from "../domain/errors.js";

export const ErrorBody = z
  .object({
    error: z.string().describe("stable snake_case code: bad_request, unauthorized, invalid_token, forbidden, csrf_failed, not_found, payload_too_large, unsupported_media_type, rate_limited, internal, …"),
    message: z.string().describe("what went wrong and what to do about it"),
  });
export type ErrorBody = z.infer<typeof ErrorBody>;

/**
 * The API's one exception type (routes and hooks throw it; services throw domain errors).
 * @example throw new ApiError(403, "forbidden", "this needs the admin role; your token has editor")
 */
export class ApiError extends Error {
  constructor(
    readonly statusCode: number,
    readonly code: string,
    message: string,
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
    this.name = "ApiError";
  }
}

/** Codes for statuses that come with no more specific code. */
const CODE_OF_STATUS: Record<number, string> = {
  400: "bad_request",
  401: "unauthorized",
  403: "forbidden",
  404: "not_found",
  405: "method_not_allowed",
  406: "not_acceptable",
  408: "request_timeout",
  409: "conflict",
  411: "length_required",
  413: "payload_too_large",
  414: "uri_too_long",
  415: "unsupported_media_type",
  422: "unprocessable",
  429: "rate_limited",
  431: "headers_too_large",
};

/** Messages for Fastify's own client errors, saying what to send instead. */
function fastifyMessage(err: FastifyError, request: FastifyRequest): string | null {
  switch (err.code) {
    case "FST_ERR_CTP_BODY_TOO_LARGE":
    case "FST_REQ_FILE_TOO_LARGE": {
      const limit = request.routeOptions.bodyLimit;
      return `the request body is too large${limit ? ` (limit ${(limit / 1024 / 1024).toFixed(1)} MB)` : ""}; send a smaller file`;
    }
    case "FST_ERR_CTP_INVALID_MEDIA_TYPE":
      return `content-type "${request.headers["content-type"] ?? ""}" is not accepted here; send application/json`;
    case "FST_ERR_CTP_INVALID_JSON_BODY":
      return "the request body is not valid JSON";
    case "FST_ERR_CTP_EMPTY_JSON_BODY":
      return "the request body is empty although content-type says application/json; send a JSON body or drop the header";
    case "FST_ERR_CTP_INVALID_CONTENT_LENGTH":
      return "the request body does not match its Content-Length";
    default:
      return null;
  }
}

export interface DescribedError {
  status: number;
  body: ErrorBody;
  headers: Record<string, string>;
}

/** Maps anything thrown while answering a request to a status and a body. */
export function describeError(err: unknown, request: FastifyRequest): DescribedError {
  if (err instanceof ApiError) return { status: err.statusCode, body: { error: err.code, message: err.message }, headers: err.headers };
  if (hasZodFastifySchemaValidationErrors(err)) {
    const detail = err.validation.map((v) => `${v.instancePath.replace(/^\//, "").replaceAll("/", ".") || "(whole value)"}: ${v.message}`).join("; ");
    return { status: 400, body: { error: "bad_request", message: `invalid ${err.validationContext ?? "request"}: ${detail}` }, headers: {} };
  }
  if (err instanceof NotFoundError) return { status: 404, body: { error: "not_found", message: err.message }, headers: {} };
  if (err instanceof UsageError) return { status: 400, body: { error: "bad_request", message: err.message }, headers: {} };
  if (err instanceof DsrError) return internal();
  const status = (err as { statusCode?: unknown }).statusCode;
  if (typeof status === "number" && status >= 400 && status < 500) {
    const fErr = err as FastifyError;
    // Schema validation without zod (a plugin's own JSON schema): the message names the field.
    if (fErr.validation) return { status: 400, body: { error: "bad_request", message: fErr.message }, headers: {} };
    const code = CODE_OF_STATUS[status] ?? "bad_request";
    return { status, body: { error: code, message: fastifyMessage(fErr, request) ?? fErr.message }, headers: {} };
  }
  return internal();
}

const internal = (): DescribedError => ({ status: 500, body: { error: "internal", message: "internal error; it has been logged — try again, and report it if it persists" }, headers: {} });

/** Installs the error and not-found handlers on the root instance (children inherit them). */
export function registerErrorHandler(server: FastifyInstance): void {
  server.setErrorHandler((err, request, reply) => {
    const { status, body, headers } = describeError(err, request);
    if (status >= 500) request.log.error(err);
    return reply.status(status).headers(headers).send(body);
  });
  server.setNotFoundHandler((request, reply) =>
    reply.status(404).send({ error: "not_found", message: `no route ${request.method} ${request.url.split("?")[0]}` } satisfies ErrorBody),
  );
}

/**
 * Fastify's `frameworkErrors` option, for errors raised before routing (a malformed URL): the same
 * JSON body as every other error.
 */
export function frameworkErrors(err: FastifyError, _request: FastifyRequest, reply: FastifyReply): void {
  const status = typeof err.statusCode === "number" && err.statusCode >= 400 && err.statusCode < 500 ? err.statusCode : 400;
  void reply.status(status).send({ error: CODE_OF_STATUS[status] ?? "bad_request", message: err.message } satisfies ErrorBody);
}
