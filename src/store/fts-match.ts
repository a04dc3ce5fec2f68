// Search terms (each with its alternatives) as an FTS5 match expression, shared by the project and
// document indexes: every term must match (explicit AND — FTS5 refuses an implicit one next to a
// parenthesised group), any alternative will do, and each is quoted so input never breaks the syntax.
// PostgreSQL gets the same rules as a tsquery.
import { type RawBuilder, sql } from "kysely";

/** "" when there are no terms. */
export function ftsMatch(terms: readonly (readonly string[])[]): string {
  const quote = (t: string) => `"${t.replace(/"/g, "")}"`;
  return terms
    .filter((alts) => alts.length)
    .map((alts) => (alts.length === 1 ? quote(alts[0] as string) : `(${alts.map(quote).join(" OR ")})`))
    .join(" AND ");
}

/**
 * The same terms as a PostgreSQL tsquery over the 'simple' configuration, folded as the indexed
 * words are (dsr_fold: lower case, no accents): every term must match, any alternative will do,
 * and an alternative of several words matches them as a phrase.
 */
export function tsQuery(terms: readonly (readonly string[])[]): RawBuilder<unknown> {
  const parts = terms
    .filter((alts) => alts.length)
    .map((alts) => sql`(${sql.join(alts.map((a) => sql`phraseto_tsquery('simple', dsr_fold(cast(${a} as text)))`), sql` || `)})`);
  return parts.length ? sql`(${sql.join(parts, sql` && `)})` : sql`''::tsquery`;
}

/** The match over titles and bodies only, so ids are never matched. */
export function projectsFtsQuery(terms: readonly (readonly string[])[]): string {
  const match = ftsMatch(terms);
  return match ? `{title body} : (${match})` : '""';
}

/**
 * The FTS5 match that narrows projects_fts to a project's row, or null: the rarest word of the id
 * finds it, an exact id check does the rest. Matching the whole id as a phrase read the list of the
 * word "p", which every machine-made id ("p-01…") has: a cost that grew with the projects.
 */
export function searchRowMatch(projectId: string): string | null {
  const terms = projectId.match(/[\p{L}\p{N}]+/gu) ?? [];
  if (!terms.length) return null;
  const rarest = terms.reduce((a, b) => (b.length > a.length ? b : a));
  return `project_id : "${rarest}"`;
}
