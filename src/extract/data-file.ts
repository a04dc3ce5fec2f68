// Reads the extraction vocabularies shipped in data/ once, on first use, so importing a module
// has no side effects and the rules stay data, not code. A file that is not what its schema says
// stops with an error that names it.
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { z } from "zod";
import { InvalidDataError } from "../domain/errors.js";

const DATA_DIR = fileURLToPath(new URL("../../data/", import.meta.url));
const cache = new Map<string, unknown>();

/**
 * The parsed JSON of a file under data/, checked against `schema` when one is given.
 * @example dataFile("extraction/units.json", UnitsFile)
 */
export function dataFile<T>(relativePath: string, schema?: z.ZodType<T>): T {
  if (cache.has(relativePath)) return cache.get(relativePath) as T;
  const path = DATA_DIR + relativePath;
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(path, "utf8"));
  } catch (err) {
    throw new InvalidDataError(`${path}: cannot be read as JSON (${(err as Error).message})`, { cause: err });
  }
  let value: unknown = json;
  if (schema) {
    const parsed = schema.safeParse(json);
    if (!parsed.success) throw new InvalidDataError(`${path}: ${z.prettifyError(parsed.error)}`);
    value = parsed.data;
  }
  cache.set(relativePath, value);
  return value as T;
}
