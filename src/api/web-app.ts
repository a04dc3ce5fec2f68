// Serves the built web app (web/ → dist/web) at `/`: hashed assets cached for a year, index.html
// for every other non-API GET so the browser's router can take deep links such as /projects/x.
import { existsSync } from "node:fs";
import { join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import fastifyStatic from "@fastify/static";
import type { FastifyInstance, FastifyReply } from "fastify";

/** Where `npm run build` puts the web app; the same folder from src/api (tsx) and dist/api (built). */
export const DEFAULT_WEB_ROOT = fileURLToPath(new URL("../../dist/web/", import.meta.url));

const YEAR_SECONDS = 365 * 24 * 3600;

/** Cache policy by path: Vite names files under assets/ by their content hash, so they never change. */
export function cacheControlFor(path: string): string {
  if (/(^|\/)assets\//.test(path)) return `public, max-age=${YEAR_SECONDS}, immutable`;
  // index.html and the few unhashed files must be revalidated, or a deploy would never be seen.
  return "no-cache";
}

/**
 * Adds the web app's routes. Unknown `/api/…` paths keep the API's JSON 404; when the app was
 * never built, `/` says how to build it instead of failing silently.
 * @example registerWebApp(server, { root: DEFAULT_WEB_ROOT })
 */
export function registerWebApp(server: FastifyInstance, options: { root?: string | null } = {}): void {
  const root = options.root === undefined ? DEFAULT_WEB_ROOT : options.root;
  if (root === null) return;
  void server.register(async (scope) => {
    const built = existsSync(join(root, "index.html"));
    const sendIndex = (reply: FastifyReply) => {
      if (!built) {
        return reply
          .status(503)
          .type("text/plain; charset=utf-8")
          .send("The web app is not built: run `npm run build` (it writes dist/web), then restart `dsr serve`. The API is at /api/docs.");
      }
      return reply.header("cache-control", "no-cache").sendFile("index.html");
    };
    if (built) {
      await scope.register(fastifyStatic, {
        root,
        // One route per built file (listed at start-up): the catch-all below stays free for the
        // single-page fallback, and a rebuild needs a restart, as any deploy does.
        wildcard: false,
        index: false,
        cacheControl: false,
        // The build writes a .gz beside each script and style sheet; browsers that accept gzip get it.
        preCompressed: true,
        setHeaders: (reply, path) => void reply.header("cache-control", cacheControlFor(relative(root, path))),
      });
    }
    scope.get("/", { schema: { hide: true } }, (_request, reply) => sendIndex(reply));
    scope.get("/*", { schema: { hide: true } }, (request, reply) => {
      const path = request.url.split("?")[0] ?? "";
      // An unknown API path or a missing asset is a real 404, never the app's page.
      if (path === "/api" || path.startsWith("/api/") || path.startsWith("/assets/")) return reply.callNotFound();
      return sendIndex(reply);
    });
  });
}
