// `dsr ingest PATH|URL...`: files, folders and web pages into the database — each stored with its
// deals, then joined to the projects they describe. Failures are listed by input; the rest land.
import type { Command } from "commander";
import { UsageError } from "../../domain/errors.js";
import { type IngestSummary, ingest } from "../../services/ingest.service.js";
import { type CommandContext, withApp } from "../context.js";
import { progressView } from "../progress.js";
import { SomeInputsFailed } from "../some-inputs-failed.js";
import type { Enqueued } from "../../services/jobs.service.js";
import { isPostgresUrl } from "../../store/database-url.js";

interface IngestFlags {
  json?: boolean;
  queue?: boolean;
  threads?: string;
  ocr?: boolean;
  maxSize?: string;
}

function positiveNumber(value: string | undefined, flag: string, integer: boolean): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isFinite(n) || n < 0 || (integer && !Number.isInteger(n))) throw new UsageError(`${flag} must be a ${integer ? "whole " : ""}number ≥ 0, got "${value}"`);
  return n;
}

function summaryLine(s: IngestSummary): string {
  const parts = [`${s.stored} stored`, `${s.duplicates} duplicate${s.duplicates === 1 ? "" : "s"}`, `${s.failed} failed`];
  const projects = `${s.projectsCreated} new project${s.projectsCreated === 1 ? "" : "s"}, ${s.projectsJoined} existing project${s.projectsJoined === 1 ? "" : "s"} gained sources`;
  return `${s.inputs.length} input${s.inputs.length === 1 ? "" : "s"}: ${parts.join(", ")} · ${s.deals} deal${s.deals === 1 ? "" : "s"} · ${projects}`;
}

/** `--queue`: the inputs become jobs; workers, wherever they run, read paths as given here (absolute). */
async function enqueue(ctx: CommandContext, inputs: readonly string[], json: boolean): Promise<void> {
  if (!isPostgresUrl(ctx.config.database)) throw new UsageError("--queue puts jobs in the PostgreSQL database: set DATABASE_URL=postgres://…");
  // Loaded here: a plain ingest does not need the queue's modules.
  const [{ openJobQueue }, { enqueueIngest }, { queueSettings }] = await Promise.all([import("../../queue/job-queue.js"), import("../../services/jobs.service.js"), import("./jobs.js")]);
  const queue = await openJobQueue(ctx.config.database, queueSettings(ctx));
  let r: Enqueued;
  try {
    r = await enqueueIngest(queue, inputs);
  } finally {
    await queue.stop({ graceful: false });
  }
  for (const f of r.failed) ctx.io.stderr(`dsr: ${f.error}\n`);
  ctx.io.stdout(json ? `${JSON.stringify(r)}\n` : `${r.queued.length} job${r.queued.length === 1 ? "" : "s"} queued for dsr worker${r.failed.length ? `, ${r.failed.length} input(s) refused` : ""}\n`);
  if (r.failed.length) throw new SomeInputsFailed(r.failed.length, r.failed.length + r.queued.length);
}

export function registerIngest(program: Command, ctx: CommandContext): void {
  program
    .command("ingest")
    .description("store documents (text, HTML, PDF, DOCX; folders recursively; http(s) URLs) and resolve their deals into projects")
    .argument("<inputs...>", "files, folders or URLs")
    .option("--json", "print one JSON object: every input with its status, and the totals")
    .option("--threads <n>", "worker threads reading and extracting (default: one per core on batches)")
    .option("--no-ocr", "do not OCR scanned PDFs (they are reported as image-only)")
    .option("--max-size <mb>", "refuse inputs larger than this many MB (default DSR_MAX_FILE_MB, 50)")
    .option("--queue", "put one job per file or URL on the PostgreSQL job queue for `dsr worker` processes, instead of ingesting here")
    .action(async (inputs: string[], flags: IngestFlags) => {
      if (flags.queue) return enqueue(ctx, inputs, flags.json === true);
      const threads = positiveNumber(flags.threads, "--threads", true);
      const maxMb = positiveNumber(flags.maxSize, "--max-size", false) ?? ctx.config.DSR_MAX_FILE_MB;
      const view = progressView(ctx.io.stderr, ctx.io.stderrIsTty ?? false);
      const abort = new AbortController();
      const onSigint = () => {
        if (abort.signal.aborted) process.exit(130);
        view.message("dsr: interrupted — finishing the document being stored; run the same command again to do the rest\n");
        abort.abort();
      };
      process.on("SIGINT", onSigint);
      // Kill points for the crash tests: the parent is told of each commit and may kill us there.
      const report = ctx.config.DSR_REPORT_COMMITS && typeof process.send === "function" ? (n: number) => process.send?.({ committed: n }) : undefined;
      let summary: IngestSummary;
      try {
        summary = await withApp(ctx, "if-empty", (app) =>
          ingest(app, inputs, {
            allowHosts: ctx.config.DSR_ALLOW_HOSTS,
            maxBytes: Math.round(maxMb * 1024 * 1024),
            ...(threads === undefined ? {} : { threads }),
            ocr: flags.ocr !== false,
            signal: abort.signal,
            onProgress: (p) => view.update(p),
            onCommit: report,
          }),
        );
      } finally {
        process.off("SIGINT", onSigint);
        view.done();
      }
      for (const r of summary.inputs) {
        if (r.status === "failed") ctx.io.stderr(`dsr: ${r.error}\n`);
        for (const w of r.warnings ?? []) ctx.io.stderr(`dsr: warning: ${w}\n`);
      }
      if (summary.repaired) ctx.io.stderr(`dsr: resolved ${summary.repaired} deal mention(s) an interrupted run had left\n`);
      if (flags.json) ctx.io.stdout(JSON.stringify(summary) + "\n");
      else ctx.io.stdout(summaryLine(summary) + "\n");
      if (summary.interrupted) throw new UsageError(`interrupted after ${summary.inputs.length} of the inputs; run the same command again to ingest the rest`);
      if (summary.failed) throw new SomeInputsFailed(summary.failed, summary.inputs.length);
    });
}
