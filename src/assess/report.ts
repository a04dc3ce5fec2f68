// The report model: everything a report shows, as plain data. HTML (report-html.ts), PDF (through
// HTML) and JSON are all renderings of this one object, so the three never disagree.
import type { Citation, ProjectDetail, ProjectSummary } from "../domain/project.js";
import { OWN_DATA_LICENSE } from "../domain/licenses.js";
import { type Answers, answerLabel, isUnanswered } from "./answers.js";
import type { CountryLaw, JurisdictionView, KnowledgeBase, SourceRef } from "./laws.js";
import type { Assessment } from "./model.js";
import { type Questionnaire } from "./questionnaire.js";
import { type LegalFinding, type RiskResult, type Scoring } from "./scoring.js";

export interface ReportAnswer {
  id: string;
  text: string;
  /** The answer in words; null when unanswered. */
  answer: string | null;
  unanswered: boolean;
  /** Where a prefilled answer came from. */
  source: string | null;
}

export interface ComparableDeployment {
  id: string;
  title: string;
  country: string | null;
  year: number | null;
  vendors: string[];
  status: string | null;
}

export interface Report {
  id: string;
  title: string;
  status: string;
  generatedAt: string;
  questionnaire: { version: string; title: string; method: string; answeredAgainst: string };
  system: {
    projectId: string | null;
    title: string;
    country: string;
    countryName: string | null;
    category: string | null;
    vendors: string[];
    buyer: string | null;
    year: number | null;
    amountUsd: number | null;
    mechanism: string | null;
    procurementRoute: string | null;
  };
  sections: { id: string; title: string; answers: ReportAnswer[] }[];
  answered: number;
  unanswered: number;
  risks: (RiskResult & { number: number })[];
  scales: Questionnaire["scales"];
  law: CountryLaw | null;
  legal: LegalFinding[];
  vendor: JurisdictionView | null;
  comparable: ComparableDeployment[];
  /** The project's sources as full citations. */
  sources: Citation[];
  /** Licence and attribution notes of the data shown. */
  licenses: string[];
  knowledgeBase: { lawsAsOf: string; jurisdictionsAsOf: string; lawSources: SourceRef[]; jurisdictionSources: SourceRef[] };
}

export interface ReportInput {
  assessment: Assessment;
  questionnaire: Questionnaire;
  kb: KnowledgeBase;
  scoring: Scoring;
  project: ProjectDetail | null;
  comparable: readonly ProjectSummary[];
  generatedAt: string;
}

/**
 * Builds the report model. Pure: the same inputs (and `generatedAt`) give the same report.
 * @example buildReport({ assessment, questionnaire, kb, scoring, project, comparable, generatedAt: "2026-06-01T00:00:00Z" }).risks.length
 */
export function buildReport(input: ReportInput): Report {
  const { assessment, questionnaire: q, scoring, project } = input;
  const answers: Answers = assessment.answers;
  const sections = q.sections.map((s) => ({
    id: s.id,
    title: s.title,
    answers: s.questions.map((question): ReportAnswer => {
      const value = answers[question.id];
      const unanswered = isUnanswered(value);
      return {
        id: question.id,
        text: question.text,
        answer: value === undefined ? null : answerLabel(question, value),
        unanswered,
        source: assessment.provenance[question.id] ?? null,
      };
    }),
  }));
  const all = sections.flatMap((s) => s.answers);
  const licenses = [...new Set([project?.license ?? OWN_DATA_LICENSE, ...input.comparable.map((c) => c.license)])];
  licenses.push("Law and jurisdiction knowledge bases: CC BY 4.0 — Digital Silk Road Observatory; each entry cites its official or secondary sources. Not legal advice.");
  return {
    id: assessment.id,
    title: assessment.title,
    status: assessment.status,
    generatedAt: input.generatedAt,
    questionnaire: { version: q.version, title: q.title, method: q.method, answeredAgainst: assessment.questionnaireVersion },
    system: {
      projectId: assessment.projectId,
      title: project?.title ?? assessment.title,
      country: scoring.country,
      countryName: scoring.law?.name ?? null,
      category: project?.category ?? null,
      vendors: project?.vendors ?? (typeof answers["vendor.name"] === "string" ? [answers["vendor.name"]] : []),
      buyer: project?.buyer ?? null,
      year: project?.year ?? null,
      amountUsd: project?.amount?.usd ?? null,
      mechanism: project?.mechanism ?? null,
      procurementRoute: project?.procurementRoute ?? null,
    },
    sections,
    answered: all.filter((a) => !a.unanswered).length,
    unanswered: all.filter((a) => a.unanswered).length,
    risks: scoring.risks.map((r, i) => ({ ...r, number: i + 1 })),
    scales: q.scales,
    law: scoring.law,
    legal: scoring.legal,
    vendor: scoring.vendor,
    comparable: input.comparable.map((c) => ({ id: c.id, title: c.title, country: c.country, year: c.year, vendors: c.vendors, status: c.status })),
    sources: project?.sources ?? [],
    licenses,
    knowledgeBase: {
      lawsAsOf: input.kb.laws.asOf,
      jurisdictionsAsOf: input.kb.jurisdictions.asOf,
      lawSources: scoring.law?.sources ?? [],
      jurisdictionSources: scoring.vendor?.laws.map((l) => l.source) ?? [],
    },
  };
}
