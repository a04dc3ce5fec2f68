// Filters the API offers become columns with indexes: the shown mechanism and status (the
// `status` column is what an editor set on the project itself; the shown one may come from
// claims); amounts, years and provinces get indexes for ranges.
import { type Kysely, sql } from "kysely";
import { dialectOf } from "../dialect.js";

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable("projects").addColumn("mechanism", "text").execute();
  await db.schema.alterTable("projects").addColumn("shown_status", "text").execute();
  // Existing rows only (SQLite): a PostgreSQL database is made empty, see migration 003.
  if (dialectOf(db) === "sqlite") await sql`update projects set mechanism = json_extract(summary, '$.mechanism'), shown_status = json_extract(summary, '$.status')`.execute(db);
  await db.schema.createIndex("projects_mechanism").on("projects").column("mechanism").execute();
  await db.schema.createIndex("projects_shown_status").on("projects").column("shown_status").execute();
  await db.schema.createIndex("projects_amount").on("projects").column("amount_usd").execute();
  // The list's default order (newest first, then id) read straight off an index for the common
  // filters, so a page costs a few index steps instead of sorting every match.
  await sql`create index projects_country_year on projects (country, year desc, id)`.execute(db);
  await sql`create index projects_country_category_year on projects (country, category, year desc, id)`.execute(db);
  await sql`create index projects_category_year on projects (category, year desc, id)`.execute(db);
  await sql`create index projects_year_id on projects (year desc, id)`.execute(db);
  // Totals by country without reading the rows.
  await sql`create index projects_country_usd on projects (country, amount_usd)`.execute(db);
  // Related projects: every project of a family.
  await sql`create index project_keys_family on project_keys (family_id, project_id)`.execute(db);
  await db.schema.createIndex("projects_subdivision").on("projects").columns(["country", "subdivision"]).execute();
}
