// The project filters shared by `dsr projects` and `dsr export`, validated by the API's schema.
import type { Command } from "commander";
import { z } from "zod";
import { ProjectListQuery, toProjectQuery } from "../api/query-schemas.js";
import type { ProjectQuery } from "../services/projects.service.js";
import { UsageError } from "../domain/errors.js";

export function addFilterOptions(cmd: Command, defaults: { limit: string }): Command {
  return cmd
    .option("--country <code>", "ISO 3166-1 alpha-2 country code, e.g. AR")
    .option("--subdivision <name>", "first-level subdivision, e.g. Jujuy")
    .option("--vendor <name>", "vendor, investor, acquirer or donor (any alias; includes subsidiaries)")
    .option("--financier <name>", "lender or funder (any alias; includes subsidiaries)")
    .option("--buyer <name>", "buyer (any alias)")
    .option("--category <category>", "e.g. surveillance, 5g, submarine_cable")
    .option("--mechanism <mechanism>", "contract, loan, donation, investment, acquisition, partnership, tender, mou")
    .option("--year <year>", "deal year")
    .option("--year-from <year>", "deals from this year on")
    .option("--year-to <year>", "deals up to this year")
    .option("--amount-min <usd>", "amounts of at least this many US dollars")
    .option("--amount-max <usd>", "amounts of at most this many US dollars")
    .option("--status <status>", "announced, signed, in_progress, completed, cancelled, suspended")
    .option("--review <state>", "candidate, verified or rejected")
    .option("--search <text>", "full-text search over titles, parties, places and evidence")
    .option("--limit <n>", "at most this many projects (1-1000)", defaults.limit)
    .option("--offset <n>", "skip this many projects", "0")
    .option("--sort <key>", "year, amount, title or updated; a leading - sorts descending", "-year");
}

export function parseFilters(opts: Record<string, unknown>): ProjectQuery & { limit: number; offset: number } {
  const parsed = ProjectListQuery.safeParse({
    country: opts.country,
    subdivision: opts.subdivision,
    vendor: opts.vendor,
    financier: opts.financier,
    buyer: opts.buyer,
    category: opts.category,
    mechanism: opts.mechanism,
    year: opts.year,
    year_from: opts.yearFrom,
    year_to: opts.yearTo,
    amount_min: opts.amountMin,
    amount_max: opts.amountMax,
    status: opts.status,
    review: opts.review,
    q: opts.search,
    sort: opts.sort,
    limit: opts.limit,
    offset: opts.offset,
  });
  if (!parsed.success) {
    const msg = parsed.error.issues
      .map((i) => `--${String(i.path[0] ?? "?") === "q" ? "search" : String(i.path[0] ?? "?").replace(/_/g, "-")}: ${i.message}`)
      .join("; ");
    throw new UsageError(msg || z.prettifyError(parsed.error));
  }
  return { ...toProjectQuery(parsed.data), limit: parsed.data.limit, offset: parsed.data.offset };
}
