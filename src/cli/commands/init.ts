// `dsr init`: create or migrate the database and load the bundled data (idempotent).
import type { Command } from "commander";
import { type CommandContext, withApp } from "../context.js";

export function registerInit(program: Command, ctx: CommandContext): void {
  program
    .command("init")
    .description("create or migrate the database and load the bundled gazetteers and reviewed dataset")
    .option("--force", "reload the bundled data even if unchanged")
    .option("--json", "print the result as JSON")
    .action(async (opts: { force?: boolean; json?: boolean }) => {
      await withApp(ctx, opts.force ? "force" : "if-changed", async (app) => {
        const r = app.loaded;
        const result = { database: app.store.file, ...(r ?? { skipped: true }) };
        if (opts.json) ctx.io.stdout(JSON.stringify(result) + "\n");
        else if (r?.skipped) ctx.io.stderr(`${app.store.file}: up to date (bundled data unchanged)\n`);
        else if (r) {
          ctx.io.stderr(
            `${app.store.file}: loaded ${r.projects} reviewed projects with ${r.claims} claims from ${r.documents} sources, ` +
              `${r.organizations} organizations, ${r.places} places\n`,
          );
        }
      });
    });
}
