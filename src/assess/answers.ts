// Answers to the questionnaire: a map from question id to a value whose shape the question's type
// fixes. Validation names the question each problem breaks, so an answers file, an API body and
// an interactive prompt all say the same thing ("data.categories: "faces" is not an option …").
import { UsageError } from "../domain/errors.js";
import { type Question, type Questionnaire, optionsOf, questionIndex } from "./questionnaire.js";

export type AnswerValue = string | number | boolean | string[];
/** Question id → value; a missing id (or null in a patch) is unanswered. */
export type Answers = Record<string, AnswerValue>;

export interface AnswerIssue {
  question: string;
  message: string;
}

/** Answers that break the questionnaire; `issues` name each question and what is wrong. */
export class InvalidAnswersError extends UsageError {
  constructor(
    readonly issues: readonly AnswerIssue[],
    where = "answers",
  ) {
    super(`${where}: ${issues.map((i) => `question ${i.question}: ${i.message}`).join("; ")}`);
  }
}

const MAX_TEXT = 4000;
const describe = (v: unknown) => (typeof v === "string" ? `"${v}"` : Array.isArray(v) ? "a list" : v === null ? "null" : typeof v);

/** The problem with one answer to one question, or null when it fits. */
export function answerProblem(question: Question, value: unknown): string | null {
  const options = optionsOf(question);
  const optionList = () => options.map((o) => o.id).join(", ");
  switch (question.type) {
    case "single":
    case "control":
      if (typeof value !== "string") return `expected one option id (${optionList()}), got ${describe(value)}`;
      return options.some((o) => o.id === value) ? null : `"${value}" is not an option (${optionList()})`;
    case "multi": {
      if (!Array.isArray(value)) return `expected a list of option ids (${optionList()}), got ${describe(value)}`;
      for (const v of value) {
        if (typeof v !== "string") return `expected option ids, got ${describe(v)} in the list`;
        if (!options.some((o) => o.id === v)) return `"${v}" is not an option (${optionList()})`;
      }
      return new Set(value).size === value.length ? null : "the list names an option twice";
    }
    case "boolean":
      return typeof value === "boolean" ? null : `expected true or false, got ${describe(value)}`;
    case "text":
      if (typeof value !== "string") return `expected text, got ${describe(value)}`;
      return value.length > MAX_TEXT ? `text longer than ${MAX_TEXT} characters` : null;
    case "number":
      if (typeof value !== "number" || !Number.isFinite(value)) return `expected a number, got ${describe(value)}`;
      if (question.min !== undefined && value < question.min) return `${value} is below the minimum ${question.min}`;
      if (question.max !== undefined && value > question.max) return `${value} is above the maximum ${question.max}`;
      return null;
    case "country":
      return typeof value === "string" && /^[A-Z]{2}$/.test(value) ? null : `expected an ISO 3166-1 alpha-2 code such as CN or US, got ${describe(value)}`;
  }
}

/**
 * Checks an answers object against the questionnaire: unknown question ids and values that do not
 * fit their question are all reported at once. `null` values are allowed when `allowNull` (a patch
 * clearing an answer). Throws InvalidAnswersError; returns the answers typed.
 * @example validateAnswers(q, { "data.categories": ["face_recognition"] }) // ok
 */
export function validateAnswers(q: Questionnaire, input: unknown, options: { allowNull?: boolean; where?: string } = {}): Record<string, AnswerValue | null> {
  const where = options.where ?? "answers";
  if (typeof input !== "object" || input === null || Array.isArray(input)) {
    throw new InvalidAnswersError([{ question: "(all)", message: "answers must be a JSON object mapping question ids to values" }], where);
  }
  const questions = questionIndex(q);
  const issues: AnswerIssue[] = [];
  const out: Record<string, AnswerValue | null> = {};
  for (const [id, value] of Object.entries(input)) {
    const question = questions.get(id);
    if (!question) {
      issues.push({ question: id, message: `no such question in questionnaire ${q.version}` });
      continue;
    }
    if (value === null && options.allowNull) {
      out[id] = null;
      continue;
    }
    const problem = answerProblem(question, value);
    if (problem) issues.push({ question: id, message: problem });
    else out[id] = value as AnswerValue;
  }
  if (issues.length) throw new InvalidAnswersError(issues, where);
  return out;
}

/** Applies a patch: values replace, null clears. */
export function mergeAnswers(current: Answers, patch: Record<string, AnswerValue | null>): Answers {
  const out: Answers = { ...current };
  for (const [id, value] of Object.entries(patch)) {
    if (value === null) delete out[id];
    else out[id] = value;
  }
  return out;
}

/** Whether a question counts as unanswered: no value, an empty text, or "unknown". */
export function isUnanswered(value: AnswerValue | undefined): boolean {
  return value === undefined || value === "" || value === "unknown";
}

/** Question ids with no usable answer, in questionnaire order. */
export function unansweredQuestions(q: Questionnaire, answers: Answers): string[] {
  return [...questionIndex(q).keys()].filter((id) => isUnanswered(answers[id]));
}

/** An answer as words: option labels instead of ids. */
export function answerLabel(question: Question, value: AnswerValue | undefined): string | null {
  if (value === undefined) return null;
  const label = (id: string) => optionsOf(question).find((o) => o.id === id)?.label ?? id;
  if (Array.isArray(value)) return value.length ? value.map(label).join("; ") : "(none selected)";
  if (typeof value === "boolean") return value ? "Yes" : "No";
  if (question.type === "single" || question.type === "control") return label(String(value));
  return String(value);
}
