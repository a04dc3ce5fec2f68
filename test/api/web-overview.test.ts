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
  server = buildServer(app, { webRoot: null });
});
after(async () => {
  await server.close();
  await app.close();
});

describe("GET /api/overview", () => {
  it("gives the headline figures, chart series and map points in one answer", async () => {
    const res = await server.inject({ method: "GET", url: "/api/overview" });
    assert.equal(res.statusCode, 200);
    const o = res.json();
    const list = (await server.inject({ method: "GET", url: "/api/projects?limit=1" })).json();
    assert.equal(o.totals.projects, list.total);
    assert.equal(o.totals.countries, o.byCountry.filter((g: { key: string | null }) => g.key !== null).length);
    assert.ok(o.totals.sources > 0 && o.totals.vendors > 0);
    assert.ok(o.topVendors.length > 0 && o.topVendors.length <= 12);
    assert.ok(o.byYearCategory.every((r: { year: number }) => Number.isInteger(r.year)));
    assert.match(o.license, /CC BY 4\.0/);
    assert.match(o.coordinatesAttribution, /GeoNames/);
    for (const p of o.points) {
      assert.ok(["city", "subdivision"].includes(p.precision));
      assert.ok(p.lon < -30 && p.lon > -120 && p.lat < 35 && p.lat > -60, `${p.place} lies in Latin America`);
    }
  });

  it("adds up per year and category to the projects that have a year", async () => {
    const o = (await server.inject({ method: "GET", url: "/api/overview" })).json();
    const years = (await server.inject({ method: "GET", url: "/api/stats?group_by=year" })).json();
    const withYear = years.groups.filter((g: { key: string | null }) => g.key !== null).reduce((n: number, g: { projects: number }) => n + g.projects, 0);
    assert.equal(o.byYearCategory.reduce((n: number, r: { projects: number }) => n + r.projects, 0), withYear);
  });

  it("follows the list's filters, and a vendor × country cell counts what that filter pair lists", async () => {
    const o = (await server.inject({ method: "GET", url: "/api/overview?country=AR" })).json();
    assert.deepEqual(o.byCountry.map((g: { key: string }) => g.key), ["AR"]);
    const cell = o.vendorCountry.find((c: { country: string }) => c.country === "AR");
    assert.ok(cell, "a vendor has projects in Argentina");
    const listed = (await server.inject({ method: "GET", url: `/api/projects?country=AR&vendor=${encodeURIComponent(cell.label)}&limit=1` })).json();
    assert.equal(cell.projects, listed.total);
  });

  it("answers an empty selection with zeros, not an error", async () => {
    const res = await server.inject({ method: "GET", url: "/api/overview?country=AR&year_from=2100" });
    assert.equal(res.statusCode, 200);
    const o = res.json();
    assert.equal(o.totals.projects, 0);
    assert.deepEqual(o.points, []);
  });

  it("refuses a bad filter with 400, like the list", async () => {
    const res = await server.inject({ method: "GET", url: "/api/overview?category=spaceships" });
    assert.equal(res.statusCode, 400);
  });

  it("is in the OpenAPI document", async () => {
    const doc = (await server.inject({ method: "GET", url: "/api/openapi.json" })).json();
    assert.ok(doc.paths["/api/overview"]?.get);
    assert.ok(doc.paths["/api/projects/{id}/location"]?.get);
  });
});

describe("GET /api/projects/:id/location", () => {
  it("places a project at its subdivision's main city and says so", async () => {
    const res = await server.inject({ method: "GET", url: "/api/projects/zte-jujuy-surveillance-2019/location" });
    assert.equal(res.statusCode, 200);
    const { location, attribution } = res.json();
    assert.equal(location.precision, "subdivision");
    assert.match(location.place, /Jujuy/);
    assert.match(attribution, /GeoNames/);
  });

  it("answers 404 for an unknown project", async () => {
    const res = await server.inject({ method: "GET", url: "/api/projects/nope/location" });
    assert.equal(res.statusCode, 404);
  });
});
