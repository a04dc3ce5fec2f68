// Documents: the sources every claim cites. Queries only; rows become Citations at this edge.
import { sql } from "kysely";
import type { Citation } from "../domain/project.js";
import type { Executor } from "./executor.js";
import { dialectOf } from "./dialect.js";
import { ftsMatch, tsQuery } from "./fts-match.js";
import { nowIso } from "./executor.js";

export interface DocumentInput {
  id: string;
  sha256: string | null;
  url: string | null;
  path: string | null;
  title: string | null;
  authors: string[];
  publisher: string | null;
  published: string | null;
  language: string | null;
  readAs: string | null;
  citation: string;
  text: string | null;
  origin: string;
  /** The source's own licence (imported records). */
  license?: string | null;
  /** How it was read, for documents ingested from bytes. */
  reading?: { bytes: number; encoding: string | null; pageStarts: number[] | null; ocr: boolean; extractorVersion: string };
}

/** Inserts a document, or updates it when one with the same id is stored. */
export async function upsertDocument(db: Executor, doc: DocumentInput): Promise<void> {
  const row = {
    id: doc.id,
    sha256: doc.sha256,
    url: doc.url,
    path: doc.path,
    title: doc.title,
    authors: JSON.stringify(doc.authors),
    publisher: doc.publisher,
    published: doc.published,
    language: doc.language,
    read_as: doc.readAs,
    citation: doc.citation,
    text: doc.text,
    origin: doc.origin,
    ...(doc.license !== undefined ? { license: doc.license } : {}),
    ...(doc.reading
      ? {
          bytes: doc.reading.bytes,
          encoding: doc.reading.encoding,
          page_starts: doc.reading.pageStarts ? JSON.stringify(doc.reading.pageStarts) : null,
          ocr: doc.reading.ocr ? 1 : 0,
          extractor_version: doc.reading.extractorVersion,
        }
      : {}),
  };
  const { id: _id, ...update } = row;
  await db
    .insertInto("documents")
    .values({ ...row, created_at: nowIso() })
    .onConflict((oc) => oc.column("id").doUpdateSet(update))
    .execute();
}

/** Citations of the given documents, by id. */
export async function citationsOf(db: Executor, ids: readonly string[]): Promise<Map<string, Citation>> {
  const out = new Map<string, Citation>();
  if (ids.length === 0) return out;
  const rows = await db
    .selectFrom("documents")
    .select(["id", "title", "authors", "publisher", "published", "url", "citation", "license"])
    .where("id", "in", [...new Set(ids)])
    .execute();
  for (const r of rows) {
    out.set(r.id, {
      documentId: r.id,
      title: r.title,
      authors: JSON.parse(r.authors) as string[],
      publisher: r.publisher,
      published: r.published,
      url: r.url,
      citation: r.citation,
      ...(r.license ? { license: r.license } : {}),
    });
  }
  return out;
}

export async function countDocuments(db: Executor): Promise<number> {
  const r = await db.selectFrom("documents").select((eb) => eb.fn.countAll<number>().as("n")).executeTakeFirstOrThrow();
  return Number(r.n);
}

export async function documentById(db: Executor, id: string) {
  return db
    .selectFrom("documents")
    .select(["id", "title", "authors", "publisher", "published", "url", "citation", "language", "read_as", "page_starts", "ocr", "text", "origin", "license"])
    .where("id", "=", id)
    .executeTakeFirst();
}

/** Documents whose title or text match all the terms (each any of its alternatives), with a snippet. */
export async function searchDocuments(db: Executor, terms: readonly (readonly string[])[], limit: number) {
  const match = ftsMatch(terms);
  if (!match) return [];
  if (dialectOf(db) === "postgres") {
    // ts_headline marks the words as snippet() does; ranked by ts_rank over the same words.
    const query = tsQuery(terms);
    const found = await sql<{ id: string; title: string | null; published: string | null; snippet: string }>`
      select d.id, d.title, d.published,
        ts_headline('simple', coalesce(nullif(d.text, ''), d.title, ''), ${query},
          'StartSel=«, StopSel=», FragmentDelimiter=…, MaxFragments=1, MaxWords=24, MinWords=8') as snippet
      from documents d
      where d.tsv @@ ${query} order by ts_rank(d.tsv, ${query}) desc, d.id limit ${limit}`.execute(db);
    return found.rows;
  }
  const rows = await sql<{ id: string; title: string | null; published: string | null; snippet: string }>`
    select d.id, d.title, d.published,
      -- A cited source never read has no text: its snippet comes from the title it matched on.
      coalesce(snippet(documents_fts, 1, '«', '»', '…', 24), snippet(documents_fts, 0, '«', '»', '…', 24), '') as snippet
    from documents_fts join documents d on d.rowid = documents_fts.rowid
    where documents_fts match ${match} order by rank limit ${limit}`.execute(db);
  return rows.rows;
}
