// The extractor's version: its rules' release plus a hash of the data files it reads, so a
// stored mention says which extractor made it and `dsr reextract` knows what is out of date.
import { createHash } from "node:crypto";
import { readFileSync, readdirSync } from "node:fs";
import { fileURLToPath } from "node:url";

/** Bump when the extraction code changes what it reads from a text. */
export const RULES_RELEASE = "2026.11.2";

const DATA_DIR = fileURLToPath(new URL("../../data/", import.meta.url));
const DATA_FILES = ["vocabularies.json", "organizations.json", "places.json"];

let cached: string | undefined;

/** "2026.11.2+3f9a0c1d": the same rules and data give the same version. */
export function extractorVersion(): string {
  if (cached) return cached;
  const hash = createHash("sha256");
  const extraction = readdirSync(DATA_DIR + "extraction").filter((f) => f.endsWith(".json")).sort().map((f) => `extraction/${f}`);
  for (const file of [...DATA_FILES, ...extraction]) {
    hash.update(file);
    hash.update(readFileSync(DATA_DIR + file));
  }
  cached = `${RULES_RELEASE}+${hash.digest("hex").slice(0, 8)}`;
  return cached;
}
