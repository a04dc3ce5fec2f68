// Footnote numbering for a project page: every quote that supports a field gets one number, in the
// order fields are shown; the same quote backing several fields keeps its first number.
import type { Citation, ClaimValue } from "./api-types";

export interface Note {
  n: number;
  documentId: string;
  quote: string;
  reviewed: boolean;
  /** The source's full citation; null when the project's source list does not carry it. */
  citation: Citation | null;
}

export interface NotedValue {
  value: unknown;
  shown: boolean;
  sources: number;
  reviewed: boolean;
  /** Footnote numbers of this value's quotes, ascending. */
  notes: number[];
}

export interface Footnoted {
  fields: Map<string, NotedValue[]>;
  notes: Note[];
}

/**
 * Numbers the evidence of the given fields in order; fields without claims are skipped.
 * @example numberFootnotes({ year: [...] }, ["vendors", "year"], sources).notes[0].n // 1
 */
export function numberFootnotes(claims: Record<string, ClaimValue[]>, order: readonly string[], citations: readonly Citation[]): Footnoted {
  const byDocument = new Map(citations.map((c) => [c.documentId, c]));
  const numbers = new Map<string, number>();
  const notes: Note[] = [];
  const fields = new Map<string, NotedValue[]>();
  // Fields the page does not name explicitly still get their notes, after the named ones.
  const all = [...order.filter((f) => f in claims), ...Object.keys(claims).filter((f) => !order.includes(f)).sort()];
  for (const field of all) {
    const values = claims[field] ?? [];
    fields.set(
      field,
      values.map((v) => {
        const refs = new Set<number>();
        for (const e of v.evidence) {
          const key = `${e.documentId}\u0000${e.start ?? ""}\u0000${e.end ?? ""}\u0000${e.text}`;
          let n = numbers.get(key);
          if (n === undefined) {
            n = notes.length + 1;
            numbers.set(key, n);
            notes.push({ n, documentId: e.documentId, quote: e.text, reviewed: e.reviewed, citation: byDocument.get(e.documentId) ?? null });
          }
          refs.add(n);
        }
        return { value: v.value, shown: v.shown, sources: v.sources, reviewed: v.reviewed, notes: [...refs].sort((a, b) => a - b) };
      }),
    );
  }
  return { fields, notes };
}
