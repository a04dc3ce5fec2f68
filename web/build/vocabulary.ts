// Build-time labels of the controlled vocabularies (categories, mechanisms, statuses, roles…) in
// en/es/pt, taken from data/vocabularies.json so the web app and the data never disagree.
import { readFileSync } from "node:fs";

export type Lang = "en" | "es" | "pt";
export type VocabularyLabels = Record<string, Record<string, Record<Lang, string>>>;

interface VocabularyFile {
  [list: string]: unknown;
}

/** `{ categories: { surveillance: { en, es, pt } }, … }`: labels only, without the trigger terms. */
export function vocabularyLabels(file: string): VocabularyLabels {
  const json = JSON.parse(readFileSync(file, "utf8")) as VocabularyFile;
  const out: VocabularyLabels = {};
  for (const [list, items] of Object.entries(json)) {
    if (!Array.isArray(items)) continue;
    const labels: Record<string, Record<Lang, string>> = {};
    for (const item of items as { id?: string; labels?: Record<Lang, string> }[]) {
      if (item.id && item.labels) labels[item.id] = item.labels;
    }
    out[list] = labels;
  }
  return out;
}
