// Writes over HTTP: adding sources (text, URL, upload) with the URL guard refusing internal
// addresses before any connection, upload limits, and review actions recorded under the token.
import assert from "node:assert/strict";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { after, before, describe, it } from "node:test";
import type { FastifyInstance } from "fastify";
import { buildServer } from "../../src/api/server.js";
import { type OpenedApp, openApp } from "../../src/app.js";
import { readConfig } from "../../src/config.js";
import type { Resolver } from "../../src/ingest/address-guard.js";
import { createToken } from "../../src/services/access.service.js";
import { auditOf } from "../../src/store/audit.repository.js";
import { testDatabase } from "../postgres.js";

let server: FastifyInstance;
let app: OpenedApp;
let editor = "";
let local = "";
let hits = 0;
const lookups: string[] = [];
// Names tests use, answered without DNS: nothing here ever resolves a real name.
const resolve: Resolver = async (host) => {
  lookups.push(host);
  const table: Record<string, string> = { "intranet.test": "10.1.2.3", "metadata.test": "169.254.169.254", "public.test": "93.184.216.34" };
  const address = table[host];
  if (!address) throw Object.assign(new Error(`no such host ${host}`), { code: "ENOTFOUND" });
  return [{ address, family: 4 }];
};
const page = createServer((req, res) => {
  hits++;
  if (req.url === "/redirect") {
    res.writeHead(302, { location: "http://intranet.test/secret" });
    res.end();
    return;
  }
  res.writeHead(200, { "content-type": "text/html" });
  res.end("<html><head><title>Nota</title></head><body><p>ZTE firmó un contrato con el Gobierno de Salta, Argentina, por US$ 7 millones en 2020 para cámaras.</p></body></html>");
});

before(async () => {
  await new Promise<void>((r) => page.listen(0, "127.0.0.1", r));
  local = `http://127.0.0.1:${(page.address() as AddressInfo).port}`;
  app = await openApp({ database: await testDatabase(), load: "if-changed" });
  server = buildServer(app, { config: readConfig({ DSR_RATE_LIMIT: "100000", DSR_UPLOAD_MAX_MB: "0.01" }), resolve });
  await server.ready();
  editor = (await createToken(app.store.db, { name: "ana-newsroom", role: "editor" })).token;
});
after(async () => {
  await server.close();
  await app.close();
  page.close();
});

const auth = () => ({ authorization: `Bearer ${editor}` });
const documents = async () => Number((await app.store.db.selectFrom("documents").select((eb) => eb.fn.countAll<number>().as("n")).executeTakeFirstOrThrow()).n);

describe("POST /api/documents", () => {
  it("needs a token", async () => {
    const res = await server.inject({ method: "POST", url: "/api/documents", payload: { text: "x" } });
    assert.equal(res.statusCode, 401);
    assert.equal(res.json().error, "unauthorized");
  });

  it("stores pasted text and answers with its deals, then says duplicate", async () => {
    const text = "Huawei firmó un contrato con ECU 911 en Quito, Ecuador, por US$ 15 millones en 2012 para instalar 1.000 cámaras.";
    const res = await server.inject({ method: "POST", url: "/api/documents", headers: auth(), payload: { text, title: "Nota pegada" } });
    assert.equal(res.statusCode, 201, res.body);
    const body = res.json();
    assert.equal(body.status, "stored");
    assert.ok(body.deals >= 1 && body.projects.length >= 1);
    assert.equal(body.document.title, "Nota pegada");
    const again = await server.inject({ method: "POST", url: "/api/documents", headers: auth(), payload: { text, title: "Otra vez" } });
    assert.equal(again.statusCode, 200);
    assert.equal(again.json().status, "duplicate");
  });

  it("refuses loopback, private and metadata URLs, by name or by redirect, before connecting", async () => {
    const before = await documents();
    hits = 0;
    for (const url of [`${local}/nota`, "http://intranet.test/x", "http://metadata.test/latest/meta-data", "http://[::1]/", "file:///etc/passwd", "http://169.254.169.254/"]) {
      const res = await server.inject({ method: "POST", url: "/api/documents", headers: auth(), payload: { url } });
      assert.equal(res.statusCode, 400, `${url}: ${res.body}`);
      assert.ok(["url_refused", "bad_request"].includes(res.json().error), url);
    }
    assert.equal(hits, 0, "no request reached any server");
    assert.equal(await documents(), before);
  });

  it("follows a page on an allowed host but refuses its redirect to an internal name", async () => {
    const allowed = buildServer(app, { config: readConfig({ DSR_RATE_LIMIT: "100000", DSR_ALLOW_HOSTS: "127.0.0.1" }), resolve });
    try {
      hits = 0;
      const ok = await allowed.inject({ method: "POST", url: "/api/documents", headers: auth(), payload: { url: `${local}/nota` } });
      assert.equal(ok.statusCode, 201, ok.body);
      assert.equal(ok.json().document.url, `${local}/nota`);
      lookups.length = 0;
      const redirected = await allowed.inject({ method: "POST", url: "/api/documents", headers: auth(), payload: { url: `${local}/redirect` } });
      assert.equal(redirected.statusCode, 400, redirected.body);
      assert.match(redirected.json().message, /intranet\.test.*private/);
      assert.deepEqual(lookups, ["intranet.test"]);
      assert.equal(hits, 2, "only the allowed host was contacted");
    } finally {
      await allowed.close();
    }
  });

  it("takes a file upload and refuses one over the limit with 413, storing nothing", async () => {
    const boundary = "----dsrtest";
    const part = (content: string, filename: string) =>
      `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${filename}"\r\nContent-Type: text/plain\r\n\r\n${content}\r\n--${boundary}--\r\n`;
    const headers = { ...auth(), "content-type": `multipart/form-data; boundary=${boundary}` };
    const small = await server.inject({ method: "POST", url: "/api/documents", headers, payload: part("Nokia firmó un contrato 5G con Claro en Brasil por US$ 40 millones en 2021.", "nota.txt") });
    assert.equal(small.statusCode, 201, small.body);
    const before = await documents();
    const big = await server.inject({ method: "POST", url: "/api/documents", headers, payload: part("a".repeat(20_000), "big.txt") });
    assert.equal(big.statusCode, 413, big.body);
    assert.equal(big.json().error, "payload_too_large");
    assert.equal(await documents(), before);
  });
});

describe("review over HTTP", () => {
  it("accepts, edits and rejects with the token's name in the audit log; readers cannot", async () => {
    const id = "zte-jujuy-surveillance-2019";
    const anonymous = await server.inject({ method: "POST", url: `/api/projects/${id}/reject` });
    assert.equal(anonymous.statusCode, 401);
    const edit = await server.inject({ method: "PATCH", url: `/api/projects/${id}`, headers: auth(), payload: { field: "year", value: 2019, note: "Contrato firmado en marzo de 2019" } });
    assert.equal(edit.statusCode, 200, edit.body);
    const bad = await server.inject({ method: "PATCH", url: `/api/projects/${id}`, headers: auth(), payload: { field: "year", value: "pronto" } });
    assert.equal(bad.statusCode, 400);
    const log = await auditOf(app.store.db, "project", id);
    assert.equal(log.at(-1)?.actor, "ana-newsroom");
    assert.equal(log.at(-1)?.action, "edit");
  });
});
