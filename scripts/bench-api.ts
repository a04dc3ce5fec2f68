// `npm run bench:api`: the HTTP API under load, as deployed. Generates a database of 100,000
// projects (scripts/bench-api-db.ts), starts the real server on it (`dsr serve --port 0 --json`)
// and a bare Fastify "hello" server in child processes on 127.0.0.1, and runs autocannon against
// each route with 50 connections: first a short warm-up, then the measured run. Prints requests/s,
// p50 and p99 latency, errors and non-2xx answers, and each route's throughput as a ratio to the
// hello route's (the ceiling of this machine), then PASS/FAIL against the targets below. The hello
// server also sends the list route's answer as fixed bytes (/page): the ceiling for answers that
// big, which tells the cost of the bytes from the cost of the work.
//
//   GET /api/projects?country=AR&category=surveillance  ≥ 2,000 requests/s and p99 ≤ 100 ms
//   GET /api/stats?group_by=country                     p99 ≤ 150 ms
//
// The load generator runs in this process on the same two cores as the server: the figures are
// what one 2-core machine does serving and loading itself. The CPU each side used is printed per
// route, with what other processes took, because a busy machine lowers every figure.
//
//   tsx scripts/bench-api.ts [--projects N] [--duration S] [--warmup S] [--connections N]
//                            [--seed S] [--db FILE] [--cpu-prof DIR] [--only ROUTES] [--keep]
//
// --db FILE benchmarks an existing database instead of generating one (`dsr serve` migrates it);
// --cpu-prof DIR runs the server under `node --cpu-prof` and leaves its profile in DIR;
// --only hello,page,list,stats,search,detail measures only those routes (targets not measured
// are SKIPPED). The /api/stats route answering 404 is reported as not available, not as a failure.
// Only servers this script starts are contacted; every run is bounded; children are stopped on
// exit, error and Ctrl-C.
import { existsSync, mkdirSync, mkdtempSync, rmSync, statSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { cpus, loadavg, tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { type ApiDatabaseStats, generateApiDatabase } from "./bench-api-db.js";
import { HELLO_SERVER, type Server, cpuBetween, cpuSample, killAllServers, procTicks, startServer, stopAllServers, stopServer } from "./bench-api-servers.js";

const root = fileURLToPath(new URL("..", import.meta.url));
const bin = join(root, "bin", "dsr.js");

const TARGET_LIST_RPS = 2_000;
const TARGET_LIST_P99_MS = 100;
const TARGET_STATS_P99_MS = 150;
/** The routes measured, in order; --only picks some. */
const ROUTE_KEYS = ["hello", "page", "list", "stats", "search", "detail"] as const;
type RouteKey = (typeof ROUTE_KEYS)[number];

// autocannon ships no types; this is the part of its programmatic API the bench uses.
interface AutocannonOptions {
  url: string;
  connections: number;
  duration: number;
  pipelining?: number;
  timeout?: number;
  requests?: { method?: string; setupRequest?: (req: { path?: string }) => { path?: string } }[];
}
interface Histogram {
  average: number;
  p50: number;
  p99: number;
  max: number;
  total: number;
}
interface AutocannonResult {
  duration: number;
  errors: number;
  timeouts: number;
  non2xx: number;
  latency: Histogram;
  requests: Histogram;
  throughput: Histogram;
  statusCodeStats: Record<string, { count: number }>;
}
type Autocannon = (opts: AutocannonOptions) => Promise<AutocannonResult>;
const autocannon = createRequire(import.meta.url)("autocannon") as Autocannon;

interface Args {
  projects: number;
  duration: number;
  warmup: number;
  connections: number;
  seed: number;
  db: string | null;
  cpuProf: string | null;
  keep: boolean;
  only: RouteKey[];
}

function parseArgs(argv: readonly string[]): Args {
  const args: Args = { projects: 100_000, duration: 10, warmup: 2, connections: 50, seed: 1, db: null, cpuProf: null, keep: false, only: [...ROUTE_KEYS] };
  for (let i = 0; i < argv.length; i++) {
    const flag = argv[i];
    const text = () => {
      const v = argv[++i];
      if (v === undefined) throw new Error(`${flag} needs a value`);
      return v;
    };
    const number = (min: number, max: number) => {
      const n = Number(text());
      if (!Number.isFinite(n) || n < min || n > max) throw new Error(`${flag}: expected a number from ${min} to ${max}`);
      return n;
    };
    if (flag === "--projects") args.projects = Math.round(number(1, 10_000_000));
    else if (flag === "--duration") args.duration = number(1, 120);
    else if (flag === "--warmup") args.warmup = number(0, 30);
    else if (flag === "--connections") args.connections = Math.round(number(1, 1000));
    else if (flag === "--seed") args.seed = Math.round(number(0, 2 ** 32 - 1));
    else if (flag === "--db") args.db = resolve(text());
    else if (flag === "--cpu-prof") args.cpuProf = resolve(text());
    else if (flag === "--keep") args.keep = true;
    else if (flag === "--only") {
      const keys = text().split(",").map((k) => k.trim());
      const bad = keys.filter((k) => !(ROUTE_KEYS as readonly string[]).includes(k));
      if (bad.length) throw new Error(`--only: unknown route(s) ${bad.join(", ")} (routes: ${ROUTE_KEYS.join(", ")})`);
      args.only = keys as RouteKey[];
    }
    else throw new Error(`unknown option ${flag} (options: --projects N, --duration S, --warmup S, --connections N, --seed S, --db FILE, --cpu-prof DIR, --only ROUTES, --keep)`);
  }
  return args;
}

/** The temporary directory to remove however the run ends (null with --keep). */
let scratch: string | null = null;

// Last resort: whatever way this process ends, no server is left behind.
process.once("exit", killAllServers);
for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.once(signal, () => {
    console.error(`\nbench-api: ${signal}, stopping the servers`);
    void stopAllServers().finally(() => {
      if (scratch) rmSync(scratch, { recursive: true, force: true });
      process.exit(130);
    });
  });
}

// ---------------------------------------------------------------------------------------------
// Runs

interface Target {
  key: RouteKey;
  label: string;
  server: Server;
  /** One path, or several taken in turn. */
  paths: readonly string[];
  /** Reported as "not available" instead of failing when the route answers 404. */
  optional?: boolean;
}

interface Measured {
  key: RouteKey;
  label: string;
  status: "measured" | "not available" | "error";
  note: string;
  result?: AutocannonResult;
  rps?: number;
  cpu?: ReturnType<typeof cpuBetween>;
}

/** One request before the load: the route must answer 200 with JSON, or the run is pointless. */
async function probe(t: Target): Promise<{ ok: true; body: unknown } | { ok: false; status: number; text: string }> {
  const res = await fetch(t.server.url + (t.paths[0] ?? "/"), { signal: AbortSignal.timeout(30_000) });
  const text = await res.text();
  if (res.status !== 200) return { ok: false, status: res.status, text: text.slice(0, 200) };
  try {
    return { ok: true, body: JSON.parse(text) as unknown };
  } catch {
    return { ok: false, status: res.status, text: `not JSON: ${text.slice(0, 200)}` };
  }
}

function load(t: Target, seconds: number, connections: number): Promise<AutocannonResult> {
  let next = 0;
  const paths = t.paths;
  return autocannon({
    url: t.server.url + (paths[0] ?? "/"),
    connections,
    duration: seconds,
    timeout: 10,
    ...(paths.length > 1 ? { requests: [{ method: "GET", setupRequest: (req) => ({ ...req, path: paths[next++ % paths.length] }) }] } : {}),
  });
}

/**
 * Waits until the server has worked off what the last run left queued: autocannon closes its
 * connections when time is up, but requests already read still run, and would be counted in the
 * next route's time. One request to an unknown path (a 404) answers after them.
 */
async function drain(server: Server): Promise<void> {
  const res = await fetch(`${server.url}/bench-api-drain`, { signal: AbortSignal.timeout(120_000) });
  await res.arrayBuffer();
  // Handlers interleave at their awaits, so the 404 may come first: wait for the CPU to go quiet too.
  const deadline = performance.now() + 120_000;
  let last: number;
  try {
    last = procTicks(server.pid);
  } catch {
    return; // no /proc: the 404 is all there is to wait for
  }
  while (performance.now() < deadline) {
    await new Promise((r) => setTimeout(r, 250));
    const now = procTicks(server.pid);
    if (now - last <= 2) return; // under ~10% of a core over 250 ms
    last = now;
  }
}

async function measure(t: Target, args: Args): Promise<Measured> {
  const p = await probe(t);
  if (!p.ok) {
    if (t.optional && p.status === 404) return { key: t.key, label: t.label, status: "not available", note: `HTTP 404: ${p.text}` };
    return { key: t.key, label: t.label, status: "error", note: `HTTP ${p.status}: ${p.text}` };
  }
  const total = (p.body as { total?: unknown }).total;
  const note = typeof total === "number" && t.key !== "page" ? `${total.toLocaleString("en-US")} matching` : "";
  if (args.warmup > 0) {
    await load(t, args.warmup, args.connections);
    await drain(t.server);
  }
  const before = cpuSample(t.server.pid);
  const result = await load(t, args.duration, args.connections);
  const cpu = cpuBetween(before, cpuSample(t.server.pid));
  await drain(t.server);
  return { key: t.key, label: t.label, status: "measured", note, result, rps: result.requests.total / result.duration, cpu };
}

// ---------------------------------------------------------------------------------------------
// Report

function pad(cells: readonly string[], widths: readonly number[], right: readonly boolean[]): string {
  return cells.map((c, i) => (right[i] ? c.padStart(widths[i] ?? 0) : c.padEnd(widths[i] ?? 0))).join("  ");
}

function table(rows: readonly Measured[], hello: Measured | undefined): string {
  const header = ["route", "req/s", "p50 ms", "p99 ms", "max ms", "kB/answer", "errors", "non-2xx", "vs hello", "server cpu ms/req", "cores server/loadgen/other"];
  const right = [false, true, true, true, true, true, true, true, true, true, false];
  const helloRps = hello?.rps;
  const lines = rows.map((m) => {
    if (m.status !== "measured" || !m.result) return [m.label, m.status, "", "", "", "", "", "", "", "", ""];
    const r = m.result;
    if (r.requests.total === 0) return [m.label, "0", "—", "—", "—", "—", String(r.errors + r.timeouts), String(r.non2xx), "0.00×", "—", "no answer within the run"];
    const kb = (r.throughput.total / r.requests.total / 1024).toFixed(1);
    const ratio = helloRps ? `${((m.rps ?? 0) / helloRps).toFixed(2)}×` : "";
    const cpu = m.cpu ? `${m.cpu.server.toFixed(2)} / ${m.cpu.loadgen.toFixed(2)} / ${m.cpu.other.toFixed(2)}` : "n/a";
    const perRequest = m.cpu && m.rps ? ((m.cpu.server * 1000) / m.rps).toFixed(3) : "n/a";
    return [m.label, Math.round(m.rps ?? 0).toLocaleString("en-US"), String(r.latency.p50), String(r.latency.p99), String(r.latency.max), kb, String(r.errors + r.timeouts), String(r.non2xx), ratio, perRequest, cpu];
  });
  const widths = header.map((h, i) => Math.max(h.length, ...lines.map((l) => (l[i] ?? "").length)));
  return [pad(header, widths, right), widths.map((w) => "-".repeat(w)).join("  "), ...lines.map((l) => pad(l, widths, right))].join("\n");
}

/** Answered, and only with 2xx: otherwise the latencies describe something else. */
function clean(m: Measured): boolean {
  return m.result !== undefined && m.result.requests.total > 0 && m.result.errors + m.result.timeouts + m.result.non2xx === 0;
}

function verdicts(list: Measured | undefined | "skipped", stats: Measured | undefined | "skipped"): { lines: string[]; pass: boolean } {
  const lines: string[] = [];
  let pass = true;
  if (list === "skipped") {
    lines.push("SKIPPED: /api/projects?country=AR&category=surveillance (--only)");
  } else if (!list || list.status !== "measured" || !list.result) {
    lines.push(`FAIL: /api/projects?country=AR&category=surveillance — ${list?.status ?? "not run"} ${list?.note ?? ""}`.trimEnd());
    pass = false;
  } else {
    const ok = (list.rps ?? 0) >= TARGET_LIST_RPS && list.result.latency.p99 <= TARGET_LIST_P99_MS && clean(list);
    pass &&= ok;
    lines.push(
      `${ok ? "PASS" : "FAIL"}: /api/projects?country=AR&category=surveillance — ${Math.round(list.rps ?? 0)} req/s (target ≥ ${TARGET_LIST_RPS}), ` +
        `p99 ${list.result.latency.p99} ms (target ≤ ${TARGET_LIST_P99_MS})${clean(list) ? "" : ", with errors, timeouts or non-2xx answers (or none at all)"}`,
    );
  }
  if (stats === "skipped") {
    lines.push("SKIPPED: /api/stats?group_by=country (--only)");
  } else if (!stats || stats.status === "not available") {
    lines.push(`NOT AVAILABLE: /api/stats?group_by=country — the route answers 404 (target p99 ≤ ${TARGET_STATS_P99_MS} ms not checked)`);
  } else if (stats.status !== "measured" || !stats.result) {
    lines.push(`FAIL: /api/stats?group_by=country — ${stats.note}`);
    pass = false;
  } else {
    const ok = stats.result.latency.p99 <= TARGET_STATS_P99_MS && clean(stats);
    pass &&= ok;
    lines.push(`${ok ? "PASS" : "FAIL"}: /api/stats?group_by=country — p99 ${stats.result.latency.p99} ms (target ≤ ${TARGET_STATS_P99_MS})${clean(stats) ? "" : ", with errors, timeouts or non-2xx answers (or none at all)"}`);
  }
  return { lines, pass };
}

const load3 = () => loadavg().map((x) => x.toFixed(2)).join(", ");

// ---------------------------------------------------------------------------------------------

async function main(): Promise<number> {
  const args = parseArgs(process.argv.slice(2));
  if (!existsSync(join(root, "dist", "cli", "bin.js"))) {
    console.error("bench-api: dist/ is absent; run `npm run build` first (npm run bench:api does)");
    return 1;
  }
  const dir = mkdtempSync(join(tmpdir(), "dsr-bench-api-"));
  if (!args.keep) scratch = dir;
  const servers: Server[] = [];
  try {
    console.log(`machine: ${cpus().length} cores (${cpus()[0]?.model.trim() ?? "?"}), node ${process.version}; load average ${load3()}`);
    let database: string;
    let generated: ApiDatabaseStats | null = null;
    if (args.db) {
      if (!existsSync(args.db)) throw new Error(`--db ${args.db}: no such file`);
      database = args.db;
      console.log(`database: ${database} (given; not generated)`);
    } else {
      database = join(dir, "api.db");
      generated = await generateApiDatabase(database, { projects: args.projects, seed: args.seed });
      console.log(
        `database: ${generated.projects.toLocaleString("en-US")} projects (${args.projects.toLocaleString("en-US")} generated, seed ${args.seed}), ` +
          `${generated.parties.toLocaleString("en-US")} parties, ${generated.documents.toLocaleString("en-US")} documents, ${generated.claims.toLocaleString("en-US")} claims; ` +
          `created in ${generated.openSeconds.toFixed(1)} s + filled in ${generated.insertSeconds.toFixed(1)} s — ${database}`,
      );
      console.log(`  AR + surveillance: ${generated.arSurveillance.toLocaleString("en-US")} projects; "camaras": ${generated.camaras.toLocaleString("en-US")}`);
    }

    const serveArgs = [bin, "serve", "--port", "0", "--host", "127.0.0.1", "--json"];
    if (args.cpuProf) {
      mkdirSync(args.cpuProf, { recursive: true });
      serveArgs.unshift("--cpu-prof", "--cpu-prof-dir", args.cpuProf);
    }
    // The per-address rate limit (600/min by default) is for the public; the bench is one address.
    const env: NodeJS.ProcessEnv = { ...process.env, DSR_DB: database, DSR_RATE_LIMIT: "1000000000", DSR_RATE_LIMIT_TOKEN: "1000000000" };
    // The servers run as in production: plain node, without loaders this process may pass on.
    delete env.NODE_OPTIONS;
    const api = await startServer("dsr serve", serveArgs, env, root);
    servers.push(api);
    const listPath = "/api/projects?country=AR&category=surveillance";
    const pageFile = join(dir, "list-page.json");
    const listPage = await fetch(api.url + listPath, { signal: AbortSignal.timeout(60_000) });
    writeFileSync(pageFile, Buffer.from(await listPage.arrayBuffer()));
    const hello = await startServer("hello (bare Fastify)", ["-e", HELLO_SERVER], { ...env, BENCH_PAGE_FILE: pageFile }, root);
    servers.push(hello);
    const pageKb = (statSync(pageFile).size / 1024).toFixed(0);

    let detailIds = generated?.detailedIds ?? [];
    if (detailIds.length === 0) {
      const res = await fetch(`${api.url}/api/projects?limit=20`, { signal: AbortSignal.timeout(30_000) });
      detailIds = ((await res.json()) as { items?: { id: string }[] }).items?.map((p) => p.id) ?? [];
    }
    const targets: Target[] = [
      { key: "hello", label: "GET /hello (bare Fastify)", server: hello, paths: ["/hello"] },
      { key: "page", label: `GET /page (bare Fastify, the list's ${pageKb} kB as fixed bytes)`, server: hello, paths: ["/page"] },
      { key: "list", label: `GET ${listPath}`, server: api, paths: [listPath] },
      { key: "stats", label: "GET /api/stats?group_by=country", server: api, paths: ["/api/stats?group_by=country"], optional: true },
      { key: "search", label: "GET /api/projects?q=camaras", server: api, paths: ["/api/projects?q=camaras"] },
      {
        key: "detail",
        label: `GET /api/projects/:id (${detailIds.length} ids in turn)`,
        server: api,
        paths: detailIds.length ? detailIds.map((id) => `/api/projects/${encodeURIComponent(id)}`) : ["/api/projects/none"],
      },
    ];
    console.log(
      `load: autocannon, ${args.connections} connections, ${args.warmup} s warm-up + ${args.duration} s per route, on 127.0.0.1; ` +
        `load average before: ${load3()}`,
    );
    const results: Measured[] = [];
    for (const t of targets.filter((x) => args.only.includes(x.key))) {
      const m = await measure(t, args);
      results.push(m);
      const r = m.result;
      console.error(`  ${t.label}: ${r ? `${Math.round(m.rps ?? 0)} req/s, p99 ${r.latency.p99} ms` : `${m.status} (${m.note})`}`);
    }
    console.log("");
    const byKey = (key: RouteKey) => results.find((m) => m.key === key);
    console.log(table(results, byKey("hello")));
    for (const m of results) {
      if (m.note) console.log(`  ${m.label}: ${m.note}`);
      const codes = Object.entries(m.result?.statusCodeStats ?? {}).filter(([code]) => !code.startsWith("2"));
      if (codes.length) console.log(`  ${m.label}: answers ${codes.map(([code, s]) => `${code} ×${s.count}`).join(", ")}`);
    }
    console.log(
      `\nThe load generator (autocannon, in this process) shares the ${cpus().length} cores with the server; ` +
        `"cores" are the CPU each used during the measured run ("other": the rest of the machine), "server cpu ms/req" the server's CPU time per answer. ` +
        `/page sends the list route's answer as fixed bytes: the ceiling for answers that size. Load average after: ${load3()}`,
    );
    const busiest = Math.max(0, ...results.map((m) => m.cpu?.other ?? 0));
    if (busiest > 0.25) {
      console.log(`WARNING: other processes took up to ${busiest.toFixed(2)} of the ${cpus().length} cores during the runs; every figure is lower than on a quiet machine`);
    }
    const { lines, pass } = verdicts(args.only.includes("list") ? byKey("list") : "skipped", args.only.includes("stats") ? byKey("stats") : "skipped");
    for (const l of lines) console.log(l);
    if (args.keep && !args.db) console.log(`kept: ${dir}`);
    if (args.cpuProf) console.log(`server CPU profile: ${args.cpuProf} (written when the server stops)`);
    return pass ? 0 : 1;
  } finally {
    await Promise.all(servers.map((s) => stopServer(s.child)));
    if (!args.keep) rmSync(dir, { recursive: true, force: true });
  }
}

process.exitCode = await main().catch((err: unknown) => {
  console.error(`bench-api: ${err instanceof Error ? err.message : String(err)}`);
  return 1;
});
