// What a project in the database already answers: its category, procurement route and mechanism
// imply answers (rules in the questionnaire file), its vendor gives the vendor's name and home
// country, and words in its evidence add capabilities ("reconocimiento facial" → face recognition).
// Every prefilled answer carries the reason, so the report can say where it came from.
import { foldKey } from "../domain/text.js";
import type { AnswerValue, Answers } from "./answers.js";
import { answerProblem } from "./answers.js";
import { type Questionnaire, questionIndex } from "./questionnaire.js";

/** The parts of a project prefill reads (a ProjectDetail has them all). */
export interface ProjectFacts {
  id: string;
  title: string;
  category: string | null;
  mechanism: string | null;
  procurementRoute: string | null;
  vendors: readonly string[];
  /** Quotes from the project's evidence, searched for capability words. */
  evidence: readonly string[];
}

export interface Prefill {
  answers: Answers;
  /** Question id → where its answer came from. */
  provenance: Record<string, string>;
}

function containsTerm(folded: string, term: string): boolean {
  return folded.includes(` ${foldKey(term)} `);
}

/**
 * The answers a project implies. Values a rule gives that do not fit the question are skipped (a
 * test keeps the rules valid), so a prefill never produces answers that fail validation.
 * @example prefillFromProject(q, jujuy, "CN").answers["vendor.home_country"] // "CN"
 */
export function prefillFromProject(q: Questionnaire, project: ProjectFacts, vendorHomeCountry: string | null): Prefill {
  const questions = questionIndex(q);
  const answers: Answers = {};
  const provenance: Record<string, string> = {};
  const set = (id: string, value: unknown, why: string) => {
    const question = questions.get(id);
    if (!question || answerProblem(question, value) !== null) return;
    answers[id] = value as AnswerValue;
    provenance[id] = why;
  };
  const add = (id: string, option: string, why: string) => {
    const current = answers[id];
    const list = Array.isArray(current) ? current : [];
    if (list.includes(option)) return;
    const question = questions.get(id);
    if (!question || answerProblem(question, [...list, option]) !== null) return;
    answers[id] = [...list, option];
    provenance[id] = provenance[id] ? `${provenance[id]}; ${why}` : why;
  };
  const apply = (rules: Record<string, unknown> | undefined, why: string) => {
    for (const [id, value] of Object.entries(rules ?? {})) {
      if (Array.isArray(value)) for (const v of value) add(id, String(v), why);
      else set(id, value, why);
    }
  };

  if (project.category) {
    set("system.category", project.category, "project category");
    apply(q.prefill.byCategory[project.category], `project category "${project.category}"`);
  }
  if (project.mechanism) apply(q.prefill.byMechanism[project.mechanism], `project mechanism "${project.mechanism}"`);
  // The route is more specific than the mechanism, so it comes last and wins.
  if (project.procurementRoute) apply(q.prefill.byRoute[project.procurementRoute], `project procurement route "${project.procurementRoute}"`);
  if (project.vendors.length) set("vendor.name", project.vendors.join(", "), "project vendors");
  if (vendorHomeCountry) set("vendor.home_country", vendorHomeCountry, `home country of ${project.vendors[0] ?? "the vendor"} in the organization gazetteer`);

  const folded = ` ${foldKey([project.title, ...project.evidence].join(" \n "))} `;
  for (const rule of q.prefill.byTerms) {
    const term = rule.terms.find((t) => containsTerm(folded, t));
    if (term) add(rule.q, rule.add, `the project's evidence mentions "${term}"`);
  }
  return { answers, provenance };
}
