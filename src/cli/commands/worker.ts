// `dsr worker`: takes ingestion and import jobs from the PostgreSQL job queue until stopped
// (SIGTERM/SIGINT finish the job in hand first), or with --until-empty until none is left.
// Run as many as you like, on as many machines as reach the database.
import { dirname, join, resolve } from "node:path";
import type { Command } from "commander";
import { UsageError } from "../../domain/errors.js";
import { openJobQueue } from "../../queue/job-queue.js";
import { startWorker } from "../../services/jobs.service.js";
import { isPostgresUrl } from "../../store/database-url.js";
import { type CommandContext, withApp } from "../context.js";
import { queueSettings } from "./jobs.js";

const POLL_MS = 1000;

export function registerWorker(program: Command, ctx: CommandContext): void {
  program
    .command("worker")
    .description("take ingestion and import jobs from the PostgreSQL job queue (DATABASE_URL) until stopped")
    .option("--until-empty", "stop once no job is waiting, retrying or running")
    .option("--json", "print { done, failed } when the worker stops")
    .action(async (flags: { untilEmpty?: boolean; json?: boolean }) => {
      if (!isPostgresUrl(ctx.config.database)) throw new UsageError("dsr worker needs the PostgreSQL database the jobs are in: set DATABASE_URL=postgres://…");
      const report = ctx.config.DSR_REPORT_COMMITS && typeof process.send === "function" ? (n: number) => process.send?.({ committed: n }) : undefined;
      await withApp(ctx, "if-empty", async (app) => {
        const queue = await openJobQueue(ctx.config.database, queueSettings(ctx));
        let stopping: Promise<void> | null = null;
        const stop = () => (stopping ??= queue.stop({ graceful: true }));
        process.once("SIGTERM", stop);
        process.once("SIGINT", stop);
        try {
          const tally = await startWorker(app, queue, {
            allowHosts: ctx.config.DSR_ALLOW_HOSTS,
            maxBytes: Math.round(ctx.config.DSR_MAX_FILE_MB * 1024 * 1024),
            cacheDir: join(dirname(resolve(ctx.config.DSR_DB)), ".dsr-cache", "imports"),
            log: (line) => ctx.io.stderr(`dsr worker: ${line}\n`),
            ...(report ? { onCommit: report } : {}),
          });
          ctx.io.stderr("dsr worker: waiting for jobs\n");
          while (!stopping) {
            await new Promise((r) => setTimeout(r, POLL_MS));
            if (flags.untilEmpty && !stopping) {
              const pending = (await queue.counts()).filter((c) => !c.queue.endsWith("-dead")).reduce((n, c) => n + c.created + c.retry + c.active, 0);
              if (pending === 0) void stop();
            }
          }
          await stopping;
          if (flags.json) ctx.io.stdout(JSON.stringify(tally) + "\n");
          else ctx.io.stdout(`${tally.done} job${tally.done === 1 ? "" : "s"} done, ${tally.failed} failed\n`);
        } finally {
          process.off("SIGTERM", stop);
          process.off("SIGINT", stop);
          await stop();
        }
      });
    });
}
