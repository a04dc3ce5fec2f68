// Delivering saved searches' alerts: one digest per search and channel — a signed JSON POST to the
// search's webhook (through the address guard), an e-mail through the operator's SMTP server — and
// the Atom feed. A failed delivery is retried with back-off and given up after a few attempts;
// each alert keeps its state per channel, so nothing is sent twice once it went through.
import nodemailer from "nodemailer";
import type { Resolver } from "../ingest/address-guard.js";
import type { AlertView } from "../domain/watch.js";
import type { Executor } from "../store/executor.js";
import { type AlertRow, type Channel, type SavedSearchRow, listSavedSearches, markDelivery, pendingAlerts } from "../store/saved-search.repository.js";
import { digestAtom, digestEmail, digestJson } from "../watch/digest.js";
import { SIGNATURE_HEADER, TIMESTAMP_HEADER, signBody } from "../watch/sign.js";
import { postJson } from "../watch/webhook-post.js";
import { type FilterToQuery, alertView, collectNews, getSearchRow, searchNews } from "./saved-search.service.js";

/** Attempts per channel before an alert is marked failed. */
export const MAX_DELIVERY_ATTEMPTS = 6;
/** Alerts per digest; more wait for the next one. */
const DIGEST_SIZE = 100;

export interface AlertDeps {
  db: Executor;
  /** Where the web app is reached, for project links. */
  baseUrl: string;
  allowHosts: readonly string[];
  resolve?: Resolver | undefined;
  /** smtp(s)://… of the operator's server; null: e-mail alerts wait until one is configured. */
  smtpUrl: string | null;
  from: string;
  userAgent?: string | undefined;
  now?: () => Date;
  webhookTimeoutMs?: number;
}

export interface DeliveryReport {
  search: string;
  channel: Channel;
  alerts: number;
  outcome: "sent" | "retrying" | "failed" | "waiting";
  error?: string;
}

/** Minutes before the n-th retry: 1, 5, 25, 125… capped at a day. */
const retryDelayMs = (attempts: number): number => Math.min(86_400_000, 60_000 * 5 ** Math.max(0, attempts - 1));

async function deliver(
  deps: AlertDeps,
  search: SavedSearchRow,
  channel: Channel,
  send: (alerts: AlertView[]) => Promise<{ ok: true } | { ok: false; error: string }>,
): Promise<DeliveryReport | null> {
  const now = (deps.now ?? (() => new Date()))();
  const rows: AlertRow[] = await pendingAlerts(deps.db, search.id, channel, now.toISOString(), DIGEST_SIZE);
  if (rows.length === 0) return null;
  const ids = rows.map((r) => r.id);
  const result = await send(rows.map((r) => alertView(r, deps.baseUrl)));
  if (result.ok) {
    await markDelivery(deps.db, ids, channel, { state: "sent", nextAt: null, error: null, countAttempt: true });
    return { search: search.name, channel, alerts: rows.length, outcome: "sent" };
  }
  const attempts = Math.max(...rows.map((r) => (channel === "webhook" ? r.webhook_attempts : r.email_attempts))) + 1;
  const gaveUp = attempts >= MAX_DELIVERY_ATTEMPTS;
  await markDelivery(deps.db, ids, channel, {
    state: gaveUp ? "failed" : "pending",
    nextAt: gaveUp ? null : new Date(now.getTime() + retryDelayMs(attempts)).toISOString(),
    error: result.error,
    countAttempt: true,
  });
  return { search: search.name, channel, alerts: rows.length, outcome: gaveUp ? "failed" : "retrying", error: result.error };
}

/**
 * Collects every search's news, then sends what is pending: one digest per search and channel.
 * @example await sendAlerts({ db, baseUrl, allowHosts: [], smtpUrl: "smtp://mail.example:587", from: "dsr@example.org" }, filterToQuery)
 */
export async function sendAlerts(deps: AlertDeps, toQuery: FilterToQuery, only?: string): Promise<DeliveryReport[]> {
  const searches = only ? [await getSearchRow(deps.db, only)] : await listSavedSearches(deps.db);
  const reports: DeliveryReport[] = [];
  const transport = deps.smtpUrl ? nodemailer.createTransport(deps.smtpUrl) : null;
  try {
    for (const search of searches) {
      await collectNews(deps.db, search, toQuery);
      const filter = JSON.parse(search.query) as Record<string, unknown>;
      const digestSearch = { id: search.id, name: search.name, query: filter };
      if (search.webhook_url && search.webhook_secret) {
        const url = search.webhook_url;
        const secret = search.webhook_secret;
        const report = await deliver(deps, search, "webhook", async (alerts) => {
          const sentAt = (deps.now ?? (() => new Date()))().toISOString();
          const body = digestJson(digestSearch, alerts, sentAt);
          const posted = await postJson(url, body, { [SIGNATURE_HEADER]: signBody(secret, body), [TIMESTAMP_HEADER]: sentAt }, {
            allowHosts: deps.allowHosts, resolve: deps.resolve, userAgent: deps.userAgent, ...(deps.webhookTimeoutMs ? { timeoutMs: deps.webhookTimeoutMs } : {}),
          });
          return posted.ok ? { ok: true } : { ok: false, error: posted.error };
        });
        if (report) reports.push(report);
      }
      if (search.email) {
        const to = search.email;
        if (!transport) {
          const waiting = await pendingAlerts(deps.db, search.id, "email", "9999", DIGEST_SIZE);
          if (waiting.length) reports.push({ search: search.name, channel: "email", alerts: waiting.length, outcome: "waiting", error: "no SMTP server configured (set DSR_SMTP_URL)" });
          continue;
        }
        const report = await deliver(deps, search, "email", async (alerts) => {
          const mail = digestEmail(digestSearch, alerts);
          try {
            await transport.sendMail({ from: deps.from, to, subject: mail.subject, text: mail.text, html: mail.html });
            return { ok: true };
          } catch (error) {
            return { ok: false, error: `e-mail to ${to}: ${(error as Error).message}` };
          }
        });
        if (report) reports.push(report);
      }
    }
  } finally {
    transport?.close();
  }
  return reports;
}

/**
 * A search's alerts as an Atom feed (the newest 100).
 * @example await searchAtom(db, "ss-…", filterToQuery, { baseUrl: "https://dsr.example", self: "https://dsr.example/api/searches/ss-…/atom.xml" })
 */
export async function searchAtom(db: Executor, idOrName: string, toQuery: FilterToQuery, links: { baseUrl: string; self: string }): Promise<string> {
  const news = await searchNews(db, idOrName, toQuery, { limit: 100, offset: 0, baseUrl: links.baseUrl });
  return digestAtom({ id: news.search.id, name: news.search.name, query: news.search.query }, news.items, { self: links.self, site: links.baseUrl });
}
