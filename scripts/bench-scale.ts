// `npm run bench:scale` (manual; not run by CI): how the API's cost grows with the database. For
// each size (10k, 100k and 1M projects by default) it generates a database with scripts/bench-api-db.ts
// (half the projects with evidence: about 5 claims per project overall, so 5M evidence rows at 1M),
// starts the real server on it (`dsr serve --port 0`, 127.0.0.1) and sends, one at a time, distinct
// requests of three kinds — each URL once, so the server's response cache never answers:
//
//   faceted list   GET /api/projects with seeded combinations of country, category, mechanism,
//                  status, vendor, years, amounts and sort          p95 ≤ 20 ms at 1M
//   full text      GET /api/projects?q=… (words in es/pt/en, with and without a facet)
//                                                                    p95 ≤ 50 ms at 1M
//   stats          GET /api/stats?group_by=country with a seeded filter   ≤ 100 ms at 1M (p95)
//
// Latency is measured by the client (HTTP on loopback included). With a PostgreSQL server
// (--postgres URL, or DATABASE_URL) each size is also copied there by `dsr migrate-db` and measured
// the same way, and a generated corpus is ingested through the job queue by 1, 2 and 4 `dsr worker`
// processes (docs/s for each). Databases named dsr_scale_* are made on that server and dropped.
// Prints a table of p50/p95 per backend and size, then PASS/FAIL at the largest size.
//
//   tsx scripts/bench-scale.ts [--sizes 10000,100000,1000000] [--requests N] [--seed S] [--dir DIR] [--keep]
//                              [--postgres URL] [--worker-docs N] [--workers-only]
import { spawn } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync } from "node:fs";
import { cpus, loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { CATEGORIES, MECHANISMS, STATUSES } from "../src/domain/vocabulary.js";
import { isPostgresUrl } from "../src/store/database-url.js";
import pg from "pg";
import { generateApiDatabase } from "./bench-api-db.js";
import { generateCorpus } from "./generate-corpus.js";
import { seeded } from "./bench-corpus.js";
import { killAllServers, startServer, stopServer } from "./bench-api-servers.js";

const root = fileURLToPath(new URL("..", import.meta.url));
const bin = join(root, "bin", "dsr.js");

const TARGETS = { list: 20, search: 50, stats: 100 } as const;
type Kind = keyof typeof TARGETS;
const REQUEST_TIMEOUT_MS = 30_000;

interface Args {
  sizes: number[];
  requests: number;
  seed: number;
  dir: string | null;
  keep: boolean;
  postgres: string | null;
  /** Documents queued for the worker-scaling run (0: skip it). */
  workerDocs: number;
  /** Only the worker-scaling run. */
  workersOnly: boolean;
}

function parseArgs(argv: readonly string[]): Args {
  const a: Args = { sizes: [10_000, 100_000, 1_000_000], requests: 300, seed: 1, dir: null, keep: false, postgres: null, workerDocs: 400, workersOnly: false };
  for (let i = 0; i < argv.length; i++) {
    const flag = argv[i];
    if (flag === "--sizes") a.sizes = (argv[++i] ?? "").split(",").map(Number);
    else if (flag === "--requests") a.requests = Number(argv[++i]);
    else if (flag === "--seed") a.seed = Number(argv[++i]);
    else if (flag === "--dir") a.dir = argv[++i] ?? null;
    else if (flag === "--keep") a.keep = true;
    else if (flag === "--postgres") a.postgres = argv[++i] ?? null;
    else if (flag === "--worker-docs") a.workerDocs = Number(argv[++i]);
    else if (flag === "--workers-only") a.workersOnly = true;
    else throw new Error(`unknown option ${flag} (options: --sizes N,N,…, --requests N, --seed S, --dir DIR, --keep, --postgres URL, --worker-docs N, --workers-only)`);
  }
  if (!a.sizes.length || a.sizes.some((n) => !Number.isInteger(n) || n < 1)) throw new Error("--sizes takes whole numbers ≥ 1, comma-separated");
  if (!Number.isInteger(a.requests) || a.requests < 10) throw new Error("--requests takes a whole number ≥ 10");
  return a;
}

const COUNTRIES = ["BR", "MX", "AR", "CO", "PE", "CL", "EC", "VE", "BO", "UY", "PY", "PA", "CR", "DO", "JM", "TT"];
const VENDORS = ["Huawei", "ZTE", "Hikvision", "Dahua", "Ericsson", "Nokia", "Inspur", "Alibaba Cloud"];
const SORTS = ["-year", "year", "-amount", "amount", "title", "-updated"];
const WORDS = ["camaras", "cámaras", "fibra óptica", "videovigilancia", "5G", "data center", "satélite", "cable submarino", "reconhecimento facial", "Huawei", "ZTE Jujuy", "centro de datos", "monitoramento", "backbone"];

/** Distinct request paths of one kind, seeded. */
function paths(kind: Kind, n: number, seed: number): string[] {
  const rnd = seeded(seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)] as T;
  const out = new Set<string>();
  for (let guard = 0; out.size < n && guard < n * 50; guard++) {
    const q = new URLSearchParams();
    if (kind === "list" || kind === "stats") {
      // One to three facets, the way people narrow a map or a table.
      const facets = 1 + Math.floor(rnd() * 3);
      for (let f = 0; f < facets; f++) {
        const which = Math.floor(rnd() * 7);
        if (which === 0) q.set("country", pick(COUNTRIES));
        else if (which === 1) q.set("category", pick(CATEGORIES));
        else if (which === 2) q.set("mechanism", pick(MECHANISMS));
        else if (which === 3) q.set("status", pick(STATUSES));
        else if (which === 4) q.set("vendor", pick(VENDORS));
        else if (which === 5) {
          const from = 2005 + Math.floor(rnd() * 18);
          q.set("year_from", String(from));
          q.set("year_to", String(from + Math.floor(rnd() * 6)));
        } else q.set("amount_min", String(Math.round(10 ** (5 + rnd() * 3))));
      }
      if (kind === "list") {
        q.set("sort", pick(SORTS));
        q.set("limit", String(pick([10, 25, 50])));
        q.set("offset", String(pick([0, 0, 0, 25, 50, 100])));
      } else q.set("group_by", "country");
    } else {
      q.set("q", pick(WORDS));
      if (rnd() < 0.5) q.set("country", pick(COUNTRIES));
      q.set("limit", String(pick([10, 25])));
      q.set("offset", String(pick([0, 0, 25, 50])));
    }
    out.add(`${kind === "stats" ? "/api/stats" : "/api/projects"}?${q}`);
  }
  return [...out];
}

interface Figures {
  p50: number;
  p95: number;
  max: number;
  n: number;
  errors: string[];
  /** The slowest requests, to say what to work on. */
  slowest: { path: string; ms: number }[];
  /** Searches that were the first to ask for their words (the server then reads its text index). */
  firstOfTerm: { n: number; p50: number; max: number } | null;
}

function percentile(sorted: readonly number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((sorted.length * p) / 100) - 1)] ?? Number.NaN;
}

async function measure(base: string, list: readonly string[]): Promise<Figures> {
  const times: number[] = [];
  const errors: string[] = [];
  const each: { path: string; ms: number }[] = [];
  for (const path of list) {
    const started = performance.now();
    try {
      const res = await fetch(base + path, { signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS) });
      await res.arrayBuffer();
      if (res.status !== 200) errors.push(`${path}: ${res.status}`);
    } catch (err) {
      errors.push(`${path}: ${(err as Error).message}`);
    }
    times.push(performance.now() - started);
    each.push({ path, ms: performance.now() - started });
  }
  // The server remembers recent text matches: a term's first search is told apart from the rest.
  const seen = new Set<string>();
  const firstOfTerm = each.flatMap(({ path, ms }) => {
    const q = new URLSearchParams(path.split("?")[1] ?? "").get("q");
    if (q === null || seen.has(q)) return [];
    seen.add(q);
    return [ms];
  });
  firstOfTerm.sort((a, b) => a - b);
  times.sort((a, b) => a - b);
  const slowest = [...each].sort((a, b) => b.ms - a.ms).slice(0, 3);
  return {
    p50: percentile(times, 50),
    p95: percentile(times, 95),
    max: times.at(-1) ?? Number.NaN,
    n: times.length,
    errors,
    slowest,
    firstOfTerm: firstOfTerm.length ? { n: firstOfTerm.length, p50: percentile(firstOfTerm, 50), max: firstOfTerm.at(-1) ?? Number.NaN } : null,
  };
}

const ms = (x: number) => (Number.isFinite(x) ? `${x.toFixed(1)} ms` : "—");

/** A fresh PostgreSQL database beside the one `base` names (dropped first if it exists). */
async function freshDatabase(base: string, name: string): Promise<string> {
  const client = new pg.Client({ connectionString: base });
  await client.connect();
  try {
    await client.query(`drop database if exists ${name} with (force)`);
    await client.query(`create database ${name}`);
  } finally {
    await client.end();
  }
  const u = new URL(base);
  u.pathname = `/${name}`;
  return u.toString();
}

async function run(args: readonly string[], env: NodeJS.ProcessEnv): Promise<{ code: number | null; out: string; err: string }> {
  const child = spawn(process.execPath, [bin, ...args], { cwd: root, env, stdio: ["ignore", "pipe", "pipe"] });
  let out = "";
  let err = "";
  child.stdout.on("data", (d: Buffer) => (out += d.toString("utf8")));
  child.stderr.on("data", (d: Buffer) => (err = (err + d.toString("utf8")).slice(-4000)));
  const code = await new Promise<number | null>((r) => child.once("close", r));
  return { code, out, err };
}

async function measureServer(label: string, env: NodeJS.ProcessEnv, size: number, args: Args): Promise<Record<Kind, Figures>> {
  const server = await startServer("dsr serve", [bin, "serve", "--port", "0", "--host", "127.0.0.1", "--json"], { ...env, DSR_RATE_LIMIT: "100000000" }, root);
  try {
    // The server builds its in-memory project index in the background (lists come from SQL until
    // then): wait for it, and say what it cost.
    const t0 = performance.now();
    for (;;) {
      const health = (await (await fetch(`${server.url}/api/health`, { signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS) })).json()) as { projectIndex?: { state: string; projects: number | null } };
      const state = health.projectIndex?.state ?? "off";
      if (state !== "building") {
        const rss = residentMb(server.pid);
        console.log(`  ${label} project index: ${state}${state === "ready" ? ` (${health.projectIndex?.projects?.toLocaleString("en")} projects) after ${((performance.now() - t0) / 1000).toFixed(1)} s` : ""}; server resident ${rss} MB`);
        break;
      }
      await new Promise((r) => setTimeout(r, 250));
    }
    // A few requests first: the first ones load the gazetteer and warm the pages.
    await measure(server.url, paths("list", 20, args.seed + 1_000));
    const figures = {} as Record<Kind, Figures>;
    for (const kind of ["list", "search", "stats"] as const) {
      figures[kind] = await measure(server.url, paths(kind, args.requests, args.seed + size + kind.length));
      const f = figures[kind];
      console.log(`  ${label} ${kind.padEnd(6)} ${f.n} requests: p50 ${ms(f.p50)}, p95 ${ms(f.p95)}, max ${ms(f.max)}${f.errors.length ? `, ${f.errors.length} errors (${f.errors.slice(0, 3).join("; ")})` : ""}`);
      for (const x of f.slowest) console.log(`         slowest: ${ms(x.ms)} ${x.path}`);
      if (f.firstOfTerm) console.log(`         first search of each of ${f.firstOfTerm.n} terms: p50 ${ms(f.firstOfTerm.p50)}, max ${ms(f.firstOfTerm.max)} (later ones use the server's remembered matches)`);
    }
    return figures;
  } finally {
    await stopServer(server.child);
  }
}

/** A process's resident memory in MB, from /proc (Linux), or "?" elsewhere. */
function residentMb(pid: number): string {
  try {
    const kb = /VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, "utf8"))?.[1];
    return kb ? (Number(kb) / 1024).toFixed(0) : "?";
  } catch {
    return "?";
  }
}

interface Row {
  backend: "SQLite" | "PostgreSQL";
  size: number;
  figures: Record<Kind, Figures>;
}

function printTable(rows: readonly Row[]): void {
  const header = ["backend", "projects", "list p50", "list p95", "search p50", "search p95", "stats p50", "stats p95"];
  const table = rows.map((r) => [
    r.backend, r.size.toLocaleString("en"), ms(r.figures.list.p50), ms(r.figures.list.p95), ms(r.figures.search.p50), ms(r.figures.search.p95), ms(r.figures.stats.p50), ms(r.figures.stats.p95),
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...table.map((r) => (r[i] ?? "").length)));
  console.log(header.map((h, i) => h.padStart(widths[i] ?? 0)).join("  "));
  for (const r of table) console.log(r.map((c, i) => c.padStart(widths[i] ?? 0)).join("  "));
}

/** Ingestion through the queue with 1, 2 and 4 workers: documents per second for each. */
async function workerScaling(base: string, dir: string, args: Args): Promise<{ workers: number; docs: number; seconds: number }[]> {
  const corpus = join(dir, "worker-corpus");
  if (!existsSync(corpus)) generateCorpus(corpus, { docs: args.workerDocs, seed: args.seed });
  const out: { workers: number; docs: number; seconds: number }[] = [];
  for (const workers of [1, 2, 4]) {
    const url = await freshDatabase(base, `dsr_scale_workers_${workers}`);
    const env = { ...process.env, DATABASE_URL: url };
    const init = await run(["init"], env);
    if (init.code !== 0) throw new Error(`dsr init: ${init.err}`);
    const queued = await run(["ingest", "--queue", corpus, "--json"], env);
    if (queued.code !== 0) throw new Error(`dsr ingest --queue: ${queued.err}`);
    const docs = (JSON.parse(queued.out) as { queued: unknown[] }).queued.length;
    const started = performance.now();
    const ends = await Promise.all(Array.from({ length: workers }, () => run(["worker", "--until-empty", "--json"], env)));
    const seconds = (performance.now() - started) / 1000;
    for (const e of ends) if (e.code !== 0) throw new Error(`dsr worker: ${e.err}`);
    out.push({ workers, docs, seconds });
    console.log(`  ${workers} worker${workers === 1 ? "" : "s"}: ${docs} documents in ${seconds.toFixed(1)} s — ${(docs / seconds).toFixed(1)} docs/s`);
  }
  return out;
}

async function main(): Promise<number> {
  const args = parseArgs(process.argv.slice(2));
  if (!existsSync(bin) || !existsSync(join(root, "dist", "cli", "bin.js"))) throw new Error("dist/ is missing: run `npm run build` (npm run bench:scale does)");
  const base = args.postgres ?? (process.env.DATABASE_URL && isPostgresUrl(process.env.DATABASE_URL) ? process.env.DATABASE_URL : null);
  const dir = args.dir ?? mkdtempSync(join(tmpdir(), "dsr-bench-scale-"));
  mkdirSync(dir, { recursive: true });
  console.log(`machine: ${cpus().length} cores (${cpus()[0]?.model.trim()}), node ${process.version}; load average ${loadavg().map((x) => x.toFixed(2)).join(", ")}; scratch ${dir}`);
  console.log(base ? `PostgreSQL: ${new URL(base).host} (databases dsr_scale_* are made there and dropped after)` : "PostgreSQL: not measured (no --postgres URL and no DATABASE_URL)");
  const rows: Row[] = [];
  const sqliteEnv = { ...process.env, DATABASE_URL: "" };
  let scaling: { workers: number; docs: number; seconds: number }[] = [];
  try {
    for (const size of args.workersOnly ? [] : args.sizes) {
      const file = join(dir, `scale-${size}.db`);
      if (!existsSync(file)) {
        console.log(`generating ${size.toLocaleString("en")} projects…`);
        const t = performance.now();
        const stats = await generateApiDatabase(file, { projects: size, detailed: Math.ceil(size / 2), documents: Math.min(20_000, Math.max(2_000, Math.floor(size / 50))), seed: args.seed });
        console.log(`  ${stats.projects.toLocaleString("en")} projects, ${stats.claims.toLocaleString("en")} evidence rows, ${stats.searchRows.toLocaleString("en")} search rows, ${(statSync(file).size / 1e9).toFixed(2)} GB, in ${((performance.now() - t) / 1000).toFixed(0)} s`);
      } else console.log(`using ${file} as it is`);
      rows.push({ backend: "SQLite", size, figures: await measureServer("SQLite", { ...sqliteEnv, DSR_DB: file }, size, args) });
      if (base) {
        const url = await freshDatabase(base, `dsr_scale_${size}`);
        const t = performance.now();
        const copied = await run(["migrate-db", "--from", `sqlite:${file}`, "--to", url, "--json"], sqliteEnv);
        if (copied.code !== 0) throw new Error(`dsr migrate-db: ${copied.err}`);
        console.log(`  copied into PostgreSQL by dsr migrate-db in ${((performance.now() - t) / 1000).toFixed(0)} s`);
        const pgc = new pg.Client({ connectionString: url });
        await pgc.connect();
        await pgc.query("analyze").finally(() => pgc.end());
        rows.push({ backend: "PostgreSQL", size, figures: await measureServer("PostgreSQL", { ...process.env, DATABASE_URL: url }, size, args) });
      }
    }
    if (base && args.workerDocs > 0) {
      console.log(`\ningestion through the queue (${args.workerDocs} generated documents), PostgreSQL:`);
      scaling = await workerScaling(base, dir, args);
    }
  } finally {
    killAllServers();
    if (base) {
      const client = new pg.Client({ connectionString: base });
      await client.connect();
      const dbs = (await client.query<{ datname: string }>("select datname from pg_database where datname like 'dsr_scale_%'")).rows;
      for (const d of dbs) await client.query(`drop database if exists ${d.datname} with (force)`);
      await client.end();
    }
    if (!args.keep && !args.dir) rmSync(dir, { recursive: true, force: true });
  }

  console.log("\nlatency per request seen by the client, requests sent one at a time (`dsr serve` on 127.0.0.1):");
  if (rows.length) printTable(rows);
  const largest = Math.max(...rows.map((r) => r.size));
  for (const r of rows.filter((x) => x.size === largest)) {
    console.log(`\n${r.backend} at ${largest.toLocaleString("en")} projects:`);
    for (const kind of ["list", "search", "stats"] as const) {
      const f = r.figures[kind];
      const ok = f.p95 <= TARGETS[kind] && f.errors.length === 0;
      console.log(`${ok ? "PASS" : "FAIL"}: ${kind} p95 ${ms(f.p95)} (target ≤ ${TARGETS[kind]} ms)${f.errors.length ? `, ${f.errors.length} errors` : ""}`);
    }
  }
  if (scaling.length) {
    const one = scaling[0];
    console.log("\ningestion on PostgreSQL by number of workers (writes take one advisory lock; reading and extracting overlap):");
    for (const s of scaling) console.log(`  ${s.workers} worker${s.workers === 1 ? " " : "s"}  ${(s.docs / s.seconds).toFixed(1).padStart(6)} docs/s${one ? `  ×${(one.seconds / s.seconds).toFixed(2)}` : ""}`);
    console.log(`  this machine has ${cpus().length} cores: more workers than cores only queue for them.`);
  }
  console.log(`load average after: ${loadavg().map((x) => x.toFixed(2)).join(", ")}. This bench measures; it exits 0 whatever the verdicts.`);
  return 0;
}

process.on("SIGINT", () => {
  killAllServers();
  process.exit(130);
});
main().then(
  (code) => (process.exitCode = code),
  (err: unknown) => {
    killAllServers();
    console.error(`bench:scale: ${(err as Error).message}`);
    process.exitCode = 1;
  },
);
