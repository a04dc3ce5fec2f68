// `dsr token create|list|revoke`: the tokens the API accepts for writes. A token is printed once,
// when it is made; the database keeps only its hash.
import type { Command } from "commander";
import { type AccessToken, ROLES, createToken, listTokens, revokeToken } from "../../services/access.service.js";
import { type CommandContext, withApp } from "../context.js";
import { table } from "../format.js";

const ROW_HEADERS = ["NAME", "ROLE", "ID", "CREATED", "LAST USED", "REVOKED"];
const day = (iso: string | null) => (iso ? iso.slice(0, 16).replace("T", " ") : "");
const row = (t: AccessToken) => [t.name, t.role, t.id, day(t.createdAt), day(t.lastUsedAt), day(t.revokedAt)];

export function registerToken(program: Command, ctx: CommandContext): void {
  const token = program.command("token").description("make, list and revoke the tokens the API accepts for writes");

  token
    .command("create")
    .description("make a token and print it once (only its hash is stored)")
    .requiredOption("--name <name>", "who or what uses it; the audit log records this name")
    .requiredOption("--role <role>", `${ROLES.join(" or ")} (admin can do all an editor can)`)
    .option("--json", "print { id, name, role, createdAt, token } as JSON")
    .action(async (flags: { name: string; role: string; json?: boolean }) => {
      await withApp(ctx, "if-empty", async (app) => {
        const { token: plaintext, record } = await createToken(app.store.db, { name: flags.name, role: flags.role });
        if (flags.json) ctx.io.stdout(JSON.stringify({ ...record, token: plaintext }) + "\n");
        else ctx.io.stdout(plaintext + "\n");
        ctx.io.stderr(`dsr: token "${record.name}" (${record.role}) created; copy it now, it will not be shown again\n`);
      });
    });

  token
    .command("list")
    .description("the tokens (never their values or hashes)")
    .option("--all", "include revoked tokens")
    .option("--json", "print { items } as JSON")
    .action(async (flags: { all?: boolean; json?: boolean }) => {
      await withApp(ctx, "if-empty", async (app) => {
        const items = await listTokens(app.store.db, { includeRevoked: flags.all ?? false });
        if (flags.json) ctx.io.stdout(JSON.stringify({ items }) + "\n");
        else {
          if (items.length) ctx.io.stdout(table(ROW_HEADERS, items.map(row)) + "\n");
          ctx.io.stderr(`${items.length} token${items.length === 1 ? "" : "s"}${flags.all ? "" : " (active; --all adds revoked ones)"}\n`);
        }
      });
    });

  token
    .command("revoke")
    .description("revoke a token by name or id; its sessions end at once")
    .argument("<name>", "the token's name (or id)")
    .option("--json", "print the revoked token as JSON")
    .action(async (name: string, flags: { json?: boolean }) => {
      await withApp(ctx, "if-empty", async (app) => {
        const record = await revokeToken(app.store.db, name);
        if (flags.json) ctx.io.stdout(JSON.stringify(record) + "\n");
        else ctx.io.stdout(`${record.name}: revoked\n`);
      });
    });
}
