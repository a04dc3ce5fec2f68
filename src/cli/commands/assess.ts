// `dsr assess new|update|list|show|report|laws`: privacy, security and transparency impact
// assessments. `new` takes answers from a file, from what the project implies (--defaults) or
// from prompts on a terminal; `report` renders HTML, PDF (through chromium) or JSON.
import { writeFileSync } from "node:fs";
import { resolve } from "node:path";
import { createInterface } from "node:readline/promises";
import { userInfo } from "node:os";
import type { Command } from "commander";
import { assessKit } from "../../assess/kit.js";
import { lawOf } from "../../assess/laws.js";
import type { AssessmentView } from "../../assess/model.js";
import { askQuestionnaire } from "../../assess/prompts.js";
import { readJsonFile } from "../../assess/questionnaire.js";
import { renderReportHtml } from "../../assess/report-html.js";
import { htmlToPdf } from "../../assess/report-pdf.js";
import { InvalidDataError, UsageError } from "../../domain/errors.js";
import { type AssessDeps, assessmentReport, createAssessment, getAssessment, listAssessments, projectPrefill, updateAssessment } from "../../services/assess.service.js";
import { type CommandContext, withApp } from "../context.js";
import { table } from "../format.js";
import type { OpenedApp } from "../../app.js";

const FORMATS = ["html", "pdf", "json"] as const;

function defaultActor(): string {
  try {
    return userInfo().username || "cli";
  } catch {
    return "cli";
  }
}

function deps(app: OpenedApp): AssessDeps {
  return { db: app.store.db, fx: app.fx, kit: assessKit(app.dataDir) };
}

/**
 * An answers file: `{ "answers": { … }, "country"?: "AR", "title"?: "…" }` or just the answers
 * object. Errors name the file.
 */
export function readAnswersFile(path: string): { answers: unknown; country?: string; title?: string } {
  let json: unknown;
  try {
    json = readJsonFile(path);
  } catch (err) {
    if (err instanceof InvalidDataError) throw new UsageError(err.message);
    throw err;
  }
  if (typeof json !== "object" || json === null || Array.isArray(json)) throw new UsageError(`${path}: must be a JSON object of answers (question id → value), or { "answers": { … } }`);
  const obj = json as Record<string, unknown>;
  if (typeof obj.answers === "object" && obj.answers !== null && !Array.isArray(obj.answers)) {
    return {
      answers: obj.answers,
      ...(typeof obj.country === "string" ? { country: obj.country } : {}),
      ...(typeof obj.title === "string" ? { title: obj.title } : {}),
    };
  }
  return { answers: obj };
}

function summary(a: AssessmentView): string {
  const rows = a.risks.map((r) => [r.title, `${r.initial.likelihood}×${r.initial.severity} ${r.initial.zone}`, `${r.residual.likelihood}×${r.residual.severity} ${r.residual.zone}`]);
  return `${a.id}  ${a.title} (${a.country}, ${a.status}, questionnaire ${a.questionnaireVersion})\n${table(["RISK", "INITIAL L×S", "RESIDUAL L×S"], rows)}\n${a.unanswered.length} unanswered question${a.unanswered.length === 1 ? "" : "s"}\n`;
}

export function registerAssess(program: Command, ctx: CommandContext): void {
  const assess = program.command("assess").description("privacy, security and transparency impact assessments of a project or a proposed system");

  assess
    .command("new")
    .description("start an assessment from a project (prefilled from what it implies) or of a proposed system (--country)")
    .option("--project <id>", "the project to assess, e.g. zte-jujuy-surveillance-2019")
    .option("--country <code>", "the country whose law applies (ISO code; defaults to the project's)")
    .option("--title <text>", "a title (defaults to the project's)")
    .option("--answers <file>", "a JSON file of answers (question id → value), applied over what the project implies")
    .option("--defaults", "take what the project implies and leave the rest unanswered (no prompts)")
    .option("--complete", "mark the assessment complete rather than draft")
    .option("--by <name>", "who is making it (for the audit log; default: your user name)")
    .option("--json", "print the assessment as JSON (with its id)")
    .action(async (flags: { project?: string; country?: string; title?: string; answers?: string; defaults?: boolean; complete?: boolean; by?: string; json?: boolean }) => {
      const file = flags.answers ? readAnswersFile(flags.answers) : null;
      if (!flags.project && !flags.country && !file?.country) throw new UsageError("give --project <id> or, for a proposed system, --country <code>");
      const interactive = !file && !flags.defaults;
      if (interactive && !process.stdin.isTTY) throw new UsageError("no terminal to ask on: give --answers FILE.json or --defaults");
      await withApp(ctx, "if-empty", async (app) => {
        const d = deps(app);
        let answers: unknown = file?.answers;
        if (interactive) {
          const defaults = flags.project ? (await projectPrefill(d, flags.project)).prefill.answers : {};
          const rl = createInterface({ input: process.stdin, output: process.stderr, terminal: true });
          try {
            answers = await askQuestionnaire(d.kit.questionnaire, defaults, { ask: (p) => rl.question(p), say: (t) => ctx.io.stderr(t) });
          } finally {
            rl.close();
          }
        }
        const created = await createAssessment(
          d,
          {
            projectId: flags.project ?? null,
            country: flags.country ?? file?.country ?? null,
            title: flags.title ?? file?.title ?? null,
            answers,
            status: flags.complete ? "complete" : "draft",
            answersSource: flags.answers ? resolve(flags.answers) : "answers",
          },
          flags.by ?? defaultActor(),
        );
        if (flags.json) ctx.io.stdout(JSON.stringify(created) + "\n");
        else ctx.io.stdout(summary(created));
        ctx.io.stderr(`dsr: assessment ${created.id} saved; report: dsr assess report ${created.id} --format html\n`);
      });
    });

  assess
    .command("update")
    .description("save more answers (null clears one), a new status or title; resume where you left off")
    .argument("<id>", "the assessment's id")
    .option("--answers <file>", "a JSON file of answers to merge")
    .option("--status <status>", "draft or complete")
    .option("--title <text>", "a new title")
    .option("--by <name>", "who is making the change (default: your user name)")
    .option("--json", "print the assessment as JSON")
    .action(async (id: string, flags: { answers?: string; status?: string; title?: string; by?: string; json?: boolean }) => {
      const file = flags.answers ? readAnswersFile(flags.answers) : null;
      await withApp(ctx, "if-empty", async (app) => {
        const updated = await updateAssessment(deps(app), id, { answers: file?.answers, status: flags.status, title: flags.title ?? file?.title, answersSource: flags.answers ? resolve(flags.answers) : undefined }, flags.by ?? defaultActor());
        ctx.io.stdout(flags.json ? JSON.stringify(updated) + "\n" : summary(updated));
      });
    });

  assess
    .command("show")
    .description("one assessment: answers, unanswered questions and risks")
    .argument("<id>", "the assessment's id")
    .option("--json", "print it as JSON")
    .action(async (id: string, flags: { json?: boolean }) => {
      await withApp(ctx, "if-empty", async (app) => {
        const a = await getAssessment(deps(app), id);
        ctx.io.stdout(flags.json ? JSON.stringify(a) + "\n" : summary(a));
      });
    });

  assess
    .command("list")
    .description("assessments, latest change first")
    .option("--project <id>", "only those of this project")
    .option("--json", "print { items, total } as JSON")
    .action(async (flags: { project?: string; json?: boolean }) => {
      await withApp(ctx, "if-empty", async (app) => {
        const page = await listAssessments(deps(app), { projectId: flags.project });
        if (flags.json) ctx.io.stdout(JSON.stringify(page) + "\n");
        else {
          if (page.items.length) ctx.io.stdout(table(["ID", "TITLE", "COUNTRY", "STATUS", "UPDATED"], page.items.map((a) => [a.id, a.title, a.country, a.status, a.updatedAt.slice(0, 16).replace("T", " ")])) + "\n");
          ctx.io.stderr(`${page.total} assessment${page.total === 1 ? "" : "s"}\n`);
        }
      });
    });

  assess
    .command("report")
    .description("the report: HTML (print it from a browser), PDF (needs chromium) or JSON")
    .argument("<id>", "the assessment's id")
    .option("--format <format>", `${FORMATS.join(", ")}`, "html")
    .option("--out <file>", "write to this file (PDF defaults to assessment-<id>.pdf; HTML and JSON to stdout)")
    .action(async (id: string, flags: { format: string; out?: string }) => {
      if (!(FORMATS as readonly string[]).includes(flags.format)) throw new UsageError(`--format must be ${FORMATS.join(", ")}, not "${flags.format}"`);
      await withApp(ctx, "if-empty", async (app) => {
        const report = await assessmentReport(deps(app), id);
        if (flags.format === "json") {
          const text = JSON.stringify(report, null, 2) + "\n";
          if (flags.out) writeFileSync(flags.out, text);
          else ctx.io.stdout(text);
        } else if (flags.format === "html") {
          const html = renderReportHtml(report);
          if (flags.out) writeFileSync(flags.out, html);
          else ctx.io.stdout(html);
        } else {
          const out = flags.out ?? `assessment-${id}.pdf`;
          writeFileSync(out, await htmlToPdf(renderReportHtml(report)));
          ctx.io.stderr(`dsr: wrote ${out}\n`);
        }
        if (flags.out && flags.format !== "pdf") ctx.io.stderr(`dsr: wrote ${flags.out}\n`);
      });
    });

  assess
    .command("laws")
    .description("the data-protection law the knowledge base holds for a country (or all 33)")
    .argument("[country]", "ISO code, e.g. AR, BR, VE")
    .option("--json", "print as JSON")
    .action((country: string | undefined, flags: { json?: boolean }) => {
      const { kb } = assessKit(ctx.config.DSR_DATA_DIR);
      const entries = country ? [lawOf(kb, country)] : kb.laws.countries;
      if (entries[0] === null) throw new UsageError(`"${country}" is not one of the 33 Latin American and Caribbean countries the knowledge base covers`);
      const list = entries.filter((e) => e !== null);
      if (flags.json) ctx.io.stdout(JSON.stringify(country ? list[0] : { asOf: kb.laws.asOf, countries: list }) + "\n");
      else
        ctx.io.stdout(
          table(
            ["CODE", "COUNTRY", "GENERAL LAW", "AUTHORITY", "DPIA", "CONFIDENCE"],
            list.map((e) => [e.country, e.name, e.generalLaw ? `${e.generalLaw.title} (${e.generalLaw.year})` : "none", e.authority?.name ?? "none", e.dpia.required, e.confidence]),
          ) + "\n",
        );
    });
}
