// The export formats: one zod enum for the API and the CLI, each format's media type and file
// extension, and the one dispatcher from a format to its streaming writer.
import type { Writable } from "node:stream";
import { z } from "zod";
import { writeCsl } from "./csl.js";
import { writeCsv } from "./csv.js";
import { writeFtm } from "./ftm.js";
import { writeGeoJson } from "./geojson.js";
import { writeJson } from "./json.js";
import type { ExportSource } from "./source.js";
import { writeXlsx } from "./xlsx.js";

export const EXPORT_FORMATS = ["csv", "xlsx", "json", "geojson", "ftm", "csl"] as const;
export const ExportFormat = z
  .enum(EXPORT_FORMATS)
  .describe("csv (one row per project), xlsx (projects and sources sheets), json (every claim with its evidence), geojson (a point per project), ftm (FollowTheMoney entities, JSON lines, for Aleph), csl (CSL-JSON of the sources)");
export type ExportFormat = z.infer<typeof ExportFormat>;

export interface FormatInfo {
  contentType: string;
  extension: string;
  /** Bytes that are not text: cannot go through a text channel such as the CLI's stdout writer. */
  binary: boolean;
}

export const FORMAT_INFO: Record<ExportFormat, FormatInfo> = {
  csv: { contentType: "text/csv; charset=utf-8; header=present", extension: "csv", binary: false },
  xlsx: { contentType: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", extension: "xlsx", binary: true },
  json: { contentType: "application/json; charset=utf-8", extension: "json", binary: false },
  geojson: { contentType: "application/geo+json", extension: "geojson", binary: false },
  // FtM entity streams are JSON lines; Aleph's tools name such files *.ftm.json.
  ftm: { contentType: "application/x-ndjson; charset=utf-8", extension: "ftm.json", binary: false },
  csl: { contentType: "application/vnd.citationstyles.csl+json", extension: "csl.json", binary: false },
};

const WRITERS: Record<ExportFormat, (source: ExportSource, sink: Writable) => Promise<void>> = {
  csv: writeCsv,
  xlsx: writeXlsx,
  json: writeJson,
  geojson: writeGeoJson,
  ftm: writeFtm,
  csl: writeCsl,
};

/**
 * Writes the matching projects in the format to the sink, with back-pressure, and ends the sink.
 * @example await writeExport("geojson", source, createWriteStream("projects.geojson"))
 */
export function writeExport(format: ExportFormat, source: ExportSource, sink: Writable): Promise<void> {
  return WRITERS[format](source, sink);
}

/** The file name an export is offered under, e.g. "dsr-projects-2026-11-26.geojson". */
export function exportFileName(format: ExportFormat, generatedAt: string): string {
  return `dsr-projects-${generatedAt.slice(0, 10)}.${FORMAT_INFO[format].extension}`;
}
