// Who is asking: a bearer token (scripts) or the session cookie the web app got for one becomes
// `request.actor`; routes then demand a role with `requireRole` or a readable server with `requireRead`.
import { createHmac, timingSafeEqual } from "node:crypto";
import { fastifyCookie } from "@fastify/cookie";
import type { FastifyInstance, FastifyRequest } from "fastify";
import { type ZodTypeProvider, serializerCompiler, validatorCompiler } from "fastify-type-provider-zod";
import { z } from "zod";
import type { App } from "../app.js";
import type { Config } from "../config.js";
import { ROLES, type Role, SESSION_TTL_MS, closeSession, openSession, roleAllows, sessionToken, verifyToken } from "../services/access.service.js";
import { ApiError, ErrorBody } from "./errors.js";

export interface Actor {
  /** The token's name, as `dsr token create --name` gave it. */
  name: string;
  role: Role;
  via: "token" | "session";
}

declare module "fastify" {
  interface FastifyRequest {
    /** Who sent the request; null when anonymous. Set by `registerAuth` before any route runs. */
    actor: Actor | null;
  }
}

export const SESSION_COOKIE = "dsr_session";
export const CSRF_HEADER = "x-csrf-token";
const UNSAFE_METHODS = new Set(["POST", "PUT", "PATCH", "DELETE"]);
const BEARER = /^Bearer +(\S+) *$/i;

/**
 * What the onRequest hook found, per request. A bad token or CSRF header is not thrown there but
 * by `requireRole`/`requireRead` or, at the latest, in preParsing (before the body is read): the
 * rate limiter, the first route-level onRequest hook, runs in between and counts those requests.
 */
interface AuthState {
  publicRead: boolean;
  failure: ApiError | null;
  sessionSecret: string | null;
}
const states = new WeakMap<FastifyRequest, AuthState>();

const unauthorized = (code: string, message: string, error?: string) =>
  new ApiError(401, code, message, { "www-authenticate": error ? `Bearer realm="dsr", error="${error}"` : `Bearer realm="dsr"` });

/**
 * The CSRF token of a session: an HMAC of a fixed label keyed by the session secret. A page on
 * another site cannot read the httpOnly cookie, so it cannot compute or fetch this value, while
 * the web app gets it from POST/GET /api/session and echoes it in `x-csrf-token` on writes.
 */
export function csrfTokenFor(sessionSecret: string): string {
  return createHmac("sha256", sessionSecret).update("dsr csrf v1").digest("base64url");
}

function csrfMatches(sessionSecret: string, sent: string | string[] | undefined): boolean {
  if (typeof sent !== "string") return false;
  const expected = Buffer.from(csrfTokenFor(sessionSecret));
  const got = Buffer.from(sent);
  return got.length === expected.length && timingSafeEqual(got, expected);
}

function sessionSecretOf(request: FastifyRequest): string | null {
  const header = request.headers.cookie;
  if (!header) return null;
  return request.server.parseCookie(header)[SESSION_COOKIE] || null;
}

const SessionBody = z.object({
  name: z.string(),
  role: z.enum(ROLES),
  /** Send it back as `x-csrf-token` on writes made with the cookie; null for bearer tokens, which need none. */
  csrfToken: z.string().nullable(),
});

export interface AuthDeps {
  app: Pick<App, "store">;
  config: Pick<Config, "DSR_PUBLIC_READ" | "DSR_SECURE_COOKIES">;
}

/**
 * Resolves credentials on every request and adds the session routes:
 * `POST /api/session` `{ token }` → cookie + `{ name, role, csrfToken }`, `GET /api/session`, `DELETE /api/session`.
 * @example registerAuth(server, { app, config }); server.post("/api/x", { onRequest: requireRole("editor") }, …)
 */
export function registerAuth(server: FastifyInstance, deps: AuthDeps): void {
  const db = deps.app.store.db;
  const cookieOptions = { httpOnly: true, sameSite: "strict", path: "/", secure: deps.config.DSR_SECURE_COOKIES } as const;

  server.decorateRequest("actor", null);
  // Cookies are parsed in the hook below, only when there is no bearer token: no parsing hook.
  void server.register(fastifyCookie, { hook: false });

  server.addHook("onRequest", async (request) => {
    const state: AuthState = { publicRead: deps.config.DSR_PUBLIC_READ, failure: null, sessionSecret: null };
    states.set(request, state);
    const authorization = request.headers.authorization;
    if (authorization !== undefined) {
      const token = BEARER.exec(authorization)?.[1];
      if (token === undefined) {
        state.failure = unauthorized("unauthorized", 'the Authorization header must be "Bearer dsr_…" (a token from dsr token create)', "invalid_request");
        return;
      }
      const record = await verifyToken(db, token);
      if (!record) {
        state.failure = unauthorized("invalid_token", "this token is unknown or revoked; ask an admin for a new one (dsr token create)", "invalid_token");
        return;
      }
      request.actor = { name: record.name, role: record.role, via: "token" };
      return;
    }
    const secret = sessionSecretOf(request);
    if (secret === null) return;
    // An expired or ended session is no credential at all: public reads keep working, and
    // GET /api/session tells the web app to ask for the token again.
    const record = await sessionToken(db, secret);
    if (!record) return;
    request.actor = { name: record.name, role: record.role, via: "session" };
    state.sessionSecret = secret;
    // Browsers attach the cookie to requests other sites trigger; the CSRF header proves the
    // request came from our page. Signing in is exempt: it authenticates by the token in its
    // JSON body, which a cross-site form cannot send.
    const signingIn = request.method === "POST" && request.routeOptions.url === "/api/session";
    if (UNSAFE_METHODS.has(request.method) && !signingIn && !csrfMatches(secret, request.headers[CSRF_HEADER])) {
      state.failure = new ApiError(403, "csrf_failed", `writes with the session cookie need the ${CSRF_HEADER} header from GET /api/session; reload the page`);
    }
  });

  server.addHook("preParsing", async (request, _reply, payload) => {
    throwPendingFailure(request);
    return payload;
  });

  // The routes live in their own context with zod compilers, so they work whatever the server set.
  void server.register(async (child) => {
    child.setValidatorCompiler(validatorCompiler);
    child.setSerializerCompiler(serializerCompiler);
    const routes = child.withTypeProvider<ZodTypeProvider>();

    routes.post("/api/session", { schema: { body: z.object({ token: z.string().min(1).max(200) }), response: { 200: SessionBody, 401: ErrorBody } } }, async (request, reply) => {
      const opened = await openSession(db, request.body.token);
      if (!opened) throw unauthorized("invalid_token", "this token is unknown or revoked; ask an admin for a new one (dsr token create)", "invalid_token");
      void reply.setCookie(SESSION_COOKIE, opened.secret, { ...cookieOptions, expires: opened.expiresAt, maxAge: SESSION_TTL_MS / 1000 });
      return { name: opened.record.name, role: opened.record.role, csrfToken: csrfTokenFor(opened.secret) };
    });

    routes.get("/api/session", { schema: { response: { 200: SessionBody, 401: ErrorBody } } }, async (request) => {
      const actor = request.actor;
      if (!actor) throw unauthorized("unauthorized", "not signed in: POST /api/session with { token } first");
      const secret = states.get(request)?.sessionSecret;
      return { name: actor.name, role: actor.role, csrfToken: secret ? csrfTokenFor(secret) : null };
    });

    routes.delete("/api/session", async (request, reply) => {
      const secret = states.get(request)?.sessionSecret;
      if (secret) await closeSession(db, secret);
      void reply.clearCookie(SESSION_COOKIE, cookieOptions);
      return reply.status(204).send();
    });
  });
}

/** A bad token or a missing CSRF header is the better answer than "no credentials" when a route hook runs first. */
function throwPendingFailure(request: FastifyRequest): void {
  const failure = states.get(request)?.failure;
  if (failure) throw failure;
}

/**
 * A route hook that lets only actors with `role` through (admin ⊇ editor): 401 with
 * `WWW-Authenticate: Bearer` without credentials, 403 naming both roles with a lesser one.
 * Works as any route hook; `onRequest` answers before the body is even read.
 * @example server.post("/api/projects/:id/accept", { onRequest: requireRole("editor") }, handler)
 */
export function requireRole(role: Role): (request: FastifyRequest) => Promise<void> {
  return async (request) => {
    throwPendingFailure(request);
    const actor = request.actor;
    if (!actor) throw unauthorized("unauthorized", `this needs a token with the ${role} role: send Authorization: Bearer dsr_… or sign in with POST /api/session`);
    if (!roleAllows(actor.role, role)) {
      throw new ApiError(403, "forbidden", `this needs the ${role} role; token "${actor.name}" has the ${actor.role} role — ask an admin for an ${role} token`);
    }
  };
}

/** A route hook (onRequest or preHandler) for reads: anyone when DSR_PUBLIC_READ is true (the default), otherwise any token. */
export async function requireRead(request: FastifyRequest): Promise<void> {
  throwPendingFailure(request);
  // Without registerAuth there is no state: stay closed rather than silently open.
  if (request.actor === null || request.actor === undefined) {
    if (!states.get(request)?.publicRead) throw unauthorized("unauthorized", "reading needs a token on this server (DSR_PUBLIC_READ=false): send Authorization: Bearer dsr_… or sign in");
  }
}

/**
 * The name the audit log and review columns record for this request's actor: the token's name
 * as is (no "token:" prefix), so an API reviewer reads like a CLI one (`dsr review accept --by`).
 * Throws 401 when anonymous, which routes behind `requireRole` never are.
 */
export function actorOf(request: FastifyRequest): string {
  if (!request.actor) throw unauthorized("unauthorized", "this needs a token: send Authorization: Bearer dsr_… or sign in");
  return request.actor.name;
}
