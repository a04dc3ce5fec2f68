// Reads the extraction vocabularies shipped in data/ once, on first use, so importing a module
// has no side effects and the rules stay data, not code.
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";

const DATA_DIR = fileURLToPath(new URL("../../data/", import.meta.url));
const cache = new Map<string, unknown>();

/** The parsed JSON of a file under data/, e.g. dataFile("extraction/triggers.json"). */
export function dataFile<T>(relativePath: string): T {
  let value = cache.get(relativePath);
  if (value === undefined) {
    value = JSON.parse(readFileSync(DATA_DIR + relativePath, "utf8")) as unknown;
    cache.set(relativePath, value);
  }
  return value as T;
}
