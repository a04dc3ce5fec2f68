import assert from "node:assert/strict";
import { createServer } from "node:http";
import { readFileSync, writeFileSync } from "node:fs";
import type { AddressInfo } from "node:net";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { after, describe, it } from "node:test";
import { stringify } from "csv-stringify/sync";
import { generateOcds } from "../../scripts/generate-ocds.js";
import { ingestBytes } from "../../src/services/ingest.service.js";
import { type ImportOptions, importSource } from "../../src/services/import.service.js";
import { projectDetail } from "../../src/services/projects.service.js";
import { SHARED_DIR, gazetteerOnlyDataDir, memoryApp, tempDir } from "../helpers.js";
import { openApp } from "../../src/app.js";
import { testDatabase } from "../postgres.js";

const options = (extra: Partial<ImportOptions> = {}): ImportOptions => ({ allowHosts: [], maxBytes: 50e6, cacheDir: join(tempDir(), "cache"), ...extra });
const SAMPLE = fileURLToPath(new URL("data/aiddata-gcdf3-sample.csv", SHARED_DIR));

describe("importing AidData", () => {
  it("imports every row, then a second import of the same file creates nothing", async () => {
    const app = await memoryApp();
    const first = await importSource(app, "aiddata", SAMPLE, options());
    assert.equal(first.read, 9);
    assert.equal(first.created + first.joined, 9);
    assert.equal(first.failed, 0);
    const projects = await app.store.db.selectFrom("projects").select((eb) => eb.fn.countAll<number>().as("n")).executeTakeFirstOrThrow();
    const second = await importSource(app, "aiddata", SAMPLE, options());
    assert.deepEqual([second.read, second.created, second.joined, second.updated, second.unchanged], [9, 0, 0, 0, 9]);
    const after2 = await app.store.db.selectFrom("projects").select((eb) => eb.fn.countAll<number>().as("n")).executeTakeFirstOrThrow();
    assert.equal(Number(after2.n), Number(projects.n));
  });

  it("reports a malformed row with its row number and lands the others", async () => {
    const app = await memoryApp();
    const lines = readFileSync(SAMPLE, "utf8").trimEnd().split("\n");
    // Row 3 (the second data row) loses its record id.
    lines[2] = lines[2]?.replace(/^([^,]*,[^,]*,[^,]*,)\d+,/, "$1,") ?? "";
    const file = join(tempDir(), "broken.csv");
    writeFileSync(file, `${lines.join("\n")}\n`);
    const s = await importSource(app, "aiddata", file, options());
    assert.equal(s.failed, 1);
    assert.deepEqual(s.errors, [{ row: 3, error: "row 3: no AidData Record ID" }]);
    assert.equal(s.created + s.joined, 8);
  });

  it("refuses a file that is not an AidData table, naming what is missing", async () => {
    const app = await memoryApp();
    const file = join(tempDir(), "other.csv");
    writeFileSync(file, "a,b\n1,2\n");
    await assert.rejects(importSource(app, "aiddata", file, options()), /other\.csv: not an AidData table: no column for recordId, title, recipient/);
  });

  it("joins a row to the project an article already made, as another source, under AidData's licence", async () => {
    const app = await openApp({ database: await testDatabase(), dataDir: gazetteerOnlyDataDir(), load: "if-changed" });
    after(() => app.close());
    const article = "In March 2019, Ecuador's government signed a $50 million loan with China Eximbank to expand the ECU 911 surveillance system built by Huawei, the interior ministry said.";
    const ingested = await ingestBytes(app, { bytes: Buffer.from(article), name: "nota.txt" }, { allowHosts: [], maxBytes: 1e6 });
    const projectId = ingested.inputs[0]?.projects?.[0];
    assert.ok(projectId, "the article made a project");
    const file = join(tempDir(), "aiddata.csv");
    writeFileSync(
      file,
      stringify([
        ["AidData Record ID", "Title", "Recipient", "Recipient ISO-3", "Sector Name", "Flow Type", "Status", "Commitment Year", "Amount (Original Currency)", "Original Currency", "Funding Agencies", "Implementing Agencies"],
        ["99001", "China Eximbank provides $50 million loan for ECU 911 surveillance system expansion", "Ecuador", "ECU", "GOVERNMENT AND CIVIL SOCIETY", "Loan", "Implementation", "2019", "50000000", "USD", "China Eximbank", "Huawei Technologies Co., Ltd."],
      ]),
    );
    const s = await importSource(app, "aiddata", file, options());
    assert.deepEqual([s.created, s.joined], [0, 1]);
    const detail = await projectDetail(app.store.db, projectId, app.fx);
    assert.equal(detail.sourceCount, 2);
    assert.match(detail.license, /ODC-By 1\.0 — AidData/);
    assert.ok(detail.sources.some((c) => c.url === "https://china.aiddata.org/projects/99001/" && /ODC-By/.test(c.license ?? "")));
  });
});

describe("importing OCDS", () => {
  it("streams a generated package in Spanish and Portuguese and keeps exactly the processes that concern the observatory", async () => {
    const app = await memoryApp();
    const file = join(tempDir(), "pkg.json");
    const gen = await generateOcds(file, { releases: 400, seed: 7, matchShare: 0.1, targetBytes: 1200 });
    const s = await importSource(app, "ocds", file, options());
    assert.equal(s.read, 400);
    assert.equal(s.failed, 0);
    const stored = (await app.store.db.selectFrom("imported_records").select("key").where("origin", "=", "ocds").execute()).map((r) => r.key.slice(5)).sort();
    // Every generated match is kept; a few generated non-matches may mention a digital term too.
    for (const ocid of gen.matching) assert.ok(stored.includes(ocid), `${ocid} stored`);
    assert.equal(s.created + s.joined, stored.length);
    const again = await importSource(app, "ocds", file, options());
    assert.deepEqual([again.created, again.joined, again.updated, again.unchanged], [0, 0, 0, stored.length]);
  });

  it("stops on request and resumes where it stopped, with no duplicates", async () => {
    const app = await memoryApp();
    const file = join(tempDir(), "pkg.json");
    await generateOcds(file, { releases: 3000, seed: 3, matchShare: 0.2, targetBytes: 800 });
    const abort = new AbortController();
    const first = await importSource(app, "ocds", file, options({ signal: abort.signal, onCommit: () => abort.abort() }));
    assert.equal(first.interrupted, true);
    assert.ok(first.read < 3000);
    const second = await importSource(app, "ocds", file, options());
    assert.equal(second.resumedFrom, first.read);
    assert.equal(first.read + second.read, 3000);
    const keys = await app.store.db.selectFrom("imported_records").select("key").execute();
    assert.equal(keys.length, first.created + first.joined + second.created + second.joined);
    const docs = await app.store.db.selectFrom("documents").select("id").where("origin", "=", "ocds").execute();
    assert.equal(docs.length, keys.length);
  });

  it("downloads a feed, keeps the copy, and falls back on it (with a warning) when the feed fails", async () => {
    const body = JSON.stringify({ publisher: { name: "Feed" }, releases: [{ ocid: "ocds-zzzzzz-1", date: "2020-01-01", tender: { title: "Cámaras de videovigilancia", procurementMethod: "open" }, buyer: { name: "Municipalidad de Luque" }, parties: [{ name: "Municipalidad de Luque", roles: ["buyer"], address: { countryName: "Paraguay" } }] }] });
    let up = true;
    const server = createServer((_req, res) => {
      if (!up) {
        res.writeHead(500).end("down");
        return;
      }
      res.writeHead(200, { "content-type": "application/json" }).end(body);
    });
    await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
    after(() => server.close());
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/ocds.json`;
    const app = await memoryApp();
    const opts = options({ allowHosts: ["127.0.0.1"] });
    const first = await importSource(app, "ocds", url, opts);
    assert.equal(first.created, 1);
    up = false;
    const second = await importSource(app, "ocds", url, opts);
    assert.equal(second.unchanged, 1);
    assert.ok(second.warnings.some((w) => /HTTP 500|500/.test(w) && /using the copy fetched/.test(w)), second.warnings.join("\n"));
  });

  it("refuses a feed URL with no earlier copy when it cannot be fetched", async () => {
    const app = await memoryApp();
    await assert.rejects(importSource(app, "ocds", "http://127.0.0.1:9/none.json", options()), /no earlier copy/);
  });
});

describe("importing CGIT sheets", () => {
  it("reads the tracker's rows as the seed document prints them (tab-separated), and an XLSX in AEI's own columns", async () => {
    const app = await memoryApp();
    const tsv = join(tempDir(), "cgit.tsv");
    writeFileSync(
      tsv,
      [
        "Month & Year\tInvestor\tAmount in USD millions\tShare / Size\tPartner\tSector & Subsector\tCountry\tGreen-field",
        "Jan. 2009\tHuawei\t$240\tn/a\tCosta Rican Electricity\tTechnology - Telecom\tCosta Rica\tNo",
        "Apr. 2011\tZTE\t$200\t100 percent\tBrazilian Gov't\tTechnology - Telecom\tBrazil\tYes",
        "Sep. 2012\tLenovo\t$150\t100 percent\tDigibras\tTechnology - IT\tBrazil\tNo",
        "Feb. 2015\tChina Launch and Tracking Control General\tabc\tn/a\tCONAE\tTechnology - Space Observation\tArgentina\tYes",
      ].join("\n"),
    );
    const s = await importSource(app, "cgit", tsv, options());
    assert.equal(s.read, 4);
    assert.equal(s.failed, 1);
    assert.match(s.errors[0]?.error ?? "", /row 5: amount "abc" is not a number of USD millions/);
    const again = await importSource(app, "cgit", tsv, options());
    assert.equal(again.created + again.joined, 0);

    const ExcelJS = (await import("exceljs")).default;
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet("Construction");
    ws.addRow(["Year", "Month", "Chinese Entity", "Quantity in Millions", "Share Size", "Transaction Party", "Sector", "Subsector", "Country", "Region", "BRI", "Greenfield"]);
    ws.addRow([2018, "June", "Huawei", 58.5, "", "ETECSA", "Technology", "Telecom", "Cuba", "South America", 1, ""]);
    const xlsx = join(tempDir(), "cgit.xlsx");
    await wb.xlsx.writeFile(xlsx);
    const x = await importSource(app, "cgit", xlsx, options());
    assert.equal(x.created + x.joined, 1);
    const doc = await app.store.db.selectFrom("documents").select(["text", "license"]).where("origin", "=", "cgit").where("text", "like", "%ETECSA%").executeTakeFirstOrThrow();
    assert.match(doc.text ?? "", /^Huawei contract with ETECSA \(Technology - Telecom\), Cuba, Jun\. 2018/);
    assert.match(doc.license ?? "", /China Global Investment Tracker/);
  });
});
