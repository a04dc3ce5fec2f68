// Reads OCDS files in every shape publishers use — release packages, record packages, a lone
// record or release, a top-level array, and JSON lines (one release, record or package per line)
// — as one stream of releases and records, in constant memory, with the package's publisher and
// licence. JSON lines take the faster line-by-line path.
import { createReadStream } from "node:fs";
import { open } from "node:fs/promises";
import { createInterface } from "node:readline";
import { InvalidDataError } from "../domain/errors.js";
import { JsonScanError, scanJsonArrays } from "./json-array-items.js";
import type { Json } from "./ocds-merge.js";
import type { OcdsPublication } from "./ocds.js";
import { byteCounter } from "./byte-counter.js";

type Obj = { [key: string]: Json };

export interface OcdsItem {
  kind: "release" | "record";
  value: Obj;
  /** 1-based line for JSON lines, else the element's position in its array (1-based). */
  at: number;
  publication: OcdsPublication;
}

const isObj = (v: unknown): v is Obj => typeof v === "object" && v !== null && !Array.isArray(v);

/** A package's publisher, licence and address, as far as it states them. */
function publicationOf(meta: Record<string, unknown>, source: string): OcdsPublication {
  const publisher = isObj(meta.publisher) ? meta.publisher : null;
  const name = publisher && typeof publisher.name === "string" ? publisher.name : null;
  return {
    publisher: name,
    license: typeof meta.license === "string" && meta.license.trim() ? meta.license.trim() : null,
    uri: typeof meta.uri === "string" ? meta.uri : publisher && typeof publisher.uri === "string" ? publisher.uri : null,
    source,
  };
}

/** A record is recognised by what only records have; anything else with an ocid is a release. */
function kindOf(v: Obj): "release" | "record" {
  return "compiledRelease" in v || ("releases" in v && !("tag" in v)) ? "record" : "release";
}

/** Whether the file is JSON lines: a complete JSON object on its first line and more after it. */
async function isJsonLines(path: string): Promise<boolean> {
  const fh = await open(path, "r");
  try {
    const { buffer, bytesRead } = await fh.read(Buffer.alloc(4 * 1024 * 1024), 0, 4 * 1024 * 1024, 0);
    const head = buffer.subarray(0, bytesRead).toString("utf8");
    const nl = head.indexOf("\n");
    if (nl < 0 || !head.slice(nl + 1).trim()) return false;
    try {
      return isObj(JSON.parse(head.slice(0, nl)));
    } catch {
      return false;
    }
  } finally {
    await fh.close();
  }
}

/** Errors of single lines in JSON lines: reported by line, the rest still read. */
export interface OcdsLineError {
  at: number;
  error: string;
}

/**
 * Every release and record of an OCDS file; line errors (JSON lines only) go to `onError`.
 * `progress.bytes` counts what was read, for a progress bar.
 * @example for await (const item of ocdsItems("releases.jsonl", { onError })) …
 */
export async function* ocdsItems(path: string, options: { onError?: (e: OcdsLineError) => void; progress?: { bytes: number } } = {}): AsyncGenerator<OcdsItem> {
  const progress = options.progress ?? { bytes: 0 };
  if (await isJsonLines(path)) {
    const stream = createReadStream(path).pipe(byteCounter(progress));
    let line = 0;
    for await (const text of createInterface({ input: stream, crlfDelay: Infinity })) {
      line++;
      if (!text.trim()) continue;
      let value: unknown;
      try {
        value = JSON.parse(text);
      } catch (err) {
        options.onError?.({ at: line, error: `line ${line}: not JSON (${(err as Error).message})` });
        continue;
      }
      if (!isObj(value)) {
        options.onError?.({ at: line, error: `line ${line}: not a JSON object` });
        continue;
      }
      const items = Array.isArray(value.releases) && !("ocid" in value) ? value.releases : Array.isArray(value.records) ? value.records : null;
      if (items) {
        const publication = publicationOf(value, path);
        for (const v of items) if (isObj(v)) yield { kind: Array.isArray(value.records) ? "record" : "release", value: v, at: line, publication };
      } else yield { kind: kindOf(value), value, at: line, publication: publicationOf({}, path) };
    }
    return;
  }
  // A package's metadata usually comes before its releases; when it comes after, the items read
  // before it carry what was known then, and the publication is completed as soon as it is read.
  const publication: OcdsPublication = { publisher: null, license: null, uri: null, source: path };
  const scan = scanJsonArrays(path, { arrays: ["releases", "records"], unlessAfter: ["ocid"], progress, onMeta: (meta) => Object.assign(publication, publicationOf(meta, path)) });
  let next: IteratorResult<{ array: string; index: number; value: unknown }, Record<string, unknown>>;
  let metaKnown = false;
  try {
    for (next = await scan.next(); !next.done; next = await scan.next()) {
      const v = next.value.value;
      if (!isObj(v)) continue;
      if (!metaKnown && !publication.publisher && !publication.license) {
        // The package's publisher and licence come after its releases in this file: read them first.
        const pass = scanJsonArrays(path, { arrays: ["releases", "records"], unlessAfter: ["ocid"], elements: false });
        let r = await pass.next();
        while (!r.done) r = await pass.next();
        Object.assign(publication, publicationOf(r.value, path));
      }
      metaKnown = true;
      const kind = next.value.array === "records" ? "record" : next.value.array === "releases" ? "release" : kindOf(v);
      yield { kind, value: v, at: next.value.index + 1, publication };
    }
  } catch (err) {
    if (err instanceof JsonScanError) throw new InvalidDataError(`${path}: not valid JSON: ${err.message}`, { cause: err });
    throw err;
  }
  const meta = next.value;
  if ("ocid" in meta) {
    // A lone record (with its compiled release) or a lone release.
    yield { kind: kindOf(meta as Obj), value: meta as Obj, at: 1, publication: { ...publicationOf(meta, path) } };
  }
}
