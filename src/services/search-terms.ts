// Free text → search terms with their alternatives from data/search-synonyms.json, so that a
// search in one language finds sources in the others ("cámaras" finds "câmeras" and "cameras").
import { z } from "zod";
import { foldKey } from "../domain/text.js";
import { dataFile } from "../extract/data-file.js";

const SynonymsFile = z.object({ about: z.string(), sets: z.array(z.array(z.string().min(1)).min(2)) });

let index: Map<string, string[]> | undefined;

function synonyms(): Map<string, string[]> {
  if (index) return index;
  index = new Map();
  for (const set of dataFile("search-synonyms.json", SynonymsFile).sets) {
    const forms = [...new Set(set.map(foldKey))];
    for (const f of forms) index.set(f, [...new Set([...(index.get(f) ?? []), ...forms])]);
  }
  return index;
}

/** At most this many words of a query are used: longer input is not a search. */
const MAX_TERMS = 12;

/**
 * @example searchTerms("Cámaras Huawei") // [["camaras", "camera", "cameras", …], ["huawei"]]
 */
export function searchTerms(text: string): string[][] {
  const words = foldKey(text.slice(0, 1000)).split(" ").filter(Boolean).slice(0, MAX_TERMS);
  return words.map((w) => {
    const alts = synonyms().get(w);
    return alts ? [w, ...alts.filter((a) => a !== w)] : [w];
  });
}
