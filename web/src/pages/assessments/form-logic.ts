// The logic of the step-by-step form, kept out of the components so it can be tested on its own:
// which step to open (resume), how what a person types becomes an answer the API accepts, what
// is still unsaved after a save, and which question each of the API's complaints is about.
import type { AnswerValue, Answers, Draft, Section } from "./types";

/** As the server counts it: no value, an empty text or "unknown" is unanswered. */
export function isUnanswered(value: AnswerValue | null | undefined): boolean {
  return value === undefined || value === null || value === "" || value === "unknown";
}

/** The value a question shows: the unsaved edit if there is one, else the saved answer. */
export function currentValue(saved: Answers, draft: Draft, id: string): AnswerValue | undefined {
  if (Object.hasOwn(draft, id)) return draft[id] ?? undefined;
  return saved[id];
}

/** The 0-based step (section) holding a question, or -1. */
export function stepOfQuestion(sections: readonly Section[], id: string): number {
  return sections.findIndex((s) => s.questions.some((q) => q.id === id));
}

/**
 * The step to open: the one the URL names (`?step=3`, 1-based) when it exists, else the first step
 * with an unanswered question, else the last step (everything answered: ready to finish).
 * @example resumeStep(sections, ["storage.location"], null) // 2 (the third section)
 */
export function resumeStep(sections: readonly Section[], unanswered: readonly string[], stepParam: string | null): number {
  if (stepParam !== null && /^\d+$/.test(stepParam)) {
    const n = Number(stepParam);
    if (n >= 1 && n <= sections.length) return n - 1;
  }
  const pending = new Set(unanswered);
  const first = sections.findIndex((s) => s.questions.some((q) => pending.has(q.id)));
  return first === -1 ? Math.max(0, sections.length - 1) : first;
}

/** How many questions of a section have an answer (saved or being edited). */
export function sectionProgress(section: Section, saved: Answers, draft: Draft): { answered: number; total: number } {
  const answered = section.questions.filter((q) => !isUnanswered(currentValue(saved, draft, q.id))).length;
  return { answered, total: section.questions.length };
}

/**
 * A multi-choice answer from the boxes ticked: nothing ticked is unanswered (null clears it),
 * "none of these" is the empty list (an answer: no option applies).
 */
export function multiValue(selected: readonly string[], noneOfThese: boolean, order: readonly string[]): AnswerValue | null {
  if (noneOfThese) return [];
  if (selected.length === 0) return null;
  // Questionnaire order, each once: the saved answer does not change when boxes are ticked in another order.
  return order.filter((id) => selected.includes(id));
}

/** Toggles one option of a multi-choice answer. */
export function toggleMulti(value: AnswerValue | undefined, option: string, on: boolean, order: readonly string[]): AnswerValue | null {
  const selected = Array.isArray(value) ? value.filter((v) => v !== option) : [];
  return multiValue(on ? [...selected, option] : selected, false, order);
}

export type Parsed = { ok: true; value: AnswerValue | null } | { ok: false; problem: "number" | "country" };

/**
 * A number as typed: empty clears the answer; a decimal comma is accepted (es, pt). Range checks
 * are the API's (its message is shown beside the question).
 * @example parseNumberInput("2,5") // { ok: true, value: 2.5 }
 */
export function parseNumberInput(raw: string): Parsed {
  const text = raw.trim().replace(/\s/g, "");
  if (text === "") return { ok: true, value: null };
  if (!/^-?\d+([.,]\d+)?$/.test(text)) return { ok: false, problem: "number" };
  return { ok: true, value: Number(text.replace(",", ".")) };
}

/** A country as typed: two letters (any case) become the ISO code; empty clears. */
export function parseCountryInput(raw: string): Parsed {
  const text = raw.trim().toUpperCase();
  if (text === "") return { ok: true, value: null };
  return /^[A-Z]{2}$/.test(text) ? { ok: true, value: text } : { ok: false, problem: "country" };
}

/** A text answer: blank clears it. */
export function textValue(raw: string): AnswerValue | null {
  return raw.trim() === "" ? null : raw;
}

/**
 * What is still unsaved once a save of `sent` succeeded: edits made while the request was under way
 * (a different value for the same question, or other questions) stay in the draft.
 */
export function pendingAfterSave(draft: Draft, sent: Draft): Draft {
  const out: Draft = {};
  for (const [id, value] of Object.entries(draft)) {
    if (Object.hasOwn(sent, id) && sameValue(sent[id] ?? null, value)) continue;
    out[id] = value;
  }
  return out;
}

function sameValue(a: AnswerValue | null, b: AnswerValue | null): boolean {
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((v, i) => v === b[i]);
  return a === b;
}

/**
 * The API's `invalid_answers` message split by question: "answers: question a.b: problem; question
 * c.d: problem" → { "a.b": "problem", "c.d": "problem" }. Anything not about a question is under "".
 */
export function answerIssues(message: string): Record<string, string> {
  const body = message.replace(/^[^:]*?:\s*(?=question )/, "");
  const out: Record<string, string> = {};
  const re = /(?:^|;\s)question\s+(\S+?):\s([\s\S]*?)(?=;\squestion\s+\S+?:\s|$)/g;
  let matched = false;
  for (const m of body.matchAll(re)) {
    matched = true;
    const id = m[1] as string;
    const text = (m[2] as string).trim();
    out[id] = out[id] ? `${out[id]}; ${text}` : text;
  }
  if (!matched) out[""] = message;
  return out;
}

/** Issues about questions the form does not show (e.g. "(all)") gathered as one general message. */
export function splitIssues(issues: Record<string, string>, known: ReadonlySet<string>): { byQuestion: Record<string, string>; general: string | null } {
  const byQuestion: Record<string, string> = {};
  const general: string[] = [];
  for (const [id, text] of Object.entries(issues)) {
    if (known.has(id)) byQuestion[id] = text;
    else general.push(id ? `${id}: ${text}` : text);
  }
  return { byQuestion, general: general.length ? general.join("; ") : null };
}

/** Only http(s) addresses become links (a knowledge-base or source URL could be anything). */
export function safeHref(url: string | null | undefined): string | null {
  return url && /^https?:\/\//i.test(url) ? url : null;
}
