// Watching sources against a local server on 127.0.0.1: items become documents once, unchanged
// feeds cost a 304 and nothing else, failures back off and show in the health, OCDS packages,
// listing pages and folders, robots.txt, and saved searches whose news is exactly the new matches.
import assert from "node:assert/strict";
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, it } from "node:test";
import { filterToQuery } from "../../src/api/query-schemas.js";
import type { OpenedApp } from "../../src/app.js";
import { collectNews, getSearchRow, saveSearch, searchNews } from "../../src/services/saved-search.service.js";
import { type WatchDeps, addSource, listSources, runSources, watchHealth } from "../../src/services/watch.service.js";
import { memoryApp, tempDir } from "../helpers.js";
import { SENTENCES, article, atom, ocdsPackage, rss, startFeedServer } from "./feed-server.js";

const HOUR = 3_600_000;

function deps(app: OpenedApp, clock: { t: Date }, extra: Partial<WatchDeps> = {}): WatchDeps {
  return { app, allowHosts: ["127.0.0.1"], userAgent: "dsr-observatory-watch/test", delayMs: 0, maxBytes: 5e6, cacheDir: tempDir(), now: () => clock.t, threads: 0, timeoutMs: 3000, ...extra };
}

const documentCount = async (app: OpenedApp) => Number((await app.store.db.selectFrom("documents").select((eb) => eb.fn.countAll<number>().as("n")).where("origin", "=", "ingested").executeTakeFirstOrThrow()).n);
const later = (clock: { t: Date }, ms: number) => (clock.t = new Date(clock.t.getTime() + ms));

describe("watching feeds", () => {
  it("turns new feed items into documents once, and an unchanged feed (304) costs no ingestion", async () => {
    const app = await memoryApp();
    const srv = await startFeedServer();
    srv.set("/a1", article("Quito compra cámaras", SENTENCES.quito));
    srv.set("/a2", article("Lima compra cámaras", SENTENCES.lima));
    srv.set("/feed.xml", rss(srv.base, [{ path: "/a1", title: "Quito" }, { path: "/a2", title: "Lima" }]), "application/rss+xml");
    const clock = { t: new Date("2026-01-01T00:00:00Z") };
    const d = deps(app, clock);

    const added = await addSource(d, { url: `${srv.base}/feed.xml`, everySeconds: 6 * 3600 }, "test");
    assert.equal(added.kind, "rss");
    assert.equal(added.title, "Diario de prueba");

    const first = await runSources(d);
    assert.equal(first.ran, 1);
    const r1 = first.sources[0];
    assert.equal(r1?.outcome, "ok");
    assert.deepEqual([r1?.counts.listed, r1?.counts.new, r1?.counts.documents], [2, 2, 2]);
    assert.equal(first.projectsCreated, 2);
    assert.equal(await documentCount(app), 2);
    assert.ok([...srv.userAgents].every((ua) => ua === "dsr-observatory-watch/test"), "every request says who we are");
    assert.equal(srv.hitsOf("/robots.txt"), 2, "robots.txt read once per run and host (the probe was a run of its own)");

    // Not due yet: nothing is fetched.
    later(clock, HOUR);
    assert.equal((await runSources(d)).ran, 0);

    // Due, unchanged: a conditional request, answered 304, nothing read or stored.
    later(clock, 6 * HOUR);
    const second = await runSources(d);
    assert.equal(second.sources[0]?.outcome, "not_modified");
    assert.equal(second.notModified, 1);
    assert.equal(srv.conditional.get("/feed.xml"), 1);
    assert.equal(srv.hitsOf("/a1"), 1);
    assert.equal(await documentCount(app), 2);

    // A new item: only it is fetched and stored; the old ones are not fetched again.
    srv.set("/a3", article("Cuenca compra cámaras", SENTENCES.cuenca));
    srv.set("/feed.xml", rss(srv.base, [{ path: "/a3", title: "Cuenca", date: "Tue, 02 Jan 2024 10:00:00 GMT" }, { path: "/a1", title: "Quito" }, { path: "/a2", title: "Lima" }]), "application/rss+xml");
    later(clock, 6 * HOUR);
    const third = await runSources(d);
    assert.deepEqual([third.sources[0]?.counts.listed, third.sources[0]?.counts.new, third.sources[0]?.counts.documents], [3, 1, 1]);
    assert.equal(srv.hitsOf("/a1"), 1);
    assert.equal(srv.hitsOf("/a3"), 1);
    assert.equal(await documentCount(app), 3);

    // A feed that ignores conditional requests: the same items again are still not documents twice.
    srv.set("/feed.xml", { body: srv.pages.get("/feed.xml")?.body ?? "", type: "application/rss+xml", noValidators: true });
    later(clock, 6 * HOUR);
    const fourth = await runSources(d);
    assert.equal(fourth.sources[0]?.counts.new, 0);
    assert.equal(await documentCount(app), 3);
  });

  it("reads Atom feeds, and a page two feeds list is one document", async () => {
    const app = await memoryApp();
    const srv = await startFeedServer();
    srv.set("/n/quito", article("Quito", SENTENCES.quito));
    srv.set("/atom.xml", atom(srv.base, [{ path: "/n/quito", title: "Quito" }]), "application/atom+xml");
    srv.set("/rss.xml", rss(srv.base, [{ path: "/n/quito", title: "Quito" }]), "application/rss+xml");
    const clock = { t: new Date("2026-01-01T00:00:00Z") };
    const d = deps(app, clock);
    assert.equal((await addSource(d, { url: `${srv.base}/atom.xml` }, "t")).kind, "atom");
    await addSource(d, { url: `${srv.base}/rss.xml` }, "t");
    const run = await runSources(d);
    assert.equal(run.documents, 1);
    assert.equal(await documentCount(app), 1);
    assert.equal(srv.hitsOf("/n/quito"), 1, "fetched once for both feeds");
  });

  it("backs off after a 500 and after a timeout, reports why, and recovers", async () => {
    const app = await memoryApp();
    const srv = await startFeedServer();
    srv.set("/a1", article("Quito", SENTENCES.quito));
    srv.set("/feed.xml", rss(srv.base, [{ path: "/a1", title: "Quito" }]), "application/rss+xml");
    const clock = { t: new Date("2026-01-01T00:00:00Z") };
    const d = deps(app, clock, { timeoutMs: 300 });
    await addSource(d, { url: `${srv.base}/feed.xml`, everySeconds: 6 * 3600 }, "t");

    srv.set("/feed.xml", { body: "", status: 500 });
    const failed = await runSources(d);
    assert.equal(failed.failed, 1);
    assert.equal(failed.sources[0]?.httpStatus, 500);
    assert.match(failed.sources[0]?.error ?? "", /HTTP 500/);
    let [health] = await watchHealth(d);
    assert.equal(health?.health, "failing");
    assert.equal(health?.failures, 1);
    assert.match(health?.healthNote ?? "", /failing since 2026-01-01 \(1 run in a row\): .*HTTP 500[^;]*; never worked/);
    assert.equal(health?.nextRunAt, "2026-01-01T00:30:00.000Z", "first retry after 30 minutes");
    assert.equal(health?.recentRuns[0]?.outcome, "failed");

    later(clock, 10 * 60_000);
    assert.equal((await runSources(d)).ran, 0, "not retried before its back-off");

    srv.set("/feed.xml", { body: "", hang: true });
    later(clock, 25 * 60_000);
    const timedOut = await runSources(d);
    assert.match(timedOut.sources[0]?.error ?? "", /timed out/);
    [health] = await watchHealth(d);
    assert.equal(health?.failures, 2);
    assert.equal(Date.parse(health?.nextRunAt ?? "") - clock.t.getTime(), HOUR, "the back-off doubles");

    srv.set("/feed.xml", rss(srv.base, [{ path: "/a1", title: "Quito" }]), "application/rss+xml");
    later(clock, HOUR);
    const recovered = await runSources(d);
    assert.equal(recovered.sources[0]?.outcome, "ok");
    [health] = await watchHealth(d);
    assert.equal(health?.health, "ok");
    assert.equal(health?.failures, 0);
    assert.equal(health?.failingSince, null);
    assert.match(health?.lastError ?? "", /timed out/, "the last failure stays visible");
    assert.equal(Date.parse(health?.nextRunAt ?? "") - clock.t.getTime(), 6 * HOUR, "back on its schedule");
  });

  it("shows a source that answers but has brought nothing for weeks as quiet, not as fine", async () => {
    const app = await memoryApp();
    const srv = await startFeedServer();
    srv.set("/a1", article("Quito", SENTENCES.quito));
    srv.set("/feed.xml", rss(srv.base, [{ path: "/a1", title: "Quito" }]), "application/rss+xml");
    const clock = { t: new Date("2026-01-01T00:00:00Z") };
    const d = deps(app, clock);
    await addSource(d, { url: `${srv.base}/feed.xml`, everySeconds: 86_400 }, "t");
    await runSources(d);
    for (let day = 0; day < 40; day++) {
      later(clock, 86_400_000);
      await runSources(d);
    }
    const [health] = await listSources(d);
    assert.equal(health?.health, "quiet");
    assert.match(health?.healthNote ?? "", /nothing new for 40 days \(since 2026-01-01\)/);
  });

  it("obeys robots.txt: a disallowed article is skipped and says why", async () => {
    const app = await memoryApp();
    const srv = await startFeedServer();
    srv.set("/robots.txt", "User-agent: *\nDisallow: /private/\n", "text/plain");
    srv.set("/a1", article("Quito", SENTENCES.quito));
    srv.set("/private/a2", article("Lima", SENTENCES.lima));
    srv.set("/feed.xml", rss(srv.base, [{ path: "/a1", title: "Quito" }, { path: "/private/a2", title: "Lima" }]), "application/rss+xml");
    const d = deps(app, { t: new Date("2026-01-01T00:00:00Z") });
    await addSource(d, { url: `${srv.base}/feed.xml` }, "t");
    const run = await runSources(d);
    const counts = run.sources[0]?.counts;
    assert.deepEqual([counts?.documents, counts?.disallowed], [1, 1]);
    assert.equal(srv.hitsOf("/private/a2"), 0);
    assert.ok(run.sources[0]?.warnings.some((w) => /robots\.txt disallows \/private\/a2/.test(w)));
  });

  it("imports an OCDS package through the importer, and not again when it is unchanged", async () => {
    const app = await memoryApp();
    const srv = await startFeedServer();
    srv.set("/ocds.json", ocdsPackage([{ ocid: "ocds-test01-1", title: "Adquisición de cámaras de videovigilancia", supplier: "Hikvision Ecuador S.A.", buyer: "GAD Municipal de Loja", amount: 850000 }]), "application/json");
    const clock = { t: new Date("2026-01-01T00:00:00Z") };
    const d = deps(app, clock);
    assert.equal((await addSource(d, { url: `${srv.base}/ocds.json`, options: { country: "EC" } }, "t")).kind, "ocds");
    const first = await runSources(d);
    assert.equal(first.sources[0]?.outcome, "ok", first.sources[0]?.error ?? "");
    assert.equal(first.sources[0]?.counts.projectsCreated, 1);
    assert.equal(srv.hitsOf("/ocds.json"), 2, "the probe and the run; the importer got the run's bytes");
    later(clock, 7 * HOUR);
    const second = await runSources(d);
    assert.equal(second.sources[0]?.outcome, "not_modified");
    const records = await app.store.db.selectFrom("imported_records").select("key").execute();
    assert.equal(records.length, 1);
  });

  it("picks the article links of a listing page, and new files of a folder", async () => {
    const app = await memoryApp();
    const srv = await startFeedServer();
    srv.set("/2024/05/quito-firma-contrato-de-camaras", article("Quito", SENTENCES.quito));
    srv.set(
      "/seccion/economia",
      `<html><head><title>Economía</title></head><body><nav><a href="/seccion/politica">Política</a></nav><main>` +
        `<a href="/2024/05/quito-firma-contrato-de-camaras">Quito firma un contrato de cámaras con Hikvision</a>` +
        `<a href="/tag/camaras">cámaras</a><a href="https://otro.example/nota-externa-de-otro-sitio">fuera</a></main><footer><a href="/contacto">Contacto</a></footer></body></html>`,
    );
    const folder = tempDir();
    const d = deps(app, { t: new Date("2026-01-01T00:00:00Z") });
    const listing = await addSource(d, { url: `${srv.base}/seccion/economia` }, "t");
    assert.equal(listing.kind, "listing");
    assert.equal(listing.title, "Economía");
    const watched = await addSource(d, { url: folder, allowFolders: true }, "t");
    assert.equal(watched.kind, "folder");
    await assert.rejects(addSource(d, { url: tempDir() }, "t"), /command line only/);

    const first = await runSources(d, { all: true });
    const byKind = new Map(first.sources.map((s) => [s.kind, s]));
    assert.equal(byKind.get("listing")?.counts.listed, 1);
    assert.equal(byKind.get("listing")?.counts.documents, 1);
    assert.equal(byKind.get("folder")?.counts.listed, 0);

    mkdirSync(join(folder, "sub"));
    writeFileSync(join(folder, "sub", "cuenca.txt"), SENTENCES.cuenca);
    const second = await runSources(d, { all: true });
    const folderRun = second.sources.find((s) => s.kind === "folder");
    assert.deepEqual([folderRun?.counts.listed, folderRun?.counts.new, folderRun?.counts.documents], [1, 1, 1]);
    const third = await runSources(d, { all: true });
    assert.equal(third.sources.find((s) => s.kind === "folder")?.counts.new, 0);
    assert.equal(third.sources.find((s) => s.kind === "listing")?.outcome, "not_modified");
  });
});

describe("saved searches", () => {
  it("has exactly the new matching projects as its news, each once, with the new claims and their quotes", async () => {
    const app = await memoryApp();
    const srv = await startFeedServer();
    srv.set("/quito", article("Quito", SENTENCES.quito));
    srv.set("/lima", article("Lima", SENTENCES.lima));
    srv.set("/guayas", article("Guayas", SENTENCES.guayas));
    srv.set("/feed.xml", rss(srv.base, [{ path: "/quito", title: "Quito" }, { path: "/lima", title: "Lima" }, { path: "/guayas", title: "Guayas" }]), "application/rss+xml");
    const clock = { t: new Date("2026-01-01T00:00:00Z") };
    const d = deps(app, clock);
    const { search } = await saveSearch(app.store.db, { name: "Cameras in Ecuador", filter: { country: "EC", category: "surveillance" } }, "ana");
    await addSource(d, { url: `${srv.base}/feed.xml` }, "t");
    await runSources(d);

    const made = await collectNews(app.store.db, await getSearchRow(app.store.db, search.id), filterToQuery);
    assert.equal(made.length, 1);
    const news = await searchNews(app.store.db, search.id, filterToQuery, { limit: 10, offset: 0, baseUrl: "http://dsr.test" });
    assert.equal(news.total, 1);
    const alert = news.items[0];
    assert.ok(alert);
    assert.equal(alert.isNew, true);
    assert.equal(alert.project.country, "EC");
    assert.match(alert.link, /^http:\/\/dsr\.test\/projects\/p-/);
    const vendor = alert.claims.find((c) => c.field === "vendors");
    assert.ok(vendor, "the vendor claim is in the alert");
    assert.match(vendor.quote, /Hikvision/);
    assert.equal(vendor.document.url, `${srv.base}/quito`);

    // Collected again with nothing new: no more alerts.
    assert.equal((await collectNews(app.store.db, await getSearchRow(app.store.db, search.id), filterToQuery)).length, 0);

    // A new matching article: one more alert, for it alone.
    srv.set("/cuenca", article("Cuenca", SENTENCES.cuenca));
    srv.set("/feed.xml", rss(srv.base, [{ path: "/cuenca", title: "Cuenca" }, { path: "/quito", title: "Quito" }]), "application/rss+xml");
    later(clock, 7 * HOUR);
    await runSources(d);
    const after = await searchNews(app.store.db, search.id, filterToQuery, { limit: 10, offset: 0, baseUrl: "http://dsr.test" });
    assert.equal(after.total, 2);
    assert.match(after.items[0]?.project.title ?? "", /Dahua|Cuenca/);
  });

  it("starts a search's news when it is saved: what was stored before is not news", async () => {
    const app = await memoryApp();
    const { search } = await saveSearch(app.store.db, { name: "Everything", filter: {} }, "ana");
    assert.equal((await collectNews(app.store.db, await getSearchRow(app.store.db, search.id), filterToQuery)).length, 0);
    await assert.rejects(saveSearch(app.store.db, { name: "Everything", filter: {} }, "ana"), /exists/);
    await assert.rejects(saveSearch(app.store.db, { name: "x", filter: {}, email: "not-an-address" }, "ana"), /not an e-mail/);
  });
});
