// `npm run bench:watch`: what a day of watching 50 sources costs, as cron runs it — `dsr watch run
// --all` as a child process once per simulated hour (24 runs), against 50 local sources on
// 127.0.0.1 (one server per source, each on its own port, so politeness sees 50 sites): 20 RSS,
// 12 Atom, 8 listing pages, 5 sitemaps and 5 OCDS release packages. Each source's content changes
// on its own rhythm (a new article every third hour; a few OCDS releases every six hours), so most
// runs of a source are answered 304. A first run (the backlog: every source's current items) is
// measured apart. One saved search with a webhook on a local receiver gets the alerts.
//
//   tsx scripts/bench-watch.ts [--hours 24] [--delay-ms 0] [--keep]
//
// Printed: wall time per run and for the day, requests served (200s and 304s), documents and
// projects stored, alerts delivered, the peak resident memory of the runs (VmHWM from
// /proc/<pid>/status, polled every 50 ms), and the database's size. Everything is local; no
// network beyond 127.0.0.1. Exits 0 whatever the figures; 1 only when it cannot run (no dist/).
import { spawn } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync } from "node:fs";
import { type Server, createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

const root = fileURLToPath(new URL("..", import.meta.url));
const bin = join(root, "bin", "dsr.js");
const arg = (name: string, fallback: string) => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? (process.argv[i + 1] ?? fallback) : fallback;
};
const HOURS = Number(arg("hours", "24"));
const DELAY_MS = Number(arg("delay-ms", "0"));
const KEEP = process.argv.includes("--keep");

if (!existsSync(join(root, "dist", "cli", "main.js"))) {
  console.error("bench:watch: dist/ is missing; run `npm run build` first (npm run bench:watch does)");
  process.exit(1);
}

// ---- the sources -------------------------------------------------------------------------------
const KINDS = [...Array(20).fill("rss"), ...Array(12).fill("atom"), ...Array(8).fill("listing"), ...Array(5).fill("sitemap"), ...Array(5).fill("ocds")] as string[];
const VENDORS = ["Hikvision", "Huawei", "ZTE", "Dahua", "China Mobile", "Tencent"];
const BUYERS = [
  ["El Municipio de Quito, Ecuador,", "cámaras de videovigilancia"],
  ["La Municipalidad de Lima, Perú,", "cámaras de videovigilancia"],
  ["La Prefectura del Guayas, Ecuador,", "una red de fibra óptica"],
  ["La Alcaldía de Medellín, Colombia,", "un centro de datos"],
  ["El Gobierno de Salta, Argentina,", "cámaras de seguridad con reconocimiento facial"],
  ["La Intendencia de Montevideo, Uruguay,", "una red 5G para el transporte"],
  ["El Gobierno de Jamaica", "un sistema de identidad digital"],
  ["La Prefeitura de Recife, Brasil,", "câmeras de monitoramento urbano"],
] as const;
const FILLER = "La iniciativa forma parte de un plan más amplio de modernización que las autoridades presentaron a comienzos de año, con audiencias públicas y un cronograma de ejecución por etapas. ".repeat(12);

let hour = 0;
let served = 0;
let notModified = 0;

function articleText(feed: number, n: number): { title: string; html: string } {
  const vendor = VENDORS[(feed + n) % VENDORS.length] ?? "Huawei";
  const [buyer, what] = BUYERS[(feed * 7 + n) % BUYERS.length] ?? BUYERS[0];
  const amount = 1 + ((feed * 13 + n * 7) % 40);
  const year = 2020 + ((feed + n) % 6);
  const title = `${vendor} y ${buyer.replace(/,$/, "")}: contrato ${feed}-${n}`;
  const sentence = `${buyer} firmó en ${year} un contrato de US$ ${amount} millones con ${vendor} para instalar ${what} (nota ${feed}-${n}).`;
  return { title, html: `<!doctype html><html lang="es"><head><title>${title}</title></head><body><main><article><h1>${title}</h1><p>${sentence}</p><p>${FILLER}</p></article></main></body></html>` };
}

/** Articles a source lists at the current hour: a new one every third hour (staggered), the newest 20. */
function articleNumbers(feed: number): number[] {
  const total = 10 + Math.floor((hour + (feed % 3)) / 3);
  const from = Math.max(0, total - 20);
  return Array.from({ length: total - from }, (_v, i) => total - 1 - i);
}

function feedBody(feed: number, kind: string, base: string): { body: string; type: string } {
  const items = articleNumbers(feed).map((n) => ({ n, path: `/nota/${feed}-${n}-contrato-firmado-con-proveedor`, title: articleText(feed, n).title, date: new Date(Date.UTC(2026, 0, 1, 0, n)).toUTCString() }));
  if (kind === "rss") {
    return { type: "application/rss+xml", body: `<?xml version="1.0"?><rss version="2.0"><channel><title>Fuente ${feed}</title>${items.map((i) => `<item><title>${i.title}</title><link>${base}${i.path}</link><guid>${base}${i.path}</guid><pubDate>${i.date}</pubDate></item>`).join("")}</channel></rss>` };
  }
  if (kind === "atom") {
    return { type: "application/atom+xml", body: `<?xml version="1.0"?><feed xmlns="http://www.w3.org/2005/Atom"><title>Fuente ${feed}</title><id>${base}/</id>${items.map((i) => `<entry><id>${base}${i.path}</id><title>${i.title}</title><link href="${base}${i.path}"/><updated>${new Date(i.date).toISOString()}</updated></entry>`).join("")}</feed>` };
  }
  if (kind === "sitemap") {
    return { type: "application/xml", body: `<?xml version="1.0"?><urlset>${items.map((i) => `<url><loc>${base}${i.path}</loc><lastmod>${new Date(i.date).toISOString()}</lastmod></url>`).join("")}</urlset>` };
  }
  if (kind === "listing") {
    return { type: "text/html; charset=utf-8", body: `<html><head><title>Fuente ${feed}</title></head><body><nav><a href="/seccion/politica">Política</a></nav><main>${items.map((i) => `<h2><a href="${i.path}">${i.title}</a></h2>`).join("")}</main></body></html>` };
  }
  // OCDS: 200 releases, five more every sixth hour; a third name a camera contract with a known vendor.
  const count = 200 + 5 * Math.floor(hour / 6);
  const releases = Array.from({ length: count }, (_v, r) => {
    const ocid = `ocds-bench${String(feed).padStart(2, "0")}-${r}`;
    const vendor = r % 3 === 0 ? `${VENDORS[r % VENDORS.length]} Ecuador S.A.` : `Proveedora Local ${r} Cía. Ltda.`;
    return {
      ocid, id: `${ocid}-1`, date: "2026-01-01T00:00:00Z", tag: ["award"], buyer: { name: `GAD Municipal ${r % 40}` },
      parties: [{ id: "b", name: `GAD Municipal ${r % 40}`, roles: ["buyer"], address: { countryName: "Ecuador" } }, { id: "s", name: vendor, roles: ["supplier"] }],
      tender: { id: "t", title: r % 3 === 0 ? "Adquisición de cámaras de videovigilancia" : "Adquisición de mobiliario de oficina", procurementMethod: "open" },
      awards: [{ id: "a", status: "active", value: { amount: 10_000 + r * 100, currency: "USD" }, suppliers: [{ id: "s", name: vendor }] }],
    };
  });
  return { type: "application/json", body: JSON.stringify({ uri: `${base}/ocds.json`, publishedDate: "2026-01-01T00:00:00Z", publisher: { name: `Portal ${feed}` }, releases }) };
}

function startSource(feed: number, kind: string): Promise<{ server: Server; url: string }> {
  let base = "";
  const server = createServer((req, res) => {
    served++;
    const path = (req.url ?? "/").split("?")[0] ?? "/";
    let page: { body: string; type: string } | null = null;
    if (path === "/feed") page = feedBody(feed, kind, base);
    else {
      const m = /^\/nota\/(\d+)-(\d+)-/.exec(path);
      if (m) page = { type: "text/html; charset=utf-8", body: articleText(Number(m[1]), Number(m[2])).html };
    }
    if (!page) {
      res.writeHead(404).end();
      return;
    }
    const etag = `"${createHash("sha1").update(page.body).digest("hex").slice(0, 16)}"`;
    if (req.headers["if-none-match"] === etag) {
      notModified++;
      res.writeHead(304, { etag }).end();
      return;
    }
    res.writeHead(200, { "content-type": page.type, etag }).end(page.body);
  });
  return new Promise((resolve) =>
    server.listen(0, "127.0.0.1", () => {
      base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
      resolve({ server, url: `${base}/feed` });
    }),
  );
}

// ---- the webhook receiver ----------------------------------------------------------------------
let hooks = 0;
const receiver = createServer((req, res) => {
  req.resume();
  req.on("end", () => {
    hooks++;
    res.writeHead(204).end();
  });
});

// ---- running dsr --------------------------------------------------------------------------------
interface Measured {
  code: number;
  out: string;
  err: string;
  ms: number;
  peakKb: number;
}

function dsr(args: string[], env: NodeJS.ProcessEnv): Promise<Measured> {
  return new Promise((resolve) => {
    const started = performance.now();
    const child = spawn(process.execPath, [bin, ...args], { env, stdio: ["ignore", "pipe", "pipe"] });
    let out = "";
    let err = "";
    let peakKb = 0;
    child.stdout.on("data", (c: Buffer) => (out += c.toString()));
    child.stderr.on("data", (c: Buffer) => (err += c.toString()));
    const poll = setInterval(() => {
      try {
        const status = readFileSync(`/proc/${child.pid}/status`, "utf8");
        const hwm = Number(/VmHWM:\s+(\d+)/.exec(status)?.[1] ?? 0);
        peakKb = Math.max(peakKb, hwm);
      } catch {
        // exited between polls
      }
    }, 50);
    child.on("close", (code) => {
      clearInterval(poll);
      resolve({ code: code ?? 1, out, err, ms: performance.now() - started, peakKb });
    });
  });
}

const fmt = (ms: number) => `${(ms / 1000).toFixed(2)} s`;
const mb = (kb: number) => `${(kb / 1024).toFixed(0)} MB`;

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), "dsr-bench-watch-"));
  const sources = await Promise.all(KINDS.map((kind, i) => startSource(i, kind).then((s) => ({ ...s, kind }))));
  await new Promise<void>((r) => receiver.listen(0, "127.0.0.1", r));
  const hook = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hook`;
  const env = { ...process.env, DSR_DB: join(dir, "observatory.db"), DSR_ALLOW_HOSTS: "127.0.0.1", DSR_WATCH_DELAY_MS: String(DELAY_MS), DSR_PUBLIC_URL: "http://dsr.bench" };
  try {
    const init = await dsr(["init"], env);
    if (init.code !== 0) throw new Error(`dsr init failed: ${init.err}`);
    await dsr(["search", "save", "--name", "Surveillance in Ecuador", "--country", "EC", "--category", "surveillance", "--webhook", hook, "--secret", "bench-secret-0123456789"], env);
    for (const s of sources) {
      const added = await dsr(["watch", "add", s.url, "--every", "1h", "--kind", s.kind, ...(s.kind === "ocds" ? ["--country", "EC"] : [])], env);
      if (added.code !== 0) throw new Error(`dsr watch add ${s.url}: ${added.err}`);
    }
    console.log(`bench:watch — ${sources.length} sources on 127.0.0.1 (${KINDS.filter((k) => k === "rss").length} RSS, ${KINDS.filter((k) => k === "atom").length} Atom, ${KINDS.filter((k) => k === "listing").length} listing, ${KINDS.filter((k) => k === "sitemap").length} sitemap, ${KINDS.filter((k) => k === "ocds").length} OCDS), delay ${DELAY_MS} ms per host, ${HOURS} hourly runs of \`dsr watch run --all\``);

    served = 0;
    notModified = 0;
    const backlog = await dsr(["watch", "run", "--all", "--json"], env);
    const b = JSON.parse(backlog.out) as { run: { documents: number; projectsCreated: number; requests: number; failed: number } };
    console.log(`first run (backlog): ${fmt(backlog.ms)}, ${b.run.documents} documents, ${b.run.projectsCreated} new projects, ${served} requests, ${b.run.failed} sources failed, peak RSS ${mb(backlog.peakKb)}`);

    served = 0;
    notModified = 0;
    hooks = 0;
    const runs: Measured[] = [];
    let documents = 0;
    let projects = 0;
    let failed = 0;
    for (hour = 1; hour <= HOURS; hour++) {
      const run = await dsr(["watch", "run", "--all", "--json"], env);
      runs.push(run);
      if (run.code !== 0 && run.code !== 2) throw new Error(`run ${hour} failed: ${run.err}`);
      const r = JSON.parse(run.out) as { run: { documents: number; projectsCreated: number; failed: number } };
      documents += r.run.documents;
      projects += r.run.projectsCreated;
      failed += r.run.failed;
    }
    const total = runs.reduce((n, r) => n + r.ms, 0);
    const sorted = runs.map((r) => r.ms).sort((a, c) => a - c);
    const peak = Math.max(...runs.map((r) => r.peakKb));
    console.log(`a day (${HOURS} runs): ${fmt(total)} in all; per run median ${fmt(sorted[Math.floor(sorted.length / 2)] ?? 0)}, slowest ${fmt(sorted.at(-1) ?? 0)} (each includes starting node and opening the database)`);
    console.log(`  requests served: ${served} (${notModified} answered 304, ${served - notModified} with a body); documents stored: ${documents}; new projects: ${projects}; failed source runs: ${failed}; webhook digests: ${hooks}`);
    console.log(`  peak RSS of a run: ${mb(peak)}; database after the day: ${(statSync(join(dir, "observatory.db")).size / 1e6).toFixed(1)} MB`);
    if (DELAY_MS === 0) console.log("  (politeness delay 0 here; with DSR_WATCH_DELAY_MS=2000 each source's new articles wait 2 s apiece, in parallel across sites)");
  } finally {
    for (const s of sources) s.server.close();
    receiver.close();
    if (!KEEP) rmSync(dir, { recursive: true, force: true });
    else console.log(`kept ${dir}`);
  }
}

main().catch((error: unknown) => {
  console.error(`bench:watch: ${(error as Error).stack ?? String(error)}`);
  process.exit(1);
});
