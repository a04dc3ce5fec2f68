// `dsr watch` / `dsr search` / `dsr alerts` end to end on a database file, and the HTTP routes
// in-process: from adding a feed to new projects and a signed alert, failing sources reported
// with exit 2, and the API's reads (health, news, Atom) and editor-only writes.
import assert from "node:assert/strict";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { join } from "node:path";
import { after, describe, it } from "node:test";
import { buildServer } from "../../src/api/server.js";
import { runCli } from "../../src/cli/main.js";
import { readConfig } from "../../src/config.js";
import { createToken } from "../../src/services/access.service.js";
import { verifySignature } from "../../src/watch/sign.js";
import { captureIo, memoryApp, tempDir } from "../helpers.js";
import { SENTENCES, article, rss, startFeedServer } from "./feed-server.js";

async function hookReceiver(): Promise<{ url: string; bodies: { body: string; signature: string | undefined }[] }> {
  const bodies: { body: string; signature: string | undefined }[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      bodies.push({ body: Buffer.concat(chunks).toString("utf8"), signature: req.headers["x-dsr-signature"] as string | undefined });
      res.writeHead(200).end("ok");
    });
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  after(() => server.close());
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`, bodies };
}

describe("dsr watch, search and alerts", () => {
  it("adds a feed, runs it into new projects and sends a signed alert; a failing source exits 2 and shows in the health", async () => {
    const srv = await startFeedServer();
    srv.set("/quito", article("Quito", SENTENCES.quito));
    srv.set("/lima", article("Lima", SENTENCES.lima));
    srv.set("/feed.xml", rss(srv.base, [{ path: "/quito", title: "Quito" }, { path: "/lima", title: "Lima" }]), "application/rss+xml");
    srv.set("/dead.xml", { body: "", status: 503 });
    const hook = await hookReceiver();
    const env = { DSR_DB: join(tempDir(), "observatory.db"), DSR_ALLOW_HOSTS: "127.0.0.1", DSR_WATCH_DELAY_MS: "0", DSR_PUBLIC_URL: "https://dsr.example" };
    const dsr = async (...argv: string[]) => {
      const io = captureIo();
      const code = await runCli(argv, io, env);
      return { code, out: io.out(), err: io.err() };
    };

    const secret = "cli-test-secret-0123456789";
    const saved = await dsr("search", "save", "--name", "Cameras in Ecuador", "--country", "EC", "--category", "surveillance", "--webhook", hook.url, "--secret", secret, "--json");
    assert.equal(saved.code, 0, saved.err);
    assert.deepEqual((JSON.parse(saved.out) as { query: unknown }).query, { country: "EC", category: "surveillance" });

    const added = await dsr("watch", "add", `${srv.base}/feed.xml`, "--every", "6h", "--json");
    assert.equal(added.code, 0, added.err);
    assert.equal((JSON.parse(added.out) as { kind: string }).kind, "rss");
    assert.equal((await dsr("watch", "add", `${srv.base}/feed.xml`)).code, 1, "the same URL twice is refused");
    assert.match((await dsr("watch", "add", `${srv.base}/other.xml`, "--every", "1m")).err, /at least 5m/);

    const run = await dsr("watch", "run", "--json");
    assert.equal(run.code, 0, run.err);
    const result = JSON.parse(run.out) as { run: { documents: number; projectsCreated: number }; news: Record<string, number>; deliveries: { channel: string; outcome: string }[] };
    assert.equal(result.run.documents, 2);
    assert.equal(result.run.projectsCreated, 2);
    assert.deepEqual(result.news, { "Cameras in Ecuador": 1 });
    assert.deepEqual(result.deliveries.map((d) => [d.channel, d.outcome]), [["webhook", "sent"]]);
    assert.equal(hook.bodies.length, 1);
    assert.ok(verifySignature(secret, hook.bodies[0]?.body ?? "", hook.bodies[0]?.signature));
    assert.match(hook.bodies[0]?.body ?? "", /https:\/\/dsr\.example\/projects\//);

    const news = await dsr("search", "news", "Cameras in Ecuador");
    assert.equal(news.code, 0, news.err);
    assert.match(news.out, /NEW .*Quito/);
    assert.match(news.out, /“El Municipio de Quito, Ecuador, firmó/);

    const projects = await dsr("projects", "--country", "EC", "--vendor", "Hikvision", "--json");
    assert.ok((JSON.parse(projects.out) as { total: number }).total >= 1);

    assert.equal((await dsr("watch", "add", `${srv.base}/dead.xml`, "--kind", "rss")).code, 0);
    const failing = await dsr("watch", "run", "--all");
    assert.equal(failing.code, 2, failing.err);
    assert.match(failing.out, /FAILED: .*HTTP 503/);
    assert.match(failing.out, /not modified \(304\)/);
    const health = await dsr("watch", "health");
    assert.match(health.out, /^FAILING .*dead\.xml/m);
    assert.match(health.out, /failing since .*HTTP 503/);
    assert.match(health.out, /^OK +Diario de prueba/m);

    const list = await dsr("watch", "list", "--json");
    const items = (JSON.parse(list.out) as { items: { id: string; url: string }[] }).items;
    assert.equal(items.length, 2);
    assert.equal((await dsr("watch", "remove", `${srv.base}/dead.xml`)).code, 0);
    assert.equal((await dsr("alerts", "send")).code, 0, "nothing pending");
    assert.equal((await dsr("search", "delete", "Cameras in Ecuador")).code, 0);
    assert.equal((await dsr("search", "news", "Cameras in Ecuador")).code, 1);
  });
});

describe("watch routes", () => {
  it("lets editors add sources and saved searches, and anyone read health, news and the Atom feed", async () => {
    const srv = await startFeedServer();
    srv.set("/quito", article("Quito", SENTENCES.quito));
    srv.set("/feed.xml", rss(srv.base, [{ path: "/quito", title: "Quito" }]), "application/rss+xml");
    const app = await memoryApp();
    const server = buildServer(app, { config: readConfig({ DSR_ALLOW_HOSTS: "127.0.0.1", DSR_WATCH_DELAY_MS: "0", DSR_RATE_LIMIT: "100000", DSR_DB: join(tempDir(), "x.db") }), webRoot: null });
    after(() => server.close());
    const editor = (await createToken(app.store.db, { name: "ana", role: "editor" })).token;
    const auth = { authorization: `Bearer ${editor}` };

    assert.equal((await server.inject({ method: "POST", url: "/api/watch/sources", payload: { url: `${srv.base}/feed.xml` } })).statusCode, 401);
    const added = await server.inject({ method: "POST", url: "/api/watch/sources", headers: auth, payload: { url: `${srv.base}/feed.xml`, every: "1h" } });
    assert.equal(added.statusCode, 201, added.body);
    const source = added.json<{ id: string; kind: string; everySeconds: number; health: string }>();
    assert.deepEqual([source.kind, source.everySeconds, source.health], ["rss", 3600, "never_run"]);
    const bad = await server.inject({ method: "POST", url: "/api/watch/sources", headers: auth, payload: { url: `${srv.base}/x.xml`, every: "10s", kind: "rss" } });
    assert.equal(bad.statusCode, 400);
    const folder = await server.inject({ method: "POST", url: "/api/watch/sources", headers: auth, payload: { url: "file:///etc", kind: "rss" } });
    assert.equal(folder.statusCode, 400);

    const saved = await server.inject({ method: "POST", url: "/api/searches", headers: auth, payload: { name: "Hikvision EC", query: { country: "ec", vendor: "Hikvision" }, email: "ana@newsroom.test" } });
    assert.equal(saved.statusCode, 201, saved.body);
    const searchId = saved.json<{ search: { id: string; query: Record<string, string> } }>().search.id;
    assert.equal(saved.json<{ search: { query: Record<string, string> } }>().search.query.country, "EC");
    const badFilter = await server.inject({ method: "POST", url: "/api/searches", headers: auth, payload: { name: "Bad", query: { category: "spaceships" } } });
    assert.equal(badFilter.statusCode, 400);

    const ran = await server.inject({ method: "POST", url: `/api/watch/sources/${source.id}/run`, headers: auth });
    assert.equal(ran.statusCode, 200, ran.body);
    assert.equal(ran.json<{ documents: number }>().documents, 1);

    const health = await server.inject({ method: "GET", url: "/api/watch/health" });
    assert.equal(health.statusCode, 200);
    const h = health.json<{ items: { health: string; lastCounts: { documents: number }; recentRuns: unknown[] }[] }>().items[0];
    assert.deepEqual([h?.health, h?.lastCounts.documents, h?.recentRuns.length], ["ok", 1, 1]);

    const news = await server.inject({ method: "GET", url: `/api/searches/${searchId}/news` });
    assert.equal(news.statusCode, 200, news.body);
    const body = news.json<{ total: number; items: { link: string; claims: { quote: string }[] }[]; search: { email: string | null } }>();
    assert.equal(body.total, 1);
    assert.match(body.items[0]?.link ?? "", /^http:\/\/localhost(:\d+)?\/projects\//);
    assert.equal(body.search.email, null, "where digests go is for editors");
    const asEditor = await server.inject({ method: "GET", url: "/api/searches", headers: auth });
    assert.equal(asEditor.json<{ items: { email: string }[] }>().items[0]?.email, "ana@newsroom.test");

    const atom = await server.inject({ method: "GET", url: `/api/searches/${searchId}/atom.xml` });
    assert.equal(atom.statusCode, 200);
    assert.match(atom.headers["content-type"] as string, /application\/atom\+xml/);
    assert.match(atom.body, /<entry>/);

    const patched = await server.inject({ method: "PATCH", url: `/api/searches/${searchId}`, headers: auth, payload: { webhookUrl: "https://hooks.example/dsr" } });
    assert.equal(patched.statusCode, 200, patched.body);
    assert.ok((patched.json<{ secret: string | null }>().secret ?? "").length >= 16, "a secret is made and shown once");

    assert.equal((await server.inject({ method: "DELETE", url: `/api/watch/sources/${source.id}`, headers: auth })).statusCode, 200);
    assert.equal((await server.inject({ method: "DELETE", url: `/api/searches/${searchId}`, headers: auth })).statusCode, 200);
    assert.equal((await server.inject({ method: "GET", url: `/api/searches/${searchId}/news` })).statusCode, 404);
    const spec = await server.inject({ method: "GET", url: "/api/openapi.json" });
    assert.ok(spec.json<{ paths: Record<string, unknown> }>().paths["/api/searches/{id}/atom.xml"]);
  });
});
