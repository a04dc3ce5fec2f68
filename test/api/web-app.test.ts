import assert from "node:assert/strict";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import { after, before, describe, it } from "node:test";
import type { FastifyInstance } from "fastify";
import { buildServer } from "../../src/api/server.js";
import { cacheControlFor } from "../../src/api/web-app.js";
import { type OpenedApp, openApp } from "../../src/app.js";
import { testDatabase } from "../postgres.js";

let app: OpenedApp;
let server: FastifyInstance;
let bare: FastifyInstance;
// Made here rather than with tempDir(): an after() registered inside before() runs too early.
const root = mkdtempSync(join(tmpdir(), "dsr-web-"));
const INDEX = '<!doctype html><html><head><script type="module" src="/assets/index-abc123.js"></script></head><body><div id="root"></div></body></html>';

before(async () => {
  mkdirSync(join(root, "assets"));
  writeFileSync(join(root, "index.html"), INDEX);
  writeFileSync(join(root, "assets", "index-abc123.js"), "console.log('app')");
  writeFileSync(join(root, "assets", "index-abc123.js.gz"), gzipSync("console.log('app')"));
  app = await openApp({ database: await testDatabase(), load: "if-changed" });
  server = buildServer(app, { webRoot: root });
  // A server whose web app was never built.
  bare = buildServer(app, { webRoot: join(root, "missing") });
});
after(async () => {
  await server.close();
  await bare.close();
  await app.close();
  rmSync(root, { recursive: true, force: true });
});

describe("serving the web app", () => {
  it("serves index.html at / with the CSP and no long cache", async () => {
    const res = await server.inject({ method: "GET", url: "/" });
    assert.equal(res.statusCode, 200);
    assert.match(res.headers["content-type"] as string, /text\/html/);
    assert.equal(res.body, INDEX);
    assert.equal(res.headers["cache-control"], "no-cache");
    assert.match(res.headers["content-security-policy"] as string, /script-src 'self'/);
  });

  it("answers deep links with index.html so the browser's router takes them", async () => {
    for (const url of ["/projects/zte-jujuy-surveillance-2019", "/countries/AR?lang=es", "/assessments/new?project=x"]) {
      const res = await server.inject({ method: "GET", url });
      assert.equal(res.statusCode, 200, url);
      assert.equal(res.body, INDEX, url);
    }
  });

  it("caches hashed assets for a year and sends them gzipped when the browser accepts it", async () => {
    const res = await server.inject({ method: "GET", url: "/assets/index-abc123.js", headers: { "accept-encoding": "gzip" } });
    assert.equal(res.statusCode, 200);
    assert.equal(res.headers["cache-control"], "public, max-age=31536000, immutable");
    assert.equal(res.headers["content-encoding"], "gzip");
  });

  it("keeps the API's JSON 404 for unknown API paths and missing assets", async () => {
    for (const url of ["/api/nope", "/assets/gone-123.js"]) {
      const res = await server.inject({ method: "GET", url });
      assert.equal(res.statusCode, 404, url);
      assert.equal(res.json().error, "not_found", url);
    }
  });

  it("still answers the API", async () => {
    const res = await server.inject({ method: "GET", url: "/api/health" });
    assert.equal(res.statusCode, 200);
  });

  it("says how to build the app when it was never built", async () => {
    const res = await bare.inject({ method: "GET", url: "/projects" });
    assert.equal(res.statusCode, 503);
    assert.match(res.body, /npm run build/);
  });

  it("chooses the cache policy by path", () => {
    assert.equal(cacheControlFor("assets/index-abc.js"), "public, max-age=31536000, immutable");
    assert.equal(cacheControlFor("index.html"), "no-cache");
  });
});
