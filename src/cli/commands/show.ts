// `dsr show <id>`: one project with every field's values, their evidence and citations.
import type { Command } from "commander";
import { projectDetail } from "../../services/projects.service.js";
import { type CommandContext, withApp } from "../context.js";
import { formatDetail } from "../format.js";

export function registerShow(program: Command, ctx: CommandContext): void {
  program
    .command("show")
    .description("show one project with the evidence and citation of every field")
    .argument("<project-id>", "the project's id, e.g. zte-jujuy-surveillance-2019")
    .option("--json", "print the project as JSON")
    .action(async (id: string, opts: { json?: boolean }) => {
      await withApp(ctx, "if-empty", async (app) => {
        const detail = await projectDetail(app.store.db, id, app.fx);
        ctx.io.stdout(opts.json ? JSON.stringify(detail) + "\n" : formatDetail(detail) + "\n");
      });
    });
}
