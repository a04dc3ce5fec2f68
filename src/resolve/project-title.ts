// A readable English title for a project a machine started: who, what, how and where, from the
// vocabularies' labels and the country names in data/ ("ZTE surveillance contract in Jujuy, Argentina").
import { dataFile } from "../extract/data-file.js";

interface Labelled {
  id: string;
  labels: Record<string, string>;
}
interface VocabulariesFile {
  categories: Labelled[];
  mechanisms: Labelled[];
}
interface PlacesFile {
  countries: { code: string; names: Record<string, string> }[];
}

let labels: { category: Map<string, string>; mechanism: Map<string, string>; country: Map<string, string> } | undefined;

function lookup() {
  if (labels) return labels;
  const vocab = dataFile<VocabulariesFile>("vocabularies.json");
  const places = dataFile<PlacesFile>("places.json");
  const en = (items: Labelled[]) => new Map(items.map((i) => [i.id, i.labels.en ?? i.id]));
  labels = {
    category: en(vocab.categories),
    mechanism: en(vocab.mechanisms),
    country: new Map(places.countries.map((c) => [c.code, c.names.en ?? c.code])),
  };
  return labels;
}

export interface TitleParts {
  supplier: string | null;
  category: string | null;
  mechanism: string | null;
  country: string | null;
  subdivision: string | null;
  city: string | null;
}

/**
 * @example projectTitle({ supplier: "ZTE", category: "surveillance", mechanism: "contract", country: "AR", subdivision: "Jujuy", city: null })
 * // "ZTE surveillance and public security contract in Jujuy, Argentina"
 */
export function projectTitle(p: TitleParts): string {
  const l = lookup();
  const what = p.category && p.category !== "other" ? (l.category.get(p.category) ?? p.category) : "digital infrastructure";
  const how = p.mechanism ? (l.mechanism.get(p.mechanism) ?? p.mechanism).toLowerCase() : "deal";
  const country = p.country ? (l.country.get(p.country) ?? p.country) : null;
  const where = [p.city, p.subdivision && p.subdivision !== p.city ? p.subdivision : null, country].filter(Boolean).join(", ");
  const head = `${p.supplier ?? "Unnamed supplier"} ${what.charAt(0).toLowerCase()}${what.slice(1)} ${how}`;
  return where ? `${head} in ${where}` : head;
}
