// CSV export: RFC 4180 on tricky fields, formula injection neutralised, licence and rate source on
// every row, filters respected, on the bundled reviewed dataset and on made-up projects.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { OWN_DATA_LICENSE } from "../../src/domain/licenses.js";
import { PROJECT_COLUMNS, neutralise, writeCsv } from "../../src/export/csv.js";
import { exportProjects } from "../../src/services/export.service.js";
import { findProjects } from "../../src/services/projects.service.js";
import { memoryApp } from "../helpers.js";
import { CONTEXT, CollectingSink, project, readCsv, syntheticSource } from "./synthetic.js";

async function csvOf(items: Parameters<typeof syntheticSource>[0]) {
  const sink = new CollectingSink();
  await writeCsv(syntheticSource(items), sink);
  return sink;
}

describe("CSV export", () => {
  it("writes a BOM, a header and one CRLF record per project of the bundled dataset, each with its licence and rate source", async () => {
    const app = await memoryApp();
    const sink = new CollectingSink();
    const result = await exportProjects(app, {}, "csv", sink);
    const bytes = sink.buffer();
    assert.deepEqual([...bytes.subarray(0, 3)], [0xef, 0xbb, 0xbf]);
    const rows = readCsv(bytes.toString("utf8").slice(1));
    assert.deepEqual(rows[0], [...PROJECT_COLUMNS]);
    const { total } = await findProjects(app.store.db, { limit: 1 });
    assert.equal(rows.length - 1, total);
    assert.equal(result.projects, total);
    const col = (name: string) => PROJECT_COLUMNS.indexOf(name as (typeof PROJECT_COLUMNS)[number]);
    for (const row of rows.slice(1)) {
      assert.equal(row.length, PROJECT_COLUMNS.length);
      assert.equal(row[col("license")], OWN_DATA_LICENSE);
      assert.equal(row[col("exchange_rates")], app.fx.source);
      assert.ok(Number(row[col("source_count")]) >= 1);
    }
    assert.match(result.license, /CC BY 4\.0/);
  });

  it("keeps only the filtered country's projects", async () => {
    const app = await memoryApp();
    const sink = new CollectingSink();
    const result = await exportProjects(app, { country: "AR" }, "csv", sink);
    const rows = readCsv(sink.text().slice(1)).slice(1);
    assert.ok(rows.length > 0);
    assert.equal(result.projects, rows.length);
    assert.ok(rows.every((r) => r[PROJECT_COLUMNS.indexOf("country")] === "AR"));
  });

  it("quotes commas, quotes and line breaks as RFC 4180 says, and reads back the same text", async () => {
    const title = 'Cámaras "inteligentes", fase 2\r\nsegunda línea\nand a bare LF';
    const text = (await csvOf([project(1, { title })])).text();
    assert.ok(text.includes(`"Cámaras ""inteligentes"", fase 2\r\nsegunda línea\nand a bare LF"`));
    assert.ok(text.endsWith("\r\n"), "records end with CRLF");
    const rows = readCsv(text.slice(1));
    assert.equal(rows.length, 2);
    assert.equal(rows[1]?.[PROJECT_COLUMNS.indexOf("title")], title);
  });

  it("neutralises cells a spreadsheet would run as formulas with a leading apostrophe", async () => {
    const titles = ['=HYPERLINK("http://evil.example","click")', "+1", "@SUM(A1:A9)", "-2+3", "\tcmd", "\rcmd", "plain = fine"];
    const rows = readCsv((await csvOf(titles.map((title, i) => project(i, { title, buyer: "=cmd|' /C calc'!A0" })))).text().slice(1)).slice(1);
    const shown = rows.map((r) => r[PROJECT_COLUMNS.indexOf("title")]);
    assert.deepEqual(shown, titles.map((t) => (t === "plain = fine" ? t : `'${t}`)));
    assert.ok(rows.every((r) => r[PROJECT_COLUMNS.indexOf("buyer")] === "'=cmd|' /C calc'!A0"));
    assert.equal(neutralise(-5), -5, "numbers are left alone");
  });

  it("names every source count and the newest sources a summary carries", async () => {
    const p = project(7);
    const rows = readCsv((await csvOf([{ ...p, sourceCount: 40 }])).text().slice(1));
    assert.equal(rows[1]?.[PROJECT_COLUMNS.indexOf("source_count")], "40");
    assert.equal(rows[1]?.[PROJECT_COLUMNS.indexOf("sources")], p.sources.map((s) => s.citation).join(" | "));
    assert.equal(rows[1]?.[PROJECT_COLUMNS.indexOf("exchange_rates")], CONTEXT.exchangeRates);
  });
});
