// CSV export: one row per project with its shown values, sources and licence (RFC 4180: CRLF
// records, fields quoted when they hold a comma, quote or line break, quotes doubled).
import type { Writable } from "node:stream";
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { stringify } from "csv-stringify";
import type { ProjectSummary } from "../domain/project.js";
import type { ExportContext, ExportSource } from "./source.js";

/** The flattened project every tabular export shares (CSV, the XLSX projects sheet, GeoJSON properties). */
export const PROJECT_COLUMNS = [
  "id", "title", "status", "review_state", "vendors", "financiers", "buyer", "country", "subdivision", "city",
  "amount_value", "amount_currency", "amount_year", "amount_usd", "year", "category", "mechanism", "quantity",
  "procurement_route", "disputed_fields", "source_count", "sources", "license", "exchange_rates",
] as const;
export type ProjectColumn = (typeof PROJECT_COLUMNS)[number];
export type FlatProject = Record<ProjectColumn, string | number | null>;

/**
 * A project as one flat record: lists joined with "; ", citations with " | ". `sources` holds the
 * citations the record carries (a summary's newest 25); `source_count` counts them all.
 * @example flatProject(p, ctx).vendors // "Huawei; ZTE"
 */
export function flatProject(p: ProjectSummary, context: ExportContext): FlatProject {
  return {
    id: p.id,
    title: p.title,
    status: p.status,
    review_state: p.review.state,
    vendors: p.vendors.join("; "),
    financiers: p.financiers.join("; "),
    buyer: p.buyer,
    country: p.country,
    subdivision: p.subdivision,
    city: p.city,
    amount_value: p.amount?.value ?? null,
    amount_currency: p.amount?.currency ?? null,
    amount_year: p.amount?.year ?? null,
    amount_usd: p.amount?.usd ?? null,
    year: p.year,
    category: p.category,
    mechanism: p.mechanism,
    quantity: Object.entries(p.quantity).map(([k, v]) => `${k}=${v}`).join("; "),
    procurement_route: p.procurementRoute,
    disputed_fields: p.disputedFields.join("; "),
    source_count: p.sourceCount,
    sources: p.sources.map((s) => s.citation).join(" | "),
    license: p.license,
    // Every row names the rate source of amount_usd: a CSV has no header block, and rows get copied out.
    exchange_rates: context.exchangeRates,
  };
}

/** Characters that make a spreadsheet read a cell as a formula (OWASP "CSV injection"). */
const FORMULA_START = /^[=+\-@\t\r]/;

/**
 * Neutralises formula injection: a text cell starting with = + - @, a tab or a carriage return
 * gets a leading apostrophe, so Excel, LibreOffice and Google Sheets show it as text instead of
 * running it ("=HYPERLINK(…)" stays a string). The apostrophe is part of the exported value;
 * a program reading the CSV may drop a leading ' followed by one of those characters. Numbers are
 * left alone (amounts are never negative).
 * @example neutralise("=1+1") // "'=1+1"
 */
export function neutralise<T>(value: T): T | string {
  return typeof value === "string" && FORMULA_START.test(value) ? `'${value}` : value;
}

/** One CSV row (values in PROJECT_COLUMNS order), neutralised. */
export function csvRow(p: ProjectSummary, context: ExportContext): (string | number | null)[] {
  const flat = flatProject(p, context);
  return PROJECT_COLUMNS.map((c) => neutralise(flat[c]));
}

async function* rows(source: ExportSource): AsyncGenerator<(string | number | null)[]> {
  for await (const p of source.projects()) yield csvRow(p, source.context);
}

/** Streams the CSV to the sink and ends it. A byte-order mark first, so spreadsheets read UTF-8 accents right. */
export async function writeCsv(source: ExportSource, sink: Writable): Promise<void> {
  const stringifier = stringify({ bom: true, header: true, columns: [...PROJECT_COLUMNS], record_delimiter: "windows" });
  await pipeline(Readable.from(rows(source)), stringifier, sink);
}
