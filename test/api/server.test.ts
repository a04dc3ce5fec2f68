import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import type { FastifyInstance } from "fastify";
import { buildServer } from "../../src/api/server.js";
import { type OpenedApp, openApp } from "../../src/app.js";
import { testDatabase } from "../postgres.js";

let server: FastifyInstance;
let app: OpenedApp;
before(async () => {
  app = await openApp({ database: await testDatabase(), load: "if-changed" });
  server = buildServer(app);
});
after(async () => {
  await server.close();
  await app.close();
});

describe("HTTP API", () => {
  it("answers health with counts", async () => {
    const res = await server.inject({ method: "GET", url: "/api/health" });
    assert.equal(res.statusCode, 200);
    const body = res.json();
    assert.equal(body.status, "ok");
    assert.ok(body.projects > 0);
  });

  it("lists projects as { items, total } with the contract's fields, filtered", async () => {
    const res = await server.inject({ method: "GET", url: "/api/projects?country=ar&vendor=ZTE" });
    assert.equal(res.statusCode, 200);
    const body = res.json();
    assert.equal(typeof body.total, "number");
    assert.ok(body.items.length >= 1);
    for (const p of body.items) {
      assert.equal(p.country, "AR");
      for (const k of ["id", "title", "status", "review", "sources", "vendors", "financiers", "buyer", "country", "subdivision", "city", "amount", "year", "category", "quantity", "mechanism"]) {
        assert.ok(k in p, `has ${k}`);
      }
    }
    assert.match(body.license, /CC BY 4\.0/);
  });

  it("rejects a bad filter or a limit above 1000 with 400 and a message", async () => {
    for (const url of ["/api/projects?limit=1001", "/api/projects?category=spaceships", "/api/projects?country=ARG", "/api/projects?offset=-1"]) {
      const res = await server.inject({ method: "GET", url });
      assert.equal(res.statusCode, 400, url);
      assert.match(res.json().message, /invalid querystring/);
    }
  });

  it("answers one project with its claims and evidence, or 404", async () => {
    const list = (await server.inject({ method: "GET", url: "/api/projects?limit=1" })).json();
    const id = list.items[0].id;
    const res = await server.inject({ method: "GET", url: `/api/projects/${id}` });
    assert.equal(res.statusCode, 200);
    const body = res.json();
    assert.equal(body.id, id);
    assert.ok(Object.keys(body.claims).length > 0);
    const missing = await server.inject({ method: "GET", url: "/api/projects/no-such-project" });
    assert.equal(missing.statusCode, 404);
    assert.match(missing.json().message, /no-such-project/);
  });
});
