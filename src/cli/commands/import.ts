// `dsr import aiddata|ocds|cgit FILE|URL`: structured sources into the database — each row or
// contracting process that concerns the observatory joined to the project it describes or made
// a new one. A progress bar, then a summary; a bad row is named by number and the rest lands.
import { existsSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import type { Command } from "commander";
import { UsageError } from "../../domain/errors.js";
import { IMPORT_KINDS, type ImportKind, type ImportOptions, type ImportProgress, type ImportSummary, importSource, isUrl } from "../../services/import.service.js";
import { isPostgresUrl } from "../../store/database-url.js";
import { type CommandContext, withApp } from "../context.js";
import { progressView } from "../progress.js";
import { SomeInputsFailed } from "../some-inputs-failed.js";

interface ImportFlags {
  json?: boolean;
  lacOnly?: boolean;
  digitalOnly?: boolean;
  sector?: string[];
  vendorsOnly?: boolean;
  country?: string;
  kind?: string;
  restart?: boolean;
  maxSize?: string;
  queue?: boolean;
}

const n = (x: number) => x.toLocaleString("en-US");
const mb = (bytes: number) => `${(bytes / 1e6).toFixed(1)} MB`;

function describe(p: ImportProgress & { done: number; total: number }): string {
  return `${mb(p.bytes)} of ${mb(p.totalBytes)} · ${n(p.read)} read · ${n(p.created)} new · ${n(p.joined)} joined · ${n(p.skipped)} skipped · ${p.failed} failed`;
}

function summaryText(s: ImportSummary): string {
  const lines = [
    `${s.kind} import of ${s.source}: ${n(s.read)} read · ${n(s.created)} new projects · ${n(s.joined)} joined existing projects · ${n(s.updated)} updated · ${n(s.unchanged)} unchanged · ${n(s.skipped)} skipped · ${n(s.failed)} failed`,
  ];
  const reasons = Object.entries(s.skippedReasons).sort((a, b) => b[1] - a[1]);
  for (const [reason, count] of reasons.slice(0, 8)) lines.push(`  skipped ${n(count)}: ${reason}`);
  return lines.join("\n");
}

function kindOf(value: string): ImportKind {
  if ((IMPORT_KINDS as readonly string[]).includes(value)) return value as ImportKind;
  throw new UsageError(`unknown import kind "${value}": use one of ${IMPORT_KINDS.join(", ")}`);
}

const collect = (value: string, previous: string[] = []) => [...previous, ...value.split(",").map((s) => s.trim()).filter(Boolean)];

/** `--queue`: one job; the worker reads the file at this absolute path (or downloads the URL). */
async function enqueueImport(ctx: CommandContext, kind: ImportKind, input: string, options: Record<string, unknown>, json: boolean): Promise<void> {
  if (!isPostgresUrl(ctx.config.database)) throw new UsageError("--queue puts jobs in the PostgreSQL database: set DATABASE_URL=postgres://…");
  const remote = isUrl(input);
  if (!remote && !existsSync(input)) throw new UsageError(`${input}: no such file`);
  const source = remote ? input : resolve(input);
  const [{ openJobQueue }, { queueSettings }] = await Promise.all([import("../../queue/job-queue.js"), import("./jobs.js")]);
  const queue = await openJobQueue(ctx.config.database, queueSettings(ctx));
  try {
    const jobId = await queue.send("import", { kind, input: source, options });
    ctx.io.stdout(json ? `${JSON.stringify({ queued: [{ input: source, jobId }] })}\n` : `1 import job queued for dsr worker: ${kind} ${source}\n`);
  } finally {
    await queue.stop({ graceful: false });
  }
}

export function registerImport(program: Command, ctx: CommandContext): void {
  program
    .command("import")
    .description("import a structured source: AidData's Chinese development finance tables (CSV/XLSX), OCDS procurement data (release or record packages, JSON lines), China Global Investment Tracker sheets")
    .argument("<kind>", `one of ${IMPORT_KINDS.join(", ")}`)
    .argument("<source>", "a file, or an http(s) URL (downloaded and kept, so a lapsed feed keeps its last good copy)")
    .option("--json", "print the summary as JSON: { read, created, joined, updated, unchanged, skipped, failed, skippedReasons, errors, … }")
    .option("--lac-only", "aiddata: only recipients in Latin America and the Caribbean")
    .option("--digital-only", "aiddata: only the communications sector and rows whose title names digital infrastructure")
    .option("--sector <names>", "aiddata, cgit: only these sectors (comma-separated or repeated), e.g. COMMUNICATIONS or Technology", collect)
    .option("--vendors-only", "ocds: only processes naming a known foreign vendor (not those matched by category terms alone)")
    .option("--country <code>", "ocds: the country (ISO alpha-2) when neither the ocid prefix nor the buyer's address says")
    .option("--kind <kind>", "cgit: investment or construction (default: from a Type column or the sheet's name)")
    .option("--restart", "start from the first row even when an earlier run of this source stopped half way")
    .option("--max-size <mb>", "largest download accepted, in MB (default 2048)")
    .option("--queue", "put the import on the PostgreSQL job queue for a `dsr worker` instead of running it here")
    .action(async (kindArg: string, input: string, flags: ImportFlags) => {
      const kind = kindOf(kindArg);
      if (flags.country !== undefined && !/^[A-Za-z]{2}$/.test(flags.country)) throw new UsageError(`--country must be an ISO 3166-1 alpha-2 code such as PY, got "${flags.country}"`);
      if (flags.kind !== undefined && flags.kind !== "investment" && flags.kind !== "construction") throw new UsageError(`--kind must be investment or construction, got "${flags.kind}"`);
      const maxMb = flags.maxSize === undefined ? 2048 : Number(flags.maxSize);
      if (!Number.isFinite(maxMb) || maxMb <= 0) throw new UsageError(`--max-size must be a number of MB, got "${flags.maxSize}"`);
      const view = progressView<ImportProgress & { done: number; total: number }>(ctx.io.stderr, ctx.io.stderrIsTty ?? false, Date.now, describe);
      const abort = new AbortController();
      const onSigint = () => {
        if (abort.signal.aborted) process.exit(130);
        view.message("dsr: interrupted — finishing the row being stored; run the same command again to resume\n");
        abort.abort();
      };
      process.on("SIGINT", onSigint);
      const report = ctx.config.DSR_REPORT_COMMITS && typeof process.send === "function" ? (c: number) => process.send?.({ committed: c }) : undefined;
      const mapping = {
        aiddata: { lacOnly: flags.lacOnly === true, digitalOnly: flags.digitalOnly === true, sectors: flags.sector ?? [] },
        ocds: { vendorsOnly: flags.vendorsOnly === true, country: flags.country?.toUpperCase() ?? null },
        cgit: { ...(flags.kind ? { kind: flags.kind as "investment" | "construction" } : {}), sectors: flags.sector ?? [] },
        restart: flags.restart === true,
      };
      if (flags.queue) return enqueueImport(ctx, kind, input, mapping, flags.json === true);
      const options: ImportOptions = {
        ...mapping,
        allowHosts: ctx.config.DSR_ALLOW_HOSTS,
        maxBytes: Math.round(maxMb * 1024 * 1024),
        cacheDir: join(dirname(resolve(ctx.config.DSR_DB)), ".dsr-cache", "imports"),
        signal: abort.signal,
        onProgress: (p) => view.update({ ...p, done: p.bytes, total: p.totalBytes }),
        ...(report ? { onCommit: report } : {}),
      };
      let summary: ImportSummary;
      try {
        summary = await withApp(ctx, "if-empty", (app) => importSource(app, kind, input, options));
      } finally {
        process.off("SIGINT", onSigint);
        view.done();
      }
      for (const w of summary.warnings) ctx.io.stderr(`dsr: warning: ${w}\n`);
      for (const e of summary.errors) ctx.io.stderr(`dsr: ${e.error}\n`);
      if (summary.failed > summary.errors.length) ctx.io.stderr(`dsr: … and ${summary.failed - summary.errors.length} more failed rows\n`);
      if (summary.repaired) ctx.io.stderr(`dsr: resolved ${summary.repaired} deal mention(s) an interrupted run had left\n`);
      ctx.io.stdout(flags.json ? `${JSON.stringify(summary)}\n` : `${summaryText(summary)}\n`);
      if (summary.interrupted) throw new UsageError(`interrupted after ${n(summary.read)} items; run the same command again to resume`);
      if (summary.failed) throw new SomeInputsFailed(summary.failed, summary.read);
    });
}
