// postgres: the observatory on PostgreSQL end to end — the bundled data loaded, the seed documents
// ingested and resolved, an AidData sample imported twice (the second time a no-op), and the API's
// reads (lists with filters, full text, stats, a project with its evidence, search) answering as
// they do on SQLite for the same data.
import assert from "node:assert/strict";
import { readdirSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { after, before, describe, it } from "node:test";
import type { FastifyInstance } from "fastify";
import { type OpenedApp, openApp } from "../../src/app.js";
import { buildServer } from "../../src/api/server.js";
import { importSource } from "../../src/services/import.service.js";
import { ingest } from "../../src/services/ingest.service.js";
import { SHARED_DIR, tempDir } from "../helpers.js";
import { postgresSchema, skipPostgres } from "../postgres.js";

const SEEDS = fileURLToPath(new URL("seeds/", SHARED_DIR));
const SAMPLE = fileURLToPath(new URL("data/aiddata-gcdf3-sample.csv", SHARED_DIR));

/** The same steps on any store: what both databases must agree on. */
async function fill(app: OpenedApp): Promise<{ created: number; again: number[] }> {
  const s = await ingest(app, readdirSync(SEEDS).map((f) => join(SEEDS, f)), { allowHosts: [], maxBytes: 50e6, threads: 0 });
  assert.equal(s.failed, 0);
  const options = { allowHosts: [], maxBytes: 50e6, cacheDir: join(tempDir(), "cache") };
  const first = await importSource(app, "aiddata", SAMPLE, options);
  assert.equal(first.failed, 0);
  const second = await importSource(app, "aiddata", SAMPLE, options);
  return { created: first.created, again: [second.created, second.joined, second.updated, second.unchanged] };
}

/** Project ids are made fresh by each store: compare what the projects say. */
const strip = (body: unknown): unknown => JSON.parse(JSON.stringify(body, (k, v) => (k === "id" && typeof v === "string" && v.startsWith("p-") ? "p-…" : v)));

const READS = [
  "/api/projects?limit=100&sort=title",
  "/api/projects?country=AR&sort=-year",
  "/api/projects?vendor=Huawei&sort=-amount",
  "/api/projects?category=surveillance&year_from=2010&year_to=2024",
  "/api/projects?q=camaras",
  "/api/projects?q=fibra%20optica&sort=year",
  "/api/stats?group_by=country",
  "/api/stats?group_by=vendor",
  "/api/stats?group_by=year&country=EC",
  "/api/organizations?limit=20",
];

describe("postgres: the observatory on PostgreSQL", { skip: skipPostgres }, () => {
  let pgApp: OpenedApp;
  let liteApp: OpenedApp;
  let pgServer: FastifyInstance;
  let liteServer: FastifyInstance;
  let drop: () => Promise<void> = async () => {};
  before(async () => {
    const schema = await postgresSchema("app");
    drop = schema.drop;
    pgApp = await openApp({ database: schema.url, load: "if-changed" });
    // Not memoryApp(): its `after` registered from a `before` hook would close it at once.
    liteApp = await openApp({ database: ":memory:", load: "if-changed" });
    pgServer = buildServer(pgApp);
    liteServer = buildServer(liteApp);
  });
  after(async () => {
    await pgServer?.close();
    await liteServer?.close();
    await pgApp?.close();
    await liteApp?.close();
    await drop();
  });

  it("postgres: loads, ingests and imports as SQLite does, and a second import changes nothing", async () => {
    assert.equal(pgApp.store.dialect, "postgres");
    assert.ok(pgApp.loaded && !pgApp.loaded.skipped && pgApp.loaded.projects > 0);
    const [pg, lite] = [await fill(pgApp), await fill(liteApp)];
    assert.deepEqual(pg, lite);
    assert.deepEqual(pg.again.slice(0, 3), [0, 0, 0]);
  });

  it("postgres: answers the API's reads with what SQLite answers", async () => {
    for (const url of READS) {
      const [pg, lite] = [await pgServer.inject(url), await liteServer.inject(url)];
      assert.equal(pg.statusCode, 200, `${url}: ${pg.body.slice(0, 300)}`);
      assert.deepEqual(strip(pg.json()), strip(lite.json()), url);
    }
  });

  it("postgres: shows a project with its evidence, and searches documents with snippets", async () => {
    const detail = await pgServer.inject("/api/projects/zte-jujuy-surveillance-2019");
    assert.equal(detail.statusCode, 200, detail.body.slice(0, 300));
    const lite = await liteServer.inject("/api/projects/zte-jujuy-surveillance-2019");
    assert.deepEqual(strip(detail.json()), strip(lite.json()));
    const search = await pgServer.inject("/api/search?q=Jujuy");
    assert.equal(search.statusCode, 200, search.body.slice(0, 300));
    const body = search.json() as { documents?: { snippet: string }[] };
    assert.ok(body.documents?.some((d) => /«jujuy»/i.test(d.snippet)), JSON.stringify(body.documents?.slice(0, 2)));
  });
});
