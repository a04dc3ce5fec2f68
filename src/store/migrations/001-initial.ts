// The first schema: documents, gazetteers, projects with their claims, audit trail, full-text search.
import { type Kysely, sql } from "kysely";
import { dialectOf, floatType, withAutoId } from "../dialect.js";

export async function up(db: Kysely<unknown>): Promise<void> {
  const pg = dialectOf(db) === "postgres";
  const float = floatType(db);
  await db.schema
    .createTable("meta")
    .addColumn("key", "text", (c) => c.primaryKey())
    .addColumn("value", "text", (c) => c.notNull())
    .execute();

  await db.schema
    .createTable("documents")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("sha256", "text", (c) => c.unique())
    .addColumn("url", "text")
    .addColumn("path", "text")
    .addColumn("title", "text")
    .addColumn("authors", "text", (c) => c.notNull().defaultTo("[]"))
    .addColumn("publisher", "text")
    .addColumn("published", "text")
    .addColumn("language", "text")
    .addColumn("read_as", "text")
    .addColumn("citation", "text", (c) => c.notNull())
    .addColumn("text", "text")
    .addColumn("origin", "text", (c) => c.notNull())
    .addColumn("created_at", "text", (c) => c.notNull())
    .execute();

  await db.schema
    .createTable("organizations")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("name", "text", (c) => c.notNull())
    .addColumn("full_name", "text")
    .addColumn("kind", "text", (c) => c.notNull())
    .addColumn("home_country", "text")
    .addColumn("parent_id", "text", (c) => c.references("organizations.id").onDelete("set null"))
    .addColumn("sources", "text", (c) => c.notNull().defaultTo("[]"))
    .addColumn("origin", "text", (c) => c.notNull())
    .execute();

  await db.schema
    .createTable("organization_aliases")
    .addColumn("organization_id", "text", (c) => c.notNull().references("organizations.id").onDelete("cascade"))
    .addColumn("alias", "text", (c) => c.notNull())
    .addColumn("alias_key", "text", (c) => c.notNull())
    .addPrimaryKeyConstraint("organization_aliases_pk", ["alias_key", "organization_id"])
    .execute();

  await db.schema
    .createTable("places")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("kind", "text", (c) => c.notNull())
    .addColumn("name", "text", (c) => c.notNull())
    .addColumn("country", "text")
    .addColumn("parent_id", "text")
    .addColumn("names", "text", (c) => c.notNull().defaultTo("{}"))
    .addColumn("aliases", "text", (c) => c.notNull().defaultTo("[]"))
    .addColumn("lat", float)
    .addColumn("lon", float)
    .addColumn("population", "integer")
    .addColumn("lac", "integer", (c) => c.notNull().defaultTo(0))
    .execute();
  await db.schema.createIndex("places_country").on("places").columns(["country", "kind"]).execute();

  await db.schema
    .createTable("projects")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("title", "text", (c) => c.notNull())
    .addColumn("status", "text")
    .addColumn("procurement_route", "text")
    .addColumn("review_state", "text", (c) => c.notNull())
    .addColumn("reviewed_by", "text")
    .addColumn("reviewed_at", "text")
    .addColumn("origin", "text", (c) => c.notNull())
    .addColumn("country", "text")
    .addColumn("category", "text")
    .addColumn("year", "integer")
    .addColumn("amount_usd", float)
    .addColumn("summary", "text", (c) => c.notNull())
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("updated_at", "text", (c) => c.notNull())
    .execute();
  for (const col of ["country", "category", "year"] as const) {
    await db.schema.createIndex(`projects_${col}`).on("projects").column(col).execute();
  }

  await db.schema
    .createTable("project_parties")
    .addColumn("project_id", "text", (c) => c.notNull().references("projects.id").onDelete("cascade"))
    .addColumn("name", "text", (c) => c.notNull())
    .addColumn("role", "text", (c) => c.notNull())
    .addColumn("organization_id", "text", (c) => c.references("organizations.id").onDelete("set null"))
    .addPrimaryKeyConstraint("project_parties_pk", ["project_id", "role", "name"])
    .execute();
  await db.schema.createIndex("project_parties_org").on("project_parties").columns(["organization_id", "role"]).execute();

  await withAutoId(db, db.schema.createTable("claims"))
    .addColumn("project_id", "text", (c) => c.notNull().references("projects.id").onDelete("cascade"))
    .addColumn("field", "text", (c) => c.notNull())
    .addColumn("value", "text", (c) => c.notNull())
    .addColumn("value_key", "text", (c) => c.notNull())
    .addColumn("document_id", "text", (c) => c.notNull().references("documents.id"))
    .addColumn("evidence_text", "text", (c) => c.notNull())
    .addColumn("evidence_start", "integer")
    .addColumn("evidence_end", "integer")
    .addColumn("reviewed", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("origin", "text", (c) => c.notNull())
    .addColumn("created_at", "text", (c) => c.notNull())
    .execute();
  // One claim per project, field, source, value and span: loading the same evidence twice is a no-op.
  await sql`create unique index claims_identity on claims (project_id, field, document_id, value_key, evidence_text)`.execute(db);
  await db.schema.createIndex("claims_document").on("claims").column("document_id").execute();

  await withAutoId(db, db.schema.createTable("audit_events"))
    .addColumn("at", "text", (c) => c.notNull())
    .addColumn("actor", "text", (c) => c.notNull())
    .addColumn("action", "text", (c) => c.notNull())
    .addColumn("entity", "text", (c) => c.notNull())
    .addColumn("entity_id", "text", (c) => c.notNull())
    .addColumn("before", "text")
    .addColumn("after", "text")
    .execute();
  await db.schema.createIndex("audit_events_entity").on("audit_events").columns(["entity", "entity_id"]).execute();

  if (pg) {
    await postgresSearch(db);
    return;
  }
  // Full-text search; remove_diacritics 2 makes "mexico" find "México" and "camaras" "cámaras".
  await sql`create virtual table projects_fts using fts5(project_id unindexed, title, body, tokenize = 'unicode61 remove_diacritics 2')`.execute(db);
  await sql`create virtual table documents_fts using fts5(title, text, content = 'documents', content_rowid = 'rowid', tokenize = 'unicode61 remove_diacritics 2')`.execute(db);
  await sql`create trigger documents_fts_ai after insert on documents begin
    insert into documents_fts(rowid, title, text) values (new.rowid, new.title, new.text); end`.execute(db);
  await sql`create trigger documents_fts_ad after delete on documents begin
    insert into documents_fts(documents_fts, rowid, title, text) values ('delete', old.rowid, old.title, old.text); end`.execute(db);
  await sql`create trigger documents_fts_au after update on documents begin
    insert into documents_fts(documents_fts, rowid, title, text) values ('delete', old.rowid, old.title, old.text);
    insert into documents_fts(rowid, title, text) values (new.rowid, new.title, new.text); end`.execute(db);
}

/**
 * PostgreSQL's full-text search in the shape the SQLite one ends in (after migration 003): a
 * projects_fts table found by project id, and the documents' words as a generated column. Words
 * are folded as SQLite's `remove_diacritics 2` folds them (unaccent, the 'simple' configuration:
 * no stemming, the same in es/pt/en).
 */
async function postgresSearch(db: Kysely<unknown>): Promise<void> {
  await sql`create extension if not exists unaccent schema public`.execute(db);
  // unaccent() is STABLE (it reads a dictionary); generated columns and indexes need IMMUTABLE.
  await sql`create or replace function dsr_fold(t text) returns text language sql immutable parallel safe strict
    as $$ select lower(public.unaccent('public.unaccent'::regdictionary, t)) $$`.execute(db);
  await sql`create table projects_fts (
    project_id text not null,
    title text,
    body text,
    tsv tsvector generated always as (to_tsvector('simple', dsr_fold(coalesce(title, '') || ' ' || coalesce(body, '')))) stored)`.execute(db);
  await sql`create index projects_fts_tsv on projects_fts using gin (tsv)`.execute(db);
  await sql`create index projects_fts_project on projects_fts (project_id)`.execute(db);
  // A tsvector holds at most 1 MB: the first 200,000 characters of a document are searched.
  await sql`alter table documents add column tsv tsvector generated always as
    (to_tsvector('simple', dsr_fold(left(coalesce(title, '') || ' ' || coalesce(text, ''), 200000)))) stored`.execute(db);
  await sql`create index documents_tsv on documents using gin (tsv)`.execute(db);
}
