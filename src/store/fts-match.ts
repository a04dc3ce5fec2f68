// Search terms (each with its alternatives) as an FTS5 match expression, shared by the project and
// document indexes: every term must match (explicit AND — FTS5 refuses an implicit one next to a
// parenthesised group), any alternative will do, and each is quoted so input never breaks the syntax.

/** "" when there are no terms. */
export function ftsMatch(terms: readonly (readonly string[])[]): string {
  const quote = (t: string) => `"${t.replace(/"/g, "")}"`;
  return terms
    .filter((alts) => alts.length)
    .map((alts) => (alts.length === 1 ? quote(alts[0] as string) : `(${alts.map(quote).join(" OR ")})`))
    .join(" AND ");
}
