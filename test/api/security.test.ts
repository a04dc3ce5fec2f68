// HTTP hardening: security headers, rate limits, CORS, body limits and JSON errors for every
// failure — on a small server with the real plugins and a few dummy routes.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import Fastify, { type FastifyInstance, type LightMyRequestResponse } from "fastify";
import { type ZodTypeProvider, serializerCompiler, validatorCompiler } from "fastify-type-provider-zod";
import { z } from "zod";
import { registerAuth, requireRole } from "../../src/api/auth.js";
import { registerErrorHandler } from "../../src/api/errors.js";
import { CSP_DIRECTIVES, registerSecurity, serverOptions } from "../../src/api/security.js";
import { type Config, readConfig } from "../../src/config.js";
import { InvalidDataError, NotFoundError, UsageError } from "../../src/domain/errors.js";
import { createToken } from "../../src/services/access.service.js";
import { memoryApp } from "../helpers.js";

async function harness(env: Record<string, string> = {}, extra?: (server: FastifyInstance) => void) {
  const app = await memoryApp();
  const config: Config = readConfig({ DSR_RATE_LIMIT: "100000", DSR_RATE_LIMIT_TOKEN: "100000", ...env });
  const server = Fastify(serverOptions(config)).withTypeProvider<ZodTypeProvider>();
  server.setValidatorCompiler(validatorCompiler);
  server.setSerializerCompiler(serializerCompiler);
  registerErrorHandler(server);
  // Security first on purpose: the order of the two calls must not matter.
  registerSecurity(server, config);
  registerAuth(server, { app, config });
  extra?.(server as unknown as FastifyInstance);
  server.get("/api/things", async () => ({ things: [] }));
  server.post("/api/things", { onRequest: requireRole("editor"), schema: { body: z.object({ name: z.string(), count: z.number().int().optional() }) } }, async (request) => ({ name: request.body.name }));
  server.get("/api/fail/:kind", async (request) => {
    const kind = (request.params as { kind: string }).kind;
    if (kind === "not-found") throw new NotFoundError("no project p-1");
    if (kind === "usage") throw new UsageError("limit must be at most 1000");
    if (kind === "invalid-data") throw new InvalidDataError("row 7 of /secret/path/file.json is broken");
    throw new Error("SQLITE_BUSY at /secret/path");
  });
  const token = (await createToken(app.store.db, { name: "bot", role: "editor" })).token;
  return { server: server as unknown as FastifyInstance, token };
}

function assertJsonError(res: LightMyRequestResponse, status: number, code: string): { error: string; message: string } {
  assert.equal(res.statusCode, status, res.body);
  assert.match(String(res.headers["content-type"]), /application\/json/);
  const body = res.json() as { error: string; message: string };
  assert.deepEqual(Object.keys(body).sort(), ["error", "message"]);
  assert.equal(body.error, code);
  return body;
}

describe("security headers", () => {
  it("send a CSP for a same-origin app, nosniff and frame-ancestors 'none'", async () => {
    const { server } = await harness();
    const res = await server.inject({ method: "GET", url: "/api/things" });
    assert.equal(res.statusCode, 200);
    const csp = String(res.headers["content-security-policy"]);
    for (const directive of ["default-src 'self'", "script-src 'self'", "connect-src 'self'", "img-src 'self' data:", "object-src 'none'", "frame-ancestors 'none'"]) {
      assert.ok(csp.includes(directive), `${directive} in ${csp}`);
    }
    assert.doesNotMatch(csp, /script-src[^;]*unsafe-inline/);
    assert.doesNotMatch(csp, /upgrade-insecure-requests/);
    assert.equal(res.headers["x-content-type-options"], "nosniff");
    assert.equal(res.headers["strict-transport-security"], undefined, "no HSTS over plain http");
  });

  it("add HSTS and upgrade-insecure-requests behind TLS", async () => {
    const { server } = await harness({ DSR_SECURE_COOKIES: "true" });
    const res = await server.inject({ method: "GET", url: "/api/things" });
    assert.match(String(res.headers["strict-transport-security"]), /max-age=\d+/);
    assert.match(String(res.headers["content-security-policy"]), /upgrade-insecure-requests/);
  });

  it("come with errors too", async () => {
    const { server } = await harness();
    const res = await server.inject({ method: "GET", url: "/nowhere" });
    assert.equal(res.statusCode, 404);
    assert.match(String(res.headers["content-security-policy"]), /frame-ancestors 'none'/);
  });

  it("suit Swagger UI at /api/docs: its page has no inline script and gets the same policy", async () => {
    const { default: swagger } = await import("@fastify/swagger");
    const { default: swaggerUi } = await import("@fastify/swagger-ui");
    const { server } = await harness({}, (s) => {
      void s.register(swagger, { openapi: { info: { title: "t", version: "1" } } });
      void s.register(swaggerUi, { routePrefix: "/api/docs" });
    });
    const res = await server.inject({ method: "GET", url: "/api/docs/" });
    assert.equal(res.statusCode, 200, res.body);
    const scripts = res.body.match(/<script[^>]*>/g) ?? [];
    assert.ok(scripts.length > 0);
    for (const tag of scripts) assert.match(tag, /\ssrc=/, `external script only: ${tag}`);
    assert.doesNotMatch(res.body, /\son[a-z]+=/i, "no inline event handlers");
    assert.equal(res.headers["content-security-policy"], (await server.inject({ method: "GET", url: "/api/things" })).headers["content-security-policy"]);
    assert.deepEqual(CSP_DIRECTIVES.scriptSrc, ["'self'"]);
  });
});

describe("rate limits", () => {
  it("answer 429 JSON with Retry-After once an IP is over its limit", async () => {
    const { server } = await harness({ DSR_RATE_LIMIT: "2" });
    for (let i = 0; i < 2; i++) assert.equal((await server.inject({ method: "GET", url: "/api/things" })).statusCode, 200);
    const res = await server.inject({ method: "GET", url: "/api/things" });
    const body = assertJsonError(res, 429, "rate_limited");
    assert.match(body.message, /2 per minute/);
    assert.match(String(res.headers["retry-after"]), /^\d+$/);
    assert.ok(Number(res.headers["retry-after"]) > 0);
    assert.ok(res.headers["content-security-policy"], "security headers on a 429 too");
  });

  it("count a token apart from its IP, with the token's own limit", async () => {
    const { server, token } = await harness({ DSR_RATE_LIMIT: "1", DSR_RATE_LIMIT_TOKEN: "3" });
    const headers = { authorization: `Bearer ${token}` };
    assert.equal((await server.inject({ method: "GET", url: "/api/things" })).statusCode, 200);
    assert.equal((await server.inject({ method: "GET", url: "/api/things" })).statusCode, 429);
    for (let i = 0; i < 3; i++) assert.equal((await server.inject({ method: "GET", url: "/api/things", headers })).statusCode, 200);
    assertJsonError(await server.inject({ method: "GET", url: "/api/things", headers }), 429, "rate_limited");
  });

  it("count refused writes against the IP", async () => {
    const { server } = await harness({ DSR_RATE_LIMIT: "2" });
    for (let i = 0; i < 2; i++) assertJsonError(await server.inject({ method: "POST", url: "/api/things", payload: { name: "x" } }), 401, "unauthorized");
    assertJsonError(await server.inject({ method: "POST", url: "/api/things", payload: { name: "x" } }), 429, "rate_limited");
  });

  it("count attempts with a bad token against the IP", async () => {
    const { server } = await harness({ DSR_RATE_LIMIT: "2" });
    const headers = { authorization: "Bearer dsr_guess" };
    for (let i = 0; i < 2; i++) assertJsonError(await server.inject({ method: "GET", url: "/api/things", headers }), 401, "invalid_token");
    assertJsonError(await server.inject({ method: "GET", url: "/api/things", headers }), 429, "rate_limited");
  });
});

describe("CORS", () => {
  it("is off by default: no Access-Control headers for any origin", async () => {
    const { server } = await harness();
    const res = await server.inject({ method: "GET", url: "/api/things", headers: { origin: "https://elsewhere.example" } });
    assert.equal(res.headers["access-control-allow-origin"], undefined);
    const preflight = await server.inject({ method: "OPTIONS", url: "/api/things", headers: { origin: "https://elsewhere.example", "access-control-request-method": "POST" } });
    assert.equal(preflight.headers["access-control-allow-origin"], undefined);
  });

  it("answers only the listed origins, preflights included", async () => {
    const { server } = await harness({ DSR_CORS_ORIGINS: "https://maps.example, http://localhost:5173" });
    const ok = await server.inject({ method: "GET", url: "/api/things", headers: { origin: "https://maps.example" } });
    assert.equal(ok.headers["access-control-allow-origin"], "https://maps.example");
    assert.match(String(ok.headers.vary), /Origin/);
    assert.equal(ok.headers["access-control-allow-credentials"], undefined, "never with cookies");
    const other = await server.inject({ method: "GET", url: "/api/things", headers: { origin: "https://evil.example" } });
    assert.equal(other.headers["access-control-allow-origin"], undefined);
    const preflight = await server.inject({ method: "OPTIONS", url: "/api/things", headers: { origin: "http://localhost:5173", "access-control-request-method": "POST" } });
    assert.equal(preflight.statusCode, 204);
    assert.equal(preflight.headers["access-control-allow-origin"], "http://localhost:5173");
    assert.match(String(preflight.headers["access-control-allow-headers"]), /authorization/);
  });
});

describe("errors", () => {
  it("refuse a body over the upload limit with 413 JSON", async () => {
    const { server, token } = await harness({ DSR_UPLOAD_MAX_MB: "0.001" });
    const res = await server.inject({ method: "POST", url: "/api/things", headers: { authorization: `Bearer ${token}` }, payload: { name: "x".repeat(2000) } });
    const body = assertJsonError(res, 413, "payload_too_large");
    assert.match(body.message, /limit/);
  });

  it("answer malformed or empty JSON with 400 and an unsupported type with 415", async () => {
    const { server, token } = await harness();
    const headers = { authorization: `Bearer ${token}`, "content-type": "application/json" };
    assert.match(assertJsonError(await server.inject({ method: "POST", url: "/api/things", headers, payload: '{"name": ' }), 400, "bad_request").message, /not valid JSON/);
    assertJsonError(await server.inject({ method: "POST", url: "/api/things", headers, payload: "" }), 400, "bad_request");
    const xml = await server.inject({ method: "POST", url: "/api/things", headers: { ...headers, "content-type": "application/xml" }, payload: "<a/>" });
    assert.match(assertJsonError(xml, 415, "unsupported_media_type").message, /application\/json/);
  });

  it("name the field a body fails validation on", async () => {
    const { server, token } = await harness();
    const res = await server.inject({ method: "POST", url: "/api/things", headers: { authorization: `Bearer ${token}` }, payload: { name: "x", count: 1.5 } });
    assert.match(assertJsonError(res, 400, "bad_request").message, /invalid body: count/);
  });

  it("answer an unknown route with 404 JSON", async () => {
    const { server } = await harness();
    assert.match(assertJsonError(await server.inject({ method: "GET", url: "/api/nope?x=1" }), 404, "not_found").message, /GET \/api\/nope$/);
  });

  it("answer a malformed URL with 400 JSON", async () => {
    const { server } = await harness();
    assertJsonError(await server.inject({ method: "GET", url: "/api/things/%E0%A4%A" }), 400, "bad_request");
  });

  it("map domain errors to 404 and 400, and hide what else went wrong behind a 500", async () => {
    const { server } = await harness();
    assert.equal(assertJsonError(await server.inject({ method: "GET", url: "/api/fail/not-found" }), 404, "not_found").message, "no project p-1");
    assert.equal(assertJsonError(await server.inject({ method: "GET", url: "/api/fail/usage" }), 400, "bad_request").message, "limit must be at most 1000");
    for (const kind of ["invalid-data", "crash"]) {
      const body = assertJsonError(await server.inject({ method: "GET", url: `/api/fail/${kind}` }), 500, "internal");
      assert.doesNotMatch(body.message, /secret/);
    }
  });
});
