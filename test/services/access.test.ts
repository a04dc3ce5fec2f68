// Tokens and sessions: what is stored, what verifies, what revoking and expiry end.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { NotFoundError, UsageError } from "../../src/domain/errors.js";
import {
  SESSION_TTL_MS,
  closeSession,
  createToken,
  listTokens,
  openSession,
  revokeToken,
  roleAllows,
  sessionToken,
  sha256Hex,
  verifyToken,
} from "../../src/services/access.service.js";
import { memoryApp } from "../helpers.js";

describe("access tokens", () => {
  it("returns a dsr_ token once and stores only its sha256", async () => {
    const { store } = await memoryApp();
    const { token, record } = await createToken(store.db, { name: "alice", role: "editor" });
    assert.match(token, /^dsr_[A-Za-z0-9_-]{43}$/);
    const rows = await store.db.selectFrom("access_tokens").selectAll().execute();
    assert.equal(rows.length, 1);
    assert.equal(rows[0]?.token_hash, sha256Hex(token));
    assert.equal(rows[0]?.id, record.id);
    assert.ok(!JSON.stringify(rows).includes(token.slice(4)), "no column holds the token");
    assert.ok(!("tokenHash" in record) && !("token_hash" in record), "the record carries no hash");
  });

  it("verifies a token, noting when it was used, and refuses unknown, malformed and revoked ones", async () => {
    const { store } = await memoryApp();
    const { token } = await createToken(store.db, { name: "bot", role: "admin" });
    const now = new Date("2030-01-02T03:04:05.000Z");
    const found = await verifyToken(store.db, token, now);
    assert.equal(found?.name, "bot");
    assert.equal(found?.role, "admin");
    const row = await store.db.selectFrom("access_tokens").select("last_used_at").executeTakeFirstOrThrow();
    assert.equal(row.last_used_at, now.toISOString());
    assert.equal(await verifyToken(store.db, `${token.slice(0, -1)}${token.endsWith("A") ? "B" : "A"}`), null);
    assert.equal(await verifyToken(store.db, "not-a-token"), null);
    await revokeToken(store.db, "bot");
    assert.equal(await verifyToken(store.db, token), null);
  });

  it("keeps active names unique but lets a revoked name be used again", async () => {
    const { store } = await memoryApp();
    await createToken(store.db, { name: "alice", role: "editor" });
    await assert.rejects(createToken(store.db, { name: "alice", role: "admin" }), (e) => e instanceof UsageError && /already exists/.test(e.message));
    await revokeToken(store.db, "alice");
    const again = await createToken(store.db, { name: "alice", role: "admin" });
    assert.equal((await verifyToken(store.db, again.token))?.role, "admin");
    assert.deepEqual((await listTokens(store.db)).map((t) => t.name), ["alice"]);
    assert.equal((await listTokens(store.db, { includeRevoked: true })).length, 2);
  });

  it("refuses an unknown role or an unprintable name", async () => {
    const { store } = await memoryApp();
    await assert.rejects(createToken(store.db, { name: "x", role: "owner" }), (e) => e instanceof UsageError && /editor, admin/.test(e.message));
    await assert.rejects(createToken(store.db, { name: "two words", role: "editor" }), UsageError);
    await assert.rejects(createToken(store.db, { name: "", role: "editor" }), UsageError);
  });

  it("revokes by id as well as by name, and says when there is nothing to revoke", async () => {
    const { store } = await memoryApp();
    const { record } = await createToken(store.db, { name: "carol", role: "editor" });
    const revoked = await revokeToken(store.db, record.id);
    assert.equal(revoked.name, "carol");
    assert.ok(revoked.revokedAt);
    await assert.rejects(revokeToken(store.db, "carol"), NotFoundError);
  });

  it("lets admin do what editor may, not the other way round", () => {
    assert.equal(roleAllows("admin", "editor"), true);
    assert.equal(roleAllows("admin", "admin"), true);
    assert.equal(roleAllows("editor", "editor"), true);
    assert.equal(roleAllows("editor", "admin"), false);
  });
});

describe("sessions", () => {
  it("stores a session by the hash of its secret and ends it on close, expiry or revocation", async () => {
    const { store } = await memoryApp();
    const { token } = await createToken(store.db, { name: "web", role: "editor" });
    assert.equal(await openSession(store.db, "dsr_wrong"), null);

    const s = await openSession(store.db, token);
    assert.ok(s);
    const rows = await store.db.selectFrom("sessions").selectAll().execute();
    assert.deepEqual(rows.map((r) => r.id), [sha256Hex(s.secret)]);
    assert.equal((await sessionToken(store.db, s.secret))?.name, "web");
    assert.equal(await sessionToken(store.db, s.secret, new Date(Date.now() + SESSION_TTL_MS + 1000)), null, "expired");
    await closeSession(store.db, s.secret);
    assert.equal(await sessionToken(store.db, s.secret), null, "closed");

    const t = await openSession(store.db, token);
    assert.ok(t);
    await revokeToken(store.db, "web");
    assert.equal(await sessionToken(store.db, t.secret), null, "token revoked");
    assert.equal((await store.db.selectFrom("sessions").selectAll().execute()).length, 0);
  });
});
