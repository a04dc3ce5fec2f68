// `dsr backup FILE` and `dsr restore FILE`: a consistent copy of the database taken while the
// server and ingestion keep running, and the way back from one (with every process stopped).
import type { Command } from "commander";
import { backupDatabase, restoreDatabase } from "../../services/backup.service.js";
import { type BackupStore, sqliteBackupStore } from "../../store/backup.js";
import { isPostgresUrl } from "../../store/database-url.js";
import type { CommandContext } from "../context.js";

/** The SQLite file's backend (PostgreSQL goes through pg_dump and pg_restore instead). */
const backupStore = (ctx: CommandContext): BackupStore => sqliteBackupStore(ctx.config.DSR_DB);

const count = (n: number | undefined, what: string) => `${(n ?? 0).toLocaleString("en")} ${what}`;

function contents(tables: Record<string, number>): string {
  return [count(tables.projects, "projects"), count(tables.documents, "documents"), count(tables.mentions, "mentions"), count(tables.claims, "claims")].join(", ");
}

const megabytes = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;

export function registerBackup(program: Command, ctx: CommandContext): void {
  program
    .command("backup")
    .description("copy the database to FILE, consistent as of one moment, while the server and ingestion keep writing")
    .argument("<file>", "the backup file to write (a new file; --force overwrites)")
    .option("--force", "overwrite FILE if it exists")
    .option("--json", "print { database, file, pages, bytes, schema, tables, sha256 } as JSON")
    .action(async (file: string, flags: { force?: boolean; json?: boolean }) => {
      if (isPostgresUrl(ctx.config.database)) {
        const { pgBackup } = await import("../../store/pg-backup.js");
        const s = await pgBackup(ctx.config.database, file, { force: flags.force ?? false });
        if (flags.json) ctx.io.stdout(JSON.stringify(s) + "\n");
        ctx.io.stderr(`dsr: backed up ${s.database} (schema ${s.schemaName}, ${s.schema}) to ${s.file} with pg_dump: ${s.tables.length} tables, ${megabytes(s.bytes)}\n`);
        return;
      }
      const summary = await backupDatabase(backupStore(ctx), file, { force: flags.force ?? false });
      if (flags.json) ctx.io.stdout(JSON.stringify(summary) + "\n");
      ctx.io.stderr(`dsr: backed up ${summary.database} to ${summary.file}: ${contents(summary.tables)}; ${summary.pages} pages, ${megabytes(summary.bytes)}; integrity ok\n`);
    });

  program
    .command("restore")
    .description("replace the database with a backup made by dsr backup (stop dsr serve and every other dsr process first)")
    .argument("<file>", "the backup file")
    .option("--force", "replace a database that holds projects or documents")
    .option("--json", "print { database, file, replaced, migrated, pages, bytes, schema, tables } as JSON")
    .action(async (file: string, flags: { force?: boolean; json?: boolean }) => {
      if (isPostgresUrl(ctx.config.database)) {
        const { pgRestore } = await import("../../store/pg-backup.js");
        const s = await pgRestore(ctx.config.database, file, { force: flags.force ?? false });
        if (flags.json) ctx.io.stdout(JSON.stringify(s) + "\n");
        ctx.io.stderr(`dsr: restored ${s.database} (schema ${s.schemaName}) from ${s.file} with pg_restore: ${s.tables.length} tables${s.replaced ? ", replacing what it held" : ""}\n`);
        return;
      }
      const summary = await restoreDatabase(backupStore(ctx), file, { force: flags.force ?? false });
      if (flags.json) ctx.io.stdout(JSON.stringify(summary) + "\n");
      const migrated = summary.migrated.length ? `; schema brought up to date (${summary.migrated.join(", ")})` : "";
      ctx.io.stderr(`dsr: restored ${summary.database} from ${summary.file}: ${contents(summary.tables)}${migrated}\n`);
    });
}
