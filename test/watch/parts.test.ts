// The pure parts of watching on small fixtures: feeds and sitemaps into items, listing pages into
// article links, schedules and back-off, robots.txt, kind detection, signatures, health words,
// politeness (one request per host at a time) and the daemon's clean stop.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import type { FetchResult } from "../../src/ingest/fetch-url.js";
import { runDaemon } from "../../src/services/watch-daemon.service.js";
import type { WatchDeps } from "../../src/services/watch.service.js";
import { detectKind } from "../../src/watch/detect.js";
import { byQuote, showValue } from "../../src/watch/digest.js";
import { newestFirst, parseFeed } from "../../src/watch/feeds.js";
import { healthOf } from "../../src/watch/health.js";
import { listingLinks } from "../../src/watch/listing.js";
import { PoliteFetcher } from "../../src/watch/polite-fetcher.js";
import { robotsDecision, robotsRules } from "../../src/watch/robots.js";
import { backoffSeconds, formatEvery, parseEvery } from "../../src/watch/schedule.js";
import { signBody, verifySignature } from "../../src/watch/sign.js";
import { memoryApp } from "../helpers.js";

const BASE = "https://diario.example/feed";

describe("feeds and sitemaps", () => {
  it("reads RSS items with guid, relative links, entities and dates", () => {
    const parsed = parseFeed(
      `<?xml version="1.0"?><rss version="2.0"><channel><title>Diario &amp; Co</title>
       <item><title>Quito &amp; Hikvision</title><link>/2024/quito?a=1&amp;b=2</link><guid isPermaLink="false">id-1</guid><pubDate>Mon, 01 Jan 2024 10:00:00 GMT</pubDate></item>
       <item><title>Sin enlace</title><guid>https://diario.example/permalink</guid></item>
       <item><title>Nada</title></item></channel></rss>`,
      BASE,
    );
    assert.ok(parsed.ok);
    assert.equal(parsed.format, "rss");
    assert.equal(parsed.title, "Diario & Co");
    assert.deepEqual(parsed.items, [
      { key: "id-1", url: "https://diario.example/2024/quito?a=1&b=2", title: "Quito & Hikvision", published: "Mon, 01 Jan 2024 10:00:00 GMT" },
      { key: "https://diario.example/permalink", url: "https://diario.example/permalink", title: "Sin enlace", published: null },
    ]);
  });

  it("reads Atom (the alternate link), RDF, Google News sitemaps and sitemap indexes", () => {
    const atom = parseFeed(`<feed xmlns="http://www.w3.org/2005/Atom"><title type="text">A</title><entry><id>urn:1</id><title>T</title><link rel="self" href="/self"/><link rel="alternate" href="/story"/><published>2024-02-01T00:00:00Z</published></entry></feed>`, BASE);
    assert.ok(atom.ok);
    assert.deepEqual(atom.items[0], { key: "urn:1", url: "https://diario.example/story", title: "T", published: "2024-02-01T00:00:00Z" });
    const rdf = parseFeed(`<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://purl.org/rss/1.0/"><item rdf:about="https://d.example/1"><title>R</title><link>https://d.example/1</link></item></rdf:RDF>`, BASE);
    assert.ok(rdf.ok);
    assert.equal(rdf.items[0]?.url, "https://d.example/1");
    const news = parseFeed(`<urlset xmlns:news="http://www.google.com/schemas/sitemap-news/0.9"><url><loc>https://d.example/n</loc><news:news><news:title>N</news:title><news:publication_date>2024-03-01</news:publication_date></news:news></url></urlset>`, BASE);
    assert.ok(news.ok);
    assert.deepEqual([news.format, news.items[0]?.title, news.items[0]?.published], ["sitemap", "N", "2024-03-01"]);
    const index = parseFeed(`<sitemapindex><sitemap><loc>https://d.example/s1.xml</loc><lastmod>2024-01-01</lastmod></sitemap></sitemapindex>`, BASE);
    assert.ok(index.ok);
    assert.equal(index.format, "sitemapindex");
  });

  it("names the source when it is not a feed", () => {
    const html = parseFeed("<html><body>hola</body></html>", BASE);
    assert.equal(html.ok, false);
    assert.match(!html.ok ? html.error : "", /^https:\/\/diario\.example\/feed: not an RSS, Atom or sitemap document \(its root is <html>\)/);
    assert.equal(parseFeed("<rss><channel><item>", BASE).ok, false);
  });

  it("orders items newest first, undated ones last in their order", () => {
    const items = [
      { key: "a", url: "u", title: null, published: null },
      { key: "b", url: "u", title: null, published: "2024-01-01" },
      { key: "c", url: "u", title: null, published: "2024-06-01" },
      { key: "d", url: "u", title: null, published: "not a date" },
    ];
    assert.deepEqual(newestFirst(items).map((i) => i.key), ["c", "b", "a", "d"]);
  });
});

describe("listing pages", () => {
  it("keeps article links on the site and drops navigation, tags, other sites and the page itself", () => {
    const html = `<html><body><header><a href="/2024/05/un-titular-de-cabecera-largo">cabecera</a></header>
      <main><a href="/2024/05/zte-firma-contrato-de-camaras">ZTE firma contrato de cámaras</a>
      <a href="/nota/123456">Una nota con número</a><a href="/economia">Economía</a><a href="/tag/zte">zte</a>
      <a href="https://www.diario.example/politica/el-gobierno-anuncia-una-red-5g">El gobierno anuncia una red 5G nacional</a>
      <a href="https://otro.example/2024/05/nota-de-otro-sitio-web">otro</a><a href="#top">arriba</a><a href="mailto:x@y">x</a>
      <a href="/2024/05/zte-firma-contrato-de-camaras#comentarios">again</a></main>
      <footer><a href="/2024/01/aviso-legal-del-sitio-web">aviso</a></footer></body></html>`;
    assert.deepEqual(listingLinks(html, "https://diario.example/economia").map((i) => i.url), [
      "https://diario.example/2024/05/zte-firma-contrato-de-camaras",
      "https://diario.example/nota/123456",
      "https://www.diario.example/politica/el-gobierno-anuncia-una-red-5g",
    ]);
  });
});

describe("schedules", () => {
  it("reads durations, refuses impolite ones, and backs off exponentially up to a cap", () => {
    assert.equal(parseEvery("6h"), 21_600);
    assert.equal(parseEvery("90m"), 5400);
    assert.equal(parseEvery("1w"), 604_800);
    assert.throws(() => parseEvery("1m"), /at least 5m/);
    assert.throws(() => parseEvery("often"), /duration like/);
    assert.equal(formatEvery(21_600), "6h");
    assert.deepEqual([1, 2, 3, 4, 5, 6, 7, 20].map((n) => backoffSeconds(n, 21_600) / 60), [30, 60, 120, 240, 480, 960, 1440, 1440]);
    assert.equal(backoffSeconds(1, 600), 600, "a 10-minute source retries after 10 minutes");
    assert.equal(backoffSeconds(20, 604_800), 604_800, "a weekly source is capped at its week");
  });
});

describe("robots.txt", () => {
  it("obeys rules for our agent, allows all on 4xx, and disallows all when it cannot be read", () => {
    const rules = robotsRules("https://d.example/robots.txt", { status: 200, body: "User-agent: dsr-observatory\nDisallow: /hemeroteca\n\nUser-agent: *\nDisallow: /\n" });
    assert.deepEqual(robotsDecision(rules, "https://d.example/noticia"), { allowed: true });
    assert.equal(robotsDecision(rules, "https://d.example/hemeroteca/1").allowed, false);
    assert.equal(robotsDecision(robotsRules("u", { status: 404, body: "" }), "https://d.example/x").allowed, true);
    const down = robotsDecision(robotsRules("u", { status: 503, body: "" }), "https://d.example/x");
    assert.equal(down.allowed, false);
    assert.match(!down.allowed ? down.reason : "", /HTTP 503; RFC 9309/);
  });
});

describe("detection, signatures, digests and health", () => {
  it("tells feeds, sitemaps, OCDS and pages apart by their first bytes", () => {
    const b = (s: string) => Buffer.from(s);
    assert.equal(detectKind(b('\uFEFF<?xml version="1.0"?><!-- c --><rss version="2.0">'), null), "rss");
    assert.equal(detectKind(b('<feed xmlns="http://www.w3.org/2005/Atom">'), null), "atom");
    assert.equal(detectKind(b("<urlset>"), null), "sitemap");
    assert.equal(detectKind(b('{"uri":"x","releases":[{"ocid":"o"}]}'), "application/json"), "ocds");
    assert.equal(detectKind(b("<!doctype html><html>"), "text/html"), "listing");
    assert.equal(detectKind(b('{"hello":1}'), "application/json"), null);
  });

  it("signs the raw body with HMAC-SHA256 and verifies only the same body and secret", () => {
    const sig = signBody("secret-0123456789", '{"a":1}');
    assert.match(sig, /^sha256=[0-9a-f]{64}$/);
    assert.ok(verifySignature("secret-0123456789", '{"a":1}', sig));
    assert.ok(!verifySignature("secret-0123456789", '{"a":2}', sig));
    assert.ok(!verifySignature("other-secret-000000", '{"a":1}', sig));
    assert.ok(!verifySignature("secret-0123456789", '{"a":1}', undefined));
  });

  it("shows values as people read them and groups claims that quote one passage", () => {
    assert.equal(showValue({ value: 5_000_000, currency: "USD" }), "USD 5,000,000");
    assert.equal(showValue({ cameras: 800 }), "800 cameras");
    assert.equal(showValue(["ZTE", "Huawei"]), "ZTE, Huawei");
    const doc = { id: "d", title: null, url: null, citation: "c" };
    const groups = byQuote([
      { id: 1, field: "vendors", value: ["ZTE"], quote: "q1", document: doc },
      { id: 2, field: "year", value: 2024, quote: "q1", document: doc },
      { id: 3, field: "amount", value: { value: 1, currency: "USD" }, quote: "q2", document: doc },
    ]);
    assert.deepEqual(groups.map((g) => g.fields), ["vendors: ZTE · year: 2024", "amount: USD 1"]);
  });

  it("calls a source failing with its reason, quiet after weeks without news, ok otherwise", () => {
    const now = new Date("2026-06-01T00:00:00Z");
    const base = { lastRunAt: "2026-05-31T00:00:00Z", nextRunAt: "2026-06-01T06:00:00Z", failures: 0, failingSince: null, lastOkAt: "2026-05-31T00:00:00Z", lastNewAt: "2026-05-30T00:00:00Z", lastError: null, everySeconds: 21_600, createdAt: "2026-01-01T00:00:00Z" };
    assert.equal(healthOf(base, now).health, "ok");
    const dark = healthOf({ ...base, failures: 40, failingSince: "2026-03-01T00:00:00Z", lastOkAt: "2026-02-28T00:00:00Z", lastError: "HTTP 503" }, now);
    assert.equal(dark.health, "failing");
    assert.match(dark.note, /failing since 2026-03-01 \(40 runs in a row\): HTTP 503; last worked 93 days ago/);
    const quiet = healthOf({ ...base, lastNewAt: "2026-02-01T00:00:00Z" }, now);
    assert.equal(quiet.health, "quiet");
    assert.match(quiet.note, /nothing new for 120 days/);
    assert.equal(healthOf({ ...base, lastRunAt: null }, now).health, "never_run");
  });
});

describe("politeness", () => {
  it("sends one request at a time per host, with the delay between them, and reads robots.txt once", async () => {
    let inFlight = 0;
    let maxInFlight = 0;
    const seen: string[] = [];
    const sleeps: number[] = [];
    let t = 0;
    const fetch = async (url: string): Promise<FetchResult> => {
      inFlight++;
      maxInFlight = Math.max(maxInFlight, inFlight);
      seen.push(url);
      await new Promise((r) => setImmediate(r));
      inFlight--;
      if (url.endsWith("/robots.txt")) return { ok: false, error: `${url}: HTTP 404 Not Found` };
      return { ok: true, bytes: new Uint8Array(), finalUrl: url, contentType: null, name: "x", lastModified: null, status: 200 };
    };
    const polite = new PoliteFetcher({ fetch, delayMs: 1000, now: () => t, sleep: async (ms) => void sleeps.push(ms) });
    await Promise.all(["https://a.example/1", "https://a.example/2", "https://a.example/3"].map((u) => polite.get(u)));
    assert.equal(maxInFlight, 1);
    assert.deepEqual(seen, ["https://a.example/robots.txt", "https://a.example/1", "https://a.example/2", "https://a.example/3"]);
    assert.deepEqual(sleeps, [1000, 1000, 1000], "each request after the first waits the delay (the clock stands still here)");
    t = 5000;
    await polite.get("https://a.example/4");
    assert.equal(sleeps.length, 3, "no wait once the delay has passed");
    assert.equal(polite.requests, 5);
  });
});

describe("the daemon", () => {
  it("runs a pass, sleeps until the next source is due, and stops cleanly on abort", async () => {
    const app = await memoryApp();
    const stop = new AbortController();
    const slept: number[] = [];
    let passes = 0;
    const deps: WatchDeps = { app, allowHosts: [], userAgent: "t", delayMs: 0, maxBytes: 1e6, cacheDir: "/nonexistent", now: () => new Date("2026-01-01T00:00:00Z") };
    const result = await runDaemon(deps, {
      signal: stop.signal,
      afterPass: async () => void passes++,
      onError: (e) => assert.fail(String(e)),
      sleep: async (ms) => {
        slept.push(ms);
        if (slept.length === 2) stop.abort();
      },
    });
    assert.equal(result.passes, 2);
    assert.equal(passes, 2);
    assert.deepEqual(slept, [60_000, 60_000], "with nothing watched it wakes once a minute");
  });
});
