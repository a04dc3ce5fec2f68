// Imports of structured sources: each imported record (an AidData row, an OCDS process, a CGIT
// row) remembered by its source key with a hash of its content, so a re-import changes only what
// changed; import runs with their position, so an interrupted import resumes; and a licence per
// document, since imported sources keep their own.
import { type Kysely, sql } from "kysely";

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable("documents").addColumn("license", "text").execute();

  await db.schema
    .createTable("imported_records")
    // "aiddata:89653", "ocds:ocds-03ad3f-274231", "cgit:…"
    .addColumn("key", "text", (c) => c.primaryKey())
    .addColumn("origin", "text", (c) => c.notNull())
    .addColumn("document_id", "text", (c) => c.notNull().references("documents.id").onDelete("cascade"))
    .addColumn("content_hash", "text", (c) => c.notNull())
    // Source data later parts merge into (an OCDS process compiled so far); null for rows.
    .addColumn("data", "text")
    .addColumn("run_id", "text")
    .addColumn("updated_at", "text", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("imported_records_document").on("imported_records").column("document_id").execute();

  await db.schema
    .createTable("import_runs")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("kind", "text", (c) => c.notNull())
    // The file's absolute path or the URL, and what identifies its content (size and mtime, or a hash).
    .addColumn("source", "text", (c) => c.notNull())
    .addColumn("source_identity", "text", (c) => c.notNull())
    .addColumn("options", "text", (c) => c.notNull().defaultTo("{}"))
    .addColumn("status", "text", (c) => c.notNull().check(sql`status in ('running', 'done', 'failed', 'interrupted')`))
    // Items (rows, releases, records) fully handled, in file order: where a resumed run starts.
    .addColumn("position", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("counts", "text", (c) => c.notNull().defaultTo("{}"))
    .addColumn("error", "text")
    .addColumn("started_at", "text", (c) => c.notNull())
    .addColumn("finished_at", "text")
    .execute();
  await db.schema.createIndex("import_runs_source").on("import_runs").columns(["kind", "source_identity", "started_at"]).execute();
}
