// The project filters shared by `dsr projects` and `dsr export`, validated by the API's schema.
import type { Command } from "commander";
import { z } from "zod";
import { ProjectListQuery } from "../api/query-schemas.js";
import { UsageError } from "../domain/errors.js";

export function addFilterOptions(cmd: Command, defaults: { limit: string }): Command {
  return cmd
    .option("--country <code>", "ISO 3166-1 alpha-2 country code, e.g. AR")
    .option("--vendor <name>", "vendor, investor, acquirer or donor (any alias; includes subsidiaries)")
    .option("--category <category>", "e.g. surveillance, 5g, submarine_cable")
    .option("--year <year>", "deal year")
    .option("--status <status>", "announced, signed, in_progress, completed, cancelled, suspended")
    .option("--review <state>", "candidate, verified or rejected")
    .option("--search <text>", "full-text search over titles, parties, places and evidence")
    .option("--limit <n>", "at most this many projects (1-1000)", defaults.limit)
    .option("--offset <n>", "skip this many projects", "0");
}

export function parseFilters(opts: Record<string, unknown>): ProjectListQuery {
  const parsed = ProjectListQuery.safeParse({
    country: opts.country,
    vendor: opts.vendor,
    category: opts.category,
    year: opts.year,
    status: opts.status,
    review: opts.review,
    q: opts.search,
    limit: opts.limit,
    offset: opts.offset,
  });
  if (!parsed.success) {
    const msg = parsed.error.issues
      .map((i) => `--${String(i.path[0] ?? "?") === "q" ? "search" : String(i.path[0] ?? "?")}: ${i.message}`)
      .join("; ");
    throw new UsageError(msg || z.prettifyError(parsed.error));
  }
  return parsed.data;
}
