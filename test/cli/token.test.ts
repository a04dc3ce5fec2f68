// `dsr token`: a token is printed once, only its hash is stored, and listing never shows either.
import assert from "node:assert/strict";
import { createHash } from "node:crypto";
import { join } from "node:path";
import { describe, it } from "node:test";
import SqliteDatabase from "better-sqlite3";
import { runCli } from "../../src/cli/main.js";
import { captureIo, tempDir } from "../helpers.js";

async function dsr(args: string[], db: string) {
  const io = captureIo();
  const code = await runCli(args, io, { DSR_DB: db });
  return { code, out: io.out(), err: io.err() };
}

function tokenRows(db: string) {
  const conn = new SqliteDatabase(db, { readonly: true });
  try {
    return conn.prepare("select * from access_tokens order by created_at").all() as Record<string, string | null>[];
  } finally {
    conn.close();
  }
}

describe("dsr token", () => {
  const db = join(tempDir(), "tokens.db");

  it("create prints the token once on stdout, warns on stderr, and stores only its hash", async () => {
    const r = await dsr(["token", "create", "--name", "alice", "--role", "editor"], db);
    assert.equal(r.code, 0, r.err);
    assert.match(r.out, /^dsr_[A-Za-z0-9_-]{43}\n$/);
    assert.match(r.err, /will not be shown again/);
    const token = r.out.trim();
    const rows = tokenRows(db);
    assert.equal(rows.length, 1);
    assert.equal(rows[0]?.name, "alice");
    assert.equal(rows[0]?.role, "editor");
    assert.equal(rows[0]?.token_hash, createHash("sha256").update(token).digest("hex"));
    assert.ok(!JSON.stringify(rows).includes(token.slice(4)), "the token itself is nowhere in the table");
  });

  it("create --json gives the record with the token", async () => {
    const r = await dsr(["token", "create", "--name", "ci-bot", "--role", "admin", "--json"], db);
    assert.equal(r.code, 0, r.err);
    const body = JSON.parse(r.out);
    assert.equal(body.name, "ci-bot");
    assert.equal(body.role, "admin");
    assert.match(body.token, /^dsr_/);
    assert.equal(body.tokenHash, undefined);
  });

  it("create refuses a bad role or a name in use, naming the problem", async () => {
    const role = await dsr(["token", "create", "--name", "bob", "--role", "owner"], db);
    assert.equal(role.code, 1);
    assert.match(role.err, /editor, admin/);
    assert.equal(role.out, "");
    const taken = await dsr(["token", "create", "--name", "alice", "--role", "admin"], db);
    assert.equal(taken.code, 1);
    assert.match(taken.err, /already exists/);
  });

  it("list shows names and roles, never tokens or hashes", async () => {
    const hashes = tokenRows(db).map((r) => String(r.token_hash));
    const table = await dsr(["token", "list"], db);
    assert.equal(table.code, 0, table.err);
    assert.match(table.out, /^NAME\s+ROLE/);
    assert.match(table.out, /alice\s+editor/);
    const json = await dsr(["token", "list", "--json"], db);
    const items = JSON.parse(json.out).items as Record<string, unknown>[];
    assert.deepEqual(items.map((t) => t.name).sort(), ["alice", "ci-bot"]);
    for (const out of [table.out, json.out]) {
      assert.doesNotMatch(out, /dsr_/);
      for (const h of hashes) assert.ok(!out.includes(h), "no hash");
    }
  });

  it("revoke takes a token out of the list; revoking it again is an error", async () => {
    const r = await dsr(["token", "revoke", "alice"], db);
    assert.equal(r.code, 0, r.err);
    assert.match(r.out, /alice: revoked/);
    assert.ok(tokenRows(db).find((t) => t.name === "alice")?.revoked_at);
    const list = JSON.parse((await dsr(["token", "list", "--json"], db)).out).items as { name: string }[];
    assert.deepEqual(list.map((t) => t.name), ["ci-bot"]);
    const all = JSON.parse((await dsr(["token", "list", "--all", "--json"], db)).out).items as { name: string }[];
    assert.equal(all.length, 2);
    const again = await dsr(["token", "revoke", "alice"], db);
    assert.equal(again.code, 1);
    assert.match(again.err, /no active token named "alice"/);
  });
});
