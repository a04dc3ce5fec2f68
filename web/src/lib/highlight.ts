// Cuts a document's text into segments at every mention span's edges, so overlapping mentions
// (a city that is also the subdivision, a vendor that is also a party) render as plain text runs
// each carrying every kind that covers it — never as HTML.
export const HIGHLIGHT_KINDS = ["organization", "amount", "date", "place", "quantity", "deal"] as const;
export type HighlightKind = (typeof HIGHLIGHT_KINDS)[number];

export interface Span {
  start: number;
  end: number;
  kind: HighlightKind;
  /** The project the mention was joined to, for the link. */
  projectId?: string | null;
  label?: string;
}

export interface Segment {
  start: number;
  end: number;
  text: string;
  kinds: HighlightKind[];
  /** The kind the segment is coloured by: the first of HIGHLIGHT_KINDS among `kinds`. */
  primary: HighlightKind | null;
  projectIds: string[];
  labels: string[];
}

/**
 * Splits `text` into consecutive segments covering it entirely; spans outside the text or empty
 * are ignored, spans running past the end are cut.
 * @example segments("ZTE in Jujuy", [{ start: 0, end: 3, kind: "organization" }]).map((s) => s.text) // ["ZTE", " in Jujuy"]
 */
export function segments(text: string, spans: readonly Span[]): Segment[] {
  const valid = spans
    .map((s) => ({ ...s, start: Math.max(0, s.start), end: Math.min(text.length, s.end) }))
    .filter((s) => Number.isInteger(s.start) && Number.isInteger(s.end) && s.end > s.start);
  const cuts = new Set<number>([0, text.length]);
  for (const s of valid) {
    cuts.add(s.start);
    cuts.add(s.end);
  }
  const points = [...cuts].sort((a, b) => a - b);
  const out: Segment[] = [];
  for (let i = 0; i + 1 < points.length; i++) {
    const start = points[i] as number;
    const end = points[i + 1] as number;
    const covering = valid.filter((s) => s.start <= start && s.end >= end);
    const kinds = HIGHLIGHT_KINDS.filter((k) => covering.some((s) => s.kind === k));
    const seg: Segment = {
      start,
      end,
      text: text.slice(start, end),
      kinds,
      primary: kinds[0] ?? null,
      projectIds: [...new Set(covering.map((s) => s.projectId).filter((p): p is string => !!p))],
      labels: [...new Set(covering.map((s) => s.label).filter((l): l is string => !!l))],
    };
    // Neighbours with the same marks merge, so the DOM stays small on long documents.
    const prev = out[out.length - 1];
    if (prev && sameMarks(prev, seg)) {
      prev.end = end;
      prev.text += seg.text;
    } else out.push(seg);
  }
  return out;
}

function sameMarks(a: Segment, b: Segment): boolean {
  return a.kinds.join() === b.kinds.join() && a.projectIds.join() === b.projectIds.join() && a.labels.join() === b.labels.join();
}

/** Which highlight kind each extracted field is. */
export const FIELD_KIND: Record<string, HighlightKind> = {
  vendors: "organization", financiers: "organization", buyer: "organization", parties: "organization",
  country: "place", subdivision: "place", city: "place",
  amount: "amount", year: "date", quantity: "quantity",
};

interface MentionLike {
  projectId: string | null;
  evidence: { start: number; end: number };
  fields: Record<string, { start: number; end: number }>;
  parties: { start: number; end: number; name: string }[];
}

/** The spans of a document's mentions: the deal sentence, each field read and each party. */
export function mentionSpans(mentions: readonly MentionLike[]): Span[] {
  const out: Span[] = [];
  for (const m of mentions) {
    out.push({ start: m.evidence.start, end: m.evidence.end, kind: "deal", projectId: m.projectId });
    for (const [field, span] of Object.entries(m.fields)) {
      // Category and mechanism spans are trigger words, not entities: the deal mark covers them.
      const kind = FIELD_KIND[field];
      if (kind) out.push({ start: span.start, end: span.end, kind, projectId: m.projectId });
    }
    for (const p of m.parties) out.push({ start: p.start, end: p.end, kind: "organization", projectId: m.projectId, label: p.name });
  }
  return out;
}
