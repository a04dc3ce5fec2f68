// Impact-assessment rules over the store: making an assessment from a project (prefilled) or
// blank, saving partial answers (resume), and building the report with the law of the country,
// the vendor's jurisdiction, comparable deployments and the project's sources. Scoring is
// recomputed each time from the stored answers.
import { type AnswerValue, type Answers, mergeAnswers, unansweredQuestions, validateAnswers } from "../assess/answers.js";
import type { AssessKit } from "../assess/kit.js";
import { LAC_COUNTRIES } from "../assess/laws.js";
import { type Assessment, type AssessmentStatus, type AssessmentView, ASSESSMENT_STATUSES } from "../assess/model.js";
import { type Prefill, prefillFromProject } from "../assess/prefill.js";
import { type Report, buildReport } from "../assess/report.js";
import { type Scoring, scoreAssessment } from "../assess/scoring.js";
import { NotFoundError, UsageError } from "../domain/errors.js";
import type { FxTable } from "../domain/money.js";
import type { ProjectDetail, ProjectSummary } from "../domain/project.js";
import { assessmentById, homeCountriesOf, insertAssessment, listAssessmentRows, updateAssessmentRow } from "../store/assessment.repository.js";
import { recordAudit } from "../store/audit.repository.js";
import { type Executor, inTransaction, nowIso } from "../store/executor.js";
import { newAssessmentId } from "./ids.js";
import { findProjects, projectDetail } from "./projects.service.js";

export interface AssessDeps {
  db: Executor;
  fx: FxTable;
  kit: AssessKit;
}

export interface NewAssessment {
  /** The project to assess; omit for a proposed system not in the database. */
  projectId?: string | null | undefined;
  /** ISO 3166-1 alpha-2 (or alpha-3); defaults to the project's country. */
  country?: string | null | undefined;
  title?: string | null | undefined;
  /** Answers given; they override what the project implies. */
  answers?: unknown;
  /** Take the answers the project implies (default true). */
  prefill?: boolean | undefined;
  status?: AssessmentStatus | undefined;
  /** Where the answers came from, for error messages ("answers.json"). */
  answersSource?: string | undefined;
}

const LAC_ALPHA2 = new Set(Object.values(LAC_COUNTRIES));

function normaliseCountry(country: string): string {
  const code = country.trim().toUpperCase();
  const a2 = LAC_COUNTRIES[code] ?? code;
  if (!LAC_ALPHA2.has(a2)) {
    throw new UsageError(`country "${country}" is not one of the 33 Latin American and Caribbean countries the law knowledge base covers (ISO codes such as AR, BR, VE or ARG)`);
  }
  return a2;
}

function checkStatus(status: string): AssessmentStatus {
  if (!(ASSESSMENT_STATUSES as readonly string[]).includes(status)) throw new UsageError(`status must be ${ASSESSMENT_STATUSES.join(" or ")}, not "${status}"`);
  return status as AssessmentStatus;
}

/** The evidence quotes of a project's claims, for the capability words prefill looks for. */
function evidenceOf(project: ProjectDetail): string[] {
  return Object.values(project.claims).flatMap((groups) => groups.flatMap((g) => g.evidence.map((e) => e.text)));
}

/**
 * What a project implies for the questionnaire: its detail and the prefilled answers.
 * @example (await projectPrefill(deps, "zte-jujuy-surveillance-2019")).prefill.answers["vendor.home_country"] // "CN"
 */
export async function projectPrefill(deps: AssessDeps, projectId: string): Promise<{ project: ProjectDetail; prefill: Prefill }> {
  const project = await projectDetail(deps.db, projectId, deps.fx);
  const vendorIds = project.parties.filter((p) => ["vendor", "investor", "acquirer", "donor"].includes(p.role) && p.organizationId).map((p) => p.organizationId as string);
  const homes = await homeCountriesOf(deps.db, vendorIds);
  const home = vendorIds.map((id) => homes.get(id)).find((c) => c !== undefined) ?? null;
  const prefill = prefillFromProject(
    deps.kit.questionnaire,
    { id: project.id, title: project.title, category: project.category, mechanism: project.mechanism, procurementRoute: project.procurementRoute, vendors: project.vendors, evidence: evidenceOf(project) },
    home,
  );
  return { project, prefill };
}

function view(deps: AssessDeps, a: Assessment): AssessmentView {
  const scoring = scoreAssessment(deps.kit.questionnaire, deps.kit.kb, a.country, a.answers);
  return {
    ...a,
    unanswered: unansweredQuestions(deps.kit.questionnaire, a.answers),
    risks: scoring.risks.map((r) => ({ id: r.id, title: r.title, initial: r.initial, residual: r.residual })),
  };
}

/**
 * Makes an assessment: from a project (its implied answers first, the given ones over them) or
 * blank for a proposed system (then `country` is required). Bad answers throw
 * InvalidAnswersError naming each question.
 */
export async function createAssessment(deps: AssessDeps, input: NewAssessment, actor: string): Promise<AssessmentView> {
  const q = deps.kit.questionnaire;
  const given = input.answers === undefined ? {} : validateAnswers(q, input.answers, { where: input.answersSource ?? "answers" });
  let project: ProjectDetail | null = null;
  let prefill: Prefill = { answers: {}, provenance: {} };
  if (input.projectId) {
    ({ project, prefill } = await projectPrefill(deps, input.projectId));
    if (input.prefill === false) prefill = { answers: {}, provenance: {} };
  }
  const countryGiven = input.country ?? project?.country ?? null;
  if (!countryGiven) throw new UsageError(input.projectId ? `project ${input.projectId} has no country; give one (e.g. --country AR)` : "a proposed system needs a country (e.g. --country BR)");
  const answers: Answers = mergeAnswers(prefill.answers, given);
  const provenance = { ...prefill.provenance };
  for (const id of Object.keys(given)) delete provenance[id];
  const now = nowIso();
  const assessment: Assessment = {
    id: newAssessmentId(),
    title: input.title?.trim() || (project ? project.title : `Proposed system in ${countryGiven.toUpperCase()}`),
    projectId: project?.id ?? null,
    country: normaliseCountry(countryGiven),
    questionnaireVersion: q.version,
    status: checkStatus(input.status ?? "draft"),
    answers,
    provenance,
    createdBy: actor,
    createdAt: now,
    updatedBy: actor,
    updatedAt: now,
  };
  await inTransaction(deps.db, async (trx) => {
    await insertAssessment(trx, assessment);
    await recordAudit(trx, { actor, action: "create", entity: "assessment", entityId: assessment.id, before: null, after: { projectId: assessment.projectId, country: assessment.country, answers: assessment.answers } });
  });
  return view(deps, assessment);
}

async function load(deps: AssessDeps, id: string): Promise<Assessment> {
  const a = await assessmentById(deps.db, id);
  if (!a) throw new NotFoundError(`no assessment with id "${id}"; list them with \`dsr assess list\``);
  return a;
}

/** One assessment with its unanswered questions and the short scoring. */
export async function getAssessment(deps: AssessDeps, id: string): Promise<AssessmentView> {
  return view(deps, await load(deps, id));
}

export async function listAssessments(deps: AssessDeps, f: { projectId?: string | undefined; limit?: number; offset?: number }): Promise<{ items: AssessmentView[]; total: number }> {
  const page = await listAssessmentRows(deps.db, { projectId: f.projectId, limit: Math.min(f.limit ?? 100, 1000), offset: f.offset ?? 0 });
  return { items: page.items.map((a) => view(deps, a)), total: page.total };
}

/**
 * Saves a partial change (resume later): answers are merged (null clears one), status and title
 * replaced. A person's answer drops the prefill note of that question.
 */
export async function updateAssessment(
  deps: AssessDeps,
  id: string,
  patch: { answers?: unknown; status?: string | undefined; title?: string | undefined; answersSource?: string | undefined },
  actor: string,
): Promise<AssessmentView> {
  const q = deps.kit.questionnaire;
  const changes: Record<string, AnswerValue | null> = patch.answers === undefined ? {} : validateAnswers(q, patch.answers, { allowNull: true, where: patch.answersSource ?? "answers" });
  return inTransaction(deps.db, async (trx) => {
    const before = await assessmentById(trx, id);
    if (!before) throw new NotFoundError(`no assessment with id "${id}"; list them with \`dsr assess list\``);
    const provenance = { ...before.provenance };
    for (const qid of Object.keys(changes)) delete provenance[qid];
    const after: Assessment = {
      ...before,
      title: patch.title?.trim() || before.title,
      status: patch.status === undefined ? before.status : checkStatus(patch.status),
      answers: mergeAnswers(before.answers, changes),
      provenance,
      questionnaireVersion: q.version,
      updatedBy: actor,
      updatedAt: nowIso(),
    };
    await updateAssessmentRow(trx, after);
    const changed = Object.fromEntries(Object.keys(changes).map((k) => [k, before.answers[k] ?? null]));
    await recordAudit(trx, { actor, action: "edit", entity: "assessment", entityId: id, before: { answers: changed, status: before.status }, after: { answers: changes, status: after.status } });
    return view({ ...deps, db: trx }, after);
  });
}

/** Up to `limit` projects of the same category in other countries, as context. */
export async function comparableDeployments(deps: AssessDeps, category: string | null, country: string, exceptId: string | null, limit = 10): Promise<ProjectSummary[]> {
  if (!category) return [];
  const { items } = await findProjects(deps.db, { category, limit: 200 });
  return items.filter((p) => p.id !== exceptId && p.country !== country).slice(0, limit);
}

/** The scoring of an assessment (pure over its stored answers). */
export async function assessmentScoring(deps: AssessDeps, id: string): Promise<Scoring> {
  const a = await load(deps, id);
  return scoreAssessment(deps.kit.questionnaire, deps.kit.kb, a.country, a.answers);
}

/**
 * The report model of an assessment, reproducible from the stored answers (`generatedAt` is the
 * only input from the clock).
 */
export async function assessmentReport(deps: AssessDeps, id: string, generatedAt: string = nowIso()): Promise<Report> {
  const assessment = await load(deps, id);
  const { questionnaire, kb } = deps.kit;
  const scoring = scoreAssessment(questionnaire, kb, assessment.country, assessment.answers);
  let project: ProjectDetail | null = null;
  if (assessment.projectId) {
    try {
      project = await projectDetail(deps.db, assessment.projectId, deps.fx);
    } catch (err) {
      // The project may have been merged away since; the report then says so by having none.
      if (!(err instanceof NotFoundError)) throw err;
    }
  }
  const answered = assessment.answers["system.category"];
  const category = project?.category ?? (typeof answered === "string" ? answered : null);
  const comparable = await comparableDeployments(deps, category, assessment.country, assessment.projectId);
  return buildReport({ assessment, questionnaire, kb, scoring, project, comparable, generatedAt });
}
