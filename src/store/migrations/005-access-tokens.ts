// Access tokens for writes, and browser sessions made from them. Only hashes are stored: a copy of
// the database never lets anyone act as a token or a session.
import { type Kysely, sql } from "kysely";

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable("access_tokens")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("name", "text", (c) => c.notNull())
    .addColumn("role", "text", (c) => c.notNull().check(sql`role in ('editor', 'admin')`))
    // sha256 hex of the whole token ("dsr_…"); the token itself is printed once and never kept.
    .addColumn("token_hash", "text", (c) => c.notNull().unique())
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("last_used_at", "text")
    .addColumn("revoked_at", "text")
    .execute();
  // A name stays in the audit log after its token is revoked, so only active names are unique:
  // "alice" can get a new token once her old one is revoked.
  await sql`create unique index access_tokens_active_name on access_tokens (name) where revoked_at is null`.execute(db);

  // Server-side sessions rather than signed cookies: revoking a token or logging out ends its
  // sessions at once, and there is no cookie-signing key to configure, keep and rotate.
  await db.schema
    .createTable("sessions")
    // sha256 hex of the session secret the cookie carries.
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("token_id", "text", (c) => c.notNull().references("access_tokens.id").onDelete("cascade"))
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("expires_at", "text", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("sessions_token").on("sessions").column("token_id").execute();
}
