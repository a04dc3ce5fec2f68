// The impact-assessment questionnaire as data: sections of questions, the risks they raise and the
// measures that lower them (in the spirit of the CNIL PIA method and ISO/IEC 29134). The file in
// data/assess/ carries a `version`; an assessment records the version it was answered against, so a
// report can always say which rules produced it. One zod schema gives the file's validation and
// the types the scoring, the API and the report use.
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { z } from "zod";
import { InvalidDataError } from "../domain/errors.js";

/** data/assess/ shipped with the package (resolves from src/ under tsx and from dist/). */
export const DEFAULT_ASSESS_DIR = fileURLToPath(new URL("../../data/assess/", import.meta.url));

const Id = z.string().regex(/^[a-z][a-z0-9_]*(\.[a-z0-9_]+)*$/, "a dotted snake_case id such as data.categories");

export const Option = z.object({ id: z.string().regex(/^[a-z0-9_]+$/), label: z.string().min(1) });
export type Option = z.infer<typeof Option>;

/**
 * Question kinds. `control` questions ask whether a measure exists; their answers are fixed:
 * in_place (counts for the initial risk), planned (counts only for the residual risk), none, unknown.
 */
export const QUESTION_TYPES = ["single", "multi", "boolean", "text", "number", "country", "control"] as const;
export const CONTROL_OPTIONS: readonly Option[] = [
  { id: "in_place", label: "In place" },
  { id: "planned", label: "Planned" },
  { id: "none", label: "No" },
  { id: "unknown", label: "Don't know" },
];

export const Question = z
  .object({
    id: Id,
    type: z.enum(QUESTION_TYPES),
    text: z.string().min(1),
    help: z.string().optional(),
    options: z.array(Option).optional(),
    /** For numbers: the accepted range. */
    min: z.number().optional(),
    max: z.number().optional(),
  })
  .superRefine((q, ctx) => {
    const needsOptions = q.type === "single" || q.type === "multi";
    if (needsOptions && !q.options?.length) ctx.addIssue({ code: "custom", path: ["options"], message: `a ${q.type} question needs options` });
    if (!needsOptions && q.options) ctx.addIssue({ code: "custom", path: ["options"], message: `a ${q.type} question takes no options` });
  });
export type Question = z.infer<typeof Question>;

export const Section = z.object({ id: z.string().regex(/^[a-z_]+$/), title: z.string().min(1), description: z.string().optional(), questions: z.array(Question).min(1) });
export type Section = z.infer<typeof Section>;

/**
 * A condition over answers and derived facts. A leaf names a question (or a derived fact) and
 * what makes it true: `in` (the answer, or for multi questions any selected option, is one of
 * these), `gte`/`lt` for numbers. `unanswered: true` makes it true when the question has no
 * answer or "unknown" — the assessor's not knowing is itself a risk. `all`/`any` combine.
 */
export type Condition =
  | { q: string; in?: (string | boolean)[] | undefined; gte?: number | undefined; lt?: number | undefined; unanswered?: boolean | undefined }
  | { all: Condition[] }
  | { any: Condition[] };

export const Condition: z.ZodType<Condition> = z.lazy(() =>
  z.union([
    z.object({ all: z.array(Condition).min(1) }).strict(),
    z.object({ any: z.array(Condition).min(1) }).strict(),
    z
      .object({
        q: z.string().min(1),
        in: z.array(z.union([z.string(), z.boolean()])).min(1).optional(),
        gte: z.number().optional(),
        lt: z.number().optional(),
        unanswered: z.boolean().optional(),
      })
      .strict()
      .refine((c) => c.in !== undefined || c.gte !== undefined || c.lt !== undefined || c.unanswered !== undefined, "a condition needs in, gte, lt or unanswered"),
  ]),
);

const Step = z.number().int().min(-3).max(3);

/** An answer pattern that makes a risk likelier or graver, with the reason the report prints. */
export const Raiser = z.object({ when: Condition, likelihood: Step.default(0), severity: Step.default(0), why: z.string().min(1) });
export type Raiser = z.infer<typeof Raiser>;

/** A measure: a control question whose answer in_place lowers the initial risk and planned the residual one. */
export const Measure = z.object({ control: Id, likelihood: Step.max(0).default(0), severity: Step.max(0).default(0), label: z.string().min(1) });
export type Measure = z.infer<typeof Measure>;

export const Level = z.number().int().min(1).max(4);

export const Risk = z.object({
  id: z.string().regex(/^[a-z_]+$/),
  title: z.string().min(1),
  description: z.string().min(1),
  /** Likelihood and severity before any answer, on the CNIL 1–4 scales. */
  base: z.object({ likelihood: Level, severity: Level }),
  raisedBy: z.array(Raiser),
  measures: z.array(Measure),
});
export type Risk = z.infer<typeof Risk>;

/** A fact computed from answers (and from the law and jurisdiction knowledge bases, see scoring.ts). */
export const Derived = z.object({ id: z.string().regex(/^derived\.[a-z_]+$/), description: z.string(), when: Condition });

/** A legal point the report raises when its condition holds; `{law.…}` placeholders are filled from the country's entry. */
export const LegalCheck = z.object({ id: z.string().regex(/^[a-z_]+$/), when: Condition, text: z.string().min(1) });
export type LegalCheck = z.infer<typeof LegalCheck>;

/** How a project in the database answers questions: by category, by its procurement route, by words in its evidence. */
export const PrefillRules = z.object({
  byCategory: z.record(z.string(), z.record(z.string(), z.unknown())),
  byRoute: z.record(z.string(), z.record(z.string(), z.unknown())),
  byMechanism: z.record(z.string(), z.record(z.string(), z.unknown())),
  /** When any term occurs (case- and accent-insensitively) in the project's evidence, add `value` to the multi question `q`. */
  byTerms: z.array(z.object({ terms: z.array(z.string().min(2)).min(1), q: Id, add: z.string() })),
});
export type PrefillRules = z.infer<typeof PrefillRules>;

export const QuestionnaireFile = z.object({
  version: z.string().regex(/^\d+\.\d+\.\d+$/, "a semantic version such as 1.0.0"),
  title: z.string(),
  method: z.string(),
  /** How likelihood × severity map to a zone, for the report's words. */
  scales: z.object({ likelihood: z.array(z.string()).length(4), severity: z.array(z.string()).length(4) }),
  sections: z.array(Section).min(1),
  derived: z.array(Derived),
  risks: z.array(Risk).min(1),
  legalChecks: z.array(LegalCheck),
  prefill: PrefillRules,
});
export type Questionnaire = z.infer<typeof QuestionnaireFile>;

/** Every question by id, in questionnaire order. */
export function questionIndex(q: Questionnaire): Map<string, Question> {
  const out = new Map<string, Question>();
  for (const s of q.sections) for (const question of s.questions) out.set(question.id, question);
  return out;
}

/** The options a question accepts (control questions share CONTROL_OPTIONS). */
export function optionsOf(question: Question): readonly Option[] {
  return question.type === "control" ? CONTROL_OPTIONS : (question.options ?? []);
}

function conditionRefs(c: Condition, out: string[]): string[] {
  if ("all" in c) c.all.forEach((x) => conditionRefs(x, out));
  else if ("any" in c) c.any.forEach((x) => conditionRefs(x, out));
  else out.push(c.q);
  return out;
}

/** Checks what zod cannot: every condition, measure and prefill names a real question, option or derived fact. */
export function checkReferences(q: Questionnaire): string[] {
  const problems: string[] = [];
  const questions = questionIndex(q);
  const ids = new Set<string>();
  for (const s of q.sections) for (const question of s.questions) {
    if (ids.has(question.id)) problems.push(`question ${question.id} appears twice`);
    ids.add(question.id);
  }
  // Facts the scoring computes from the knowledge bases (scoring.ts KB_FACTS) plus the file's own.
  const derived = new Set([...KB_FACTS, ...q.derived.map((d) => d.id)]);
  const checkCondition = (c: Condition, where: string) => {
    for (const ref of conditionRefs(c, [])) {
      if (ref.startsWith("derived.")) {
        if (!derived.has(ref)) problems.push(`${where}: unknown derived fact ${ref}`);
        continue;
      }
      if (!questions.has(ref)) problems.push(`${where}: unknown question ${ref}`);
    }
    const leaves: Condition[] = [];
    const walk = (x: Condition) => ("all" in x ? x.all.forEach(walk) : "any" in x ? x.any.forEach(walk) : leaves.push(x));
    walk(c);
    for (const leaf of leaves) {
      if (!("q" in leaf) || !leaf.in) continue;
      const question = questions.get(leaf.q);
      if (!question) continue;
      const known = new Set<string | boolean>(question.type === "boolean" ? [true, false] : optionsOf(question).map((o) => o.id));
      if (question.type === "text" || question.type === "number" || question.type === "country") continue;
      for (const v of leaf.in) if (!known.has(v)) problems.push(`${where}: ${leaf.q} has no option ${String(v)}`);
    }
  };
  for (const d of q.derived) checkCondition(d.when, d.id);
  for (const risk of q.risks) {
    risk.raisedBy.forEach((r, i) => checkCondition(r.when, `risk ${risk.id} raisedBy[${i}]`));
    for (const m of risk.measures) if (questions.get(m.control)?.type !== "control") problems.push(`risk ${risk.id}: measure ${m.control} is not a control question`);
  }
  for (const check of q.legalChecks) checkCondition(check.when, `legal check ${check.id}`);
  for (const rule of q.prefill.byTerms) if (questions.get(rule.q)?.type !== "multi") problems.push(`prefill term rule: ${rule.q} is not a multi question`);
  return problems;
}

/** Facts the scoring derives from the law and jurisdiction knowledge bases rather than from the file. */
export const KB_FACTS = [
  "derived.no_general_law",
  "derived.law_requires_dpia",
  "derived.biometrics_sensitive",
  "derived.vendor_exposure",
] as const;

/**
 * Reads and validates data/assess/questionnaire.json; throws InvalidDataError naming the file and
 * the path of the first problem.
 */
export function readQuestionnaire(dir: string = DEFAULT_ASSESS_DIR): Questionnaire {
  const path = `${dir.replace(/\/$/, "")}/questionnaire.json`;
  const parsed = QuestionnaireFile.safeParse(readJsonFile(path));
  if (!parsed.success) throw new InvalidDataError(`${path}: ${z.prettifyError(parsed.error)}`);
  const problems = checkReferences(parsed.data);
  if (problems.length) throw new InvalidDataError(`${path}: ${problems.join("; ")}`);
  return parsed.data;
}

/** Reads a JSON file; InvalidDataError names the file when it cannot be read or parsed. */
export function readJsonFile(path: string): unknown {
  let raw: string;
  try {
    raw = readFileSync(path, "utf8");
  } catch (err) {
    throw new InvalidDataError(`${path}: cannot be read (${(err as Error).message})`, { cause: err });
  }
  try {
    return JSON.parse(raw);
  } catch (err) {
    throw new InvalidDataError(`${path}: not valid JSON (${(err as Error).message})`, { cause: err });
  }
}
