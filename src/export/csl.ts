// CSL-JSON export: the distinct sources of the matching projects as an array of CSL items, which
// Zotero, Mendeley, Pandoc and citeproc read. Each source once, at the first project citing it.
import type { Writable } from "node:stream";
import type { Citation, ProjectSummary } from "../domain/project.js";
import { type ExportContext, type ExportSource, pump } from "./source.js";

export interface CslItem {
  id: string;
  type: "report" | "article-newspaper" | "webpage" | "document";
  title: string;
  author?: { literal: string }[];
  "container-title"?: string;
  publisher?: string;
  issued?: { "date-parts": number[][] };
  URL?: string;
  note: string;
}

const REPORT = /\b(report|working paper|white paper|policy brief|informe|relat[óo]rio|dissertation|thesis)\b/i;

/**
 * The CSL type from what a citation says: "report" when its title or citation names one or the
 * URL is a PDF, "article-newspaper" when a publisher put it online, "webpage" for a bare URL.
 */
export function cslType(c: Citation): CslItem["type"] {
  if (REPORT.test(`${c.title ?? ""} ${c.citation}`) || /\.pdf($|[?#])/i.test(c.url ?? "")) return "report";
  if (c.url && c.publisher) return "article-newspaper";
  if (c.url) return "webpage";
  return "document";
}

/** "2019-07-05" → [[2019, 7, 5]]; "2024-04" → [[2024, 4]]; anything else → undefined. */
export function dateParts(published: string | null): number[][] | undefined {
  const m = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?/.exec(published ?? "");
  if (!m) return undefined;
  return [[m[1], m[2], m[3]].filter((x): x is string => x !== undefined).map(Number)];
}

/**
 * One CSL item. Authors stay whole (`literal`): splitting "Parsifal D’Sola Alvarado" into
 * given and family names by rule would get Spanish and Portuguese surnames wrong.
 * @example cslItem(citation, project, ctx).type // "report"
 */
export function cslItem(c: Citation, citedBy: ProjectSummary, context: ExportContext): CslItem {
  const type = cslType(c);
  const issued = dateParts(c.published);
  const item: CslItem = {
    id: c.documentId,
    type,
    title: c.title ?? c.citation,
    // A reference manager's "Extra": which record cites it, under which licence, rates named.
    note: `Cited by the Digital Silk Road Observatory record ${citedBy.id} (licence: ${citedBy.license}). Full citation: ${c.citation} Exchange rates in that export: ${context.exchangeRates}.`,
  };
  if (c.authors.length) item.author = c.authors.map((literal) => ({ literal }));
  if (c.publisher) {
    if (type === "report" || type === "document") item.publisher = c.publisher;
    else item["container-title"] = c.publisher;
  }
  if (issued) item.issued = { "date-parts": issued };
  if (c.url) item.URL = c.url;
  return item;
}

async function* chunks(source: ExportSource): AsyncGenerator<string> {
  // Only the ids of sources already written are kept, not the sources.
  const seen = new Set<string>();
  yield "[";
  for await (const p of source.projects("all-sources")) {
    let out = "";
    for (const c of p.sources) {
      if (seen.has(c.documentId)) continue;
      out += `${seen.size === 0 ? "\n" : ",\n"}${JSON.stringify(cslItem(c, p, source.context))}`;
      seen.add(c.documentId);
    }
    if (out) yield out;
  }
  yield "\n]\n";
}

/** Streams the CSL-JSON array to the sink and ends it. */
export async function writeCsl(source: ExportSource, sink: Writable): Promise<void> {
  await pump(chunks(source), sink);
}
