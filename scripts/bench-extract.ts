// `npm run bench:extract`: extraction throughput on a generated multi-language corpus of 50 MB.
// 1. `extract` proper, in this process on one core: MB/s and articles/s (target ≥ 5 MB/s).
// 2. `dsr extract --json` on the corpus as one 50 MB file, end to end (target < 20 s).
import { spawn } from "node:child_process";
import { createWriteStream, existsSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { extractDeals } from "../src/extract/extract-deals.js";
import { benchCorpus } from "./bench-corpus.js";

const MB = 1_000_000;
const size = Number(process.env.BENCH_MB ?? 50) * MB;
const root = fileURLToPath(new URL("..", import.meta.url));

const articles = benchCorpus(size);
const bytes = articles.reduce((n, a) => n + Buffer.byteLength(a), 0);
console.log(`corpus: ${articles.length} articles, ${(bytes / MB).toFixed(1)} MB (seeded, deterministic)`);

// Warm up first, as a long-running process would be: the lazily built matchers, and V8's
// regular-expression and JIT tiers (the first few hundred calls of a pattern run interpreted).
for (const a of articles.slice(0, 300)) extractDeals(a);
let deals = 0;
const started = performance.now();
for (const a of articles) deals += extractDeals(a).length;
const seconds = (performance.now() - started) / 1000;
console.log(`extract proper: ${(bytes / MB / seconds).toFixed(2)} MB/s, ${(articles.length / seconds).toFixed(0)} articles/s, ${deals} deals, ${seconds.toFixed(1)} s (target ≥ 5 MB/s)`);

const bin = join(root, "bin", "dsr.js");
if (!existsSync(join(root, "dist", "cli", "bin.js"))) {
  console.log("end to end: skipped — run `npm run build` first (dist/ is absent)");
  process.exit(0);
}
const dir = mkdtempSync(join(tmpdir(), "dsr-bench-"));
try {
  const file = join(dir, "corpus.txt");
  writeFileSync(file, articles.join("\n\n\n"));
  const out = join(dir, "deals.jsonl");
  const t0 = performance.now();
  const code = await new Promise<number | null>((resolve, reject) => {
    const child = spawn(process.execPath, [bin, "extract", "--json", file], { stdio: ["ignore", "pipe", "inherit"] });
    child.stdout.pipe(createWriteStream(out));
    child.on("error", reject);
    child.on("exit", resolve);
  });
  const wall = (performance.now() - t0) / 1000;
  console.log(`end to end: dsr extract --json on ${(bytes / MB).toFixed(1)} MB in ${wall.toFixed(1)} s (exit ${code}; target < 20 s)`);
} finally {
  rmSync(dir, { recursive: true, force: true });
}
