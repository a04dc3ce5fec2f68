// OCDS merging: the releases of one contracting process (one ocid) folded, oldest first, into the
// process as it stands now — the standard's "compiled release". Objects merge key by key, arrays
// of objects with an `id` merge element by element, other arrays and values are replaced, and
// `null` removes a value (OCDS 1.1, "Merging": https://standard.open-contracting.org/1.1/en/schema/merging/).
export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type JsonObject = { [key: string]: Json };

const isObject = (v: unknown): v is JsonObject => typeof v === "object" && v !== null && !Array.isArray(v);

function mergeArrays(prior: Json[], next: Json[]): Json[] {
  const identified = next.every((x) => isObject(x) && x.id !== undefined && x.id !== null);
  if (!identified || !prior.every(isObject)) return next;
  const out = [...prior] as JsonObject[];
  for (const item of next as JsonObject[]) {
    const at = out.findIndex((p) => String(p.id) === String(item.id));
    if (at >= 0) out[at] = mergeObjects(out[at] as JsonObject, item);
    else out.push(item);
  }
  return out;
}

function mergeObjects(prior: JsonObject, next: JsonObject): JsonObject {
  const out: JsonObject = { ...prior };
  for (const [key, value] of Object.entries(next)) {
    const before = out[key];
    if (value === null) delete out[key];
    else if (isObject(value) && isObject(before)) out[key] = mergeObjects(before, value);
    else if (Array.isArray(value) && Array.isArray(before)) out[key] = mergeArrays(before, value);
    else out[key] = value;
  }
  return out;
}

/**
 * Folds a later release into the compiled release so far (either may be null).
 * @example mergeRelease(tenderRelease, awardRelease).awards // the award, with the tender kept
 */
export function mergeRelease(prior: JsonObject | null, next: JsonObject): JsonObject {
  if (!prior) return next;
  // Releases arrive in any order in a package: the later one (by date) wins where they differ.
  const [older, newer] = String(prior.date ?? "") > String(next.date ?? "") ? [next, prior] : [prior, next];
  const merged = mergeObjects(older, newer);
  merged.tag = ["compiled"];
  return merged;
}
