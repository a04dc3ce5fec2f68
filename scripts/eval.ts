// `npm run eval`: runs the extractor over the seed documents (../shared/seeds) and the project's
// development set (test/fixtures/dev-articles) and scores each against its gold deals with
// ../shared/tools/score-deals.mjs. Skips, with a message, what is absent. `--check` exits 1 when
// the seed slot F1 is under 0.90. `--verbose` passes through to the scorer.
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { dealJson } from "../src/extract/contract.js";
import { extractDeals } from "../src/extract/extract-deals.js";
import { documentDateOf } from "../src/extract/types.js";
import { readDocument } from "../src/ingest/read-document.js";

const root = fileURLToPath(new URL("..", import.meta.url));
const shared = join(root, "..", "shared");
const scorer = join(shared, "tools", "score-deals.mjs");
const verbose = process.argv.includes("--verbose");
const check = process.argv.includes("--check");

const sets = [
  { name: "seeds", dir: join(shared, "seeds"), gold: join(shared, "eval", "seeds-gold.jsonl"), target: 0.9 },
  { name: "dev set", dir: join(root, "test", "fixtures", "dev-articles"), gold: join(root, "test", "fixtures", "dev-gold.jsonl"), target: 0.8 },
];

if (!existsSync(scorer)) {
  console.error(`eval: skipped — ${scorer} is absent (the scorer lives in ../shared/tools)`);
  process.exit(0);
}
const work = mkdtempSync(join(tmpdir(), "dsr-eval-"));
let failed = false;
try {
  for (const set of sets) {
    if (!existsSync(set.dir) || !existsSync(set.gold)) {
      console.error(`eval: ${set.name} skipped — ${set.dir} or its gold file is absent`);
      continue;
    }
    const lines: string[] = [];
    const files = readdirSync(set.dir).filter((f) => f.endsWith(".txt") || f.endsWith(".html")).sort();
    const started = performance.now();
    for (const f of files) {
      const path = join(set.dir, f);
      const read = await readDocument(readFileSync(path), path);
      if (!read.ok) {
        console.error(`eval: ${read.error}`);
        continue;
      }
      for (const d of extractDeals(read.doc.text, { documentDate: documentDateOf(read.doc.published) })) lines.push(JSON.stringify(dealJson(d, path)));
    }
    const ms = performance.now() - started;
    const pred = join(work, `${set.name.replace(/\W+/g, "-")}.jsonl`);
    writeFileSync(pred, lines.join("\n") + "\n");
    console.log(`\n== ${set.name}: ${files.length} documents, ${lines.length} deals extracted in ${ms.toFixed(0)} ms (target slot F1 ≥ ${set.target})`);
    const args = [scorer, set.gold, pred, ...(verbose ? ["--verbose"] : [])];
    const r = spawnSync(process.execPath, args, { encoding: "utf8" });
    process.stdout.write(r.stdout);
    process.stderr.write(r.stderr);
    const json = spawnSync(process.execPath, [scorer, set.gold, pred, "--json"], { encoding: "utf8" });
    const f1 = slotF1(json.stdout);
    if (f1 !== null) console.log(`${set.name}: slot F1 ${f1.toFixed(3)} ${f1 >= set.target ? "meets" : "is under"} the target ${set.target}`);
    if (check && set.name === "seeds" && (f1 === null || f1 < set.target)) failed = true;
  }
} finally {
  rmSync(work, { recursive: true, force: true });
}
process.exit(failed ? 1 : 0);

/** The scorer's headline figure from its --json output ({ slots: { f1 } }). */
function slotF1(out: string): number | null {
  const m = /"slots":\s*\{[^}]*"f1":\s*([\d.]+)/.exec(out);
  return m ? Number(m[1]) : null;
}
