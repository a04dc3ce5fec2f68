// `dsr reextract`: read stored documents again with the current extractor; machine-made mentions
// are replaced, reviewed data stays as it was.
import type { Command } from "commander";
import { reextract } from "../../services/reextract.service.js";
import { type CommandContext, withApp } from "../context.js";

export function registerReextract(program: Command, ctx: CommandContext): void {
  program
    .command("reextract")
    .description("re-extract stored documents read by an older extractor (or all with --all) and resolve them again")
    .option("--all", "every stored document, not only those an older extractor read")
    .option("--json", "print the summary as JSON")
    .action(async (flags: { all?: boolean; json?: boolean }) => {
      await withApp(ctx, "if-empty", async (app) => {
        const s = await reextract(app, { all: flags.all === true });
        if (flags.json) ctx.io.stdout(JSON.stringify(s) + "\n");
        else ctx.io.stdout(`${s.documents} document${s.documents === 1 ? "" : "s"} re-extracted with ${s.version}: ${s.deals} deals, ${s.projectsRemoved} emptied candidate project${s.projectsRemoved === 1 ? "" : "s"} removed\n`);
      });
    });
}
