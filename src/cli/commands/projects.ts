// `dsr projects`: list projects with filters, as a table or JSON.
import type { Command } from "commander";
import { licenseNote } from "../../domain/licenses.js";
import { totalUsd } from "../../domain/money.js";
import { findProjects } from "../../services/projects.service.js";
import { type CommandContext, withApp } from "../context.js";
import { addFilterOptions, parseFilters } from "../filters.js";
import { PROJECT_HEADERS, formatTotal, projectRows, table } from "../format.js";

export function registerProjects(program: Command, ctx: CommandContext): void {
  addFilterOptions(program.command("projects").description("list projects (a table, or JSON with --json)"), { limit: "100" })
    .option("--json", "print { items, total, amounts, license } as JSON")
    .action(async (opts: Record<string, unknown>) => {
      const query = parseFilters(opts);
      await withApp(ctx, "if-empty", async (app) => {
        const page = await findProjects(app.store.db, query);
        const amounts = totalUsd(page.items.flatMap((p) => (p.amount ? [p.amount] : [])));
        if (opts.json) {
          ctx.io.stdout(JSON.stringify({ ...page, amounts, license: licenseNote(page.items) }) + "\n");
          return;
        }
        if (page.items.length) ctx.io.stdout(table(PROJECT_HEADERS, projectRows(page.items)) + "\n");
        const shown = page.items.length ? `${query.offset + 1}-${query.offset + page.items.length} of ` : "0 of ";
        ctx.io.stderr(`${shown}${page.total} projects · amounts: ${formatTotal(amounts)}\nLicence: ${licenseNote(page.items)}\n`);
      });
    });
}
