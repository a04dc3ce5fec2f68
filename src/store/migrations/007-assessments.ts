// Impact assessments: the answers an editor gave (or a project implied) against a questionnaire
// version. Scores are not stored: they are recomputed from the answers, so a report can always be
// rebuilt and a fix to the rules reaches every assessment.
import { type Kysely, sql } from "kysely";

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable("assessments")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("title", "text", (c) => c.notNull())
    // No foreign key: a project may be merged away or re-imported under the same id, and the
    // assessment (a record of what someone judged) must survive either.
    .addColumn("project_id", "text")
    .addColumn("country", "text", (c) => c.notNull())
    .addColumn("questionnaire_version", "text", (c) => c.notNull())
    .addColumn("status", "text", (c) => c.notNull().check(sql`status in ('draft', 'complete')`))
    .addColumn("answers", "text", (c) => c.notNull()) // JSON Answers
    .addColumn("provenance", "text", (c) => c.notNull()) // JSON Record<questionId, reason>
    .addColumn("created_by", "text", (c) => c.notNull())
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("updated_by", "text", (c) => c.notNull())
    .addColumn("updated_at", "text", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("assessments_project").on("assessments").column("project_id").execute();
}
