// Access tokens and sessions: queries only. Rows become `AccessToken` here, and the hash never
// leaves the store (nothing that lists or prints tokens can show it).
import type { Executor } from "./executor.js";
import type { AccessTokensTable } from "./schema.js";

export type Role = AccessTokensTable["role"];
export const ROLES: readonly Role[] = ["editor", "admin"];

export interface AccessToken {
  id: string;
  name: string;
  role: Role;
  createdAt: string;
  lastUsedAt: string | null;
  revokedAt: string | null;
}

type TokenRow = Omit<AccessTokensTable, "token_hash">;
const TOKEN_COLUMNS = ["access_tokens.id", "name", "role", "access_tokens.created_at", "last_used_at", "revoked_at"] as const;

function rowToToken(r: TokenRow): AccessToken {
  return { id: r.id, name: r.name, role: r.role, createdAt: r.created_at, lastUsedAt: r.last_used_at, revokedAt: r.revoked_at };
}

/** Stores a new token by its hash: `insertToken(db, { id: "tok-…", name: "alice", role: "editor", tokenHash, createdAt })`. */
export async function insertToken(db: Executor, t: { id: string; name: string; role: Role; tokenHash: string; createdAt: string }): Promise<AccessToken> {
  await db.insertInto("access_tokens").values({ id: t.id, name: t.name, role: t.role, token_hash: t.tokenHash, created_at: t.createdAt }).execute();
  return { id: t.id, name: t.name, role: t.role, createdAt: t.createdAt, lastUsedAt: null, revokedAt: null };
}

/** The active (not revoked) token with this hash, or null. */
export async function findActiveTokenByHash(db: Executor, tokenHash: string): Promise<AccessToken | null> {
  const row = await db.selectFrom("access_tokens").select(TOKEN_COLUMNS).where("token_hash", "=", tokenHash).where("revoked_at", "is", null).executeTakeFirst();
  return row ? rowToToken(row) : null;
}

/** Active tokens whose id or name is `key` (a name may look like an id, hence a list). */
export async function findActiveTokensByNameOrId(db: Executor, key: string): Promise<AccessToken[]> {
  const rows = await db
    .selectFrom("access_tokens")
    .select(TOKEN_COLUMNS)
    .where((eb) => eb.or([eb("id", "=", key), eb("name", "=", key)]))
    .where("revoked_at", "is", null)
    .execute();
  return rows.map(rowToToken);
}

export async function listTokenRows(db: Executor, options: { includeRevoked: boolean }): Promise<AccessToken[]> {
  let q = db.selectFrom("access_tokens").select(TOKEN_COLUMNS).orderBy("created_at").orderBy("id");
  if (!options.includeRevoked) q = q.where("revoked_at", "is", null);
  return (await q.execute()).map(rowToToken);
}

export async function setTokenLastUsed(db: Executor, id: string, at: string): Promise<void> {
  await db.updateTable("access_tokens").set({ last_used_at: at }).where("id", "=", id).execute();
}

/** Marks the token revoked and ends its sessions. */
export async function markTokenRevoked(db: Executor, id: string, at: string): Promise<void> {
  await db.updateTable("access_tokens").set({ revoked_at: at }).where("id", "=", id).execute();
  await db.deleteFrom("sessions").where("token_id", "=", id).execute();
}

export async function insertSession(db: Executor, s: { id: string; tokenId: string; createdAt: string; expiresAt: string }): Promise<void> {
  await db.insertInto("sessions").values({ id: s.id, token_id: s.tokenId, created_at: s.createdAt, expires_at: s.expiresAt }).execute();
}

/** The token behind an unexpired session whose token is still active, or null. */
export async function findSessionToken(db: Executor, sessionId: string, now: string): Promise<AccessToken | null> {
  const row = await db
    .selectFrom("sessions")
    .innerJoin("access_tokens", "access_tokens.id", "sessions.token_id")
    .select(TOKEN_COLUMNS)
    .where("sessions.id", "=", sessionId)
    .where("sessions.expires_at", ">", now)
    .where("access_tokens.revoked_at", "is", null)
    .executeTakeFirst();
  return row ? rowToToken(row) : null;
}

export async function deleteSession(db: Executor, sessionId: string): Promise<void> {
  await db.deleteFrom("sessions").where("id", "=", sessionId).execute();
}

export async function deleteExpiredSessions(db: Executor, now: string): Promise<void> {
  await db.deleteFrom("sessions").where("expires_at", "<=", now).execute();
}
