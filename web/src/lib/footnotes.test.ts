import { describe, expect, it } from "vitest";
import type { Citation, ClaimValue } from "./api-types";
import { groupConflicts } from "./conflicts";
import { numberFootnotes } from "./footnotes";

const cite = (documentId: string, publisher: string): Citation => ({ documentId, title: `T ${documentId}`, authors: [], publisher, published: null, url: null, citation: `${publisher}, T ${documentId}.` });
const ev = (documentId: string, text: string, start = 0) => ({ documentId, text, start, end: start + text.length, reviewed: false });
const claim = (value: unknown, shown: boolean, evidence: ClaimValue["evidence"]): ClaimValue => ({ value, shown, sources: new Set(evidence.map((e) => e.documentId)).size, reviewed: false, evidence });

const q1 = ev("a", "Huawei will install 4,000 cameras in Quito.");
const q2 = ev("b", "The 4,300 cameras were supplied by Huawei.", 50);
const claims = {
  vendors: [claim(["Huawei"], true, [q1, q2])],
  quantity: [claim({ cameras: 4000 }, true, [q1]), claim({ cameras: 4300 }, false, [q2])],
};

describe("footnote numbering", () => {
  it("numbers quotes in the order fields are shown and reuses a number for the same quote", () => {
    const { fields, notes } = numberFootnotes(claims, ["vendors", "quantity"], [cite("a", "Reuters"), cite("b", "El Comercio")]);
    expect(notes.map((n) => [n.n, n.documentId])).toEqual([[1, "a"], [2, "b"]]);
    expect(fields.get("vendors")?.[0]?.notes).toEqual([1, 2]);
    expect(fields.get("quantity")?.map((v) => v.notes)).toEqual([[1], [2]]);
    expect(notes[0]?.citation?.publisher).toBe("Reuters");
  });

  it("keeps the citation null for a source the project does not list", () => {
    const { notes } = numberFootnotes(claims, ["vendors"], []);
    expect(notes[0]?.citation).toBeNull();
  });

  it("puts fields the page did not name after the named ones", () => {
    const { fields } = numberFootnotes(claims, ["quantity"], []);
    expect([...fields.keys()]).toEqual(["quantity", "vendors"]);
  });
});

describe("conflicts", () => {
  const { fields, notes } = numberFootnotes(claims, ["vendors", "quantity"], [cite("a", "Reuters"), cite("b", "El Comercio")]);
  const fmt = (v: unknown) => (typeof v === "object" && v && "cameras" in v ? `${(v as { cameras: number }).cameras} cameras` : String(v));

  it("shows disagreeing values side by side with their sources, the shown one first", () => {
    const entries = groupConflicts(fields.get("quantity") ?? [], fmt, notes);
    expect(entries).toEqual([
      { text: "4000 cameras", shown: true, notes: [1], sources: ["Reuters"] },
      { text: "4300 cameras", shown: false, notes: [2], sources: ["El Comercio"] },
    ]);
  });

  it("reports no conflict when the values read the same", () => {
    expect(groupConflicts(fields.get("vendors") ?? [], fmt, notes)).toEqual([]);
    const same = [{ value: "Jujuy", shown: true, sources: 1, reviewed: false, notes: [1] }, { value: "Jujuy", shown: false, sources: 1, reviewed: false, notes: [2] }];
    expect(groupConflicts(same, String, notes)).toEqual([]);
  });
});
