// Lookup keys carry their project's origin (fixed when the project is made), so the candidates
// of an imported record — which never joins a project its own source made — are found in the
// index alone instead of reading back every project of a lender in a country.
import { type Kysely, sql } from "kysely";

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`alter table project_keys add column origin text not null default ''`.execute(db);
  await sql`update project_keys set origin = coalesce((select origin from projects where projects.id = project_keys.project_id), '')`.execute(db);
  await sql`create index project_keys_origin on project_keys (country, family_id, origin, project_id)`.execute(db);
}
