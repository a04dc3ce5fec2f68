import { describe, expect, it } from "vitest";
import { mentionSpans, segments } from "./highlight";

describe("highlight segments", () => {
  it("covers the whole text with plain and marked runs", () => {
    const s = segments("ZTE signed in Jujuy.", [{ start: 0, end: 3, kind: "organization" }, { start: 14, end: 19, kind: "place" }]);
    expect(s.map((x) => [x.text, x.primary])).toEqual([["ZTE", "organization"], [" signed in ", null], ["Jujuy", "place"], [".", null]]);
    expect(s.map((x) => x.text).join("")).toBe("ZTE signed in Jujuy.");
  });

  it("splits overlapping spans and keeps every kind, coloured by the strongest", () => {
    const s = segments("In La Paz today", [
      { start: 0, end: 15, kind: "deal", projectId: "p1" },
      { start: 3, end: 9, kind: "place", projectId: "p1" },
      { start: 3, end: 9, kind: "place", projectId: "p1" },
    ]);
    expect(s.map((x) => [x.text, x.kinds])).toEqual([["In ", ["deal"]], ["La Paz", ["place", "deal"]], [" today", ["deal"]]]);
    expect(s[1]?.primary).toBe("place");
    expect(s[1]?.projectIds).toEqual(["p1"]);
  });

  it("ignores empty and out-of-range spans and cuts those running past the end", () => {
    const s = segments("abc", [{ start: 2, end: 2, kind: "date" }, { start: 9, end: 12, kind: "date" }, { start: 1, end: 99, kind: "amount" }]);
    expect(s.map((x) => [x.text, x.primary])).toEqual([["a", null], ["bc", "amount"]]);
  });

  it("turns a document's mentions into spans of each kind", () => {
    const spans = mentionSpans([{ projectId: "p", evidence: { start: 0, end: 40 }, fields: { amount: { start: 5, end: 10 }, category: { start: 12, end: 20 }, year: { start: 1, end: 4 } }, parties: [{ start: 30, end: 36, name: "Huawei" }] }]);
    expect(spans.map((s) => s.kind)).toEqual(["deal", "amount", "date", "organization"]);
  });

  it("keeps markup in the text as characters (rendering never parses it)", () => {
    const s = segments("<script>alert(1)</script>", []);
    expect(s[0]?.text).toBe("<script>alert(1)</script>");
  });
});
