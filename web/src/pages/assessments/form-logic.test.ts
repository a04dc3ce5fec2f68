import { describe, expect, it } from "vitest";
import {
  answerIssues,
  currentValue,
  isUnanswered,
  multiValue,
  parseCountryInput,
  parseNumberInput,
  pendingAfterSave,
  resumeStep,
  safeHref,
  sectionProgress,
  splitIssues,
  stepOfQuestion,
  textValue,
  toggleMulti,
} from "./form-logic";
import type { Section } from "./types";

const sections: Section[] = [
  { id: "system", title: "The system", questions: [{ id: "system.description", type: "text", text: "Describe" }, { id: "system.scale", type: "single", text: "Scale", options: [{ id: "city", label: "City" }, { id: "national", label: "National" }] }] },
  { id: "data", title: "The data", questions: [{ id: "data.categories", type: "multi", text: "Kinds", options: [{ id: "video", label: "Video" }, { id: "faces", label: "Faces" }, { id: "plates", label: "Plates" }] }] },
  { id: "vendor", title: "Vendor", questions: [{ id: "vendor.home_country", type: "country", text: "Home" }, { id: "vendor.years", type: "number", text: "Years", min: 0, max: 50 }] },
];

describe("resume", () => {
  it("opens the step the URL names when it exists", () => {
    expect(resumeStep(sections, ["system.description"], "3")).toBe(2);
    expect(resumeStep(sections, [], "1")).toBe(0);
  });

  it("falls back to the first step with an unanswered question for a missing or bad step", () => {
    expect(resumeStep(sections, ["data.categories", "vendor.years"], null)).toBe(1);
    expect(resumeStep(sections, ["vendor.years"], "9")).toBe(2);
    expect(resumeStep(sections, ["data.categories"], "0")).toBe(1);
    expect(resumeStep(sections, ["data.categories"], "two")).toBe(1);
  });

  it("opens the last step when everything is answered", () => {
    expect(resumeStep(sections, [], null)).toBe(2);
  });

  it("finds the step of a question", () => {
    expect(stepOfQuestion(sections, "vendor.years")).toBe(2);
    expect(stepOfQuestion(sections, "nope")).toBe(-1);
  });
});

describe("answers", () => {
  it("counts empty text, unknown and cleared answers as unanswered, as the server does", () => {
    expect(isUnanswered(undefined)).toBe(true);
    expect(isUnanswered(null)).toBe(true);
    expect(isUnanswered("")).toBe(true);
    expect(isUnanswered("unknown")).toBe(true);
    expect(isUnanswered([])).toBe(false);
    expect(isUnanswered(false)).toBe(false);
    expect(isUnanswered(0)).toBe(false);
  });

  it("shows an unsaved edit over the saved answer, and a pending clear as unanswered", () => {
    const saved = { "system.scale": "city", "data.categories": ["video"] };
    expect(currentValue(saved, { "system.scale": "national" }, "system.scale")).toBe("national");
    expect(currentValue(saved, { "system.scale": null }, "system.scale")).toBeUndefined();
    expect(currentValue(saved, {}, "data.categories")).toEqual(["video"]);
    expect(sectionProgress(sections[0] as Section, saved, { "system.description": "CCTV" })).toEqual({ answered: 2, total: 2 });
    expect(sectionProgress(sections[0] as Section, saved, { "system.scale": null })).toEqual({ answered: 0, total: 2 });
  });

  it("serialises multi-choices in questionnaire order; none ticked clears, 'none of these' is the empty list", () => {
    const order = ["video", "faces", "plates"];
    expect(multiValue(["plates", "video"], false, order)).toEqual(["video", "plates"]);
    expect(multiValue([], false, order)).toBeNull();
    expect(multiValue(["faces"], true, order)).toEqual([]);
    expect(toggleMulti(undefined, "faces", true, order)).toEqual(["faces"]);
    expect(toggleMulti(["plates"], "video", true, order)).toEqual(["video", "plates"]);
    expect(toggleMulti(["faces"], "faces", false, order)).toBeNull();
    // Ticking an option after "none of these" replaces it.
    expect(toggleMulti([], "video", true, order)).toEqual(["video"]);
  });

  it("reads numbers with a point or a decimal comma; empty clears; words are refused", () => {
    expect(parseNumberInput("12")).toEqual({ ok: true, value: 12 });
    expect(parseNumberInput(" 7,5 ")).toEqual({ ok: true, value: 7.5 });
    expect(parseNumberInput("-3.25")).toEqual({ ok: true, value: -3.25 });
    expect(parseNumberInput("")).toEqual({ ok: true, value: null });
    expect(parseNumberInput("ten")).toEqual({ ok: false, problem: "number" });
    expect(parseNumberInput("1e3")).toEqual({ ok: false, problem: "number" });
    // Range is the API's to check (its message is shown), not the form's.
    expect(parseNumberInput("99")).toEqual({ ok: true, value: 99 });
  });

  it("reads countries as upper-case ISO codes", () => {
    expect(parseCountryInput("cn")).toEqual({ ok: true, value: "CN" });
    expect(parseCountryInput("")).toEqual({ ok: true, value: null });
    expect(parseCountryInput("CHN")).toEqual({ ok: false, problem: "country" });
    expect(parseCountryInput("C1")).toEqual({ ok: false, problem: "country" });
  });

  it("clears blank text", () => {
    expect(textValue("   ")).toBeNull();
    expect(textValue(" CCTV ")).toBe(" CCTV ");
  });
});

describe("saving", () => {
  it("keeps edits made while a save was under way", () => {
    const sent = { a: "x", b: ["1", "2"], c: null };
    const draft = { a: "x", b: ["1", "2", "3"], c: null, d: 4 };
    expect(pendingAfterSave(draft, sent)).toEqual({ b: ["1", "2", "3"], d: 4 });
    expect(pendingAfterSave(sent, sent)).toEqual({});
    expect(pendingAfterSave({ a: ["1"] }, { a: ["1"] })).toEqual({});
  });
});

describe("the API's complaints", () => {
  const message = 'answers: question sustainability.lifespan_years: 99 is above the maximum 50; question system.scale: "huge" is not an option (pilot, city, region, national)';

  it("splits an invalid_answers message by question", () => {
    expect(answerIssues(message)).toEqual({
      "sustainability.lifespan_years": "99 is above the maximum 50",
      "system.scale": '"huge" is not an option (pilot, city, region, national)',
    });
  });

  it("keeps a message that names no question as a general one", () => {
    expect(answerIssues("something else went wrong")).toEqual({ "": "something else went wrong" });
    const { byQuestion, general } = splitIssues(answerIssues("answers: question (all): answers must be a JSON object mapping question ids to values"), new Set(["system.scale"]));
    expect(byQuestion).toEqual({});
    expect(general).toBe("(all): answers must be a JSON object mapping question ids to values");
  });

  it("puts complaints about questions the form shows beside them and the rest above", () => {
    const { byQuestion, general } = splitIssues(answerIssues(message), new Set(["system.scale"]));
    expect(byQuestion).toEqual({ "system.scale": '"huge" is not an option (pilot, city, region, national)' });
    expect(general).toBe("sustainability.lifespan_years: 99 is above the maximum 50");
  });
});

describe("links", () => {
  it("links only http(s) addresses", () => {
    expect(safeHref("https://www.argentina.gob.ar/aaip")).toBe("https://www.argentina.gob.ar/aaip");
    expect(safeHref("javascript:alert(1)")).toBeNull();
    expect(safeHref(null)).toBeNull();
  });
});
