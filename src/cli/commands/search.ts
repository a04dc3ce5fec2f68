// `dsr search save|list|news|delete` and `dsr alerts send`: saved searches over the project list's
// filters, their news (new claims on matching projects since the search was saved), and the
// delivery of their digests by webhook and e-mail.
import type { Command } from "commander";
import { z } from "zod";
import { ProjectFilterQuery, filterToQuery } from "../../api/query-schemas.js";
import { UsageError } from "../../domain/errors.js";
import type { AlertView, SavedSearchView, SearchFilter } from "../../domain/watch.js";
import { sendAlerts } from "../../services/alerts.service.js";
import { listSearches, removeSearch, saveSearch, searchNews } from "../../services/saved-search.service.js";
import { showValue } from "../../watch/digest.js";
import { type CommandContext, withApp } from "../context.js";
import { table } from "../format.js";
import { SomeInputsFailed } from "../some-inputs-failed.js";
import { alertDeps, publicBaseUrl } from "./watch.js";

const FLAGS: [flag: string, key: string, help: string][] = [
  ["--country <code>", "country", "ISO 3166-1 alpha-2 country code, e.g. EC"],
  ["--subdivision <name>", "subdivision", "first-level subdivision, e.g. Jujuy"],
  ["--vendor <name>", "vendor", "vendor, investor, acquirer or donor (any alias; includes subsidiaries)"],
  ["--financier <name>", "financier", "lender or funder"],
  ["--buyer <name>", "buyer", "buyer"],
  ["--category <category>", "category", "e.g. surveillance, 5g, submarine_cable"],
  ["--mechanism <mechanism>", "mechanism", "contract, loan, donation, investment, acquisition, partnership, tender, mou"],
  ["--status <status>", "status", "announced, signed, in_progress, completed, cancelled, suspended"],
  ["--review <state>", "review", "candidate, verified or rejected"],
  ["--year <year>", "year", "deal year"],
  ["--year-from <year>", "year_from", "deals from this year on"],
  ["--year-to <year>", "year_to", "deals up to this year"],
  ["--amount-min <usd>", "amount_min", "at least this many US dollars"],
  ["--amount-max <usd>", "amount_max", "at most this many US dollars"],
  ["--search <text>", "q", "full text over titles, parties, places and evidence"],
];

const camel = (flag: string) => (flag.split(" ")[0] ?? "").replace(/^--/, "").replace(/-([a-z])/g, (_m, c: string) => c.toUpperCase());

/** The flags as the list's filter (snake_case), validated by the API's schema. */
export function filterFromFlags(opts: Record<string, unknown>): SearchFilter {
  const given = Object.fromEntries(FLAGS.flatMap(([flag, key]) => (opts[camel(flag)] === undefined ? [] : [[key, opts[camel(flag)]]])));
  const parsed = ProjectFilterQuery.safeParse(given);
  if (!parsed.success) {
    const msg = parsed.error.issues.map((i) => `--${String(i.path[0] ?? "?") === "q" ? "search" : String(i.path[0] ?? "?").replace(/_/g, "-")}: ${i.message}`).join("; ");
    throw new UsageError(msg || z.prettifyError(parsed.error));
  }
  return Object.fromEntries(Object.entries(parsed.data).filter(([, v]) => v !== undefined)) as SearchFilter;
}

/** Exit 2: the alerts are kept and retried; only their delivery is behind. */
class DeliveriesFailed extends SomeInputsFailed {
  constructor(failed: number) {
    super(failed, failed + 1);
    this.message = `${failed} digest${failed === 1 ? "" : "s"} could not be sent; they are retried with back-off on the next run`;
  }
}

const describeFilter = (q: SearchFilter) => Object.entries(q).map(([k, v]) => `${k}=${v}`).join(" ") || "(everything)";

function searchRows(items: readonly SavedSearchView[]): string[][] {
  return items.map((s) => [s.name, describeFilter(s.query), String(s.alerts), String(s.pending), [s.webhookUrl ? "webhook" : "", s.email ? `e-mail ${s.email}` : ""].filter(Boolean).join(", ") || "web", s.id]);
}

function alertText(a: AlertView): string {
  const lines = [`${a.createdAt.slice(0, 16).replace("T", " ")}  ${a.isNew ? "NEW" : "CHANGED"}  ${a.project.title}  ${a.link}`];
  for (const c of a.claims) {
    lines.push(`    ${c.field}: ${showValue(c.value)}`);
    lines.push(`      “${c.quote.length > 300 ? `${c.quote.slice(0, 299)}…` : c.quote}”`);
    lines.push(`      — ${c.document.citation}`);
  }
  return lines.join("\n");
}

export function registerSearch(program: Command, ctx: CommandContext): void {
  const search = program.command("search").description("saved searches: a filter of the project list with a name; new and changed projects that match are its news");

  const save = search
    .command("save")
    .description("save a search; its news starts now")
    .requiredOption("--name <name>", "what to call it")
    .option("--webhook <url>", "POST each digest here as JSON signed with an HMAC (X-DSR-Signature: sha256=…)")
    .option("--secret <secret>", "the webhook's HMAC secret (at least 16 characters; made and printed once when omitted)")
    .option("--email <address>", "mail each digest here through DSR_SMTP_URL")
    .option("--json", "print the saved search as JSON");
  for (const [flag, , help] of FLAGS) save.option(flag, help);
  save.action(async (flags: Record<string, unknown> & { name: string; webhook?: string; secret?: string; email?: string; json?: boolean }) => {
    const filter = filterFromFlags(flags);
    await withApp(ctx, "if-empty", async (app) => {
      const { search: saved, secret } = await saveSearch(app.store.db, { name: flags.name, filter, webhookUrl: flags.webhook, webhookSecret: flags.secret, email: flags.email }, process.env.USER || "cli");
      if (flags.json) ctx.io.stdout(`${JSON.stringify({ ...saved, ...(secret ? { secret } : {}) })}\n`);
      else ctx.io.stdout(`${saved.id}\n`);
      ctx.io.stderr(`dsr: saved “${saved.name}”: ${describeFilter(saved.query)}\n`);
      if (secret && !flags.json) ctx.io.stderr(`dsr: the webhook's secret (shown once): ${secret}\n`);
    });
  });

  search
    .command("list")
    .description("the saved searches with their alert counts")
    .option("--json", "print { items } as JSON")
    .action(async (flags: { json?: boolean }) => {
      await withApp(ctx, "if-empty", async (app) => {
        const items = await listSearches(app.store.db);
        if (flags.json) ctx.io.stdout(`${JSON.stringify({ items })}\n`);
        else if (items.length) ctx.io.stdout(`${table(["NAME", "FILTER", "ALERTS", "PENDING", "CHANNELS", "ID"], searchRows(items))}\n`);
        ctx.io.stderr(`${items.length} saved search${items.length === 1 ? "" : "es"}\n`);
      });
    });

  search
    .command("news")
    .description("a saved search's news, newest first: each project with its new claims, quotes and sources")
    .argument("<name>", "the search's name or id")
    .option("--limit <n>", "at most this many", "50")
    .option("--json", "print { search, items, total } as JSON")
    .action(async (name: string, flags: { limit: string; json?: boolean }) => {
      const limit = Number(flags.limit);
      if (!Number.isInteger(limit) || limit < 1 || limit > 1000) throw new UsageError(`--limit must be 1-1000, got "${flags.limit}"`);
      await withApp(ctx, "if-empty", async (app) => {
        const news = await searchNews(app.store.db, name, filterToQuery, { limit, offset: 0, baseUrl: publicBaseUrl(ctx) });
        if (flags.json) ctx.io.stdout(`${JSON.stringify(news)}\n`);
        else if (news.items.length) ctx.io.stdout(`${news.items.map(alertText).join("\n\n")}\n`);
        ctx.io.stderr(`${news.total} alert${news.total === 1 ? "" : "s"} for “${news.search.name}” (${describeFilter(news.search.query)})\n`);
      });
    });

  search
    .command("delete")
    .description("delete a saved search and its alerts")
    .argument("<name>", "the search's name or id")
    .action(async (name: string) => {
      await withApp(ctx, "if-empty", async (app) => {
        const removed = await removeSearch(app.store.db, name);
        ctx.io.stdout(`${removed.name}: deleted\n`);
      });
    });

  program
    .command("alerts")
    .description("saved searches' digests")
    .command("send")
    .description("collect news and send pending digests by webhook and e-mail (failed ones are retried with back-off); exit 2 when some could not be sent")
    .option("--search <name>", "only this saved search")
    .option("--json", "print { deliveries } as JSON")
    .action(async (flags: { search?: string; json?: boolean }) => {
      const deliveries = await withApp(ctx, "if-empty", (app) => sendAlerts(alertDeps(ctx, app), filterToQuery, flags.search));
      if (flags.json) ctx.io.stdout(`${JSON.stringify({ deliveries })}\n`);
      else for (const d of deliveries) ctx.io.stdout(`${d.channel} for “${d.search}”: ${d.alerts} alert${d.alerts === 1 ? "" : "s"} ${d.outcome}${d.error ? ` (${d.error})` : ""}\n`);
      if (deliveries.length === 0) ctx.io.stderr("dsr: nothing to send\n");
      const bad = deliveries.filter((d) => d.outcome !== "sent").length;
      if (bad) throw new DeliveriesFailed(bad);
    });
}
