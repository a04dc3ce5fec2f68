import { describe, expect, it } from "vitest";
import { projectTimeline } from "./timeline";

describe("project timeline", () => {
  it("orders the deal year, sources and review oldest first", () => {
    const events = projectTimeline({
      year: 2019,
      status: "in_progress",
      claims: { status: [{ value: "in_progress", shown: true, sources: 1, reviewed: true, evidence: [] }, { value: "signed", shown: false, sources: 1, reviewed: true, evidence: [] }] },
      sources: [
        { documentId: "b", title: "B", authors: [], publisher: null, published: "2021-01", url: null, citation: "B." },
        { documentId: "a", title: "A", authors: [], publisher: null, published: "2019-07-05", url: null, citation: "A." },
        { documentId: "c", title: "C", authors: [], publisher: null, published: null, url: null, citation: "C." },
      ],
      review: { state: "verified", by: "x", at: "2026-11-25T10:00:00Z" },
    });
    expect(events.map((e) => [e.date, e.kind, e.detail])).toEqual([
      ["2019", "deal", "in_progress / signed"],
      ["2019-07-05", "source", "a"],
      ["2021-01", "source", "b"],
      ["2026-11-25", "review", "verified"],
    ]);
  });
});
