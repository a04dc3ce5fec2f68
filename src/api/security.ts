// HTTP hardening around every route: security headers with a CSP for the same-origin web app,
// rate limits per token or per IP, opt-in CORS, and the body size limit.
import helmet from "@fastify/helmet";
import rateLimit from "@fastify/rate-limit";
import type { FastifyInstance, FastifyReply, FastifyRequest, FastifyServerOptions } from "fastify";
import type { Config } from "../config.js";
import type { Actor } from "./auth.js";
import { ApiError, frameworkErrors } from "./errors.js";

const MB = 1024 * 1024;

/**
 * One policy for the web app and for Swagger UI at /api/docs: @fastify/swagger-ui 6 serves its
 * page with external scripts only (its static/csp.json lists no inline hashes), and sets styles
 * through the DOM or inline (allowed for charts anyway) and images as data: URLs.
 */
export const CSP_DIRECTIVES = {
  defaultSrc: ["'self'"],
  baseUri: ["'self'"],
  scriptSrc: ["'self'"],
  scriptSrcAttr: ["'none'"],
  styleSrc: ["'self'", "'unsafe-inline'"],
  imgSrc: ["'self'", "data:"],
  fontSrc: ["'self'", "data:"],
  connectSrc: ["'self'"],
  objectSrc: ["'none'"],
  frameAncestors: ["'none'"],
  formAction: ["'self'"],
};

export type SecurityConfig = Pick<Config, "DSR_RATE_LIMIT" | "DSR_RATE_LIMIT_TOKEN" | "DSR_UPLOAD_MAX_MB" | "DSR_CORS_ORIGINS" | "DSR_SECURE_COOKIES">;

/**
 * Options for the Fastify constructor: the body limit (uploads included) and JSON errors for
 * requests refused before routing.
 * @example const server = Fastify({ ...serverOptions(config), logger: false })
 */
export function serverOptions(config: Pick<Config, "DSR_UPLOAD_MAX_MB">): Pick<FastifyServerOptions, "bodyLimit" | "frameworkErrors"> {
  return { bodyLimit: Math.floor(config.DSR_UPLOAD_MAX_MB * MB), frameworkErrors };
}

/** Limits for @fastify/multipart, so a streamed upload stops at the same size as a plain body. */
export function uploadLimits(config: Pick<Config, "DSR_UPLOAD_MAX_MB">): { fileSize: number } {
  return { fileSize: Math.floor(config.DSR_UPLOAD_MAX_MB * MB) };
}

/** The rate-limit bucket: the token's name when there is an actor (its sessions share it), else the IP. */
export function rateLimitKey(request: FastifyRequest): string {
  const actor: Actor | null = request.actor;
  return actor ? `token:${actor.name}` : `ip:${request.ip}`;
}

/**
 * Adds the headers, the limiter and CORS. Routes declared before this call are not rate-limited;
 * a route opts out with `config: { rateLimit: false }`.
 * @example registerErrorHandler(server); registerSecurity(server, config); registerAuth(server, { app, config });
 */
export function registerSecurity(server: FastifyInstance, config: SecurityConfig): void {
  void server.register(helmet, {
    contentSecurityPolicy: {
      useDefaults: false,
      // Upgrading subresources to https breaks a server reached over plain http (127.0.0.1, LAN).
      directives: config.DSR_SECURE_COOKIES ? { ...CSP_DIRECTIVES, upgradeInsecureRequests: [] } : CSP_DIRECTIVES,
    },
    hsts: config.DSR_SECURE_COOKIES ? { maxAge: 180 * 24 * 3600 } : false,
  });

  if (config.DSR_CORS_ORIGINS.length > 0) addCors(server, new Set(config.DSR_CORS_ORIGINS));

  void server.register(rateLimit, {
    global: false,
    timeWindow: 60_000,
    max: (request) => (request.actor ? config.DSR_RATE_LIMIT_TOKEN : config.DSR_RATE_LIMIT),
    keyGenerator: rateLimitKey,
    errorResponseBuilder: (_request, context) =>
      new ApiError(context.statusCode, "rate_limited", `too many requests: the limit is ${context.max} per minute; retry in ${context.after} (see Retry-After)`),
  });
  // The limiter is a route-level onRequest hook because those run after every app-wide one: the
  // auth hook has set `request.actor` and helmet its headers (a 429 carries them too), whatever
  // order the register* calls came in. Added here rather than by the plugin's own onRoute hook,
  // which misses routes declared before the plugin has loaded.
  let limiter: ReturnType<FastifyInstance["rateLimit"]> | undefined;
  async function limit(this: FastifyInstance, request: FastifyRequest, reply: FastifyReply): Promise<void> {
    limiter ??= server.rateLimit();
    await limiter.call(this, request, reply);
  }
  server.addHook("onRoute", (route) => {
    if (route.config?.rateLimit === false) return;
    // First of the route's own hooks, so a route-level `requireRole` refusal is counted too.
    route.onRequest = [limit, ...(route.onRequest === undefined ? [] : [route.onRequest].flat())];
  });
}

/**
 * CORS for the listed origins only, by hand (three headers and the preflight). Bearer tokens
 * only: credentials (the SameSite=Strict cookie) are never allowed cross-origin.
 */
function addCors(server: FastifyInstance, origins: ReadonlySet<string>): void {
  server.addHook("onRequest", async (request, reply) => {
    void reply.header("vary", "Origin");
    const origin = request.headers.origin;
    if (origin === undefined || !origins.has(origin)) return;
    void reply.header("access-control-allow-origin", origin);
    void reply.header("access-control-expose-headers", "retry-after, x-ratelimit-limit, x-ratelimit-remaining, x-ratelimit-reset");
    if (request.method === "OPTIONS" && request.headers["access-control-request-method"] !== undefined) {
      void reply.header("access-control-allow-methods", "GET, HEAD, POST, PUT, PATCH, DELETE");
      void reply.header("access-control-allow-headers", "authorization, content-type");
      void reply.header("access-control-max-age", "600");
      return reply.status(204).send();
    }
  });
}
