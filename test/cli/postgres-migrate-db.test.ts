// postgres: `dsr migrate-db` copies an SQLite observatory into PostgreSQL row for row: the API then
// answers the same on both, new rows get fresh auto-numbered ids, and a second copy into the same
// (no longer empty) database is refused with the reason.
import assert from "node:assert/strict";
import { readdirSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, it } from "node:test";
import { openApp } from "../../src/app.js";
import { buildServer } from "../../src/api/server.js";
import { runCli } from "../../src/cli/main.js";
import { ingest } from "../../src/services/ingest.service.js";
import { insertClaims } from "../../src/store/project.repository.js";
import { SHARED_DIR, captureIo, tempDir } from "../helpers.js";
import { postgresSchema, skipPostgres } from "../postgres.js";

const SEEDS = fileURLToPath(new URL("seeds/", SHARED_DIR));

describe("postgres: dsr migrate-db", { skip: skipPostgres }, () => {
  it("postgres: copies every table, reads the same afterwards, and refuses a second copy", async (t) => {
    const file = join(tempDir(), "observatory.db");
    const lite = await openApp({ database: file, load: "if-changed" });
    t.after(() => lite.close());
    await ingest(lite, readdirSync(SEEDS).map((f) => join(SEEDS, f)), { allowHosts: [], maxBytes: 50e6, threads: 0 });
    const { url, drop } = await postgresSchema("migrate_db");
    t.after(drop);

    const io = captureIo();
    assert.equal(await runCli(["migrate-db", "--from", `sqlite:${file}`, "--to", url, "--json"], io, {}), 0, io.err());
    const out = JSON.parse(io.out()) as { tables: Record<string, number>; rows: number };
    assert.ok(out.tables.projects && out.tables.claims && out.tables.documents && out.tables.projects_fts, JSON.stringify(out.tables));

    const pg = await openApp({ database: url, load: "if-empty" });
    t.after(() => pg.close());
    const [a, b] = [buildServer(lite), buildServer(pg)];
    t.after(() => a.close());
    t.after(() => b.close());
    for (const path of ["/api/projects?limit=100&sort=title", "/api/projects?q=camaras", "/api/stats?group_by=vendor", "/api/projects/zte-jujuy-surveillance-2019"]) {
      const [x, y] = [await a.inject(path), await b.inject(path)];
      assert.equal(y.statusCode, 200, `${path}: ${y.body.slice(0, 200)}`);
      assert.deepEqual(y.json(), x.json(), path);
    }
    // Document search ranks and cuts snippets its own way on each engine: the same documents match.
    const ids = async (server: typeof a) => {
      const body = (await server.inject("/api/search?q=Huawei")).json() as { documents: { id: string }[] };
      return body.documents.map((d) => d.id).sort();
    };
    assert.deepEqual(await ids(b), await ids(a));
    // The claims' id sequence continues after the copied ids.
    const max = await pg.store.db.selectFrom("claims").select((eb) => eb.fn.max("id").as("m")).executeTakeFirstOrThrow();
    const doc = await pg.store.db.selectFrom("documents").select("id").limit(1).executeTakeFirstOrThrow();
    await insertClaims(pg.store.db, "zte-jujuy-surveillance-2019", [{ field: "year", value: 2019, documentId: doc.id, text: "a new quote", start: null, end: null, reviewed: false, origin: "extracted" }]);
    const added = await pg.store.db.selectFrom("claims").select("id").where("evidence_text", "=", "a new quote").executeTakeFirstOrThrow();
    assert.ok(added.id > Number(max.m));

    const again = captureIo();
    assert.equal(await runCli(["migrate-db", "--from", file, "--to", url], again, {}), 1);
    assert.match(again.err(), /already holds \d+ projects; migrate-db copies into an empty database/);
  });
});
