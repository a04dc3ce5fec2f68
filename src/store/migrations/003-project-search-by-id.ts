// Project search rows are found by their project id: the id becomes an indexed column of the FTS
// table, so replacing one project's row is a lookup instead of a scan of every row (a scan made
// ingestion slow down as projects piled up). Searches name the title and body columns explicitly.
// Documents are re-indexed only when their title or text changes, not when bookkeeping columns do.
import { type Kysely, sql } from "kysely";

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`create virtual table projects_fts_new using fts5(project_id, title, body, tokenize = 'unicode61 remove_diacritics 2')`.execute(db);
  await sql`insert into projects_fts_new (project_id, title, body) select project_id, title, body from projects_fts`.execute(db);
  await sql`drop table projects_fts`.execute(db);
  await sql`alter table projects_fts_new rename to projects_fts`.execute(db);

  await sql`drop trigger documents_fts_au`.execute(db);
  await sql`create trigger documents_fts_au after update of title, text on documents begin
    insert into documents_fts(documents_fts, rowid, title, text) values ('delete', old.rowid, old.title, old.text);
    insert into documents_fts(rowid, title, text) values (new.rowid, new.title, new.text); end`.execute(db);
}
