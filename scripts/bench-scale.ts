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
// Latency is measured by the client (HTTP on loopback included). Prints a table of p50/p95/max per
// size, then PASS/FAIL at the largest size. PostgreSQL is measured when DATABASE_URL names one and
// the backend supports it; otherwise the table says it was not measured.
//
//   tsx scripts/bench-scale.ts [--sizes 10000,100000,1000000] [--requests N] [--seed S] [--dir DIR] [--keep]
import { existsSync, mkdirSync, mkdtempSync, rmSync, statSync } from "node:fs";
import { cpus, loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { CATEGORIES, MECHANISMS, STATUSES } from "../src/domain/vocabulary.js";
import { generateApiDatabase } from "./bench-api-db.js";
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
}

function parseArgs(argv: readonly string[]): Args {
  const a: Args = { sizes: [10_000, 100_000, 1_000_000], requests: 300, seed: 1, dir: null, keep: false };
  for (let i = 0; i < argv.length; i++) {
    const flag = argv[i];
    if (flag === "--sizes") a.sizes = (argv[++i] ?? "").split(",").map(Number);
    else if (flag === "--requests") a.requests = Number(argv[++i]);
    else if (flag === "--seed") a.seed = Number(argv[++i]);
    else if (flag === "--dir") a.dir = argv[++i] ?? null;
    else if (flag === "--keep") a.keep = true;
    else throw new Error(`unknown option ${flag} (options: --sizes N,N,…, --requests N, --seed S, --dir DIR, --keep)`);
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
  times.sort((a, b) => a - b);
  const slowest = each.sort((a, b) => b.ms - a.ms).slice(0, 3);
  return { p50: percentile(times, 50), p95: percentile(times, 95), max: times.at(-1) ?? Number.NaN, n: times.length, errors, slowest };
}

const ms = (x: number) => (Number.isFinite(x) ? `${x.toFixed(1)} ms` : "—");

async function main(): Promise<number> {
  const args = parseArgs(process.argv.slice(2));
  if (!existsSync(bin) || !existsSync(join(root, "dist", "cli", "bin.js"))) throw new Error("dist/ is missing: run `npm run build` (npm run bench:scale does)");
  const dir = args.dir ?? mkdtempSync(join(tmpdir(), "dsr-bench-scale-"));
  mkdirSync(dir, { recursive: true });
  console.log(`machine: ${cpus().length} cores (${cpus()[0]?.model.trim()}), node ${process.version}; load average ${loadavg().map((x) => x.toFixed(2)).join(", ")}; scratch ${dir}`);
  const rows: { size: number; projects: number; claims: number; gb: number; generated: number; figures: Record<Kind, Figures> }[] = [];
  try {
    for (const size of args.sizes) {
      const file = join(dir, `scale-${size}.db`);
      let projects = 0;
      let claims = 0;
      let generated = 0;
      if (!existsSync(file)) {
        console.log(`generating ${size.toLocaleString("en")} projects…`);
        const t = performance.now();
        const stats = await generateApiDatabase(file, { projects: size, detailed: Math.ceil(size / 2), documents: Math.min(20_000, Math.max(2_000, Math.floor(size / 50))), seed: args.seed });
        generated = (performance.now() - t) / 1000;
        projects = stats.projects;
        claims = stats.claims;
        console.log(`  ${projects.toLocaleString("en")} projects, ${claims.toLocaleString("en")} evidence rows, ${stats.searchRows.toLocaleString("en")} search rows in ${generated.toFixed(0)} s`);
      } else console.log(`using ${file} as it is`);
      const gb = statSync(file).size / 1e9;
      const server = await startServer("dsr serve", [bin, "serve", "--port", "0", "--host", "127.0.0.1", "--json"], { ...process.env, DSR_DB: file, DSR_RATE_LIMIT: "100000000", DATABASE_URL: "" }, root);
      try {
        // A few requests first: the first ones load the gazetteer and warm the file's pages.
        await measure(server.url, paths("list", 20, args.seed + 1_000));
        const figures = {} as Record<Kind, Figures>;
        for (const kind of ["list", "search", "stats"] as const) {
          figures[kind] = await measure(server.url, paths(kind, args.requests, args.seed + size + kind.length));
          const f = figures[kind];
          console.log(`  ${kind.padEnd(6)} ${f.n} requests: p50 ${ms(f.p50)}, p95 ${ms(f.p95)}, max ${ms(f.max)}${f.errors.length ? `, ${f.errors.length} errors (${f.errors.slice(0, 3).join("; ")})` : ""}`);
          for (const x of f.slowest) console.log(`         slowest: ${ms(x.ms)} ${x.path}`);
        }
        rows.push({ size, projects, claims, gb, generated, figures });
      } finally {
        await stopServer(server.child);
      }
    }
  } finally {
    killAllServers();
    if (!args.keep && !args.dir) rmSync(dir, { recursive: true, force: true });
  }

  console.log("\nSQLite (one file, `dsr serve`), latency per request seen by the client, requests sent one at a time:");
  const header = ["projects", "file", "list p50", "list p95", "search p50", "search p95", "stats p50", "stats p95"];
  const table = rows.map((r) => [
    r.size.toLocaleString("en"), `${r.gb.toFixed(2)} GB`, ms(r.figures.list.p50), ms(r.figures.list.p95), ms(r.figures.search.p50), ms(r.figures.search.p95), ms(r.figures.stats.p50), ms(r.figures.stats.p95),
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...table.map((r) => (r[i] ?? "").length)));
  console.log(header.map((h, i) => h.padStart(widths[i] ?? 0)).join("  "));
  for (const r of table) console.log(r.map((c, i) => c.padStart(widths[i] ?? 0)).join("  "));
  const largest = rows.at(-1);
  if (largest) {
    console.log(`\nat ${largest.size.toLocaleString("en")} projects:`);
    for (const kind of ["list", "search", "stats"] as const) {
      const f = largest.figures[kind];
      const ok = f.p95 <= TARGETS[kind] && f.errors.length === 0;
      console.log(`${ok ? "PASS" : "FAIL"}: ${kind} p95 ${ms(f.p95)} (target ≤ ${TARGETS[kind]} ms)${f.errors.length ? `, ${f.errors.length} errors` : ""}`);
    }
  }
  console.log("PostgreSQL: not measured — the PostgreSQL backend is not built yet (issue 9).");
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
