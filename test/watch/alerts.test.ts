// Alerts: a signed webhook POST that verifies with its HMAC on a 127.0.0.1 receiver (retried with
// back-off when the receiver fails), an e-mail through a local SMTP server the test starts, and the
// Atom feed — each alert naming the project, its new claims and their quotes.
import assert from "node:assert/strict";
import { createHmac } from "node:crypto";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { after, describe, it } from "node:test";
import { SMTPServer } from "smtp-server";
import { filterToQuery } from "../../src/api/query-schemas.js";
import type { OpenedApp } from "../../src/app.js";
import { type AlertDeps, sendAlerts } from "../../src/services/alerts.service.js";
import { saveSearch, searchNews } from "../../src/services/saved-search.service.js";
import { type WatchDeps, addSource, runSources } from "../../src/services/watch.service.js";
import { XMLParser } from "fast-xml-parser";
import { memoryApp, tempDir } from "../helpers.js";
import { SENTENCES, article, rss, startFeedServer } from "./feed-server.js";

interface Received {
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

async function receiver(statuses: number[]): Promise<{ url: string; received: Received[] }> {
  const received: Received[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      received.push({ headers: req.headers, body: Buffer.concat(chunks).toString("utf8") });
      res.writeHead(statuses.shift() ?? 204).end();
    });
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  after(() => server.close());
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`, received };
}

async function smtp(): Promise<{ url: string; mails: { from: string; to: string[]; data: string }[] }> {
  const mails: { from: string; to: string[]; data: string }[] = [];
  const server = new SMTPServer({
    secure: false,
    authOptional: true,
    disabledCommands: ["STARTTLS", "AUTH"],
    logger: false,
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on("data", (c: Buffer) => chunks.push(c));
      stream.on("end", () => {
        mails.push({ from: session.envelope.mailFrom ? session.envelope.mailFrom.address : "", to: session.envelope.rcptTo.map((r) => r.address), data: Buffer.concat(chunks).toString("utf8") });
        callback();
      });
    },
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  after(() => server.close());
  return { url: `smtp://127.0.0.1:${(server.server.address() as AddressInfo).port}`, mails };
}

/** An app with one feed watched and run, and a saved search made before the run. */
async function watchedApp(search: { webhookUrl?: string; webhookSecret?: string; email?: string }): Promise<{ app: OpenedApp; searchId: string; secret: string | null }> {
  const app = await memoryApp();
  const srv = await startFeedServer();
  srv.set("/quito", article("Quito", SENTENCES.quito));
  srv.set("/lima", article("Lima", SENTENCES.lima));
  srv.set("/feed.xml", rss(srv.base, [{ path: "/quito", title: "Quito" }, { path: "/lima", title: "Lima" }]), "application/rss+xml");
  const saved = await saveSearch(app.store.db, { name: "Hikvision in Ecuador", filter: { country: "EC", vendor: "Hikvision" }, ...search }, "ana");
  const deps: WatchDeps = { app, allowHosts: ["127.0.0.1"], userAgent: "dsr-test", delayMs: 0, maxBytes: 5e6, cacheDir: tempDir(), threads: 0 };
  await addSource(deps, { url: `${srv.base}/feed.xml` }, "t");
  await runSources(deps);
  return { app, searchId: saved.search.id, secret: saved.secret };
}

const alertDeps = (app: OpenedApp, clock: { t: Date }, extra: Partial<AlertDeps> = {}): AlertDeps => ({
  db: app.store.db, baseUrl: "http://dsr.test", allowHosts: ["127.0.0.1"], smtpUrl: null, from: "dsr@dsr.test", now: () => clock.t, ...extra,
});

describe("alerts", () => {
  it("POSTs a digest whose X-DSR-Signature verifies with the search's secret, retrying a failed delivery later", async () => {
    const hook = await receiver([500, 204]);
    const secret = "a-long-enough-shared-secret";
    const { app } = await watchedApp({ webhookUrl: hook.url, webhookSecret: secret });
    const clock = { t: new Date("2026-02-01T00:00:00Z") };

    const first = await sendAlerts(alertDeps(app, clock), filterToQuery);
    assert.deepEqual(first.map((r) => [r.channel, r.outcome, r.alerts]), [["webhook", "retrying", 1]]);
    assert.equal((await sendAlerts(alertDeps(app, clock), filterToQuery)).length, 0, "not retried before its back-off");

    clock.t = new Date(clock.t.getTime() + 120_000);
    const second = await sendAlerts(alertDeps(app, clock), filterToQuery);
    assert.deepEqual(second.map((r) => r.outcome), ["sent"]);
    assert.equal(hook.received.length, 2);
    const got = hook.received[1];
    assert.ok(got);
    const expected = `sha256=${createHmac("sha256", secret).update(got.body).digest("hex")}`;
    assert.equal(got.headers["x-dsr-signature"], expected);
    assert.notEqual(createHmac("sha256", "another-secret-entirely").update(got.body).digest("hex"), expected.slice(7));
    const body = JSON.parse(got.body) as { type: string; sentAt: string; search: { name: string }; alerts: { project: { title: string; link: string; country: string }; claims: { field: string; quote: string; source: { url: string } }[] }[] };
    assert.equal(body.type, "dsr.digest");
    assert.equal(got.headers["x-dsr-timestamp"], body.sentAt);
    assert.equal(body.search.name, "Hikvision in Ecuador");
    assert.equal(body.alerts.length, 1);
    assert.equal(body.alerts[0]?.project.country, "EC");
    assert.match(body.alerts[0]?.project.link ?? "", /^http:\/\/dsr\.test\/projects\//);
    const vendor = body.alerts[0]?.claims.find((c) => c.field === "vendors");
    assert.match(vendor?.quote ?? "", /Hikvision/);
    assert.match(vendor?.source.url ?? "", /\/quito$/);

    assert.equal((await sendAlerts(alertDeps(app, clock), filterToQuery)).length, 0, "nothing is sent twice");
  });

  it("refuses a webhook on an internal address like every fetch", async () => {
    const { app } = await watchedApp({ webhookUrl: "http://10.0.0.7/hook", webhookSecret: "a-long-enough-shared-secret" });
    const [report] = await sendAlerts(alertDeps(app, { t: new Date() }, { allowHosts: [] }), filterToQuery);
    assert.equal(report?.outcome, "retrying");
    assert.match(report?.error ?? "", /10\.0\.0\.7 is a private address/);
  });

  it("mails the digest through the operator's SMTP server", async () => {
    const server = await smtp();
    const { app } = await watchedApp({ email: "ana@newsroom.test" });
    const reports = await sendAlerts(alertDeps(app, { t: new Date() }, { smtpUrl: server.url }), filterToQuery);
    assert.deepEqual(reports.map((r) => [r.channel, r.outcome]), [["email", "sent"]]);
    assert.equal(server.mails.length, 1);
    const mail = server.mails[0];
    assert.deepEqual(mail?.to, ["ana@newsroom.test"]);
    assert.equal(mail?.from, "dsr@dsr.test");
    // The subject is "[dsr] 1 project for “Hikvision in Ecuador”", MIME-encoded.
    assert.match(mail?.data ?? "", /Subject: =\?UTF-8\?Q\?=5Bdsr=5D_1_project_for_/);
    assert.match(mail?.data ?? "", /Hikvision/);
    assert.match(mail?.data ?? "", /http:\/\/dsr\.test\/projects\//);
  });

  it("keeps e-mail alerts pending, and says so, while no SMTP server is configured", async () => {
    const { app, searchId } = await watchedApp({ email: "ana@newsroom.test" });
    const [report] = await sendAlerts(alertDeps(app, { t: new Date() }), filterToQuery);
    assert.equal(report?.outcome, "waiting");
    assert.match(report?.error ?? "", /DSR_SMTP_URL/);
    const news = await searchNews(app.store.db, searchId, filterToQuery, { limit: 5, offset: 0, baseUrl: "http://dsr.test" });
    assert.equal(news.items[0]?.email.state, "pending");
  });

  it("serves the news as an Atom feed", async () => {
    const { app, searchId } = await watchedApp({});
    const { searchAtom } = await import("../../src/services/alerts.service.js");
    const xml = await searchAtom(app.store.db, searchId, filterToQuery, { baseUrl: "http://dsr.test", self: `http://dsr.test/api/searches/${searchId}/atom.xml` });
    const doc = new XMLParser({ ignoreAttributes: false }).parse(xml) as { feed: { title: string; entry: { title: { "#text": string }; link: { "@_href": string }; content: string } } };
    assert.match(doc.feed.title, /Hikvision in Ecuador/);
    assert.match(doc.feed.entry.title["#text"], /^New: .*Quito/);
    assert.match(doc.feed.entry.link["@_href"], /^http:\/\/dsr\.test\/projects\//);
    assert.match(xml, /<content type="html"><!\[CDATA\[<p>vendors: Hikvision · buyer: Municipio de Quito[^\]]*<blockquote>“El Municipio de Quito/, "the content quotes the claim");
  });
});
