// Ingestion and resolution: how each document was read, the deal mentions extracted from it and
// the project each joined (with the rule that joined it), organizations made from unknown names,
// and claims that say where they came from and whether they were stated or inferred.
import { type Kysely, sql } from "kysely";

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable("documents").addColumn("bytes", "integer").execute();
  await db.schema.alterTable("documents").addColumn("encoding", "text").execute();
  await db.schema.alterTable("documents").addColumn("page_starts", "text").execute();
  await db.schema.alterTable("documents").addColumn("ocr", "integer", (c) => c.notNull().defaultTo(0)).execute();
  await db.schema.alterTable("documents").addColumn("extractor_version", "text").execute();

  await db.schema
    .alterTable("organizations")
    .addColumn("review_state", "text", (c) => c.notNull().defaultTo("verified"))
    .execute();

  await db.schema
    .createTable("mentions")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("document_id", "text", (c) => c.notNull().references("documents.id").onDelete("cascade"))
    .addColumn("position", "integer", (c) => c.notNull())
    .addColumn("deal", "text", (c) => c.notNull())
    .addColumn("project_id", "text", (c) => c.references("projects.id").onDelete("set null"))
    .addColumn("rule", "text")
    .addColumn("resolved_at", "text")
    .addColumn("extractor_version", "text", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("mentions_document").on("mentions").columns(["document_id", "position"]).unique().execute();
  await db.schema.createIndex("mentions_project").on("mentions").column("project_id").execute();
  // The repair pass after a crash looks only for mentions that never got their resolution.
  await sql`create index mentions_pending on mentions (document_id) where resolved_at is null`.execute(db);

  await db.schema.alterTable("claims").addColumn("mention_id", "text").execute();
  await db.schema.alterTable("claims").addColumn("inferred", "integer", (c) => c.notNull().defaultTo(0)).execute();
  await db.schema.createIndex("projects_review").on("projects").column("review_state").execute();
  // (project_id) alone keeps each project's claims in insertion order: the first quotes of a
  // project with thousands of claims are read without sorting them all.
  await db.schema.createIndex("claims_project").on("claims").column("project_id").execute();
}
