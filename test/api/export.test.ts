// GET /api/export on a server wired as buildServer wires it: each format as a download with its
// media type and file name, filters applied, bad queries a JSON 400, closed reads closed.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import Fastify, { type FastifyInstance } from "fastify";
import { type ZodTypeProvider, serializerCompiler, validatorCompiler } from "fastify-type-provider-zod";
import { registerAuth } from "../../src/api/auth.js";
import { registerErrorHandler } from "../../src/api/errors.js";
import { registerExportRoutes } from "../../src/api/routes/export.js";
import { serverOptions } from "../../src/api/security.js";
import { readConfig } from "../../src/config.js";
import { OWN_DATA_LICENSE } from "../../src/domain/licenses.js";
import { EXPORT_FORMATS, FORMAT_INFO } from "../../src/export/formats.js";
import { createToken } from "../../src/services/access.service.js";
import { memoryApp } from "../helpers.js";

async function harness(env: Record<string, string> = {}) {
  const app = await memoryApp();
  const config = readConfig(env);
  const server = Fastify(serverOptions(config)).withTypeProvider<ZodTypeProvider>();
  server.setValidatorCompiler(validatorCompiler);
  server.setSerializerCompiler(serializerCompiler);
  registerErrorHandler(server);
  registerAuth(server, { app, config });
  server.register(async (scope) => registerExportRoutes(scope, app));
  return { app, server: server as unknown as FastifyInstance };
}

const today = () => new Date().toISOString().slice(0, 10);

describe("GET /api/export", () => {
  it("answers every format with its media type and an attachment file name", async () => {
    const { server } = await harness();
    for (const format of EXPORT_FORMATS) {
      const res = await server.inject({ method: "GET", url: `/api/export?format=${format}` });
      assert.equal(res.statusCode, 200, `${format}: ${res.body}`);
      assert.equal(res.headers["content-type"], FORMAT_INFO[format].contentType);
      assert.equal(res.headers["content-disposition"], `attachment; filename="dsr-projects-${today()}.${FORMAT_INFO[format].extension}"`);
      if (format === "xlsx") assert.equal(res.rawPayload.subarray(0, 2).toString("latin1"), "PK");
      else assert.ok(res.body.includes(OWN_DATA_LICENSE), `${format} names the licence`);
    }
  });

  it("applies the list's filters", async () => {
    const { server } = await harness();
    const res = await server.inject({ method: "GET", url: "/api/export?format=geojson&country=ar&category=surveillance" });
    assert.equal(res.statusCode, 200);
    const features = (res.json() as { features: { properties: { country: string; category: string } }[] }).features;
    assert.ok(features.length > 0 && features.every((f) => f.properties.country === "AR" && f.properties.category === "surveillance"));
  });

  it("answers 400 in JSON for an unknown or missing format and a bad filter", async () => {
    const { server } = await harness();
    for (const url of ["/api/export?format=xml", "/api/export", "/api/export?format=csv&country=Argentina"]) {
      const res = await server.inject({ method: "GET", url });
      assert.equal(res.statusCode, 400, url);
      assert.match(String(res.headers["content-type"]), /^application\/json/);
      const body = res.json() as { error: string; message: string };
      assert.equal(body.error, "bad_request");
      assert.match(body.message, url.includes("country") ? /country/ : /format/);
    }
  });

  it("needs a token when reads are closed", async () => {
    const { app, server } = await harness({ DSR_PUBLIC_READ: "false" });
    assert.equal((await server.inject({ method: "GET", url: "/api/export?format=csv" })).statusCode, 401);
    const { token } = await createToken(app.store.db, { name: "reader", role: "editor" });
    const res = await server.inject({ method: "GET", url: "/api/export?format=csv", headers: { authorization: `Bearer ${token}` } });
    assert.equal(res.statusCode, 200);
  });
});
