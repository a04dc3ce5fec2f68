// When sources disagree on a field: the values side by side, each with the sources that state it
// ("4,000 cameras — source A; 4,300 — source B"). Values that read the same are one entry.
import type { Note, NotedValue } from "./footnotes";

export interface ConflictEntry {
  text: string;
  shown: boolean;
  notes: number[];
  /** Short names of the sources stating this value (publisher or title), each once. */
  sources: string[];
}

/** A source's short name for side-by-side lists. */
export function shortSource(note: Note | undefined): string {
  const c = note?.citation;
  if (!c) return note?.documentId ?? "?";
  return c.publisher ?? c.authors[0] ?? c.title ?? c.documentId;
}

/**
 * The values of one field as conflict entries, the shown one first; empty when all agree.
 * @example groupConflicts(values, fmt, notes).map((e) => e.text) // ["4,000 cameras", "4,300 cameras"]
 */
export function groupConflicts(values: readonly NotedValue[], format: (v: unknown) => string, notes: readonly Note[]): ConflictEntry[] {
  const byText = new Map<string, ConflictEntry>();
  for (const v of values) {
    const text = format(v.value);
    const entry = byText.get(text) ?? { text, shown: false, notes: [], sources: [] };
    entry.shown ||= v.shown;
    for (const n of v.notes) if (!entry.notes.includes(n)) entry.notes.push(n);
    byText.set(text, entry);
  }
  const entries = [...byText.values()];
  if (entries.length < 2) return [];
  for (const e of entries) {
    e.notes.sort((a, b) => a - b);
    e.sources = [...new Set(e.notes.map((n) => shortSource(notes[n - 1])))];
  }
  return entries.sort((a, b) => Number(b.shown) - Number(a.shown));
}
