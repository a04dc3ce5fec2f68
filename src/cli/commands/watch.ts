// `dsr watch add|list|remove|run|daemon|health`: sources watched on a schedule — feeds, sitemaps,
// listing pages, OCDS endpoints, folders — whose new items become documents once, then projects;
// after each run the saved searches' news become alerts and pending alerts are sent.
import { dirname, join, resolve } from "node:path";
import type { Command } from "commander";
import { filterToQuery } from "../../api/query-schemas.js";
import type { OpenedApp } from "../../app.js";
import { UsageError } from "../../domain/errors.js";
import { WATCH_KINDS, type WatchKind, type WatchSourceView } from "../../domain/watch.js";
import { DEFAULT_USER_AGENT } from "../../ingest/fetch-url.js";
import { type AlertDeps, type DeliveryReport, sendAlerts } from "../../services/alerts.service.js";
import { collectAllNews } from "../../services/saved-search.service.js";
import { runDaemon } from "../../services/watch-daemon.service.js";
import { type WatchDeps, type WatchRunSummary, addSource, listSources, removeSource, runSources, watchHealth } from "../../services/watch.service.js";
import { formatEvery, parseEvery } from "../../watch/schedule.js";
import { type CommandContext, withApp } from "../context.js";
import { table } from "../format.js";
import { SomeInputsFailed } from "../some-inputs-failed.js";

/** The watch's dependencies from the environment. */
export function watchDeps(ctx: CommandContext, app: OpenedApp): WatchDeps {
  const c = ctx.config;
  return {
    app,
    allowHosts: c.DSR_ALLOW_HOSTS,
    userAgent: c.DSR_WATCH_USER_AGENT ?? DEFAULT_USER_AGENT.replace("dsr-observatory/", "dsr-observatory-watch/"),
    delayMs: c.DSR_WATCH_DELAY_MS,
    maxBytes: Math.round(c.DSR_MAX_FILE_MB * 1024 * 1024),
    cacheDir: join(dirname(resolve(c.DSR_DB)), ".dsr-cache", "imports"),
  };
}

export function publicBaseUrl(ctx: CommandContext): string {
  return ctx.config.DSR_PUBLIC_URL ?? `http://${ctx.config.HOST.includes(":") ? `[${ctx.config.HOST}]` : ctx.config.HOST}:${ctx.config.PORT}`;
}

export function alertDeps(ctx: CommandContext, app: OpenedApp): AlertDeps {
  return {
    db: app.store.db,
    baseUrl: publicBaseUrl(ctx),
    allowHosts: ctx.config.DSR_ALLOW_HOSTS,
    smtpUrl: ctx.config.DSR_SMTP_URL ?? null,
    from: ctx.config.DSR_ALERT_FROM,
    userAgent: ctx.config.DSR_WATCH_USER_AGENT,
  };
}

/** Exit 2 when some sources failed and others ran (1 when every one failed), as for ingestion. */
class SourcesFailed extends SomeInputsFailed {
  constructor(failed: number, total: number) {
    super(failed, total);
    this.message = `${failed} of ${total} sources failed; see dsr watch health`;
  }
}

const when = (iso: string | null) => (iso ? iso.slice(0, 16).replace("T", " ") : "—");

function sourceRows(items: readonly WatchSourceView[]): string[][] {
  return items.map((s) => [s.id, s.kind, formatEvery(s.everySeconds), s.health, when(s.lastOkAt), when(s.nextRunAt), s.title ? `${s.title} <${s.url}>` : s.url]);
}

function runText(s: WatchRunSummary): string {
  const lines = s.sources.map((r) => {
    const c = r.counts;
    const what = r.outcome === "failed" ? `FAILED: ${r.error}` : r.outcome === "not_modified" ? "not modified (304)" : `${c.listed} listed · ${c.new} new · ${c.documents} documents · ${c.duplicates} known · ${c.failed} failed${c.disallowed ? ` · ${c.disallowed} refused by robots.txt` : ""}`;
    return `${r.kind.padEnd(7)} ${r.url}: ${what}`;
  });
  lines.push(`${s.ran} source${s.ran === 1 ? "" : "s"} run · ${s.failed} failed · ${s.notModified} not modified · ${s.documents} new documents · ${s.projectsCreated} new projects · ${s.projectsJoined} joined · ${s.requests} requests`);
  return lines.join("\n");
}

function deliveryText(reports: readonly DeliveryReport[]): string {
  return reports.map((r) => `${r.channel} for “${r.search}”: ${r.alerts} alert${r.alerts === 1 ? "" : "s"} ${r.outcome}${r.error ? ` (${r.error})` : ""}`).join("\n");
}

function kindOf(value: string | undefined): WatchKind | undefined {
  if (value === undefined) return undefined;
  if ((WATCH_KINDS as readonly string[]).includes(value)) return value as WatchKind;
  throw new UsageError(`--kind must be one of ${WATCH_KINDS.join(", ")}, got "${value}"`);
}

/** News and alerts after a run: what `watch run` and the daemon do after fetching. */
async function afterRun(ctx: CommandContext, app: OpenedApp): Promise<{ news: Record<string, number>; deliveries: DeliveryReport[] }> {
  const news = await collectAllNews(app.store.db, filterToQuery);
  const deliveries = await sendAlerts(alertDeps(ctx, app), filterToQuery);
  return { news, deliveries };
}

export function registerWatch(program: Command, ctx: CommandContext): void {
  const watch = program.command("watch").description("watch feeds, sitemaps, listing pages, OCDS endpoints and folders on a schedule");

  watch
    .command("add")
    .description("watch a source: a URL (its kind is read from its first answer unless --kind) or a folder")
    .argument("<source>", "an http(s) URL or a folder")
    .option("--every <duration>", "how often: 30m, 6h, 1d, 1w (at least 5m)", "6h")
    .option("--kind <kind>", WATCH_KINDS.join(", "))
    .option("--title <title>", "a name to show instead of the feed's own")
    .option("--country <code>", "ocds: the country when neither ocids nor addresses say")
    .option("--vendors-only", "ocds: only processes naming a known foreign vendor")
    .option("--json", "print the source as JSON")
    .action(async (source: string, flags: { every: string; kind?: string; title?: string; country?: string; vendorsOnly?: boolean; json?: boolean }) => {
      const everySeconds = parseEvery(flags.every);
      const kind = kindOf(flags.kind);
      if (flags.country !== undefined && !/^[A-Za-z]{2}$/.test(flags.country)) throw new UsageError(`--country must be an ISO 3166-1 alpha-2 code, got "${flags.country}"`);
      const options = { ...(flags.country ? { country: flags.country.toUpperCase() } : {}), ...(flags.vendorsOnly ? { vendorsOnly: true } : {}) };
      await withApp(ctx, "if-empty", async (app) => {
        const added = await addSource(watchDeps(ctx, app), { url: source, kind, everySeconds, title: flags.title, options, allowFolders: true }, process.env.USER || "cli");
        if (flags.json) ctx.io.stdout(`${JSON.stringify(added)}\n`);
        else ctx.io.stdout(`${added.id}\n`);
        ctx.io.stderr(`dsr: watching ${added.kind} ${added.url}${added.title ? ` (“${added.title}”)` : ""} every ${formatEvery(added.everySeconds)}; first run due now (dsr watch run)\n`);
      });
    });

  watch
    .command("list")
    .description("the watched sources with their schedule and health")
    .option("--json", "print { items } as JSON")
    .action(async (flags: { json?: boolean }) => {
      await withApp(ctx, "if-empty", async (app) => {
        const items = await listSources({ app });
        if (flags.json) ctx.io.stdout(`${JSON.stringify({ items })}\n`);
        else if (items.length) ctx.io.stdout(`${table(["ID", "KIND", "EVERY", "HEALTH", "LAST OK", "NEXT RUN", "SOURCE"], sourceRows(items))}\n`);
        ctx.io.stderr(`${items.length} watched source${items.length === 1 ? "" : "s"}\n`);
      });
    });

  watch
    .command("remove")
    .description("stop watching a source (its documents and projects stay)")
    .argument("<source>", "its id or URL (or folder)")
    .option("--json", "print the removed source as JSON")
    .action(async (source: string, flags: { json?: boolean }) => {
      await withApp(ctx, "if-empty", async (app) => {
        const removed = await removeSource({ app }, source);
        ctx.io.stdout(flags.json ? `${JSON.stringify(removed)}\n` : `${removed.url}: no longer watched\n`);
      });
    });

  watch
    .command("run")
    .description("run the sources that are due once (for cron), then collect the saved searches' news and send alerts; exit 2 when some sources failed")
    .option("--all", "run every source, due or not")
    .option("--source <id>", "run only this source (id or URL; repeatable)", (v: string, prev: string[] = []) => [...prev, v])
    .option("--no-alerts", "do not collect news or send alerts")
    .option("--json", "print { run, news, deliveries } as JSON")
    .action(async (flags: { all?: boolean; source?: string[]; alerts: boolean; json?: boolean }) => {
      const abort = new AbortController();
      const onSigint = () => {
        if (abort.signal.aborted) process.exit(130);
        ctx.io.stderr("dsr: interrupted — finishing the document being stored; the next run does the rest\n");
        abort.abort();
      };
      process.on("SIGINT", onSigint);
      let summary: WatchRunSummary;
      try {
        summary = await withApp(ctx, "if-empty", async (app) => {
          const run = await runSources(watchDeps(ctx, app), { all: flags.all === true, ...(flags.source ? { ids: flags.source } : {}), signal: abort.signal });
          const after = flags.alerts ? await afterRun(ctx, app) : { news: {}, deliveries: [] };
          for (const r of run.sources) for (const w of r.warnings.slice(0, 10)) ctx.io.stderr(`dsr: warning: ${w}\n`);
          if (flags.json) ctx.io.stdout(`${JSON.stringify({ run, ...after })}\n`);
          else {
            ctx.io.stdout(`${runText(run)}\n`);
            const news = Object.entries(after.news).filter(([, n]) => n > 0);
            if (news.length) ctx.io.stdout(`${news.map(([name, n]) => `news for “${name}”: ${n} project${n === 1 ? "" : "s"}`).join("\n")}\n`);
            if (after.deliveries.length) ctx.io.stdout(`${deliveryText(after.deliveries)}\n`);
          }
          return run;
        });
      } finally {
        process.off("SIGINT", onSigint);
      }
      if (summary.ran === 0) ctx.io.stderr("dsr: no source was due (dsr watch run --all runs them anyway)\n");
      if (summary.failed) throw new SourcesFailed(summary.failed, summary.ran);
    });

  watch
    .command("daemon")
    .description("keep running: each source when it is due, then news and alerts; stops cleanly on SIGTERM or Ctrl-C")
    .action(async () => {
      const stop = new AbortController();
      const onSignal = (name: string) => () => {
        ctx.io.stderr(`dsr: ${name} — stopping after the current step\n`);
        stop.abort();
      };
      const onTerm = onSignal("SIGTERM");
      const onInt = onSignal("SIGINT");
      process.on("SIGTERM", onTerm);
      process.on("SIGINT", onInt);
      try {
        await withApp(ctx, "if-empty", async (app) => {
          ctx.io.stderr(`dsr: watching ${(await listSources({ app })).length} sources; Ctrl-C or SIGTERM stops\n`);
          await runDaemon(watchDeps(ctx, app), {
            signal: stop.signal,
            afterPass: async (summary) => {
              if (summary.ran) ctx.io.stderr(`${new Date().toISOString()} ${runText(summary).split("\n").at(-1)}\n`);
              const after = await afterRun(ctx, app);
              if (after.deliveries.length) ctx.io.stderr(`${deliveryText(after.deliveries)}\n`);
            },
            onError: (error) => ctx.io.stderr(`dsr: watch pass failed: ${(error as Error).message}\n`),
          });
        });
      } finally {
        process.off("SIGTERM", onTerm);
        process.off("SIGINT", onInt);
      }
    });

  watch
    .command("health")
    .description("for every source: when it last worked, what it brought, why it failed")
    .option("--json", "print { items } with each source's recent runs as JSON")
    .action(async (flags: { json?: boolean }) => {
      await withApp(ctx, "if-empty", async (app) => {
        const items = await watchHealth({ app });
        if (flags.json) {
          ctx.io.stdout(`${JSON.stringify({ items })}\n`);
          return;
        }
        for (const s of items) {
          const c = s.lastCounts;
          ctx.io.stdout(`${s.health.toUpperCase().padEnd(9)} ${s.title ?? s.url}  <${s.url}>\n`);
          ctx.io.stdout(`          ${s.healthNote}\n`);
          if (c) ctx.io.stdout(`          last run ${when(s.lastRunAt)} (${s.lastOutcome}): ${c.listed} listed, ${c.new} new, ${c.documents} documents, ${c.failed} failed\n`);
        }
        const failing = items.filter((s) => s.health === "failing").length;
        const quiet = items.filter((s) => s.health === "quiet").length;
        ctx.io.stderr(`${items.length} sources · ${failing} failing · ${quiet} quiet\n`);
      });
    });
}
