// `dsr jobs`: the PostgreSQL job queue at a glance — jobs waiting, retrying, running, done and
// failed per queue — and the dead-letter list: each job that used up its retries, with its error.
import type { Command } from "commander";
import { UsageError } from "../../domain/errors.js";
import { type QueueSettings, openJobQueue } from "../../queue/job-queue.js";
import { isPostgresUrl } from "../../store/database-url.js";
import type { CommandContext } from "../context.js";

export const queueSettings = (ctx: CommandContext): QueueSettings => ({
  retryLimit: ctx.config.DSR_JOB_RETRIES,
  retryDelaySeconds: ctx.config.DSR_JOB_RETRY_DELAY_S,
  expireInSeconds: ctx.config.DSR_JOB_EXPIRE_S,
});

export function registerJobs(program: Command, ctx: CommandContext): void {
  program
    .command("jobs")
    .description("show the job queue (PostgreSQL): jobs per state and the dead-letter list with errors")
    .option("--limit <n>", "dead-letter entries to show", "20")
    .option("--json", "print { queues, dead } as JSON")
    .action(async (flags: { limit: string; json?: boolean }) => {
      if (!isPostgresUrl(ctx.config.database)) throw new UsageError("the job queue lives in PostgreSQL: set DATABASE_URL=postgres://…");
      const limit = Number(flags.limit);
      if (!Number.isInteger(limit) || limit < 0) throw new UsageError(`--limit must be a whole number ≥ 0, got "${flags.limit}"`);
      const queue = await openJobQueue(ctx.config.database, queueSettings(ctx));
      try {
        const queues = await queue.counts();
        const dead = await queue.dead(limit);
        if (flags.json) {
          ctx.io.stdout(JSON.stringify({ queues, dead }) + "\n");
          return;
        }
        const lines = ["QUEUE        WAITING  RETRY  RUNNING     DONE  FAILED"];
        for (const c of queues) lines.push(`${c.queue.padEnd(11)}  ${String(c.created).padStart(7)}  ${String(c.retry).padStart(5)}  ${String(c.active).padStart(7)}  ${String(c.completed).padStart(7)}  ${String(c.failed).padStart(6)}`);
        lines.push("", dead.length ? `dead letters (${dead.length} shown, newest first):` : "dead letters: none");
        for (const d of dead) lines.push(`  ${d.queue} ${d.id} after ${d.tries} tries${d.failedAt ? ` at ${d.failedAt}` : ""}: ${JSON.stringify(d.data)} — ${d.error}`);
        ctx.io.stdout(lines.join("\n") + "\n");
      } finally {
        await queue.stop({ graceful: false });
      }
    });
}
