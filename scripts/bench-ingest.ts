// `npm run bench:ingest`: ingestion end to end, as a user runs it. Writes 10,000 generated news
// documents (about 50 MB; half HTML pages, half plain text; Spanish, Portuguese and English; see
// generate-corpus.ts), creates a fresh database with `dsr init`, then times
// `dsr ingest DIR --json` on it. Target: under 60 s on the 2-core machine. Prints docs/s, MB/s,
// deals, projects in the database and failures, and exits 1 when the target is missed.
//
//   tsx scripts/bench-ingest.ts [--docs N] [--seed S] [--threads N] [--keep]
//
// Threads: `dsr ingest` reads and extracts on worker threads (src/ingest/extract-pool.ts), one
// per core by default, while its main thread writes SQLite. --threads N is passed on as
// `dsr ingest --threads N` when the command lists that option in its --help; otherwise the bench
// says so and runs with the command's default.
import { spawn } from "node:child_process";
import { closeSync, existsSync, mkdtempSync, openSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import SqliteDatabase from "better-sqlite3";
import { generateCorpus } from "./generate-corpus.js";

const MB = 1_000_000;
const TARGET_SECONDS = 60;
const root = fileURLToPath(new URL("..", import.meta.url));
const bin = join(root, "bin", "dsr.js");

interface Args {
  docs: number;
  seed: number;
  threads: number | null;
  keep: boolean;
}

function parseArgs(argv: readonly string[]): Args {
  const args: Args = { docs: 10_000, seed: 1, threads: null, keep: false };
  for (let i = 0; i < argv.length; i++) {
    const flag = argv[i];
    const value = () => {
      const n = Number(argv[++i]);
      if (!Number.isInteger(n) || n < 0) throw new Error(`${flag} needs a whole number`);
      return n;
    };
    if (flag === "--docs") args.docs = value();
    else if (flag === "--seed") args.seed = value();
    else if (flag === "--threads") args.threads = value();
    else if (flag === "--keep") args.keep = true;
    else throw new Error(`unknown option ${flag} (options: --docs N, --seed S, --threads N, --keep)`);
  }
  if (args.docs < 1) throw new Error("--docs must be at least 1");
  return args;
}

interface Run {
  code: number | null;
  stdout: string;
  seconds: number;
}

/** Runs the real binary with stdin closed; stderr goes to a file (progress lines would flood the terminal). */
function dsr(args: readonly string[], env: NodeJS.ProcessEnv, stderrFile: string): Promise<Run> {
  const err = openSync(stderrFile, "a");
  const started = performance.now();
  return new Promise<Run>((resolve, reject) => {
    const child = spawn(process.execPath, [bin, ...args], { stdio: ["ignore", "pipe", err], env });
    const chunks: Buffer[] = [];
    // Piped, so present; the stdio overloads cannot say so.
    child.stdout?.on("data", (chunk: Buffer) => chunks.push(chunk));
    child.on("error", reject);
    child.on("close", (code) => resolve({ code, stdout: Buffer.concat(chunks).toString("utf8"), seconds: (performance.now() - started) / 1000 }));
  }).finally(() => closeSync(err));
}

/** The part of `dsr ingest --json`'s summary the bench reads. */
interface IngestSummary {
  inputs: { input: string; status: "stored" | "duplicate" | "failed"; error?: string; documentId?: string; deals?: number }[];
  /** Deals in the stored documents (a duplicate's deals are its original's). */
  deals?: number;
  projectsCreated?: number;
}

function parseSummary(stdout: string): IngestSummary | string {
  let parsed: unknown;
  try {
    parsed = JSON.parse(stdout);
  } catch (error) {
    return `stdout is not one JSON document (${(error as Error).message}): ${stdout.slice(0, 300)}`;
  }
  if (typeof parsed !== "object" || parsed === null || !Array.isArray((parsed as IngestSummary).inputs)) return `no "inputs" array in: ${stdout.slice(0, 300)}`;
  return parsed as IngestSummary;
}

function countRows(database: string, table: string): number | null {
  if (!existsSync(database)) return null;
  const db = new SqliteDatabase(database, { readonly: true, fileMustExist: true });
  try {
    const row = db.prepare(`SELECT COUNT(*) AS n FROM ${table}`).get() as { n: number } | undefined;
    return row?.n ?? null;
  } catch {
    // A database without the table (ingest failed before migrating) has nothing to count.
    return null;
  } finally {
    db.close();
  }
}

function tail(file: string, lines: number): string {
  if (!existsSync(file)) return "";
  return readFileSync(file, "utf8").trimEnd().split("\n").slice(-lines).join("\n");
}

async function main(): Promise<number> {
  const args = parseArgs(process.argv.slice(2));
  if (!existsSync(join(root, "dist", "cli", "bin.js"))) {
    console.error("bench-ingest: dist/ is absent; run `npm run build` first (npm run bench:ingest does)");
    return 1;
  }
  const dir = mkdtempSync(join(tmpdir(), "dsr-bench-ingest-"));
  const corpus = join(dir, "corpus");
  const database = join(dir, "bench.db");
  const log = join(dir, "dsr-stderr.log");
  const env: NodeJS.ProcessEnv = { ...process.env, DSR_DB: database };
  try {
    const g0 = performance.now();
    const stats = generateCorpus(corpus, { docs: args.docs, seed: args.seed });
    const gen = (performance.now() - g0) / 1000;
    const { es, pt, en } = stats.byLanguage;
    console.log(
      `corpus: ${stats.files} files, ${(stats.bytes / MB).toFixed(1)} MB (${stats.html} html, ${stats.txt} txt; es ${es}, pt ${pt}, en ${en}; ` +
        `${stats.duplicates} exact copies, ${stats.retold} retellings of a recurring deal) written in ${gen.toFixed(1)} s, seed ${args.seed}`,
    );

    const init = await dsr(["init", "--json"], env, log);
    if (init.code !== 0) {
      console.error(`dsr init failed (exit ${init.code}):\n${tail(log, 20)}`);
      return 1;
    }
    const projectsBefore = countRows(database, "projects") ?? 0;
    console.log(`init: ${init.seconds.toFixed(1)} s, ${projectsBefore} bundled projects (not counted in the ingest time)`);

    const ingestArgs = ["ingest", corpus, "--json"];
    if (args.threads !== null) {
      const help = await dsr(["ingest", "--help"], env, log);
      if (/--threads\b/.test(help.stdout)) ingestArgs.push("--threads", String(args.threads));
      else console.log(`--threads ${args.threads} ignored: \`dsr ingest --help\` lists no --threads option`);
    }
    console.log(`running: DSR_DB=${database} dsr ${ingestArgs.join(" ")}`);
    const run = await dsr(ingestArgs, env, log);
    const mb = stats.bytes / MB;
    const summary = parseSummary(run.stdout);
    const projectsAfter = countRows(database, "projects");
    const documents = countRows(database, "documents");

    let failed = 0;
    if (typeof summary === "string") {
      console.log(`ingest summary unreadable: ${summary}`);
    } else {
      const by = (status: string) => summary.inputs.filter((i) => i.status === status);
      const failures = by("failed");
      failed = failures.length;
      const deals = summary.deals ?? by("stored").reduce((n, i) => n + (i.deals ?? 0), 0);
      console.log(`inputs: ${summary.inputs.length} (${by("stored").length} stored, ${by("duplicate").length} duplicates, ${failed} failed); deals found: ${deals}`);
      for (const f of failures.slice(0, 5)) console.log(`  failed: ${f.input}: ${f.error ?? "(no reason given)"}`);
    }
    console.log(`database: ${documents ?? "?"} documents, ${projectsAfter ?? "?"} projects (${projectsAfter === null ? "?" : projectsAfter - projectsBefore} new)`);
    console.log(
      `ingest: ${stats.files} documents, ${mb.toFixed(1)} MB in ${run.seconds.toFixed(1)} s — ${(stats.files / run.seconds).toFixed(0)} docs/s, ` +
        `${(mb / run.seconds).toFixed(2)} MB/s (exit ${run.code})`,
    );
    // Exit 2 means some inputs failed and the rest went through; the failures are counted above.
    const ran = (run.code === 0 || run.code === 2) && typeof summary !== "string";
    if (!ran) console.log(`dsr ingest stderr (last lines):\n${tail(log, 20)}`);
    const pass = ran && failed === 0 && run.seconds < TARGET_SECONDS;
    console.log(`${pass ? "PASS" : "FAIL"}: ${run.seconds.toFixed(1)} s for ${stats.files} documents (target < ${TARGET_SECONDS} s, no failed inputs)`);
    if (args.keep) console.log(`kept: ${dir}`);
    return pass ? 0 : 1;
  } finally {
    if (!args.keep) rmSync(dir, { recursive: true, force: true });
  }
}

process.exitCode = await main();
