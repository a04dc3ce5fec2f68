/**
 * locate-evidence — fill the character offsets of every evidence quote in the
 * reviewed dataset by finding the quote verbatim in its seed document.
 *
 *   npx tsx scripts/locate-evidence.ts            # fill offsets, write projects.json
 *   npx tsx scripts/locate-evidence.ts --check    # verify only, write nothing
 *
 * Offsets are JavaScript string indices (UTF-16 code units) into the seed file's
 * text read as UTF-8, end exclusive: text.slice(start, end) === quote.
 *
 * - A quote that is not found verbatim is an error: every such claim is listed
 *   (project id, field, source, quote) and the script exits 1 without writing.
 * - A quote found more than once is ambiguous: the first occurrence is taken and a
 *   warning is printed — unless the claim already carries offsets that point at one
 *   of the occurrences, which are then kept (a reviewer may pin a later one).
 * - It also checks the shape the reviewed dataset promises: every source exists and
 *   its sha256 matches the seed bytes, quotes are at most 400 characters, project
 *   ids are unique kebab-case, and every project has a vendors (or financiers),
 *   a country and a category claim.
 *
 * Seed directory: $DSR_SEEDS_DIR, else ../shared/seeds next to the project root.
 */
import { createHash } from "node:crypto";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

interface SourceDoc {
  id: string;
  seedFile: string;
  sha256: string;
  [key: string]: unknown;
}
interface Claim {
  field: string;
  value: unknown;
  source: string;
  quote: string;
  start?: number;
  end?: number;
  [key: string]: unknown;
}
interface Project {
  id: string;
  claims: Claim[];
  [key: string]: unknown;
}

const MAX_QUOTE = 400;

const root = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const reviewedDir = join(root, "data", "reviewed");
const sourcesPath = join(reviewedDir, "sources.json");
const projectsPath = join(reviewedDir, "projects.json");
const seedsDir = process.env.DSR_SEEDS_DIR
  ? resolve(process.env.DSR_SEEDS_DIR)
  : resolve(root, "..", "shared", "seeds");
const checkOnly = process.argv.includes("--check");

const errors: string[] = [];
const warnings: string[] = [];

function readJson<T>(path: string): T {
  try {
    return JSON.parse(readFileSync(path, "utf8")) as T;
  } catch (e) {
    console.error(`locate-evidence: cannot read ${path}: ${(e as Error).message}`);
    process.exit(1);
  }
}

/** All start indices of `needle` in `hay` (non-overlapping search advanced by 1). */
function occurrences(hay: string, needle: string): number[] {
  const found: number[] = [];
  let from = 0;
  for (;;) {
    const i = hay.indexOf(needle, from);
    if (i < 0) return found;
    found.push(i);
    from = i + 1;
  }
}

const short = (s: string, n = 90) => (s.length > n ? `${s.slice(0, n)}…` : s);

const sources = readJson<{ documents: SourceDoc[] }>(sourcesPath);
const projectsFile = readJson<{ projects: Project[] }>(projectsPath);

// Load every seed text once, checking its hash.
const texts = new Map<string, string>();
for (const doc of sources.documents) {
  const p = join(seedsDir, doc.seedFile);
  if (!existsSync(p)) {
    errors.push(`source ${doc.id}: seed file not found: ${p}`);
    continue;
  }
  const bytes = readFileSync(p);
  const sha = createHash("sha256").update(bytes).digest("hex");
  if (sha !== doc.sha256) errors.push(`source ${doc.id}: sha256 ${doc.sha256} does not match ${doc.seedFile} (${sha})`);
  texts.set(doc.id, bytes.toString("utf8"));
}

const ids = new Set<string>();
let located = 0;
for (const project of projectsFile.projects) {
  if (!/^[a-z0-9]+(-[a-z0-9]+)*$/.test(project.id)) errors.push(`project ${project.id}: id is not kebab-case`);
  if (ids.has(project.id)) errors.push(`project ${project.id}: duplicate id`);
  ids.add(project.id);

  const fields = new Set(project.claims.map((c) => c.field));
  if (!fields.has("vendors") && !fields.has("financiers")) errors.push(`project ${project.id}: no vendors or financiers claim`);
  if (!fields.has("country")) errors.push(`project ${project.id}: no country claim`);
  if (!fields.has("category")) errors.push(`project ${project.id}: no category claim`);

  for (const claim of project.claims) {
    const where = `project ${project.id}, ${claim.field} claim from ${claim.source}`;
    const text = texts.get(claim.source);
    if (text === undefined) {
      errors.push(`${where}: unknown source or unreadable seed`);
      continue;
    }
    if (typeof claim.quote !== "string" || claim.quote.length === 0) {
      errors.push(`${where}: empty quote`);
      continue;
    }
    if (claim.quote.length > MAX_QUOTE) errors.push(`${where}: quote is ${claim.quote.length} characters (max ${MAX_QUOTE}): "${short(claim.quote)}"`);
    const hits = occurrences(text, claim.quote);
    if (hits.length === 0) {
      errors.push(`${where}: quote not found verbatim: "${claim.quote}"`);
      continue;
    }
    let start = hits[0] ?? 0;
    if (hits.length > 1) {
      if (typeof claim.start === "number" && hits.includes(claim.start) && claim.end === claim.start + claim.quote.length) {
        start = claim.start; // a reviewer pinned one occurrence: keep it
      } else {
        warnings.push(`${where}: quote found ${hits.length} times (at ${hits.join(", ")}), taking the first: "${short(claim.quote)}"`);
      }
    }
    claim.start = start;
    claim.end = start + claim.quote.length;
    if (text.slice(claim.start, claim.end) !== claim.quote) errors.push(`${where}: internal offset mismatch`);
    located++;
  }
}

for (const w of warnings) console.warn(`warning: ${w}`);
if (errors.length > 0) {
  for (const e of errors) console.error(`error: ${e}`);
  console.error(`locate-evidence: ${errors.length} error(s); ${checkOnly ? "" : "projects.json not written"}`.trim());
  process.exit(1);
}

const out = `${JSON.stringify(projectsFile, null, 2)}\n`;
if (checkOnly) {
  const current = readFileSync(projectsPath, "utf8");
  if (current !== out) {
    console.error("locate-evidence: offsets in projects.json are missing or stale (run without --check)");
    process.exit(1);
  }
  console.log(`locate-evidence: ${located} quotes in ${projectsFile.projects.length} projects verified`);
} else {
  writeFileSync(projectsPath, out);
  console.log(`locate-evidence: ${located} quotes in ${projectsFile.projects.length} projects located; wrote ${projectsPath}`);
}
