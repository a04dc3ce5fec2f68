// XLSX export (exceljs' streaming writer): sheets "projects" (the CSV's columns), "sources" (a row
// per project and source) and "license" (licences, rate source, date). Text cells are never formulas.
import { setImmediate as nextTurn } from "node:timers/promises";
import type { Writable } from "node:stream";
import { finished } from "node:stream/promises";
import ExcelJS from "exceljs";
import type { Citation } from "../domain/project.js";
import { PROJECT_COLUMNS, flatProject } from "./csv.js";
import { type ExportSource, licenseStatement } from "./source.js";

export const SOURCE_COLUMNS = ["project_id", "document_id", "title", "authors", "publisher", "published", "url", "citation"] as const;

/** Excel refuses cells longer than this; a longer value is cut with an ellipsis rather than corrupting the file. */
const MAX_CELL = 32_767;
type Cell = string | number | null;
const cell = (v: Cell): Cell => (typeof v === "string" && v.length > MAX_CELL ? `${v.slice(0, MAX_CELL - 1)}…` : v);

/** One row of the sources sheet. */
export function sourceRow(projectId: string, c: Citation): Cell[] {
  return [projectId, c.documentId, c.title, c.authors.join("; "), c.publisher, c.published, c.url, c.citation];
}

/** The error a pipeline gives when its destination closes early (a client that went away). */
const closedEarly = () => Object.assign(new Error("the export's destination closed before the export ended"), { code: "ERR_STREAM_PREMATURE_CLOSE" });

/**
 * Waits while the sink is full. exceljs writes rows into the zip without looking at the sink, so
 * without this pause a slow reader would make the whole workbook pile up in memory.
 */
async function whenWritable(sink: Writable, rows: number): Promise<void> {
  if (sink.errored) throw sink.errored;
  if (sink.destroyed) throw closedEarly();
  if (sink.writableNeedDrain) {
    await new Promise<void>((resolve, reject) => {
      const settle = (err?: Error) => {
        sink.off("drain", onDrain).off("close", onClose).off("error", settle);
        if (err) reject(err);
        else resolve();
      };
      const onDrain = () => settle();
      const onClose = () => settle(closedEarly());
      sink.once("drain", onDrain).once("close", onClose).once("error", settle);
    });
  } else if (rows % 256 === 0) {
    // Lets the zip compress what the rows wrote before more rows are made.
    await nextTurn();
  }
}

/**
 * Streams the workbook to the sink and ends it. The projects are walked twice, once per sheet: a
 * zip holds one entry open at a time, so rows for a second sheet written meanwhile would wait in memory.
 */
export async function writeXlsx(source: ExportSource, sink: Writable): Promise<void> {
  // Watching the sink from the start: an error (a full disk) or an early close fails the export
  // at once instead of going uncaught or leaving exceljs waiting for a 'finish' that never comes.
  await Promise.all([writeWorkbook(source, sink), finished(sink, { readable: false })]);
}

async function writeWorkbook(source: ExportSource, sink: Writable): Promise<void> {
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: sink, useStyles: false, useSharedStrings: false });
  workbook.creator = "Digital Silk Road Observatory";
  workbook.created = new Date(source.context.generatedAt);
  const frozenHeader = { views: [{ state: "frozen" as const, ySplit: 1 }] };

  const projects = workbook.addWorksheet("projects", frozenHeader);
  projects.addRow([...PROJECT_COLUMNS]).commit();
  const licenses = new Set<string>();
  let n = 0;
  for await (const p of source.projects()) {
    const flat = flatProject(p, source.context);
    projects.addRow(PROJECT_COLUMNS.map((c) => cell(flat[c]))).commit();
    licenses.add(p.license);
    await whenWritable(sink, ++n);
  }
  projects.commit();

  const sources = workbook.addWorksheet("sources", frozenHeader);
  sources.addRow([...SOURCE_COLUMNS]).commit();
  for await (const p of source.projects("all-sources")) {
    for (const c of p.sources) sources.addRow(sourceRow(p.id, c).map(cell)).commit();
    await whenWritable(sink, ++n);
  }
  sources.commit();

  const license = workbook.addWorksheet("license");
  for (const row of licenseRows(licenses, source.context.exchangeRates, source.context.generatedAt)) license.addRow(row).commit();
  license.commit();
  await workbook.commit();
}

/** The rows of the "license" sheet. */
export function licenseRows(licenses: ReadonlySet<string>, exchangeRates: string, generatedAt: string): string[][] {
  return [
    ["license", licenseStatement(licenses)],
    ...[...licenses].map((l) => ["record license", l]),
    ["exchange_rates", `amount_usd converted at annual rates from ${exchangeRates}`],
    ["generated_at", generatedAt],
    ["publisher", "Digital Silk Road Observatory"],
  ];
}
