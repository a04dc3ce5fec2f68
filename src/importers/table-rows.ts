// Rows of a spreadsheet, streamed: CSV or TSV (delimiter sniffed from the header line) through
// csv-parse, XLSX through exceljs's streaming reader, every sheet in turn. Cells come out as text;
// a row the CSV parser cannot read comes out as an error with its row number, and reading goes on.
import { createReadStream } from "node:fs";
import { open } from "node:fs/promises";
import { extname } from "node:path";
import { parse } from "csv-parse";
import ExcelJS from "exceljs";
import { DsrError, InvalidDataError } from "../domain/errors.js";
import { byteCounter } from "./byte-counter.js";

export type TableRow =
  | { kind: "header"; sheet: string | null; cells: string[] }
  /** `row` counts as a spreadsheet does: the header is row 1. */
  | { kind: "row"; sheet: string | null; row: number; cells: string[] }
  | { kind: "error"; sheet: string | null; row: number; error: string };

export type TableFormat = "csv" | "xlsx";

/** The format of a table file by its name, or its first bytes when the name says nothing. */
export async function tableFormat(path: string): Promise<TableFormat> {
  const ext = extname(path).toLowerCase();
  if (ext === ".xlsx") return "xlsx";
  if (ext === ".csv" || ext === ".tsv" || ext === ".txt") return "csv";
  const fh = await open(path, "r");
  try {
    const { buffer, bytesRead } = await fh.read(Buffer.alloc(4), 0, 4, 0);
    return bytesRead === 4 && buffer.toString("latin1") === "PK\u0003\u0004" ? "xlsx" : "csv";
  } finally {
    await fh.close();
  }
}

/** The delimiter of the header line: the most frequent of tab, semicolon and comma outside quotes. */
async function sniffDelimiter(path: string): Promise<string> {
  const fh = await open(path, "r");
  let head: string;
  try {
    const { buffer, bytesRead } = await fh.read(Buffer.alloc(64 * 1024), 0, 64 * 1024, 0);
    head = buffer.subarray(0, bytesRead).toString("utf8");
  } finally {
    await fh.close();
  }
  const counts = new Map<string, number>([["\t", 0], [";", 0], [",", 0]]);
  let quoted = false;
  for (const ch of head) {
    if (ch === '"') quoted = !quoted;
    else if (!quoted && (ch === "\n" || ch === "\r")) break;
    else if (!quoted && counts.has(ch)) counts.set(ch, (counts.get(ch) ?? 0) + 1);
  }
  return [...counts].sort((a, b) => b[1] - a[1])[0]?.[0] ?? ",";
}

async function* csvRows(path: string, progress: { bytes: number }): AsyncGenerator<TableRow> {
  const skipped: { row: number; error: string }[] = [];
  let records = 0;
  const parser = createReadStream(path).pipe(byteCounter(progress)).pipe(
    parse({
      delimiter: await sniffDelimiter(path),
      bom: true,
      relax_column_count: true,
      // A stray quote inside an unquoted field ("5" screens) is text, as spreadsheets write it.
      relax_quotes: true,
      skip_empty_lines: true,
      skip_records_with_error: true,
      on_skip: (err) => {
        // The parser reads ahead of what has been yielded: its own count says where the row was.
        const at = (err as { records?: number } | undefined)?.records;
        skipped.push({ row: (at ?? records + skipped.length) + 1, error: err?.message ?? "unreadable row" });
        return undefined;
      },
    }),
  );
  let header = true;
  for await (const cells of parser as AsyncIterable<string[]>) {
    while (skipped.length) {
      const s = skipped.shift() as { row: number; error: string };
      yield { kind: "error", sheet: null, row: s.row, error: s.error };
      records++;
    }
    records++;
    if (header) {
      header = false;
      yield { kind: "header", sheet: null, cells };
    } else yield { kind: "row", sheet: null, row: records, cells };
  }
  for (const s of skipped) yield { kind: "error", sheet: null, row: s.row, error: s.error };
}

/** A cell's value as text: dates as ISO days, formulas as their results, rich text joined. */
function cellText(value: ExcelJS.CellValue): string {
  if (value === null || value === undefined) return "";
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  if (typeof value === "object") {
    if ("richText" in value) return value.richText.map((r) => r.text).join("");
    if ("result" in value) return cellText(value.result as ExcelJS.CellValue);
    if ("text" in value) return String(value.text);
    if ("error" in value) return "";
    return "";
  }
  return String(value);
}

async function* xlsxRows(path: string, progress: { bytes: number }): AsyncGenerator<TableRow> {
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(createReadStream(path).pipe(byteCounter(progress)), { sharedStrings: "cache", hyperlinks: "ignore", styles: "ignore", worksheets: "emit" });
  for await (const sheet of reader) {
    const name = (sheet as unknown as { name?: string }).name ?? null;
    let header = true;
    for await (const row of sheet) {
      const values = row.values as ExcelJS.CellValue[];
      // exceljs rows are 1-based: values[0] is always empty.
      const cells = values.slice(1).map(cellText);
      if (cells.every((c) => !c.trim())) continue;
      if (header) {
        header = false;
        yield { kind: "header", sheet: name, cells };
      } else yield { kind: "row", sheet: name, row: row.number, cells };
    }
  }
}

/**
 * Every row of a CSV/TSV or XLSX file, header rows included (one per sheet).
 * @example for await (const r of tableRows("gcdf3.csv")) if (r.kind === "row") …
 */
export async function* tableRows(path: string, progress: { bytes: number } = { bytes: 0 }): AsyncGenerator<TableRow> {
  const format = await tableFormat(path);
  try {
    yield* format === "xlsx" ? xlsxRows(path, progress) : csvRows(path, progress);
  } catch (err) {
    if (err instanceof DsrError) throw err;
    throw new InvalidDataError(`${path}: cannot be read as ${format.toUpperCase()} (${(err as Error).message})`, { cause: err });
  }
}

