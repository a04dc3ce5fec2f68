// Filters the API offers become columns with indexes: the shown mechanism and status (the
// `status` column is what an editor set on the project itself; the shown one may come from
// claims); amounts, years and provinces get indexes for ranges.
import { type Kysely, sql } from "kysely";

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable("projects").addColumn("mechanism", "text").execute();
  await db.schema.alterTable("projects").addColumn("shown_status", "text").execute();
  await sql`update projects set mechanism = json_extract(summary, '$.mechanism'), shown_status = json_extract(summary, '$.status')`.execute(db);
  await db.schema.createIndex("projects_mechanism").on("projects").column("mechanism").execute();
  await db.schema.createIndex("projects_shown_status").on("projects").column("shown_status").execute();
  await db.schema.createIndex("projects_amount").on("projects").column("amount_usd").execute();
  await db.schema.createIndex("projects_country_year").on("projects").columns(["country", "year"]).execute();
  await db.schema.createIndex("projects_subdivision").on("projects").columns(["country", "subdivision"]).execute();
}
