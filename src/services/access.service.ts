// Who may write: named tokens with a role (editor, or admin which can do all an editor can), and the
// browser sessions made from them. Tokens and session secrets are random; only their hashes are kept.
import { createHash, randomBytes } from "node:crypto";
import { ulid } from "ulid";
import { NotFoundError, UsageError } from "../domain/errors.js";
import type { Executor } from "../store/executor.js";
import {
  type AccessToken,
  ROLES,
  type Role,
  deleteExpiredSessions,
  deleteSession,
  findActiveTokenByHash,
  findActiveTokensByNameOrId,
  findSessionToken,
  insertSession,
  insertToken,
  listTokenRows,
  markTokenRevoked,
  setTokenLastUsed,
} from "../store/token.repository.js";

export { type AccessToken, ROLES, type Role } from "../store/token.repository.js";

export const TOKEN_PREFIX = "dsr_";
/** 32 random bytes in base64url are 43 characters. */
const TOKEN_SHAPE = /^dsr_[A-Za-z0-9_-]{43}$/;
/** Names end up in the audit log and in `--by`-style columns: keep them short and printable. */
const NAME_SHAPE = /^[A-Za-z0-9][A-Za-z0-9._@+-]{0,63}$/;
/** A session lasts a working day; the web app asks for a new one with the token after that. */
export const SESSION_TTL_MS = 12 * 60 * 60 * 1000;
/** last_used_at is refreshed at most this often, so that reads with a token do not each write. */
const LAST_USED_RESOLUTION_MS = 60 * 1000;

export const sha256Hex = (text: string): string => createHash("sha256").update(text).digest("hex");

/** True when a token of role `has` may do what needs role `needs` (admin ⊇ editor). */
export function roleAllows(has: Role, needs: Role): boolean {
  return ROLES.indexOf(has) >= ROLES.indexOf(needs);
}

export function parseRole(value: string): Role {
  const role = ROLES.find((r) => r === value);
  if (!role) throw new UsageError(`role must be one of ${ROLES.join(", ")}; got "${value}"`);
  return role;
}

/**
 * Makes a token and returns its plaintext, which is not stored and cannot be shown again.
 * @example const { token } = await createToken(db, { name: "alice", role: "editor" }); // "dsr_…"
 */
export async function createToken(db: Executor, input: { name: string; role: string }, now = new Date()): Promise<{ token: string; record: AccessToken }> {
  if (!NAME_SHAPE.test(input.name)) {
    throw new UsageError(`token name "${input.name}": use 1-64 letters, digits and . _ @ + - (starting with a letter or digit)`);
  }
  const role = parseRole(input.role);
  if ((await findActiveTokensByNameOrId(db, input.name)).length > 0) {
    throw new UsageError(`a token named "${input.name}" already exists; revoke it first (dsr token revoke ${input.name}) or pick another name`);
  }
  const token = TOKEN_PREFIX + randomBytes(32).toString("base64url");
  const record = await insertToken(db, { id: `tok-${ulid().toLowerCase()}`, name: input.name, role, tokenHash: sha256Hex(token), createdAt: now.toISOString() });
  return { token, record };
}

/** The active token this plaintext is, or null (unknown, malformed or revoked); notes its use. */
export async function verifyToken(db: Executor, token: string, now = new Date()): Promise<AccessToken | null> {
  if (!TOKEN_SHAPE.test(token)) return null;
  const record = await findActiveTokenByHash(db, sha256Hex(token));
  if (!record) return null;
  if (record.lastUsedAt === null || now.getTime() - Date.parse(record.lastUsedAt) >= LAST_USED_RESOLUTION_MS) {
    record.lastUsedAt = now.toISOString();
    await setTokenLastUsed(db, record.id, record.lastUsedAt);
  }
  return record;
}

export function listTokens(db: Executor, options: { includeRevoked?: boolean } = {}): Promise<AccessToken[]> {
  return listTokenRows(db, { includeRevoked: options.includeRevoked ?? false });
}

/** Revokes the active token with this name or id, ending its sessions; NotFoundError when none. */
export async function revokeToken(db: Executor, nameOrId: string, now = new Date()): Promise<AccessToken> {
  const found = await findActiveTokensByNameOrId(db, nameOrId);
  const [record] = found;
  if (!record) throw new NotFoundError(`no active token named "${nameOrId}" (dsr token list shows them)`);
  if (found.length > 1) throw new UsageError(`"${nameOrId}" is both a token's name and another token's id; revoke by id`);
  record.revokedAt = now.toISOString();
  await markTokenRevoked(db, record.id, record.revokedAt);
  return record;
}

/**
 * Trades a valid token for a session: the returned secret goes in the cookie, its hash in the
 * database. Null when the token is not valid.
 */
export async function openSession(db: Executor, token: string, now = new Date()): Promise<{ secret: string; record: AccessToken; expiresAt: Date } | null> {
  const record = await verifyToken(db, token, now);
  if (!record) return null;
  await deleteExpiredSessions(db, now.toISOString());
  const secret = randomBytes(32).toString("base64url");
  const expiresAt = new Date(now.getTime() + SESSION_TTL_MS);
  await insertSession(db, { id: sha256Hex(secret), tokenId: record.id, createdAt: now.toISOString(), expiresAt: expiresAt.toISOString() });
  return { secret, record, expiresAt };
}

/** The token behind a session secret, or null when the session is unknown, expired or its token revoked. */
export function sessionToken(db: Executor, secret: string, now = new Date()): Promise<AccessToken | null> {
  return findSessionToken(db, sha256Hex(secret), now.toISOString());
}

export function closeSession(db: Executor, secret: string): Promise<void> {
  return deleteSession(db, sha256Hex(secret));
}
