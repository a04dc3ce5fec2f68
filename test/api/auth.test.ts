// Access control over HTTP: bearer tokens, the session cookie with its CSRF header, roles, and
// closed reads — on a small server with the real plugins and three dummy routes.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import Fastify, { type FastifyInstance, type LightMyRequestResponse } from "fastify";
import { type ZodTypeProvider, serializerCompiler, validatorCompiler } from "fastify-type-provider-zod";
import { z } from "zod";
import { CSRF_HEADER, SESSION_COOKIE, actorOf, registerAuth, requireRead, requireRole } from "../../src/api/auth.js";
import { registerErrorHandler } from "../../src/api/errors.js";
import { registerSecurity, serverOptions } from "../../src/api/security.js";
import { type Config, readConfig } from "../../src/config.js";
import { createToken, revokeToken } from "../../src/services/access.service.js";
import { memoryApp } from "../helpers.js";

/** The plugins as buildServer wires them, a public GET, an editor POST and an admin DELETE. */
async function harness(env: Record<string, string> = {}) {
  const app = await memoryApp();
  // Every request comes from 127.0.0.1: limits high enough never to get in the way.
  const config: Config = readConfig({ DSR_RATE_LIMIT: "100000", DSR_RATE_LIMIT_TOKEN: "100000", ...env });
  const server = Fastify(serverOptions(config)).withTypeProvider<ZodTypeProvider>();
  server.setValidatorCompiler(validatorCompiler);
  server.setSerializerCompiler(serializerCompiler);
  registerErrorHandler(server);
  registerAuth(server, { app, config });
  registerSecurity(server, config);
  server.get("/api/things", { preHandler: requireRead }, async () => ({ things: [] }));
  server.post("/api/things", { onRequest: requireRole("editor"), schema: { body: z.object({ name: z.string() }) } }, async (request) => ({ by: actorOf(request), name: request.body.name, via: request.actor?.via }));
  server.delete("/api/things/:id", { preHandler: requireRole("admin") }, async (request) => ({ by: actorOf(request) }));
  const editor = (await createToken(app.store.db, { name: "eve", role: "editor" })).token;
  const admin = (await createToken(app.store.db, { name: "ada", role: "admin" })).token;
  return { app, server: server as unknown as FastifyInstance, editor, admin };
}

const bearer = (token: string) => ({ authorization: `Bearer ${token}` });
const post = (server: FastifyInstance, headers: Record<string, string> = {}) => server.inject({ method: "POST", url: "/api/things", headers, payload: { name: "x" } });

/** Signs in with a token; returns the cookie header to send back and the CSRF token. */
async function signIn(server: FastifyInstance, token: string) {
  const res = await server.inject({ method: "POST", url: "/api/session", payload: { token } });
  assert.equal(res.statusCode, 200, res.body);
  const setCookie = String(res.headers["set-cookie"]);
  const value = new RegExp(`${SESSION_COOKIE}=([^;]+)`).exec(setCookie)?.[1];
  assert.ok(value, setCookie);
  return { res, setCookie, cookie: `${SESSION_COOKIE}=${value}`, csrfToken: (res.json() as { csrfToken: string }).csrfToken };
}

function assertJsonError(res: LightMyRequestResponse, status: number, code: string): { error: string; message: string } {
  assert.equal(res.statusCode, status, res.body);
  assert.match(String(res.headers["content-type"]), /application\/json/);
  const body = res.json() as { error: string; message: string };
  assert.equal(body.error, code);
  assert.ok(body.message.length > 10, "a message a person can act on");
  return body;
}

describe("bearer tokens", () => {
  it("refuses a write without a token with 401 and WWW-Authenticate: Bearer", async () => {
    const { server } = await harness();
    const res = await post(server);
    assertJsonError(res, 401, "unauthorized");
    assert.match(String(res.headers["www-authenticate"]), /^Bearer/);
  });

  it("lets an editor write and records the token's name as the actor", async () => {
    const { server, editor } = await harness();
    const res = await post(server, bearer(editor));
    assert.equal(res.statusCode, 200, res.body);
    assert.deepEqual(res.json(), { by: "eve", name: "x", via: "token" });
  });

  it("answers 403 naming the role needed and the role held when the role is too small", async () => {
    const { server, editor } = await harness();
    const res = await server.inject({ method: "DELETE", url: "/api/things/1", headers: bearer(editor) });
    const body = assertJsonError(res, 403, "forbidden");
    assert.match(body.message, /admin role/);
    assert.match(body.message, /"eve" has the editor role/);
  });

  it("lets an admin do what an editor may", async () => {
    const { server, admin } = await harness();
    assert.equal((await post(server, bearer(admin))).statusCode, 200);
    const del = await server.inject({ method: "DELETE", url: "/api/things/1", headers: bearer(admin) });
    assert.equal(del.statusCode, 200, del.body);
    assert.deepEqual(del.json(), { by: "ada" });
  });

  it("refuses a revoked token with 401 invalid_token, on reads too", async () => {
    const { app, server, editor } = await harness();
    await revokeToken(app.store.db, "eve");
    const res = await post(server, bearer(editor));
    assertJsonError(res, 401, "invalid_token");
    assert.match(String(res.headers["www-authenticate"]), /error="invalid_token"/);
    assertJsonError(await server.inject({ method: "GET", url: "/api/things", headers: bearer(editor) }), 401, "invalid_token");
  });

  it("refuses an Authorization header that is not a bearer token", async () => {
    const { server, editor } = await harness();
    assertJsonError(await post(server, { authorization: `Basic ${editor}` }), 401, "unauthorized");
  });

  it("checks the role before reading the body", async () => {
    const { server } = await harness();
    const res = await server.inject({ method: "POST", url: "/api/things", payload: { wrong: 1 } });
    assertJsonError(res, 401, "unauthorized");
  });
});

describe("public reads", () => {
  it("are open by default", async () => {
    const { server } = await harness();
    assert.equal((await server.inject({ method: "GET", url: "/api/things" })).statusCode, 200);
  });

  it("need a token when DSR_PUBLIC_READ=false", async () => {
    const { server, editor } = await harness({ DSR_PUBLIC_READ: "false" });
    const res = await server.inject({ method: "GET", url: "/api/things" });
    assertJsonError(res, 401, "unauthorized");
    assert.match(res.json().message, /DSR_PUBLIC_READ/);
    assert.equal((await server.inject({ method: "GET", url: "/api/things", headers: bearer(editor) })).statusCode, 200);
  });
});

describe("the session cookie", () => {
  it("is httpOnly, SameSite=Strict, Path=/ and not Secure unless configured", async () => {
    const { server, editor } = await harness();
    const { res, setCookie } = await signIn(server, editor);
    assert.match(setCookie, /HttpOnly/);
    assert.match(setCookie, /SameSite=Strict/);
    assert.match(setCookie, /Path=\//);
    assert.match(setCookie, /Max-Age=\d+/);
    assert.doesNotMatch(setCookie, /Secure/);
    const body = res.json();
    assert.equal(body.name, "eve");
    assert.equal(body.role, "editor");
    assert.match(body.csrfToken, /^[A-Za-z0-9_-]{43}$/);
    assert.ok(!setCookie.includes(editor), "the cookie is not the token");

    const secure = await harness({ DSR_SECURE_COOKIES: "true" });
    assert.match((await signIn(secure.server, secure.editor)).setCookie, /Secure/);
  });

  it("is refused for a wrong token with 401", async () => {
    const { server } = await harness();
    assertJsonError(await server.inject({ method: "POST", url: "/api/session", payload: { token: "dsr_nope" } }), 401, "invalid_token");
    assertJsonError(await server.inject({ method: "POST", url: "/api/session", payload: {} }), 400, "bad_request");
  });

  it("tells who is signed in, with the same CSRF token; 401 when nobody is", async () => {
    const { server, editor } = await harness();
    const { cookie, csrfToken } = await signIn(server, editor);
    const me = await server.inject({ method: "GET", url: "/api/session", headers: { cookie } });
    assert.equal(me.statusCode, 200, me.body);
    assert.deepEqual(me.json(), { name: "eve", role: "editor", csrfToken });
    assertJsonError(await server.inject({ method: "GET", url: "/api/session" }), 401, "unauthorized");
  });

  it("writes only with the x-csrf-token header", async () => {
    const { server, editor } = await harness();
    const { cookie, csrfToken } = await signIn(server, editor);
    assertJsonError(await post(server, { cookie }), 403, "csrf_failed");
    assertJsonError(await post(server, { cookie, [CSRF_HEADER]: `${csrfToken.slice(0, -2)}xx` }), 403, "csrf_failed");
    const ok = await post(server, { cookie, [CSRF_HEADER]: csrfToken });
    assert.equal(ok.statusCode, 200, ok.body);
    assert.deepEqual(ok.json(), { by: "eve", name: "x", via: "session" });
  });

  it("does not let one session's CSRF token serve another session", async () => {
    const { server, editor } = await harness();
    const a = await signIn(server, editor);
    const b = await signIn(server, editor);
    assert.notEqual(a.csrfToken, b.csrfToken);
    assertJsonError(await post(server, { cookie: a.cookie, [CSRF_HEADER]: b.csrfToken }), 403, "csrf_failed");
  });

  it("leaves bearer-token writes free of the CSRF header", async () => {
    const { server, editor } = await harness();
    const { cookie } = await signIn(server, editor);
    // The bearer token decides even when a cookie comes along.
    assert.equal((await post(server, { ...bearer(editor), cookie })).statusCode, 200);
  });

  it("ends on DELETE /api/session, which clears the cookie", async () => {
    const { server, editor } = await harness();
    const { cookie, csrfToken } = await signIn(server, editor);
    const out = await server.inject({ method: "DELETE", url: "/api/session", headers: { cookie, [CSRF_HEADER]: csrfToken } });
    assert.equal(out.statusCode, 204, out.body);
    assert.match(String(out.headers["set-cookie"]), new RegExp(`${SESSION_COOKIE}=;.*Max-Age=0`));
    assertJsonError(await server.inject({ method: "GET", url: "/api/session", headers: { cookie } }), 401, "unauthorized");
    assertJsonError(await post(server, { cookie, [CSRF_HEADER]: csrfToken }), 401, "unauthorized");
  });

  it("ends when its token is revoked, and when it expires", async () => {
    const { app, server, editor, admin } = await harness();
    const { cookie, csrfToken } = await signIn(server, editor);
    await revokeToken(app.store.db, "eve");
    assertJsonError(await post(server, { cookie, [CSRF_HEADER]: csrfToken }), 401, "unauthorized");

    const s = await signIn(server, admin);
    await app.store.db.updateTable("sessions").set({ expires_at: "2000-01-01T00:00:00.000Z" }).execute();
    assertJsonError(await server.inject({ method: "GET", url: "/api/session", headers: { cookie: s.cookie } }), 401, "unauthorized");
  });
});

describe("the real server", () => {
  it("signs the web app in, checks CSRF and roles, limits and hardens its own routes", async () => {
    const { buildServer } = await import("../../src/api/server.js");
    const app = await memoryApp();
    const server = buildServer(app, { config: readConfig({ DSR_RATE_LIMIT: "4", DSR_RATE_LIMIT_TOKEN: "100000" }) });
    try {
      const id = (await app.store.db.selectFrom("projects").select("id").executeTakeFirstOrThrow()).id;
      const accept = `/api/projects/${id}/accept`;
      const anonymous = await server.inject({ method: "POST", url: accept });
      assertJsonError(anonymous, 401, "unauthorized");
      assert.match(String(anonymous.headers["www-authenticate"]), /^Bearer/);
      assert.match(String(anonymous.headers["content-security-policy"]), /frame-ancestors 'none'/);

      const editor = (await createToken(app.store.db, { name: "ed", role: "editor" })).token;
      const { cookie, csrfToken } = await signIn(server, editor);
      assertJsonError(await server.inject({ method: "POST", url: accept, headers: { cookie } }), 403, "csrf_failed");
      const ok = await server.inject({ method: "POST", url: accept, headers: { cookie, [CSRF_HEADER]: csrfToken } });
      assert.equal(ok.statusCode, 200, ok.body);
      const audit = await app.store.db.selectFrom("audit_events").select("actor").where("entity_id", "=", id).execute();
      assert.ok(audit.some((a) => a.actor === "ed"), JSON.stringify(audit));

      assertJsonError(await server.inject({ method: "GET", url: "/api/no-such-thing" }), 404, "not_found");
      // Four anonymous requests so far (two above, two here) fill this IP's bucket.
      await server.inject({ method: "GET", url: "/api/projects?limit=1" });
      await server.inject({ method: "GET", url: "/api/projects?limit=1" });
      assertJsonError(await server.inject({ method: "GET", url: "/api/projects?limit=1" }), 429, "rate_limited");
    } finally {
      await server.close();
    }
  });
});
