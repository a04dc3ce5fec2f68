// `dsr review`: the candidates machines made, and the actions a person takes on them — accept,
// reject, merge, split, edit — each recorded in the audit log (`dsr review history ID`).
import { userInfo } from "node:os";
import type { Command } from "commander";
import type { ProjectSummary } from "../../domain/project.js";
import { findProjects } from "../../services/projects.service.js";
import { acceptProject, editProject, mergeProjects, parseCliValue, rejectProject, splitProject } from "../../services/review.service.js";
import { auditOf } from "../../store/audit.repository.js";
import { type CommandContext, withApp } from "../context.js";
import { PROJECT_HEADERS, projectRows, table } from "../format.js";

interface ActorFlags {
  by?: string;
  json?: boolean;
}

function defaultActor(): string {
  try {
    return userInfo().username || "cli";
  } catch {
    return "cli";
  }
}

function withActor(cmd: Command): Command {
  return cmd.option("--by <name>", "who is making the change (for the audit log; default: your user name)").option("--json", "print the result as JSON");
}

export function registerReview(program: Command, ctx: CommandContext): void {
  const review = program.command("review").description("list machine-made candidate projects and accept, reject, merge, split or edit them");
  const print = (flags: ActorFlags, summary: ProjectSummary | { from: ProjectSummary | null; to: ProjectSummary }, line: string) => {
    if (flags.json) ctx.io.stdout(JSON.stringify(summary) + "\n");
    else ctx.io.stdout(line + "\n");
  };

  review
    .command("list", { isDefault: true })
    .description("candidate projects, newest deals first")
    .option("--limit <n>", "how many", "50")
    .option("--json", "print { items, total } as JSON")
    .action(async (flags: { limit: string; json?: boolean }) => {
      await withApp(ctx, "if-empty", async (app) => {
        const page = await findProjects(app.store.db, { review: "candidate", limit: Number(flags.limit) || 50 });
        if (flags.json) ctx.io.stdout(JSON.stringify(page) + "\n");
        else {
          if (page.items.length) ctx.io.stdout(table(PROJECT_HEADERS, projectRows(page.items)) + "\n");
          ctx.io.stderr(`${page.items.length} of ${page.total} candidates · dsr review accept|reject|merge|split|edit ID\n`);
        }
      });
    });

  withActor(review.command("accept").description("mark a project verified; the values it shows become confirmed claims").argument("<id>")).action(
    async (id: string, flags: ActorFlags) => {
      await withApp(ctx, "if-empty", async (app) => {
        const s = await acceptProject(app.store.db, app.fx, id, flags.by ?? defaultActor());
        print(flags, s, `${id}: verified by ${s.review.by}`);
      });
    },
  );

  withActor(review.command("reject").description("mark a project rejected (not a deal, or out of scope)").argument("<id>").option("--reason <text>", "why, for the audit log")).action(
    async (id: string, flags: ActorFlags & { reason?: string }) => {
      await withApp(ctx, "if-empty", async (app) => {
        const s = await rejectProject(app.store.db, app.fx, id, flags.by ?? defaultActor(), flags.reason ?? null);
        print(flags, s, `${id}: rejected by ${s.review.by}`);
      });
    },
  );

  withActor(review.command("merge").description("merge projects that are one deal: claims and sources of FROM move into INTO").argument("<into>").argument("<from...>")).action(
    async (into: string, from: string[], flags: ActorFlags) => {
      await withApp(ctx, "if-empty", async (app) => {
        const s = await mergeProjects(app.store.db, app.fx, into, from, flags.by ?? defaultActor());
        print(flags, s, `${from.join(", ")} merged into ${into} (${s.sources.length} sources)`);
      });
    },
  );

  withActor(review.command("split").description("make what one source says about a project a project of its own").argument("<id>").requiredOption("--document <documentId>", "the source to split off")).action(
    async (id: string, flags: ActorFlags & { document: string }) => {
      await withApp(ctx, "if-empty", async (app) => {
        const r = await splitProject(app.store.db, app.fx, id, flags.document, flags.by ?? defaultActor());
        print(flags, r, `${flags.document} split from ${id} into ${r.to.id}${r.from ? "" : ` (${id} had nothing else and is gone)`}`);
      });
    },
  );

  withActor(
    review
      .command("edit")
      .description('set a field; VALUE is JSON or text, e.g. amount \'{"value":30000000,"currency":"USD","year":2019}\', year 2019, buyer "Gobierno de Jujuy"')
      .argument("<id>")
      .argument("<field>")
      .argument("<value>")
      .option("--note <text>", "the source or reason, kept as the evidence of the new value"),
  ).action(async (id: string, field: string, value: string, flags: ActorFlags & { note?: string }) => {
    await withApp(ctx, "if-empty", async (app) => {
      const s = await editProject(app.store.db, app.fx, id, field, parseCliValue(value), flags.by ?? defaultActor(), flags.note ?? null);
      print(flags, s, `${id}: ${field} set`);
    });
  });

  review
    .command("history")
    .description("the audit log of a project: who changed what, when, from which value to which")
    .argument("<id>")
    .option("--json", "print the events as JSON")
    .action(async (id: string, flags: { json?: boolean }) => {
      await withApp(ctx, "if-empty", async (app) => {
        const events = (await auditOf(app.store.db, "project", id)).map((e) => ({
          at: e.at, actor: e.actor, action: e.action,
          before: e.before === null ? null : (JSON.parse(e.before) as unknown),
          after: e.after === null ? null : (JSON.parse(e.after) as unknown),
        }));
        if (flags.json) ctx.io.stdout(JSON.stringify(events) + "\n");
        else for (const e of events) ctx.io.stdout(`${e.at}  ${e.actor}  ${e.action}\n  before: ${JSON.stringify(e.before)}\n  after:  ${JSON.stringify(e.after)}\n`);
        if (!events.length) ctx.io.stderr(`${id}: no changes recorded\n`);
      });
    });
}
