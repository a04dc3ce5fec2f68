// Scoring: a pure function of the answers, the questionnaire and the knowledge bases, so the same
// inputs always give the same risks and a report can be rebuilt at any time. Each risk starts at
// its base likelihood and severity (CNIL 1–4 scales), each matching raiser adds its steps, each
// measure in place subtracts its own (initial risk); measures planned subtract too for the residual
// risk. Values are clamped to 1–4. The rules live in the questionnaire file, not here.
import { type AnswerValue, type Answers, isUnanswered } from "./answers.js";
import { type CountryLaw, type Exposure, type JurisdictionView, type KnowledgeBase, lawOf, vendorJurisdiction } from "./laws.js";
import type { Condition, Questionnaire } from "./questionnaire.js";

/** Facts conditions can read besides answers: derived.* ids → value (undefined when unknown). */
export type Facts = Record<string, AnswerValue | undefined>;

export interface Point {
  likelihood: number;
  severity: number;
  /** high: both ≥ 3 (must be reduced); medium: one ≥ 3; low: neither (CNIL's map in three zones). */
  zone: "high" | "medium" | "low";
}

export interface RiskResult {
  id: string;
  title: string;
  description: string;
  base: { likelihood: number; severity: number };
  initial: Point;
  residual: Point;
  /** The raisers that matched, with the reason each gives. */
  raisedBy: { why: string; likelihood: number; severity: number }[];
  /** Every measure with the state the answers give it. */
  measures: { control: string; label: string; state: "in_place" | "planned" | "none" | "unknown"; likelihood: number; severity: number }[];
}

export interface LegalFinding {
  id: string;
  text: string;
}

export interface Scoring {
  questionnaireVersion: string;
  country: string;
  law: CountryLaw | null;
  vendor: JurisdictionView | null;
  facts: Facts;
  risks: RiskResult[];
  legal: LegalFinding[];
}

export const clamp = (n: number): number => Math.max(1, Math.min(4, n));

export function zoneOf(likelihood: number, severity: number): Point["zone"] {
  if (likelihood >= 3 && severity >= 3) return "high";
  if (likelihood >= 3 || severity >= 3) return "medium";
  return "low";
}

const point = (likelihood: number, severity: number): Point => ({ likelihood: clamp(likelihood), severity: clamp(severity), zone: zoneOf(clamp(likelihood), clamp(severity)) });

/** Whether a condition holds for these answers and facts. */
export function holds(c: Condition, answers: Answers, facts: Facts): boolean {
  if ("all" in c) return c.all.every((x) => holds(x, answers, facts));
  if ("any" in c) return c.any.some((x) => holds(x, answers, facts));
  const value = c.q.startsWith("derived.") ? facts[c.q] : answers[c.q];
  if (c.unanswered && isUnanswered(value)) return true;
  if (value === undefined) return false;
  if (c.in) {
    const wanted = c.in;
    if (Array.isArray(value) ? value.some((v) => wanted.includes(v)) : wanted.includes(value as string | boolean)) return true;
  }
  if (typeof value === "number") {
    if (c.gte !== undefined && value >= c.gte) return true;
    if (c.lt !== undefined && value < c.lt) return true;
  }
  return false;
}

/**
 * The facts the knowledge bases give for a country and the answered vendor home country, then the
 * questionnaire's own derived facts in file order (a later one may read an earlier one).
 */
export function deriveFacts(q: Questionnaire, kb: KnowledgeBase, country: string, answers: Answers): { facts: Facts; law: CountryLaw | null; vendor: JurisdictionView | null } {
  const law = lawOf(kb, country);
  const home = answers["vendor.home_country"];
  const vendor = vendorJurisdiction(kb, typeof home === "string" ? home : null);
  const exposure: Exposure = vendor?.exposure ?? "unknown";
  const facts: Facts = {
    "derived.no_general_law": law ? law.generalLaw === null : undefined,
    "derived.law_requires_dpia": law && law.dpia.required !== "unknown" ? law.dpia.required === "yes" || law.dpia.required === "conditional" : undefined,
    "derived.biometrics_sensitive": law && law.biometrics.sensitive !== "unknown" ? law.biometrics.sensitive === "yes" || law.biometrics.sensitive === "conditional" : undefined,
    "derived.vendor_exposure": exposure,
  };
  for (const d of q.derived) facts[d.id] = holds(d.when, answers, facts);
  return { facts, law, vendor };
}

/** Fills `{law.authority.name}`-style placeholders from a context object; unknown paths read "(not known)". */
export function fillTemplate(text: string, context: Record<string, unknown>): string {
  return text.replace(/\{([a-zA-Z0-9_.]+)\}/g, (_, path: string) => {
    let cur: unknown = context;
    for (const key of path.split(".")) cur = cur !== null && typeof cur === "object" ? (cur as Record<string, unknown>)[key] : undefined;
    return cur === undefined || cur === null || cur === "" ? "(not known)" : String(cur);
  });
}

/**
 * Scores an assessment: every risk with its initial and residual point on the 4×4 map, the reasons
 * and the measures, and the legal findings for the country.
 * @example scoreAssessment(q, kb, "AR", { "data.categories": ["face_recognition"] }).risks[0].initial
 */
export function scoreAssessment(q: Questionnaire, kb: KnowledgeBase, country: string, answers: Answers): Scoring {
  const { facts, law, vendor } = deriveFacts(q, kb, country, answers);
  const risks = q.risks.map((risk): RiskResult => {
    const raisedBy = risk.raisedBy.filter((r) => holds(r.when, answers, facts)).map((r) => ({ why: r.why, likelihood: r.likelihood, severity: r.severity }));
    let l = risk.base.likelihood + raisedBy.reduce((n, r) => n + r.likelihood, 0);
    let s = risk.base.severity + raisedBy.reduce((n, r) => n + r.severity, 0);
    // Raisers are clamped before measures apply: a measure lowers the risk from where it really is
    // (4), not from an unbounded sum that would swallow its effect.
    l = clamp(l);
    s = clamp(s);
    const measures = risk.measures.map((m) => {
      const answer = answers[m.control];
      const state = answer === "in_place" || answer === "planned" || answer === "none" ? answer : "unknown";
      return { control: m.control, label: m.label, state, likelihood: m.likelihood, severity: m.severity } as RiskResult["measures"][number];
    });
    const sum = (states: readonly string[], key: "likelihood" | "severity") => measures.filter((m) => states.includes(m.state)).reduce((n, m) => n + m[key], 0);
    return {
      id: risk.id,
      title: risk.title,
      description: risk.description,
      base: risk.base,
      initial: point(l + sum(["in_place"], "likelihood"), s + sum(["in_place"], "severity")),
      residual: point(l + sum(["in_place", "planned"], "likelihood"), s + sum(["in_place", "planned"], "severity")),
      raisedBy,
      measures,
    };
  });
  const context = { law: law ?? {}, vendor: { name: answers["vendor.name"] ?? null, country: vendor?.country ?? null, jurisdiction: vendor?.name ?? null, exposure: vendor?.exposure ?? "unknown" } };
  const legal = q.legalChecks.filter((c) => holds(c.when, answers, facts)).map((c) => ({ id: c.id, text: fillTemplate(c.text, context) }));
  return { questionnaireVersion: q.version, country: law?.country ?? country.toUpperCase(), law, vendor, facts, risks, legal };
}

/** Risks by initial severity × likelihood, gravest first (ties keep questionnaire order). */
export function topRisks(scoring: Scoring, n = 3): RiskResult[] {
  return [...scoring.risks].sort((a, b) => b.initial.likelihood * b.initial.severity - a.initial.likelihood * a.initial.severity).slice(0, n);
}
