// The assessment API's JSON shapes, taken from the server's own types (types only: nothing of the
// server reaches the bundle), so a change of shape fails the web typecheck instead of the page.
import type { AnswerValue, Answers } from "../../../../src/assess/answers.js";
import type { CountryLaw, JurisdictionView } from "../../../../src/assess/laws.js";
import type { AssessmentView } from "../../../../src/assess/model.js";
import type { Option, Question, Questionnaire, Section } from "../../../../src/assess/questionnaire.js";
import type { Report } from "../../../../src/assess/report.js";

export type { AnswerValue, Answers, AssessmentView, CountryLaw, JurisdictionView, Option, Question, Report, Section };

/** GET /api/assessment-questionnaire: the file plus the fixed answers of control questions. */
export type QuestionnaireDoc = Questionnaire & { controlOptions: Option[] };

export type ReportRisk = Report["risks"][number];
export type RiskPoint = ReportRisk["initial"];

export interface AssessmentPage {
  items: AssessmentView[];
  total: number;
}

/** Answers being edited and not yet saved: a value, or null to clear the saved one. */
export type Draft = Record<string, AnswerValue | null>;
