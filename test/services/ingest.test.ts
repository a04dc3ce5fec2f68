// Ingestion end to end at the service level: seeds into an empty database, dedup by bytes, bad
// inputs reported by name while the rest land, URLs through the address guard, repair of
// unresolved mentions, and reviewed values that machine extraction never overturns.
import assert from "node:assert/strict";
import { readFileSync, readdirSync, writeFileSync, mkdirSync, symlinkSync, chmodSync } from "node:fs";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { after, before, describe, it } from "node:test";
import { sql } from "kysely";
import { foldKey } from "../../src/domain/text.js";
import type { FetchResult } from "../../src/ingest/fetch-url.js";
import { ingest, ingestBytes, type IngestOptions } from "../../src/services/ingest.service.js";
import { openResolver, resolveAllPending } from "../../src/services/resolve.service.js";
import { projectDetail } from "../../src/services/projects.service.js";
import { organizationLinker } from "../../src/store/organization.repository.js";
import { SHARED_DIR, fileApp, gazetteerOnlyDataDir, memoryApp, tempDir } from "../helpers.js";
import { TESTS_ON_POSTGRES } from "../postgres.js";
import { encryptedPdf, minimalPdf, zipArchive } from "../ingest/document-fixtures.js";

const SEEDS = fileURLToPath(new URL("seeds/", SHARED_DIR));
const GOLD = fileURLToPath(new URL("eval/seeds-gold.jsonl", SHARED_DIR));
const options: IngestOptions = { allowHosts: [], maxBytes: 5 * 1024 * 1024, threads: 0 };

interface GoldDeal {
  doc: string;
  vendors: string[];
  financiers: string[];
  buyer: string | null;
  country: string | null;
}

describe("ingesting the seed documents into an empty database", () => {
  it("stores every seed and resolves their deals", async (t) => {
    const app = await fileApp(gazetteerOnlyDataDir());
    const db = app.store.db;
    const summary = await ingest(app, [SEEDS], options);
    assert.equal(summary.failed, 0);
    assert.equal(summary.stored, readdirSync(SEEDS).length);

    await t.test("gives every annotated deal a project in its country with a party in common", async () => {
      const link = await organizationLinker(db);
      const key = (name: string) => link(name)?.id ?? foldKey(name);
      const parties = await db
        .selectFrom("project_parties")
        .innerJoin("projects", "projects.id", "project_parties.project_id")
        .select(["projects.country", "project_parties.name", "project_parties.organization_id"])
        .execute();
      const gold = readFileSync(GOLD, "utf8").trim().split("\n").map((l) => JSON.parse(l) as GoldDeal & { negative?: boolean }).filter((g) => !g.negative);
      const missing = gold.filter((g) => {
        const names = new Set([...g.vendors, ...g.financiers, ...(g.buyer ? [g.buyer] : [])].map(key));
        return !parties.some((p) => p.country === g.country && (names.has(p.organization_id ?? "") || names.has(key(p.name))));
      });
      // The extractor does not read this one deal at all: its party is named only in a section
      // heading, never in the deal's sentence (see `npm run eval -- --verbose`). Resolution cannot
      // make a project of a mention that does not exist; if extraction learns it, drop it here.
      const extractionMisses = ["002 BR China National Space Administration"];
      assert.deepEqual(missing.map((g) => `${g.doc} ${g.country} ${g.vendors.join("+")}`), extractionMisses);
    });

    await t.test("joins the ZTE–Jujuy deal of 002 and 004 into one project with both sources", async () => {
      const rows = await db
        .selectFrom("projects")
        .innerJoin("project_parties", "project_parties.project_id", "projects.id")
        .select(["projects.id", "projects.summary"])
        .where("projects.country", "=", "AR")
        .where("project_parties.organization_id", "=", "zte")
        .execute();
      const inJujuy = rows.filter((r) => (JSON.parse(r.summary) as { subdivision: string | null }).subdivision === "Jujuy");
      assert.equal(inJujuy.length, 1, "one ZTE project in Jujuy");
      const detail = await projectDetail(db, inJujuy[0]!.id, app.fx);
      const seedFiles = await db.selectFrom("documents").select(["id", "path"]).where("id", "in", detail.sources.map((s) => s.documentId)).execute();
      assert.deepEqual(seedFiles.map((d) => d.path?.split("/").at(-1)?.slice(0, 3)).sort(), ["002", "004"]);
      const mentions = await db.selectFrom("mentions").select("rule").where("project_id", "=", inJujuy[0]!.id).execute();
      assert.ok(mentions.some((m) => /^joined .*shared vendor ZTE/.test(m.rule ?? "")), "the merge explains itself");
    });

    await t.test("treats the same bytes again as one document", async () => {
      const again = await ingest(app, [join(SEEDS, readdirSync(SEEDS)[0]!)], options);
      assert.equal(again.duplicates, 1);
      assert.equal(again.stored, 0);
      const docs = await db.selectFrom("documents").select((eb) => eb.fn.countAll<number>().as("n")).executeTakeFirstOrThrow();
      assert.equal(Number(docs.n), readdirSync(SEEDS).length);
    });
  });
});

describe("a folder of bad inputs", () => {
  it("reports each failure by name and reason, stores the rest, and leaves the database sound", async () => {
    const app = await fileApp(gazetteerOnlyDataDir());
    const dir = tempDir();
    const w = (name: string, data: string | Uint8Array) => writeFileSync(join(dir, name), data);
    w("good.txt", "Huawei firmó un contrato con el Ministerio del Interior de Ecuador por US$ 12 millones en 2019 para instalar cámaras.");
    w("latin1.html", Buffer.from("<html><head><title>Cámaras</title></head><body><p>La empresa ZTE instalará 500 cámaras en Jujuy, Argentina, por un contrato de US$ 30 millones firmado en 2019.</p></body></html>", "latin1"));
    w("corrupt.pdf", minimalPdf(["Contrato con Huawei"]).subarray(0, 200));
    w("protected.pdf", encryptedPdf(dir, ["Contrato secreto"], "clave"));
    w("bomb.docx", zipArchive([{ name: "word/document.xml", data: Buffer.from("<w:document/>"), declaredSize: 10 * 1024 ** 3 }]));
    w("empty.txt", "");
    w("huge.txt", Buffer.alloc(options.maxBytes + 1, 0x61));
    w("binary.txt", Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 7919) % 256)));
    mkdirSync(join(dir, "loop"));
    symlinkSync(dir, join(dir, "loop", "back"));
    w("locked.txt", "Nokia signed a 5G contract with Claro in Brazil.");
    chmodSync(join(dir, "locked.txt"), 0o000);
    const root = process.getuid?.() === 0;

    const summary = await ingest(app, [dir], options);
    const byName = new Map(summary.inputs.map((r) => [r.input.split("/").at(-1) ?? r.input, r]));
    const failed = (name: string, reason: RegExp) => {
      const r = byName.get(name);
      assert.equal(r?.status, "failed", `${name} should fail`);
      assert.ok(r?.error?.includes(name), `the error names ${name}: ${r?.error}`);
      assert.match(r?.error ?? "", reason);
    };
    failed("corrupt.pdf", /not a readable PDF/);
    failed("protected.pdf", /password/);
    failed("bomb.docx", /zip bomb/);
    failed("empty.txt", /empty/);
    failed("huge.txt", /larger than/);
    failed("binary.txt", /binary/);
    assert.ok(summary.inputs.some((r) => r.status === "failed" && /symlink loop/.test(r.error ?? "")), "the loop is reported");
    if (root) assert.equal(byName.get("locked.txt")?.status, "stored");
    else failed("locked.txt", /permission denied/);
    assert.equal(byName.get("good.txt")?.status, "stored");
    assert.equal(byName.get("latin1.html")?.status, "stored");
    assert.ok((byName.get("latin1.html")?.deals ?? 0) >= 1);

    const title = await app.store.db.selectFrom("documents").select("title").where("read_as", "=", "html").executeTakeFirst();
    assert.equal(title?.title, "Cámaras");
    // SQLite's own check of its file; PostgreSQL (under test:pg) checks its pages as it reads them.
    if (app.store.dialect === "sqlite") {
      const check = await sql<{ integrity_check: string }>`pragma integrity_check`.execute(app.store.db);
      assert.equal(check.rows[0]?.integrity_check, "ok");
    }
  });
});

describe("URLs", () => {
  let base = "";
  let hits = 0;
  const server = createServer((req, res) => {
    hits++;
    res.writeHead(200, { "content-type": "text/html; charset=utf-8" });
    res.end(`<html><head><title>Nota ${req.url}</title><meta property="og:site_name" content="Diario Local"></head><body><article><p>Dahua firmó un contrato con la Municipalidad de Lima, Perú, por US$ 8 millones en 2021 para instalar 900 cámaras de videovigilancia.</p></article></body></html>`);
  });
  before(async () => {
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  after(() => server.close());

  it("refuses a loopback URL unless its host is allowed, then stores the page with its publisher", async () => {
    const app = await fileApp(gazetteerOnlyDataDir());
    const refused = await ingest(app, [`${base}/nota-1`], options);
    assert.equal(refused.inputs[0]?.status, "failed");
    assert.match(refused.inputs[0]?.error ?? "", /loopback/);
    assert.equal(hits, 0, "no request reached the server");

    const stored = await ingest(app, [`${base}/nota-1`], { ...options, allowHosts: ["127.0.0.1"] });
    assert.equal(stored.inputs[0]?.status, "stored");
    assert.equal(hits, 1);
    const doc = await app.store.db.selectFrom("documents").selectAll().where("id", "=", stored.inputs[0]!.documentId!).executeTakeFirstOrThrow();
    assert.equal(doc.url, `${base}/nota-1`);
    assert.equal(doc.publisher, "Diario Local");
    assert.match(doc.citation, /Diario Local/);
  });
});

describe("identical bytes in one batch", () => {
  it("are one document even when the later copy is read first", async () => {
    const app = await memoryApp();
    const page = Buffer.from("<html><body><p>Huawei firmó un contrato con Antel, Uruguay, por US$ 12 millones en 2020.</p></body></html>");
    // The first URL answers only once the second has been read: the copy at the later position
    // registers its hash first, which once left the earlier copy waiting on it for ever.
    let secondRead: () => void = () => {};
    const secondDone = new Promise<void>((resolve) => (secondRead = resolve));
    const fetch = async (url: string): Promise<FetchResult> => {
      if (url.endsWith("/a")) await secondDone;
      else setImmediate(secondRead);
      return { ok: true, bytes: page, finalUrl: url, contentType: "text/html", name: "page.html", lastModified: null };
    };
    const s = await ingest(app, ["https://example.org/a", "https://example.org/b"], { ...options, fetch });
    assert.deepEqual(s.inputs.map((i) => i.status), ["stored", "duplicate"]);
    assert.equal(s.inputs[0]?.documentId, s.inputs[1]?.documentId);
    const docs = await app.store.db.selectFrom("documents").select("id").where("origin", "=", "ingested").execute();
    assert.equal(docs.length, 1);
  });
});

describe("citations of pasted text", () => {
  it("cite no path of the server's disk and end in one full stop", async () => {
    const app = await memoryApp();
    const s = await ingestBytes(app, { bytes: Buffer.from("ZTE firmó un contrato con Jujuy por US$ 30 millones en 2019."), name: "pasted.txt", title: "Prensa de Jujuy" }, options);
    const doc = await app.store.db.selectFrom("documents").select(["citation", "path"]).where("id", "=", s.inputs[0]?.documentId as string).executeTakeFirstOrThrow();
    assert.equal(doc.citation, "“Prensa de Jujuy”. n.d.");
    assert.equal(doc.path, null);
  });
});

describe("resolution", () => {
  it("repairs mentions a crash left unresolved, once", async () => {
    const app = await fileApp(gazetteerOnlyDataDir());
    const dir = tempDir();
    writeFileSync(join(dir, "a.txt"), "Hikvision signed a contract with the Ministry of Security of Bolivia for 2,000 cameras worth US$ 20 million in 2020.");
    const first = await ingest(app, [dir], options);
    assert.equal(first.stored, 1);
    // Simulate a crash between the two transactions: the mentions lose their resolution.
    await app.store.db.updateTable("mentions").set({ project_id: null, resolved_at: null }).execute();
    await app.store.db.deleteFrom("claims").where("origin", "=", "extracted").execute();
    const resolver = await openResolver(app.store.db, app.fx);
    const repaired = await resolveAllPending(app.store.db, resolver);
    assert.ok(repaired.mentions >= 1);
    assert.equal((await resolveAllPending(app.store.db, resolver)).mentions, 0, "a second pass has nothing to do");
    const pending = await app.store.db.selectFrom("mentions").select("id").where("resolved_at", "is", null).execute();
    assert.deepEqual(pending, []);
  });

  it("adds a later machine claim beside a reviewed value without changing what is shown", async () => {
    const app = await fileApp(); // with the reviewed dataset
    const before = await app.store.db.selectFrom("projects").select(["id", "amount_usd"]).where("id", "=", "zte-jujuy-surveillance-2019").executeTakeFirst();
    assert.ok(before, "the reviewed dataset has the ZTE–Jujuy project");
    const dir = tempDir();
    writeFileSync(join(dir, "nota.txt"), "San Salvador de Jujuy, 2 de mayo de 2019. La provincia de Jujuy firmó con ZTE un contrato de videovigilancia por US$ 33 millones para instalar cámaras de seguridad.");
    await ingest(app, [dir], options);
    const detail = await projectDetail(app.store.db, "zte-jujuy-surveillance-2019", app.fx);
    const amounts = detail.claims.amount ?? [];
    assert.ok(amounts.length >= 2, "the new amount stands beside the reviewed one");
    assert.equal(amounts[0]?.reviewed, true);
    assert.equal(detail.amount?.usd, before.amount_usd);
    assert.ok(detail.disputedFields.includes("amount"));
  });
});

describe("planner statistics during a long ingest", () => {
  it("are refreshed as the database grows, so lookups by id stop scanning the documents", { skip: TESTS_ON_POSTGRES && "SQLite's planner statistics" }, async () => {
    // A database analysed when it held the 5 bundled documents plans `id in (…)` as a scan; an
    // ingest must refresh the statistics as it grows (it once did so only when a commit hook was given).
    const app = await fileApp();
    const dir = join(tempDir(), "many");
    mkdirSync(dir);
    // SQLite's `pragma optimize` analyses a table again once its rows grew about 25-fold: 5 → 155.
    for (let i = 0; i < 150; i++) writeFileSync(join(dir, `nota-${i}.txt`), `Nota ${i}. Huawei firmó un contrato de ${i + 1} millones de dólares con el municipio número ${i}.`);
    await sql`analyze`.execute(app.store.db);
    const before = await sql<{ detail: string }>`explain query plan select title from documents where id in ('a', 'b', 'c')`.execute(app.store.db);
    assert.match(before.rows.map((r) => r.detail).join("; "), /SCAN documents/, "the premise: statistics of 5 documents plan a scan");
    const summary = await ingest(app, [dir], { allowHosts: [], maxBytes: 50e6, threads: 0 });
    assert.equal(summary.failed, 0);
    const plan = await sql<{ detail: string }>`explain query plan select title from documents where id in ('a', 'b', 'c')`.execute(app.store.db);
    assert.match(plan.rows.map((r) => r.detail).join("; "), /SEARCH documents USING (INDEX|PRIMARY KEY)/);
  });
});
