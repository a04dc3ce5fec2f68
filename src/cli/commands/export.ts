// `dsr export`: every matching project as CSV (one row each, shown values) or JSON (with all
// claims and evidence), each record carrying its sources and licence. The file is written to a
// temporary name and renamed, so a failed export never leaves half a file.
import { renameSync, rmSync, writeFileSync } from "node:fs";
import { stringify } from "csv-stringify/sync";
import type { Command } from "commander";
import { z } from "zod";
import { licenseNote } from "../../api/server.js";
import { UsageError } from "../../domain/errors.js";
import type { ProjectDetail, ProjectSummary } from "../../domain/project.js";
import { MAX_LIMIT, findProjects, projectDetail } from "../../services/projects.service.js";
import type { Executor } from "../../store/executor.js";
import { type CommandContext, withApp } from "../context.js";
import { addFilterOptions, parseFilters } from "../filters.js";

const Format = z.enum(["csv", "json"]);

const CSV_COLUMNS = [
  "id", "title", "status", "review_state", "vendors", "financiers", "buyer", "country", "subdivision", "city",
  "amount_value", "amount_currency", "amount_year", "amount_usd", "year", "category", "mechanism", "quantity",
  "procurement_route", "disputed_fields", "sources", "license",
] as const;

function csvRow(p: ProjectSummary): (string | number | null)[] {
  return [
    p.id, p.title, p.status, p.review.state, p.vendors.join("; "), p.financiers.join("; "), p.buyer, p.country,
    p.subdivision, p.city, p.amount?.value ?? null, p.amount?.currency ?? null, p.amount?.year ?? null,
    p.amount?.usd ?? null, p.year, p.category, p.mechanism,
    Object.entries(p.quantity).map(([k, v]) => `${k}=${v}`).join("; "),
    p.procurementRoute, p.disputedFields.join("; "), p.sources.map((s) => s.citation).join(" | "), p.license,
  ];
}

async function allMatching(db: Executor, query: ReturnType<typeof parseFilters>): Promise<ProjectSummary[]> {
  const out: ProjectSummary[] = [];
  for (let offset = 0; ; offset += MAX_LIMIT) {
    const page = await findProjects(db, { ...query, limit: MAX_LIMIT, offset });
    out.push(...page.items);
    if (page.items.length < MAX_LIMIT) return out;
  }
}

function writeAtomically(path: string, content: string): void {
  const tmp = `${path}.${process.pid}.tmp`;
  try {
    writeFileSync(tmp, content);
    renameSync(tmp, path);
  } catch (err) {
    rmSync(tmp, { force: true });
    throw new UsageError(`cannot write ${path}: ${(err as Error).message}`, { cause: err });
  }
}

export function registerExport(program: Command, ctx: CommandContext): void {
  const cmd = program
    .command("export")
    .description("export matching projects with their sources and licences")
    .requiredOption("--format <format>", "csv (shown values) or json (with every claim and its evidence)")
    .requiredOption("--out <file>", "file to write, or - for stdout");
  addFilterOptions(cmd, { limit: String(MAX_LIMIT) })
    .option("--json", "print a JSON summary of what was written on stdout")
    .action(async (opts: Record<string, unknown>) => {
      const format = Format.safeParse(opts.format);
      if (!format.success) throw new UsageError(`--format: expected csv or json, got "${String(opts.format)}"`);
      const query = parseFilters(opts);
      const out = String(opts.out);
      await withApp(ctx, "if-empty", async (app) => {
        const items = await allMatching(app.store.db, query);
        let content: string;
        if (format.data === "csv") {
          // A byte-order mark so spreadsheet programs read the accents right.
          content = "\uFEFF" + stringify([[...CSV_COLUMNS], ...items.map(csvRow)]);
        } else {
          const details: ProjectDetail[] = [];
          for (const p of items) details.push(await projectDetail(app.store.db, p.id, app.fx));
          content = JSON.stringify(
            { license: licenseNote(items), exchangeRates: app.fx.source, generatedAt: new Date().toISOString(), total: details.length, items: details },
            null,
            1,
          ) + "\n";
        }
        if (out === "-") ctx.io.stdout(content);
        else writeAtomically(out, content);
        const summary = { out, format: format.data, projects: items.length, license: licenseNote(items) };
        if (opts.json && out !== "-") ctx.io.stdout(JSON.stringify(summary) + "\n");
        else ctx.io.stderr(`wrote ${items.length} projects to ${out === "-" ? "stdout" : out} (${format.data}); licence: ${summary.license}\n`);
      });
    });
}
