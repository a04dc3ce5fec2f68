// `dsr migrate-db --from sqlite:FILE --to postgres://…`: moves an observatory from its SQLite file
// to PostgreSQL — every table, row for row, checked by count — when it outgrows one file.
import { existsSync } from "node:fs";
import type { Command } from "commander";
import { UsageError } from "../../domain/errors.js";
import { copyDatabase } from "../../store/copy-database.js";
import { openStore } from "../../store/open-database.js";
import { isPostgresUrl, redactedUrl, sqliteFileOf } from "../../store/database-url.js";
import { openPostgresStore } from "../../store/open-postgres.js";
import type { CommandContext } from "../context.js";

/** The SQLite file a --from names: sqlite:PATH, sqlite://PATH or a bare path. */
function sqlitePath(from: string): string {
  const path = sqliteFileOf(from);
  if (isPostgresUrl(path)) throw new UsageError("--from must be an SQLite database (sqlite:FILE); migrate-db copies SQLite into PostgreSQL");
  if (!existsSync(path)) throw new UsageError(`--from: there is no database at ${path}`);
  return path;
}

export function registerMigrateDb(program: Command, ctx: CommandContext): void {
  program
    .command("migrate-db")
    .description("copy an SQLite database into an empty PostgreSQL one (every table, checked by count)")
    .option("--from <sqlite>", "the SQLite database: sqlite:FILE or a path (default: DSR_DB)")
    .option("--to <url>", "the PostgreSQL database: postgres://… (default: DATABASE_URL)")
    .option("--json", "print { from, to, tables: { name: rows } } as JSON")
    .action(async (flags: { from?: string; to?: string; json?: boolean }) => {
      const from = sqlitePath(flags.from ?? ctx.config.DSR_DB);
      const to = flags.to ?? (isPostgresUrl(ctx.config.database) ? ctx.config.database : undefined);
      if (!to || !isPostgresUrl(to)) throw new UsageError("--to must name the PostgreSQL database: --to postgres://user@host:5432/name (or set DATABASE_URL)");
      // The source is brought to this version's schema first: both sides then have the same tables.
      const source = await openStore(from);
      try {
        const target = await openPostgresStore(to);
        try {
          const started = performance.now();
          // A line per table, and one per 100,000 rows of a big one.
          let shown = { table: "", copied: 0 };
          const tables = await copyDatabase(source, target, (p) => {
            if (p.table === shown.table && p.copied < p.total && p.copied - shown.copied < 100_000) return;
            shown = { table: p.table, copied: p.copied };
            ctx.io.stderr(`dsr: ${p.table}: ${p.copied.toLocaleString("en")} of ${p.total.toLocaleString("en")} rows\n`);
          });
          const seconds = (performance.now() - started) / 1000;
          const rows = Object.values(tables).reduce((a, b) => a + b, 0);
          if (flags.json) ctx.io.stdout(JSON.stringify({ from, to: redactedUrl(to), tables, rows, seconds: Math.round(seconds * 10) / 10 }) + "\n");
          else ctx.io.stdout(`copied ${rows.toLocaleString("en")} rows in ${Object.keys(tables).length} tables from ${from} to ${redactedUrl(to)} in ${seconds.toFixed(1)} s\n`);
        } finally {
          await target.close();
        }
      } finally {
        await source.close();
      }
    });
}
