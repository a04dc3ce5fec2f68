// XLSX export read back with exceljs: the projects, sources and license sheets with the right
// rows, text kept as text (never a formula), the licence and the rate source named.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import ExcelJS from "exceljs";
import { OWN_DATA_LICENSE } from "../../src/domain/licenses.js";
import { PROJECT_COLUMNS } from "../../src/export/csv.js";
import { SOURCE_COLUMNS, writeXlsx } from "../../src/export/xlsx.js";
import { exportProjects } from "../../src/services/export.service.js";
import { findProjects, projectDetail } from "../../src/services/projects.service.js";
import { memoryApp } from "../helpers.js";
import { CONTEXT, CollectingSink, project, syntheticSource } from "./synthetic.js";

async function read(bytes: Buffer): Promise<ExcelJS.Workbook> {
  const workbook = new ExcelJS.Workbook();
  // exceljs types its Buffer before @types/node made Buffer generic; the bytes are the same.
  await workbook.xlsx.load(bytes as unknown as Parameters<typeof workbook.xlsx.load>[0]);
  return workbook;
}

const texts = (sheet: ExcelJS.Worksheet | undefined) => {
  const out: string[] = [];
  sheet?.eachRow((row) => row.eachCell((c) => void out.push(String(c.value))));
  return out;
};

describe("XLSX export", () => {
  it("has a projects sheet with a row per project and a sources sheet with a row per project and source", async () => {
    const app = await memoryApp();
    const sink = new CollectingSink();
    const result = await exportProjects(app, {}, "xlsx", sink);
    const workbook = await read(sink.buffer());
    assert.deepEqual(workbook.worksheets.map((s) => s.name), ["projects", "sources", "license"]);
    const { items, total } = await findProjects(app.store.db, { limit: 1000 });
    const projects = workbook.getWorksheet("projects");
    assert.equal(projects?.rowCount, total + 1);
    assert.deepEqual((projects?.getRow(1).values as unknown[]).slice(1), [...PROJECT_COLUMNS]);
    let sources = 0;
    for (const p of items) sources += (await projectDetail(app.store.db, p.id, app.fx)).sources.length;
    const sheet = workbook.getWorksheet("sources");
    assert.equal(sheet?.rowCount, sources + 1);
    assert.deepEqual((sheet?.getRow(1).values as unknown[]).slice(1), [...SOURCE_COLUMNS]);
    assert.equal(result.projects, total);
    const license = texts(workbook.getWorksheet("license"));
    assert.ok(license.some((t) => t.includes(OWN_DATA_LICENSE)));
    assert.ok(license.some((t) => t.includes(app.fx.source)));
    assert.ok(texts(projects).filter((t) => t === OWN_DATA_LICENSE).length === total, "every project row names its licence");
  });

  it("keeps only the filtered country's projects", async () => {
    const app = await memoryApp();
    const sink = new CollectingSink();
    await exportProjects(app, { country: "AR" }, "xlsx", sink);
    const projects = (await read(sink.buffer())).getWorksheet("projects");
    const country = PROJECT_COLUMNS.indexOf("country") + 1;
    const values: unknown[] = [];
    projects?.eachRow((row, n) => void (n > 1 && values.push(row.getCell(country).value)));
    assert.ok(values.length > 0 && values.every((v) => v === "AR"));
  });

  it("stores a formula-looking title as text, and lists every source a project has", async () => {
    const title = '=HYPERLINK("http://evil.example","x")';
    const many = Array.from({ length: 3 }, (_, i) => project(i, { title, sources: [], sourceCount: 0 }));
    const sink = new CollectingSink();
    await writeXlsx(syntheticSource([...many, project(9)]), sink);
    const workbook = await read(sink.buffer());
    const cell = workbook.getWorksheet("projects")?.getRow(2).getCell(PROJECT_COLUMNS.indexOf("title") + 1);
    assert.equal(cell?.type, ExcelJS.ValueType.String);
    assert.equal(cell?.value, title);
    assert.equal(workbook.getWorksheet("sources")?.rowCount, 1 + 2);
    assert.ok(texts(workbook.getWorksheet("license")).some((t) => t.includes(CONTEXT.exchangeRates)));
  });
});
