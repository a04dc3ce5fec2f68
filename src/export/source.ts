// What export writers read (the matching projects, the rate source, place and organization
// lookups) and how they write: through a pipeline, so a slow reader slows the database walk.
import { Readable, type Writable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { licenseNote } from "../domain/licenses.js";
import type { ProjectDetail, ProjectSummary } from "../domain/project.js";

/** Said once per export: where amounts in USD come from and when the file was made. */
export interface ExportContext {
  /** The exchange-rate table's source (`app.fx.source`), named in every export. */
  exchangeRates: string;
  /** ISO 8601 timestamp. */
  generatedAt: string;
}

/** Where a project is shown on a map, and how precisely we know it. */
export interface Location {
  lon: number;
  lat: number;
  precision: "city" | "subdivision" | "country";
  /** The place the point stands for (the city, or the city representing a subdivision or country). */
  place: string;
}

/** What FollowTheMoney needs of an organization besides its name. */
export interface OrganizationFacts {
  id: string;
  name: string;
  fullName: string | null;
  kind: string;
  homeCountry: string | null;
  aliases: string[];
}

export interface ExportSource {
  readonly context: ExportContext;
  /**
   * Every matching project, ordered by id. A summary lists at most 25 sources; `"all-sources"`
   * completes them where a project has more. Each call walks the store again.
   */
  projects(view?: "summary" | "all-sources"): AsyncIterable<ProjectSummary>;
  /** Every matching project with all its claims and evidence, ordered by id. */
  details(): AsyncIterable<ProjectDetail>;
  /** The point a project is drawn at, or null when nothing places it. */
  locate(project: ProjectSummary): Promise<Location | null>;
  /** An organization of the gazetteer by id, or null. */
  organization(id: string): Promise<OrganizationFacts | null>;
}

/**
 * Writes the chunks to the sink with back-pressure and ends it; rejects when the sink fails or
 * closes early (a client that went away), which also stops the walk over the projects.
 */
export async function pump(chunks: AsyncIterable<string>, sink: Writable): Promise<void> {
  // objectMode false: the buffer ahead of the sink is counted in bytes (16 KiB), not in chunks.
  await pipeline(Readable.from(chunks, { objectMode: false }), sink);
}

/** One line naming every licence the exported records carry (ours when there were none), as lists say it. */
export function licenseStatement(licenses: Iterable<string>): string {
  return licenseNote([...licenses].map((license) => ({ license })));
}
