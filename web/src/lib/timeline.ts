// A project's timeline from what the record holds: the deal year (with every status stated), each
// source's publication and the review decision, oldest first.
import type { ProjectWithRelated } from "./api-types";

export interface TimelineEvent {
  /** "YYYY", "YYYY-MM" or "YYYY-MM-DD". */
  date: string;
  kind: "deal" | "source" | "review";
  /** Status id for deal events, document id for sources, review state for reviews. */
  detail: string;
  title?: string;
}

export function projectTimeline(p: Pick<ProjectWithRelated, "year" | "status" | "claims" | "sources" | "review">): TimelineEvent[] {
  const events: TimelineEvent[] = [];
  if (p.year !== null) {
    const statuses = (p.claims.status ?? []).map((c) => String(c.value));
    events.push({ date: String(p.year), kind: "deal", detail: statuses.length ? statuses.join(" / ") : (p.status ?? "") });
  }
  for (const s of p.sources) if (s.published) events.push({ date: s.published, kind: "source", detail: s.documentId, title: s.title ?? s.citation });
  if (p.review.at && p.review.state !== "candidate") events.push({ date: p.review.at.slice(0, 10), kind: "review", detail: p.review.state });
  // Partial dates sort before full ones of the same period ("2019" before "2019-07-05").
  return events.sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
}
