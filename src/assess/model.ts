// An assessment as stored and as the API, `--json` and the report see it. Scoring is never stored:
// it is recomputed from the answers, the questionnaire and the knowledge bases each time.
import { z } from "zod";

export const ASSESSMENT_STATUSES = ["draft", "complete"] as const;
export const AssessmentStatus = z.enum(ASSESSMENT_STATUSES);
export type AssessmentStatus = z.infer<typeof AssessmentStatus>;

export const AnswerValueSchema = z.union([z.string(), z.number(), z.boolean(), z.array(z.string())]);

export const Assessment = z.object({
  id: z.string(),
  title: z.string(),
  /** The project it assesses; null for a proposed system not in the database. */
  projectId: z.string().nullable(),
  /** ISO 3166-1 alpha-2 of the country whose law applies. */
  country: z.string(),
  /** The questionnaire version the answers were last saved against. */
  questionnaireVersion: z.string(),
  status: AssessmentStatus,
  answers: z.record(z.string(), AnswerValueSchema),
  /** Question id → where a prefilled answer came from (removed when a person changes the answer). */
  provenance: z.record(z.string(), z.string()),
  createdBy: z.string(),
  createdAt: z.string(),
  updatedBy: z.string(),
  updatedAt: z.string(),
});
export type Assessment = z.infer<typeof Assessment>;

const PointSchema = z.object({ likelihood: z.number().int(), severity: z.number().int(), zone: z.enum(["high", "medium", "low"]) });

/** The short scoring the API returns with an assessment (the report has the rest). */
export const RiskBrief = z.object({ id: z.string(), title: z.string(), initial: PointSchema, residual: PointSchema });

export const AssessmentView = Assessment.extend({
  /** Question ids without a usable answer, in questionnaire order. */
  unanswered: z.array(z.string()),
  risks: z.array(RiskBrief),
});
export type AssessmentView = z.infer<typeof AssessmentView>;
