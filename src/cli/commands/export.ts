// `dsr export`: every matching project in an export format, streamed to a temporary file renamed
// when complete (a failed export leaves no half file), or with `--out -` to stdout.
import { open, rename, rm } from "node:fs/promises";
import { Writable } from "node:stream";
import { StringDecoder } from "node:string_decoder";
import type { Command } from "commander";
import { UsageError } from "../../domain/errors.js";
import { EXPORT_FORMATS, ExportFormat, FORMAT_INFO } from "../../export/formats.js";
import { type ExportResult, exportProjects } from "../../services/export.service.js";
import { MAX_LIMIT, type ProjectQuery } from "../../services/projects.service.js";
import { type CommandContext, type Io, withApp } from "../context.js";
import { addFilterOptions, parseFilters } from "../filters.js";

/**
 * Stdout as a sink. The process writes stdout synchronously to files and pipes on Linux, so
 * nothing piles up behind it; the decoder keeps a character split across two chunks whole.
 */
function stdoutSink(io: Io): Writable {
  const decoder = new StringDecoder("utf8");
  return new Writable({
    write(chunk: Buffer, _encoding, done) {
      const text = decoder.write(chunk);
      if (text) io.stdout(text);
      done();
    },
    final(done) {
      const text = decoder.end();
      if (text) io.stdout(text);
      done();
    },
  });
}

/** Writes through `write` to a temporary file renamed to `path` once complete; removed on failure. */
async function toFileAtomically(path: string, write: (sink: Writable) => Promise<ExportResult>): Promise<ExportResult> {
  const tmp = `${path}.${process.pid}.tmp`;
  const cannot = (err: unknown) => new UsageError(`cannot write ${path}: ${(err as Error).message}`, { cause: err });
  const handle = await open(tmp, "w").catch((err: unknown) => {
    throw cannot(err);
  });
  try {
    const result = await write(handle.createWriteStream());
    await rename(tmp, path).catch((err: unknown) => {
      throw cannot(err);
    });
    return result;
  } catch (err) {
    await handle.close().catch(() => undefined); // already closed when the stream ended or failed
    await rm(tmp, { force: true });
    throw err;
  }
}

export function registerExport(program: Command, ctx: CommandContext): void {
  const cmd = program
    .command("export")
    .description("export every matching project with its sources, licences and exchange-rate source")
    .requiredOption("--format <format>", "csv, xlsx, json, geojson, ftm (FollowTheMoney entities for Aleph) or csl (CSL-JSON of the sources)")
    .requiredOption("--out <file>", "file to write, or - for stdout (not for xlsx)");
  addFilterOptions(cmd, { limit: String(MAX_LIMIT) }).option("--json", "print a JSON summary of what was written on stdout");
  // An export is every matching project, ordered by id: --limit and --offset only cut it when given.
  for (const option of cmd.options) {
    if (option.long === "--limit") Object.assign(option, { description: "stop after this many projects (1-1000; default: all)", defaultValue: undefined });
    if (option.long === "--offset") Object.assign(option, { description: "skip this many projects (by id)", defaultValue: undefined });
    if (option.long === "--sort") option.hideHelp();
  }
  cmd.action(async (opts: Record<string, unknown>) => {
    const format = ExportFormat.safeParse(opts.format);
    if (!format.success) throw new UsageError(`--format: expected one of ${EXPORT_FORMATS.join(", ")}, got "${String(opts.format)}"`);
    if (cmd.getOptionValueSource("sort") === "cli") throw new UsageError("--sort: an export is ordered by project id");
    const filters = parseFilters(opts);
    const query: ProjectQuery = {
      ...filters,
      sort: undefined,
      limit: cmd.getOptionValueSource("limit") === "cli" ? filters.limit : undefined,
      offset: cmd.getOptionValueSource("offset") === "cli" ? filters.offset : undefined,
    };
    const out = String(opts.out);
    if (out === "-" && FORMAT_INFO[format.data].binary) {
      throw new UsageError(`--out -: ${format.data} is binary; write it to a file with --out FILE`);
    }
    await withApp(ctx, "if-empty", async (app) => {
      const write = (sink: Writable) => exportProjects(app, query, format.data, sink);
      const result = out === "-" ? await write(stdoutSink(ctx.io)) : await toFileAtomically(out, write);
      const summary = { out, format: format.data, ...result, exchangeRates: app.fx.source };
      if (opts.json && out !== "-") ctx.io.stdout(JSON.stringify(summary) + "\n");
      else ctx.io.stderr(`wrote ${result.projects} projects and ${result.sources} sources to ${out === "-" ? "stdout" : out} (${format.data}); licence: ${result.license}\n`);
    });
  });
}
