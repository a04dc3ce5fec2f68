// Web benchmark (`npm run bench:web`): a 10,000-project database, the built app served in-process
// on 127.0.0.1, and Debian's chromium loading the overview in a fresh profile each run. Prints the
// time from navigation until the overview is interactive (figures, map and every chart drawn,
// React's handlers attached), its median over the runs, a country filter's round trip, and the
// initial JavaScript's gzipped size from the build report. Measures only: nothing is asserted.
//
//   npx tsx scripts/bench-web.ts [--projects N] [--runs N]
import { execFileSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { buildServer } from "../src/api/server.js";
import { DEFAULT_WEB_ROOT } from "../src/api/web-app.js";
import { openApp } from "../src/app.js";
import { readConfig } from "../src/config.js";
import { findProjects } from "../src/services/projects.service.js";
import { launchChromium } from "../test/e2e/chromium.js";
import type { SizeReport } from "../web/build/size-report.js";

function option(name: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`);
  const v = i >= 0 ? Number(process.argv[i + 1]) : fallback;
  if (!Number.isInteger(v) || v < 1) throw new Error(`--${name}: expected a positive integer`);
  return v;
}

const PROJECTS = option("projects", 10_000);
const RUNS = option("runs", 7);
const BUDGET_MS = 1500;
const REPORT = fileURLToPath(new URL("../dist/web-build-report.json", import.meta.url));

const median = (xs: readonly number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? (s[mid] as number) : ((s[mid - 1] as number) + (s[mid] as number)) / 2;
};
const kb = (n: number) => `${(n / 1024).toFixed(1)} KB`;

/** What the page functions below use of the browser (this file is typed for Node, without the DOM). */
interface PageGlobals {
  document: {
    querySelector(selector: string): { textContent: string | null } | null;
    querySelectorAll(selector: string): ArrayLike<{ firstElementChild: unknown }>;
  };
}
/**
 * Run in the page each frame (a function, not a string: the CSP forbids eval): performance.now()
 * once the overview can be used — every figure, the map and all four charts drawn — else false.
 */
function overviewReady(): number | false {
  const doc = (globalThis as unknown as PageGlobals).document;
  const figures = doc.querySelectorAll(".figure-value").length >= 5;
  const map = doc.querySelector("path.map-country") !== null;
  const charts = Array.from(doc.querySelectorAll(".plot")).filter((p) => p.firstElementChild).length >= 4;
  return figures && map && charts ? performance.now() : false;
}

async function main(): Promise<void> {
  if (!existsSync(join(DEFAULT_WEB_ROOT, "index.html"))) throw new Error("dist/web is missing: run `npm run build` first (npm run bench:web does)");
  const dir = mkdtempSync(join(tmpdir(), "dsr-bench-web-"));
  const database = join(dir, "bench.db");
  try {
    const t0 = performance.now();
    // In a child process, as `dsr serve` would find it: a database another process wrote and closed
    // (served from the generating process, the first overview took seconds longer than in real use).
    execFileSync(process.execPath, ["--import", "tsx", fileURLToPath(new URL("./bench-api-db.ts", import.meta.url)), database, "--projects", String(PROJECTS), "--seed", "1"], { stdio: ["ignore", "ignore", "inherit"] });
    process.stderr.write(`bench:web: database generated in ${((performance.now() - t0) / 1000).toFixed(1)} s\n`);

    const app = await openApp({ database, load: "if-empty" });
    const stats = { projects: (await findProjects(app.store.db, { limit: 1 })).total };
    const server = buildServer(app, { config: readConfig({ DSR_RATE_LIMIT: "1000000" }), webRoot: DEFAULT_WEB_ROOT });
    const url = await server.listen({ host: "127.0.0.1", port: 0 });
    const browser = await launchChromium();
    try {
      const times: number[] = [];
      const filterTimes: number[] = [];
      for (let run = 0; run < RUNS; run++) {
        // A fresh context: no HTTP cache, no storage — every run is a first visit.
        const context = await browser.newContext({ viewport: { width: 1366, height: 900 }, locale: "en-US" });
        const page = await context.newPage();
        await page.goto(`${url}/`);
        const handle = await page.waitForFunction(overviewReady, undefined, { polling: "raf", timeout: 60_000 });
        const ready = (await handle.jsonValue()) as number;
        times.push(ready);

        const before = await page.locator(".figure-value").first().textContent();
        const start = Date.now();
        // Dispatched on the country itself: with 10,000 projects its middle is covered by city points.
        await page.locator('path.map-country[data-code="AR"]').dispatchEvent("click");
        await page.waitForFunction((old) => (globalThis as unknown as PageGlobals).document.querySelector(".figure-value")?.textContent !== old, before, { polling: "raf" });
        filterTimes.push(Date.now() - start);
        process.stderr.write(`  run ${run + 1}: interactive ${ready.toFixed(0)} ms${run === 0 ? " (server cache cold)" : ""}, country filter ${filterTimes.at(-1)} ms\n`);
        await context.close();
      }

      const report = existsSync(REPORT) ? (JSON.parse(readFileSync(REPORT, "utf8")) as SizeReport) : null;
      const m = median(times);
      console.log(`\nbench:web — ${stats.projects.toLocaleString("en")} projects, ${RUNS} runs, chromium headless on ${new URL(url).host}`);
      console.log(`  overview interactive: median ${m.toFixed(0)} ms (first run ${times[0]?.toFixed(0)} ms with the server's cache cold; min ${Math.min(...times).toFixed(0)}, max ${Math.max(...times).toFixed(0)}) — target < ${BUDGET_MS} ms: ${m < BUDGET_MS ? "met" : "NOT met"}`);
      console.log(`  country filter via the map: median ${median(filterTimes).toFixed(0)} ms`);
      if (report) {
        console.log(`  initial JavaScript: ${kb(report.initialJsGzip)} gzipped (${kb(report.initialJsRaw)} raw), budget 350 KB`);
        for (const c of report.chunks.filter((x) => x.initial)) console.log(`    ${kb(c.gzip).padStart(9)}  ${c.file}`);
        const lazy = report.chunks.filter((x) => !x.initial).slice(0, 3);
        console.log(`  largest lazy chunks: ${lazy.map((c) => `${c.file} ${kb(c.gzip)}`).join(", ")}`);
      }
    } finally {
      await browser.close();
      await server.close();
      await app.close();
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : err);
  process.exitCode = 1;
});
