// Project search rows are found by their project id: the id becomes an indexed column of the FTS
// table, so replacing one project's row is a lookup instead of a scan of every row (a scan made
// ingestion slow down as projects piled up). Searches name the title and body columns explicitly.
// Documents are re-indexed only when their title or text changes, not when bookkeeping columns do.
// Projects keep the shown place, amount and quantity as columns too, so resolution compares
// candidates without reading their whole summary (which grows with every source).
import { type Kysely, sql } from "kysely";
import { dialectOf, floatType } from "../dialect.js";
import { FAMILY_UPDATE } from "../organization-families.js";

export async function up(db: Kysely<unknown>): Promise<void> {
  // A PostgreSQL database is always made empty at the latest schema (rows come later, by
  // `dsr migrate-db`): its migrations make the tables and skip SQLite's rewrites of existing rows.
  const pg = dialectOf(db) === "postgres";
  await db.schema.alterTable("projects").addColumn("subdivision", "text").execute();
  await db.schema.alterTable("projects").addColumn("city", "text").execute();
  await db.schema.alterTable("projects").addColumn("amount_value", floatType(db)).execute();
  await db.schema.alterTable("projects").addColumn("amount_currency", "text").execute();
  await db.schema.alterTable("projects").addColumn("quantity", "text", (c) => c.notNull().defaultTo("{}")).execute();
  if (!pg) await sql`update projects set subdivision = json_extract(summary, '$.subdivision'), city = json_extract(summary, '$.city'),
    amount_value = json_extract(summary, '$.amount.value'), amount_currency = json_extract(summary, '$.amount.currency'),
    quantity = coalesce(json_extract(summary, '$.quantity'), '{}')`.execute(db);
  // Summaries now say how many sources they rest on (they list at most a few).
  if (!pg) await sql`update projects set summary = json_set(summary, '$.sourceCount', coalesce(json_array_length(summary, '$.sources'), 0))`.execute(db);
  // Resolution looks for candidate projects by country, the family of a party (an organization's
  // topmost parent, so subsidiaries meet), category and year: one narrow index range instead of
  // every project a big vendor has in a country.
  await db.schema.alterTable("organizations").addColumn("family_id", "text").execute();
  await sql`${sql.raw(FAMILY_UPDATE)}`.execute(db);
  await db.schema
    .createTable("project_keys")
    .addColumn("country", "text", (c) => c.notNull())
    .addColumn("family_id", "text", (c) => c.notNull())
    .addColumn("category", "text", (c) => c.notNull())
    .addColumn("year", "integer")
    .addColumn("project_id", "text", (c) => c.notNull().references("projects.id").onDelete("cascade"))
    .execute();
  await db.schema.createIndex("project_keys_lookup").on("project_keys").columns(["country", "family_id", "category", "year", "project_id"]).unique().execute();
  await db.schema.createIndex("project_keys_project").on("project_keys").column("project_id").execute();
  if (pg) return;
  await sql`insert or ignore into project_keys (country, family_id, category, year, project_id)
    select distinct p.country, o.family_id, coalesce(p.category, ''), p.year, p.id
    from projects p join project_parties pp on pp.project_id = p.id join organizations o on o.id = pp.organization_id
    where p.country is not null and o.family_id is not null`.execute(db);

  await sql`create virtual table projects_fts_new using fts5(project_id, title, body, tokenize = 'unicode61 remove_diacritics 2')`.execute(db);
  await sql`insert into projects_fts_new (project_id, title, body) select project_id, title, body from projects_fts`.execute(db);
  await sql`drop table projects_fts`.execute(db);
  await sql`alter table projects_fts_new rename to projects_fts`.execute(db);

  await sql`drop trigger documents_fts_au`.execute(db);
  await sql`create trigger documents_fts_au after update of title, text on documents begin
    insert into documents_fts(documents_fts, rowid, title, text) values ('delete', old.rowid, old.title, old.text);
    insert into documents_fts(rowid, title, text) values (new.rowid, new.title, new.text); end`.execute(db);
}
