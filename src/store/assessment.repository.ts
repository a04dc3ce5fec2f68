// Impact assessments: queries only. Rows become `Assessment` here; the JSON columns are parsed at
// this edge and nothing outside store/ sees a row.
import type { Assessment } from "../assess/model.js";
import type { Executor } from "./executor.js";
import type { AssessmentsTable } from "./schema.js";

function rowToAssessment(r: AssessmentsTable): Assessment {
  return {
    id: r.id,
    title: r.title,
    projectId: r.project_id,
    country: r.country,
    questionnaireVersion: r.questionnaire_version,
    status: r.status,
    answers: JSON.parse(r.answers) as Assessment["answers"],
    provenance: JSON.parse(r.provenance) as Assessment["provenance"],
    createdBy: r.created_by,
    createdAt: r.created_at,
    updatedBy: r.updated_by,
    updatedAt: r.updated_at,
  };
}

function toRow(a: Assessment): AssessmentsTable {
  return {
    id: a.id,
    title: a.title,
    project_id: a.projectId,
    country: a.country,
    questionnaire_version: a.questionnaireVersion,
    status: a.status,
    answers: JSON.stringify(a.answers),
    provenance: JSON.stringify(a.provenance),
    created_by: a.createdBy,
    created_at: a.createdAt,
    updated_by: a.updatedBy,
    updated_at: a.updatedAt,
  };
}

/** Stores a new assessment: `insertAssessment(db, { id: "pia-…", title, projectId, … })`. */
export async function insertAssessment(db: Executor, a: Assessment): Promise<void> {
  await db.insertInto("assessments").values(toRow(a)).execute();
}

/** Replaces everything but the id and creation fields. */
export async function updateAssessmentRow(db: Executor, a: Assessment): Promise<void> {
  const { id: _id, created_by: _by, created_at: _at, ...rest } = toRow(a);
  await db.updateTable("assessments").set(rest).where("id", "=", a.id).execute();
}

/** The assessment with this id, or null. */
export async function assessmentById(db: Executor, id: string): Promise<Assessment | null> {
  const row = await db.selectFrom("assessments").selectAll().where("id", "=", id).executeTakeFirst();
  return row ? rowToAssessment(row) : null;
}

/** Assessments, newest change first; of one project when `projectId` is given. */
export async function listAssessmentRows(db: Executor, f: { projectId?: string | undefined; limit: number; offset: number }): Promise<{ items: Assessment[]; total: number }> {
  let q = db.selectFrom("assessments");
  if (f.projectId !== undefined) q = q.where("project_id", "=", f.projectId);
  const total = await q.select((eb) => eb.fn.countAll<number>().as("n")).executeTakeFirstOrThrow();
  const rows = await q.selectAll().orderBy("updated_at", "desc").orderBy("id", "desc").limit(f.limit).offset(f.offset).execute();
  return { items: rows.map(rowToAssessment), total: Number(total.n) };
}

/** Home countries of organizations by id (those without one are left out). */
export async function homeCountriesOf(db: Executor, organizationIds: readonly string[]): Promise<Map<string, string>> {
  if (!organizationIds.length) return new Map();
  const rows = await db.selectFrom("organizations").select(["id", "home_country"]).where("id", "in", [...organizationIds]).execute();
  return new Map(rows.filter((r) => r.home_country).map((r) => [r.id, r.home_country as string]));
}
