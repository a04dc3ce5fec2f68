// Watching sources: feeds, sitemaps, listing pages, OCDS endpoints and folders, each with its
// schedule, conditional-request validators, back-off and health; the items each one brought (so
// an item becomes a document once); a history of runs; saved searches with a cursor over claims;
// and the alerts they produced with a delivery state per channel.
import { type Kysely, sql } from "kysely";
import { withAutoId } from "../dialect.js";

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable("watch_sources")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("url", "text", (c) => c.notNull().unique())
    .addColumn("kind", "text", (c) => c.notNull().check(sql`kind in ('rss', 'atom', 'sitemap', 'listing', 'ocds', 'folder')`))
    .addColumn("title", "text")
    .addColumn("every_seconds", "integer", (c) => c.notNull())
    .addColumn("options", "text", (c) => c.notNull().defaultTo("{}")) // JSON: OCDS country, vendors-only…
    .addColumn("etag", "text")
    .addColumn("last_modified", "text")
    .addColumn("next_run_at", "text", (c) => c.notNull())
    .addColumn("failures", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("failing_since", "text")
    .addColumn("last_run_at", "text")
    .addColumn("last_outcome", "text")
    .addColumn("last_ok_at", "text")
    .addColumn("last_new_at", "text")
    .addColumn("last_error", "text")
    .addColumn("last_error_at", "text")
    .addColumn("last_counts", "text") // JSON RunCounts
    .addColumn("created_by", "text", (c) => c.notNull())
    .addColumn("created_at", "text", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("watch_sources_next_run").on("watch_sources").column("next_run_at").execute();

  await db.schema
    .createTable("watch_items")
    .addColumn("source_id", "text", (c) => c.notNull().references("watch_sources.id").onDelete("cascade"))
    // The feed's guid, or the item's URL; for folders the path with size and mtime.
    .addColumn("key", "text", (c) => c.notNull())
    .addColumn("url", "text")
    .addColumn("title", "text")
    .addColumn("status", "text", (c) => c.notNull().check(sql`status in ('stored', 'duplicate', 'failed', 'skipped')`))
    .addColumn("document_id", "text")
    .addColumn("error", "text")
    .addColumn("attempts", "integer", (c) => c.notNull().defaultTo(1))
    .addColumn("seen_at", "text", (c) => c.notNull())
    .addPrimaryKeyConstraint("watch_items_pk", ["source_id", "key"])
    .execute();

  await withAutoId(db, db.schema.createTable("watch_runs"))
    .addColumn("source_id", "text", (c) => c.notNull().references("watch_sources.id").onDelete("cascade"))
    .addColumn("started_at", "text", (c) => c.notNull())
    .addColumn("finished_at", "text", (c) => c.notNull())
    .addColumn("outcome", "text", (c) => c.notNull().check(sql`outcome in ('ok', 'not_modified', 'failed')`))
    .addColumn("http_status", "integer")
    .addColumn("error", "text")
    .addColumn("counts", "text", (c) => c.notNull().defaultTo("{}"))
    .execute();
  await db.schema.createIndex("watch_runs_source").on("watch_runs").columns(["source_id", "id"]).execute();

  await db.schema
    .createTable("saved_searches")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("name", "text", (c) => c.notNull().unique())
    .addColumn("query", "text", (c) => c.notNull()) // JSON: the project list's filters, snake_case as the API takes them
    // Claims with a larger id are this search's news (claim ids only grow: AUTOINCREMENT).
    .addColumn("cursor_claim_id", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("webhook_url", "text")
    .addColumn("webhook_secret", "text")
    .addColumn("email", "text")
    .addColumn("created_by", "text", (c) => c.notNull())
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("last_collected_at", "text")
    .execute();

  await db.schema
    .createTable("alerts")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("search_id", "text", (c) => c.notNull().references("saved_searches.id").onDelete("cascade"))
    .addColumn("project_id", "text", (c) => c.notNull())
    .addColumn("payload", "text", (c) => c.notNull()) // JSON AlertView without delivery: the project and its new claims as they were
    .addColumn("created_at", "text", (c) => c.notNull())
    // Per channel: none (not configured when the alert was made), pending, sent, failed (gave up).
    .addColumn("webhook_state", "text", (c) => c.notNull().check(sql`webhook_state in ('none', 'pending', 'sent', 'failed')`))
    .addColumn("webhook_attempts", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("webhook_next_at", "text")
    .addColumn("webhook_error", "text")
    .addColumn("email_state", "text", (c) => c.notNull().check(sql`email_state in ('none', 'pending', 'sent', 'failed')`))
    .addColumn("email_attempts", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("email_next_at", "text")
    .addColumn("email_error", "text")
    .execute();
  await db.schema.createIndex("alerts_search").on("alerts").columns(["search_id", "created_at"]).execute();
}
