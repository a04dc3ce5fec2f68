// `npm run bench:import`: the structured-source importers as a user runs them (`dsr import`, a
// child process on a fresh database made by `dsr init`, whose time is not counted). Targets
// (issue 8):
//
//   OCDS: ≥ 10,000 releases/s streamed and matched on a generated ~500 MB release package
//         (releases of about 2.2 KB), peak memory under 300 MB; the same releases as JSON lines
//         (the faster line-by-line path) are timed too. `jq -c '.releases[]'` over the same
//         package, in the same run, is the floor of just parsing it: the ratio to it is printed.
//   AidData: the real 9,404-row geocoded table (../shared/data/gcdf3/final_input.csv) and 20,000
//         generated rows in the full release's 126-column shape (generate-aiddata.ts), each
//         imported in under 30 s. The real table is then imported a second time into the same
//         database: the re-import time is printed, and it must create nothing.
//
//   tsx scripts/bench-import.ts [--releases N] [--jsonl-releases N] [--match-share X]
//                               [--aiddata-rows N] [--seed S] [--only ocds|aiddata] [--no-jq] [--keep]
//
// Memory is the import process's peak resident set: /proc/<pid>/status is polled every 100 ms
// (VmRSS, and VmHWM — the kernel's own high-water mark, which catches peaks between polls), with
// any child processes added (`dsr import` starts none; its reader is a worker thread, inside the
// process). CPU is read from /proc/<pid>/stat the same way, so the cores each run used are shown,
// with what the rest of the machine used meanwhile (a busy machine lowers every figure).
// Everything is local: generated files go to a temporary directory that is removed at the end
// (--keep leaves it); no network is used. The bench exits 0 whether targets are met or not; it
// exits 1 only when it cannot run (no dist/, bad options).
import { spawn } from "node:child_process";
import { closeSync, existsSync, fsyncSync, mkdtempSync, openSync, readFileSync, readdirSync, rmSync, statfsSync, writeSync } from "node:fs";
import { cpus, freemem, loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { generateAidDataFullRelease } from "./generate-aiddata.js";
import type { ImportSummary } from "../src/services/import.service.js";
import { generateOcds } from "./generate-ocds.js";

const MB = 1_000_000;
const root = fileURLToPath(new URL("..", import.meta.url));
const bin = join(root, "bin", "dsr.js");
const AIDDATA_REAL = join(root, "..", "shared", "data", "gcdf3", "final_input.csv");
const AIDDATA_REAL_ROWS = 9_404;

const TARGET_RELEASES_PER_S = 10_000;
const TARGET_OCDS_RSS_MB = 300;
const TARGET_AIDDATA_S = 30;
/** A share of processes that concern the observatory, as in a national procurement feed. */
const DEFAULT_MATCH_SHARE = 0.02;
/** About 500 MB of releases at the generator's default size (≈ 2.2 KB each). */
const DEFAULT_RELEASES = 225_000;
const POLL_MS = 100;

interface Args {
  releases: number;
  jsonlReleases: number | null;
  matchShare: number;
  aiddataRows: number;
  seed: number;
  only: "ocds" | "aiddata" | null;
  jq: boolean;
  keep: boolean;
}

function parseArgs(argv: readonly string[]): Args {
  const args: Args = { releases: DEFAULT_RELEASES, jsonlReleases: null, matchShare: DEFAULT_MATCH_SHARE, aiddataRows: 20_000, seed: 1, only: null, jq: true, keep: false };
  for (let i = 0; i < argv.length; i++) {
    const flag = argv[i];
    const whole = () => {
      const n = Number(argv[++i]);
      if (!Number.isInteger(n) || n < 1) throw new Error(`${flag} needs a whole number of at least 1`);
      return n;
    };
    if (flag === "--releases") args.releases = whole();
    else if (flag === "--jsonl-releases") args.jsonlReleases = whole();
    else if (flag === "--aiddata-rows") args.aiddataRows = whole();
    else if (flag === "--seed") args.seed = whole();
    else if (flag === "--match-share") {
      const x = Number(argv[++i]);
      if (!(x >= 0 && x <= 1)) throw new Error("--match-share needs a share between 0 and 1");
      args.matchShare = x;
    } else if (flag === "--only") {
      const v = argv[++i];
      if (v !== "ocds" && v !== "aiddata") throw new Error("--only takes ocds or aiddata");
      args.only = v;
    } else if (flag === "--no-jq") args.jq = false;
    else if (flag === "--keep") args.keep = true;
    else throw new Error(`unknown option ${flag} (options: --releases N, --jsonl-releases N, --match-share X, --aiddata-rows N, --seed S, --only ocds|aiddata, --no-jq, --keep)`);
  }
  return args;
}

// ---------------------------------------------------------------------------------------------
// Running a child and watching its memory and CPU

interface Watched {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  seconds: number;
  /** Peak resident set of the process (and any children), MB; null when /proc could not be read. */
  peakRssMb: number | null;
  /** CPU seconds the process used (user + system) as last read before it exited. */
  cpuSeconds: number | null;
  /** Cores the rest of the machine used meanwhile. */
  otherCores: number | null;
  /** `dsr import`'s progress lines (one every 5 s on a pipe): seconds since the start, items read. */
  progress: { at: number; read: number }[];
}

const TICKS_PER_S = 100;

function readProc(path: string): string | null {
  try {
    return readFileSync(path, "utf8");
  } catch {
    // The process exited between two reads.
    return null;
  }
}

/** A process and its descendants, through /proc/<pid>/task/<tid>/children. */
function processTree(pid: number): number[] {
  const out = [pid];
  for (let i = 0; i < out.length; i++) {
    const p = out[i] as number;
    let tasks: string[] = [];
    try {
      tasks = readdirSync(`/proc/${p}/task`);
    } catch {
      continue;
    }
    for (const tid of tasks) {
      const children = readProc(`/proc/${p}/task/${tid}/children`);
      for (const c of children?.trim().split(/\s+/) ?? []) if (c) out.push(Number(c));
    }
  }
  return out;
}

/** Resident and high-water kB of one process. */
function memoryKb(pid: number): { rss: number; hwm: number } | null {
  const status = readProc(`/proc/${pid}/status`);
  if (!status) return null;
  const field = (name: string) => Number(new RegExp(`^${name}:\\s+(\\d+) kB`, "m").exec(status)?.[1] ?? 0);
  return { rss: field("VmRSS"), hwm: field("VmHWM") };
}

function cpuTicks(pid: number): number | null {
  const stat = readProc(`/proc/${pid}/stat`);
  if (!stat) return null;
  // Fields after the command name: utime is the 14th and stime the 15th of the whole line.
  const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
  return Number(fields[11]) + Number(fields[12]);
}

/** Busy ticks of the whole machine (all cores), from /proc/stat. */
function machineBusyTicks(): number | null {
  const line = readProc("/proc/stat")?.split("\n")[0];
  if (!line) return null;
  const v = line.trim().split(/\s+/).slice(1).map(Number);
  return v.slice(0, 8).reduce((a, b) => a + b, 0) - (v[3] ?? 0) - (v[4] ?? 0);
}

/** Children running now, stopped on Ctrl-C. */
const running = new Set<number>();
/** The most cores other processes used during any run: a busy machine lowers every figure. */
let busiest = 0;

/**
 * Runs a command with stdin closed, stdout captured (or sent to /dev/null) and stderr appended to
 * a log (its progress lines timestamped as they come), polling its memory and CPU until it exits.
 */
function watch(command: string, args: readonly string[], env: NodeJS.ProcessEnv, stderrFile: string, options: { discardStdout?: boolean } = {}): Promise<Watched> {
  const err = openSync(stderrFile, "a");
  const devNull = options.discardStdout ? openSync("/dev/null", "w") : null;
  const busy0 = machineBusyTicks();
  const started = performance.now();
  return new Promise<Watched>((resolve, reject) => {
    const child = spawn(command, [...args], { stdio: ["ignore", devNull ?? "pipe", "pipe"], env });
    const pid = child.pid;
    if (pid === undefined) {
      child.on("error", reject);
      return;
    }
    running.add(pid);
    let peakKb: number | null = null;
    let cpu: number | null = null;
    let busy1: number | null = busy0;
    let lastAt = started;
    // Until the child has exec'd, /proc shows a copy of this process: its memory is not the child's.
    let execd = false;
    const poll = () => {
      if (!execd) {
        const argv = readProc(`/proc/${pid}/cmdline`)?.split("\0");
        if (!argv || argv[1] !== args[0]) return;
        execd = true;
      }
      let total = 0;
      let seen = false;
      for (const p of processTree(pid)) {
        const m = memoryKb(p);
        if (!m) continue;
        seen = true;
        // The process's own high-water mark covers peaks between polls; a child's current RSS is added.
        total += p === pid ? Math.max(m.rss, m.hwm) : m.rss;
      }
      if (seen) peakKb = Math.max(peakKb ?? 0, total);
      const t = cpuTicks(pid);
      if (t !== null) {
        cpu = t;
        busy1 = machineBusyTicks();
        lastAt = performance.now();
      }
    };
    const timer = setInterval(poll, POLL_MS);
    const chunks: Buffer[] = [];
    // Piped unless discarded; the stdio overloads cannot say so.
    child.stdout?.on("data", (chunk: Buffer) => chunks.push(chunk));
    const progress: { at: number; read: number }[] = [];
    let partial = "";
    child.stderr?.on("data", (chunk: Buffer) => {
      writeSync(err, chunk);
      const at = (performance.now() - started) / 1000;
      const lines = (partial + chunk.toString("utf8")).split("\n");
      partial = lines.pop() ?? "";
      for (const line of lines) {
        const m = /· ([\d,]+) read ·/.exec(line);
        if (m?.[1]) progress.push({ at, read: Number(m[1].replace(/,/g, "")) });
      }
    });
    child.on("error", (e) => {
      clearInterval(timer);
      running.delete(pid);
      reject(e);
    });
    child.on("close", (code, signal) => {
      clearInterval(timer);
      running.delete(pid);
      const seconds = (performance.now() - started) / 1000;
      const cpuSeconds = cpu === null ? null : (cpu as number) / TICKS_PER_S;
      const machine = busy0 !== null && busy1 !== null ? (busy1 - busy0) / TICKS_PER_S : null;
      const polled = (lastAt - started) / 1000;
      const otherCores = machine !== null && cpuSeconds !== null && polled > 0 ? Math.max(0, machine - cpuSeconds) / polled : null;
      if (otherCores !== null && seconds > 2) busiest = Math.max(busiest, otherCores);
      resolve({ code, signal, stdout: Buffer.concat(chunks).toString("utf8"), seconds, peakRssMb: peakKb === null ? null : (peakKb as number) / 1024, cpuSeconds, otherCores, progress });
    });
  }).finally(() => {
    closeSync(err);
    if (devNull !== null) closeSync(devNull);
  });
}

// ---------------------------------------------------------------------------------------------
// dsr

function summaryOf(stdout: string): ImportSummary | string {
  try {
    const parsed = JSON.parse(stdout) as Partial<ImportSummary>;
    if (typeof parsed.read !== "number") return `no "read" in: ${stdout.slice(0, 300)}`;
    return parsed as ImportSummary;
  } catch (error) {
    return `stdout is not one JSON document (${(error as Error).message}): ${stdout.slice(0, 300)}`;
  }
}

function tail(file: string, lines: number): string {
  if (!existsSync(file)) return "";
  return readFileSync(file, "utf8").trimEnd().split("\n").slice(-lines).join("\n");
}

interface Ctx {
  dir: string;
  log: string;
}

/** The environment `dsr` runs in: plain node on the given database (no loaders this process may pass on). */
function dsrEnv(database: string): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, DSR_DB: database };
  delete env.NODE_OPTIONS;
  return env;
}

/** A fresh database made by `dsr init` (not timed). */
async function freshDb(ctx: Ctx, name: string): Promise<string> {
  const database = join(ctx.dir, `${name}.db`);
  const init = await watch(process.execPath, [bin, "init", "--json"], dsrEnv(database), ctx.log);
  if (init.code !== 0) throw new Error(`dsr init failed (exit ${init.code}):\n${tail(ctx.log, 20)}`);
  return database;
}

interface ImportRun {
  run: Watched;
  summary: ImportSummary | null;
  /** Why the run did not give a summary. */
  problem: string | null;
}

async function dsrImport(ctx: Ctx, kind: "ocds" | "aiddata", file: string, database: string): Promise<ImportRun> {
  const run = await watch(process.execPath, [bin, "import", kind, file, "--json"], dsrEnv(database), ctx.log);
  const summary = summaryOf(run.stdout);
  // Exit 2: some rows failed and the rest went through; the failures are in the summary.
  if (typeof summary === "string") return { run, summary: null, problem: `exit ${run.code ?? run.signal}; ${summary}\n${tail(ctx.log, 15)}` };
  if (run.code !== 0 && run.code !== 2) return { run, summary, problem: `exit ${run.code ?? run.signal}\n${tail(ctx.log, 15)}` };
  return { run, summary, problem: null };
}

// ---------------------------------------------------------------------------------------------
// Report

const n = (x: number) => Math.round(x).toLocaleString("en-US");
const f1 = (x: number | null) => (x === null ? "?" : x.toFixed(1));
const load3 = () => loadavg().map((x) => x.toFixed(2)).join(", ");

/**
 * The rate between the first two and the last two progress lines (the first interval is past the
 * start-up): whether a run slows down as the database fills. Null with fewer than three lines.
 */
function drift(r: Watched, unit: string): string | null {
  const p = r.progress.filter((x, i, all) => i === 0 || x.read > (all[i - 1]?.read ?? 0));
  if (p.length < 3) return null;
  const rate = (a: { at: number; read: number }, b: { at: number; read: number }) => (b.read - a.read) / Math.max(1e-3, b.at - a.at);
  const first = rate(p[0] as (typeof p)[0], p[1] as (typeof p)[0]);
  const last = rate(p[p.length - 2] as (typeof p)[0], p[p.length - 1] as (typeof p)[0]);
  return `${unit}/s between progress lines: ${n(first)} early (items ${n(p[0]?.read ?? 0)}–${n(p[1]?.read ?? 0)}), ${n(last)} late (items ${n(p[p.length - 2]?.read ?? 0)}–${n(p[p.length - 1]?.read ?? 0)})`;
}

/** Flushes a generated file to disk, so writing it back does not compete with the timed run that reads it. */
function flush(file: string): void {
  const fd = openSync(file, "r+");
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

function cores(r: Watched): string {
  const own = r.cpuSeconds === null ? "?" : (r.cpuSeconds / r.seconds).toFixed(2);
  return `${own} cores (other processes: ${r.otherCores === null ? "?" : r.otherCores.toFixed(2)})`;
}

function counts(s: ImportSummary): string {
  return `read ${n(s.read)} · created ${n(s.created)} · joined ${n(s.joined)} · updated ${n(s.updated)} · unchanged ${n(s.unchanged)} · skipped ${n(s.skipped)} · failed ${n(s.failed)}`;
}

interface Row {
  what: string;
  figure: string;
  target: string;
  /** null: no target (shown for context). */
  met: boolean | null;
}

function table(rows: readonly Row[]): string {
  const header = ["measure", "figure", "target", "verdict"];
  const cells = rows.map((r) => [r.what, r.figure, r.target, r.met === null ? "—" : r.met ? "PASS" : "FAIL"]);
  const widths = header.map((h, i) => Math.max(h.length, ...cells.map((c) => (c[i] ?? "").length)));
  const line = (c: readonly string[]) => c.map((x, i) => (i === 1 ? x.padStart(widths[i] ?? 0) : x.padEnd(widths[i] ?? 0))).join("  ").trimEnd();
  return [line(header), widths.map((w) => "-".repeat(w)).join("  "), ...cells.map(line)].join("\n");
}

// ---------------------------------------------------------------------------------------------
// OCDS

async function benchOcds(ctx: Ctx, args: Args, rows: Row[]): Promise<void> {
  console.log(`\n== OCDS ==`);
  console.log(
    `match share: ${(args.matchShare * 100).toFixed(args.matchShare * 100 < 1 ? 1 : 0)}% of processes concern the observatory (a supplier the gazetteer knows from abroad, or digital ` +
      `infrastructure bought); each of those is stored and resolved to a project. The rest is read, matched and skipped, as most of a national procurement feed is.`,
  );
  const free = statfsSync(ctx.dir);
  const freeGb = (free.bavail * free.bsize) / 1e9;
  const needGb = ((args.releases + (args.jsonlReleases ?? args.releases)) * 2300) / 1e9 + 1;
  if (freeGb < needGb) {
    console.log(`SKIPPED: ${freeGb.toFixed(1)} GB free in ${ctx.dir}, the OCDS files need about ${needGb.toFixed(1)} GB`);
    rows.push({ what: "OCDS", figure: "not run", target: "", met: false });
    return;
  }

  const pkg = join(ctx.dir, "releases.json");
  let t0 = performance.now();
  const gen = await generateOcds(pkg, { releases: args.releases, seed: args.seed, format: "package", matchShare: args.matchShare });
  const pkgMb = gen.bytes / MB;
  console.log(
    `release package: ${n(gen.releases)} releases, ${pkgMb.toFixed(1)} MB (${((gen.bytes / gen.releases) / 1000).toFixed(2)} kB a release), ` +
      `${n(gen.matching.length)} generated to match, seed ${args.seed}; written in ${((performance.now() - t0) / 1000).toFixed(1)} s`,
  );

  // The fixed cost of a run (starting node, opening the database and the resolver): a 100-release file.
  const tiny = join(ctx.dir, "tiny.json");
  await generateOcds(tiny, { releases: 100, seed: args.seed + 1, format: "package", matchShare: args.matchShare });
  const tinyRun = await dsrImport(ctx, "ocds", tiny, await freshDb(ctx, "ocds-tiny"));
  const fixed = tinyRun.problem ? null : tinyRun.run.seconds;
  console.log(
    `fixed cost: \`dsr import ocds\` of a 100-release file takes ${fixed === null ? `? (${tinyRun.problem})` : `${fixed.toFixed(1)} s`} (node start, database, resolver) ` +
      `and peaks at ${f1(tinyRun.run.peakRssMb)} MB resident before reading anything much`,
  );

  /** Imports one file into a fresh database; returns its time, or null when it did not finish. */
  const runPackage = async (label: string, file: string, releases: number, mb: number, matching: number): Promise<number | null> => {
    const db = await freshDb(ctx, `ocds-${label.replace(/\W+/g, "-")}`);
    flush(file);
    console.log(`running: DSR_DB=${db} node bin/dsr.js import ocds ${file} --json`);
    const r = await dsrImport(ctx, "ocds", file, db);
    const rate = releases / r.run.seconds;
    const steady = fixed !== null && r.run.seconds > fixed ? releases / (r.run.seconds - fixed) : null;
    if (r.problem) console.log(`  import did not finish cleanly: ${r.problem}`);
    if (r.summary) {
      const stored = r.summary.created + r.summary.joined + r.summary.updated + r.summary.unchanged;
      console.log(`  ${counts(r.summary)}`);
      console.log(`  stored ${n(stored)} processes; ${n(matching)} were generated to match${stored === matching ? "" : ` (${stored > matching ? "more" : "fewer"} stored than generated to match: the matcher and the generator disagree on ${n(Math.abs(stored - matching))})`}`);
      for (const e of r.summary.errors?.slice(0, 3) ?? []) console.log(`  failed: ${e.error}`);
      if (r.summary.read !== releases) console.log(`  WARNING: read ${n(r.summary.read)} of ${n(releases)} releases`);
    }
    console.log(
      `  ${label}: ${n(releases)} releases, ${mb.toFixed(1)} MB in ${r.run.seconds.toFixed(1)} s — ${n(rate)} releases/s, ${(mb / r.run.seconds).toFixed(1)} MB/s` +
        `${steady === null ? "" : ` (${n(steady)} releases/s without the fixed cost)`}; peak RSS ${f1(r.run.peakRssMb)} MB; ${cores(r.run)}`,
    );
    const d = drift(r.run, "releases");
    if (d) console.log(`  ${d}`);
    const ok = !r.problem && r.summary?.read === releases;
    rows.push({ what: `OCDS ${label}: releases/s`, figure: ok ? n(rate) : "did not finish", target: `≥ ${n(TARGET_RELEASES_PER_S)}`, met: ok && rate >= TARGET_RELEASES_PER_S });
    rows.push({ what: `OCDS ${label}: peak RSS`, figure: `${f1(r.run.peakRssMb)} MB`, target: `< ${TARGET_OCDS_RSS_MB} MB`, met: r.run.peakRssMb === null ? null : ok && r.run.peakRssMb < TARGET_OCDS_RSS_MB });
    return ok ? r.run.seconds : null;
  };
  const packageSeconds = await runPackage("release package", pkg, gen.releases, pkgMb, gen.matching.length);

  // JSON lines: the same releases (same seed) unless --jsonl-releases asks for fewer or more.
  const jsonlReleases = args.jsonlReleases ?? args.releases;
  const jsonl = join(ctx.dir, "releases.jsonl");
  t0 = performance.now();
  const genL = await generateOcds(jsonl, { releases: jsonlReleases, seed: args.seed, format: "jsonl", matchShare: args.matchShare });
  console.log(
    `JSON lines: ${n(genL.releases)} releases, ${(genL.bytes / MB).toFixed(1)} MB, ${jsonlReleases === args.releases ? "the same releases as the package" : "a different count from the package (--jsonl-releases)"}; ` +
      `written in ${((performance.now() - t0) / 1000).toFixed(1)} s`,
  );
  await runPackage("JSON lines", jsonl, genL.releases, genL.bytes / MB, genL.matching.length);
  rmSync(jsonl, { force: true });

  // jq: the floor of just parsing the package (it reads the whole file into memory first).
  if (!args.jq) {
    console.log("jq: not run (--no-jq)");
  } else {
    const jqNeedGb = (gen.bytes * 10) / 1e9;
    if (freemem() / 1e9 < jqNeedGb + 1) {
      console.log(`jq: not run — it holds the whole parsed package in memory (about ${jqNeedGb.toFixed(1)} GB for this one) and ${(freemem() / 1e9).toFixed(1)} GB are free`);
    } else {
      console.log(`running: jq -c '.releases[]' ${pkg} > /dev/null`);
      let jq: Watched | null = null;
      try {
        jq = await watch("jq", ["-c", ".releases[]", pkg], { ...process.env }, ctx.log, { discardStdout: true });
      } catch (e) {
        console.log(`jq: could not be started (${(e as Error).message}); no ratio`);
      }
      if (jq) {
        if (jq.code !== 0) console.log(`jq: exit ${jq.code ?? jq.signal}:\n${tail(ctx.log, 5)}`);
        else {
          const ratio = packageSeconds === null ? null : packageSeconds / jq.seconds;
          console.log(
            `  jq: ${n(gen.releases)} releases in ${jq.seconds.toFixed(1)} s — ${n(gen.releases / jq.seconds)} releases/s, ${(pkgMb / jq.seconds).toFixed(1)} MB/s; ` +
              `peak RSS ${f1(jq.peakRssMb)} MB (jq loads and parses the whole file before printing the first release); ${cores(jq)}`,
          );
          console.log(`  ratio: dsr import / jq = ${ratio === null ? "? (the import did not finish)" : `${ratio.toFixed(2)}×`} (1.00× would be the speed of just parsing; the import also matches, merges, stores and resolves)`);
          rows.push({ what: "jq -c '.releases[]' (parse floor)", figure: `${jq.seconds.toFixed(1)} s, ${n(gen.releases / jq.seconds)}/s`, target: "", met: null });
          rows.push({ what: "OCDS release package time ÷ jq time", figure: ratio === null ? "?" : `${ratio.toFixed(2)}×`, target: "", met: null });
        }
      }
    }
  }
  rmSync(pkg, { force: true });
}

// ---------------------------------------------------------------------------------------------
// AidData

async function benchAidData(ctx: Ctx, args: Args, rows: Row[]): Promise<void> {
  console.log(`\n== AidData ==`);
  const timed = (label: string, r: ImportRun, expectedRows: number): boolean => {
    if (r.problem) console.log(`  import did not finish cleanly: ${r.problem}`);
    if (r.summary) {
      console.log(`  ${counts(r.summary)}`);
      for (const e of r.summary.errors?.slice(0, 3) ?? []) console.log(`  failed: ${e.error}`);
    }
    const ok = !r.problem && r.summary?.read === expectedRows;
    console.log(`  ${label}: ${n(expectedRows)} rows in ${r.run.seconds.toFixed(1)} s — ${n(expectedRows / r.run.seconds)} rows/s; peak RSS ${f1(r.run.peakRssMb)} MB; ${cores(r.run)}`);
    const d = drift(r.run, "rows");
    if (d) console.log(`  ${d}`);
    return ok;
  };

  if (!existsSync(AIDDATA_REAL)) {
    console.log(`SKIPPED: ${AIDDATA_REAL} is absent`);
    rows.push({ what: `AidData real ${n(AIDDATA_REAL_ROWS)} rows`, figure: "file absent", target: `< ${TARGET_AIDDATA_S} s`, met: false });
  } else {
    const db = await freshDb(ctx, "aiddata-real");
    console.log(`running: DSR_DB=${db} node bin/dsr.js import aiddata ${AIDDATA_REAL} --json`);
    const first = await dsrImport(ctx, "aiddata", AIDDATA_REAL, db);
    const ok = timed("real table (final_input.csv)", first, AIDDATA_REAL_ROWS);
    rows.push({ what: `AidData real table, ${n(AIDDATA_REAL_ROWS)} rows`, figure: ok ? `${first.run.seconds.toFixed(1)} s` : "did not finish", target: `< ${TARGET_AIDDATA_S} s`, met: ok && first.run.seconds < TARGET_AIDDATA_S });

    console.log(`running again on the same database: node bin/dsr.js import aiddata ${AIDDATA_REAL} --json`);
    const again = await dsrImport(ctx, "aiddata", AIDDATA_REAL, db);
    const okAgain = timed("re-import of the real table", again, AIDDATA_REAL_ROWS);
    const created = again.summary?.created ?? null;
    console.log(`  re-import created ${created ?? "?"} projects (expected 0) and left ${n(again.summary?.unchanged ?? 0)} records unchanged`);
    rows.push({ what: "AidData real table, re-import", figure: okAgain ? `${again.run.seconds.toFixed(1)} s` : "did not finish", target: "", met: null });
    rows.push({ what: "AidData real table, re-import: created", figure: created === null ? "?" : String(created), target: "= 0", met: okAgain && created === 0 });
  }

  const file = join(ctx.dir, "gcdf3-full-generated.csv");
  const t0 = performance.now();
  const gen = await generateAidDataFullRelease(file, { rows: args.aiddataRows, seed: args.seed });
  console.log(
    `generated full-release table: ${n(gen.rows)} rows × ${gen.columns} columns, ${(gen.bytes / MB).toFixed(1)} MB (${n(gen.lac)} in LAC, ${n(gen.communications)} COMMUNICATIONS, ` +
      `${n(gen.huaweiOrZte)} with Huawei or ZTE implementing); written in ${((performance.now() - t0) / 1000).toFixed(1)} s`,
  );
  const db = await freshDb(ctx, "aiddata-generated");
  flush(file);
  console.log(`running: DSR_DB=${db} node bin/dsr.js import aiddata ${file} --json`);
  const r = await dsrImport(ctx, "aiddata", file, db);
  const ok = timed("generated full-release table", r, gen.rows);
  rows.push({ what: `AidData generated full release, ${n(gen.rows)} rows`, figure: ok ? `${r.run.seconds.toFixed(1)} s` : "did not finish", target: `< ${TARGET_AIDDATA_S} s`, met: ok && r.run.seconds < TARGET_AIDDATA_S });
  rmSync(file, { force: true });
}

// ---------------------------------------------------------------------------------------------

let scratch: string | null = null;

function stopChildren(): void {
  for (const pid of running) {
    try {
      process.kill(pid, "SIGTERM");
    } catch {
      // Already gone.
    }
  }
}

process.once("SIGINT", () => {
  stopChildren();
  if (scratch) rmSync(scratch, { recursive: true, force: true });
  process.exit(130);
});

async function main(): Promise<number> {
  const args = parseArgs(process.argv.slice(2));
  if (!existsSync(join(root, "dist", "cli", "bin.js"))) {
    console.error("bench-import: dist/ is absent; run `npm run build` first (npm run bench:import does)");
    return 1;
  }
  const dir = mkdtempSync(join(tmpdir(), "dsr-bench-import-"));
  if (!args.keep) scratch = dir;
  const ctx: Ctx = { dir, log: join(dir, "dsr-stderr.log") };
  const rows: Row[] = [];
  try {
    console.log(`machine: ${cpus().length} cores (${cpus()[0]?.model.trim() ?? "?"}), node ${process.version}; load average ${load3()}; scratch ${dir}`);
    if (args.only !== "aiddata") await benchOcds(ctx, args, rows);
    if (args.only !== "ocds") await benchAidData(ctx, args, rows);
    console.log(`\n${table(rows)}`);
    const judged = rows.filter((r) => r.met !== null);
    const met = judged.filter((r) => r.met);
    console.log(`\ntargets met: ${met.length} of ${judged.length}${judged.length > met.length ? ` — missed: ${judged.filter((r) => !r.met).map((r) => r.what).join("; ")}` : ""}`);
    console.log(
      `Times are wall clock of \`node bin/dsr.js import …\` from spawn to exit, node start included; "cores" is the CPU the import used per second of it. ` +
        `Load average after: ${load3()}. This bench exits 0 whatever the verdicts (it measures; the tests test).`,
    );
    if (busiest > 0.25) console.log(`WARNING: other processes took up to ${busiest.toFixed(2)} of the ${cpus().length} cores during the runs; every figure is lower than on a quiet machine`);
    if (args.keep) console.log(`kept: ${dir}`);
    return 0;
  } finally {
    if (!args.keep) rmSync(dir, { recursive: true, force: true });
    scratch = null;
  }
}

process.exitCode = await main().catch((err: unknown) => {
  stopChildren();
  console.error(`bench-import: ${err instanceof Error ? err.message : String(err)}`);
  return 1;
});
