// fetchDocument against a local server on 127.0.0.1 (let through by allowHosts); every other host
// goes through an injected resolver and is refused before any connection.
import assert from "node:assert/strict";
import { type Server, createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { after, before, beforeEach, describe, it } from "node:test";
import { brotliCompressSync, gzipSync } from "node:zlib";
import type { ResolvedAddress, Resolver } from "../../src/ingest/address-guard.js";
import { DEFAULT_USER_AGENT, documentName, fetchDocument } from "../../src/ingest/fetch-url.js";

const PAGE = "<!doctype html><html><head><title>Acuerdo</title></head><body><p>Huawei y Chile</p></body></html>";

/** Requests the server received, as paths; lets tests prove that no request was made. */
let hits: string[] = [];
let lastHeaders: Record<string, string | string[] | undefined> = {};

const server: Server = createServer((req, res) => {
  const path = req.url ?? "/";
  hits.push(path);
  lastHeaders = req.headers;
  const hop = /^\/hop\/(\d+)$/.exec(path);
  if (hop) {
    res.writeHead(302, { location: `/hop/${Number(hop[1]) + 1}` }).end();
    return;
  }
  switch (path) {
    case "/page.html":
      res.writeHead(200, { "content-type": "text/html; charset=utf-8", "last-modified": "Tue, 04 Mar 2025 10:00:00 GMT" }).end(PAGE);
      return;
    case "/noticias/acuerdo-5g":
      res.writeHead(200, { "content-type": "text/html" }).end(PAGE);
      return;
    case "/relative":
      res.writeHead(301, { location: "page.html" }).end();
      return;
    case "/to-internal":
      res.writeHead(302, { location: "http://internal.test/secret" }).end();
      return;
    case "/loop-a":
      res.writeHead(307, { location: "/loop-b" }).end();
      return;
    case "/loop-b":
      res.writeHead(308, { location: "/loop-a" }).end();
      return;
    case "/big-declared":
      res.writeHead(200, { "content-type": "text/plain", "content-length": "4000" }).end("x".repeat(4000));
      return;
    case "/big-streamed":
      // No Content-Length: chunked, so only counting while reading catches it.
      res.writeHead(200, { "content-type": "text/plain" });
      for (let i = 0; i < 8; i++) res.write("y".repeat(500));
      res.end();
      return;
    case "/gzip":
      res.writeHead(200, { "content-type": "text/html", "content-encoding": "gzip" }).end(gzipSync(PAGE));
      return;
    case "/brotli":
      res.writeHead(200, { "content-type": "text/html", "content-encoding": "br" }).end(brotliCompressSync(PAGE));
      return;
    case "/bomb":
      // ~10 KB on the wire, 10 MB once decoded.
      res.writeHead(200, { "content-type": "text/plain", "content-encoding": "gzip" }).end(gzipSync(Buffer.alloc(10 * 1024 * 1024)));
      return;
    case "/hang":
      return; // never answers
    default:
      res.writeHead(404, { "content-type": "text/plain" }).end("not here");
  }
});

let base = "";
const ALLOW_LOCAL = ["127.0.0.1"];

/** Answers from a table and records calls; unknown names fail, so no test ever asks real DNS. */
function fakeResolver(table: Record<string, string[]>): Resolver & { calls: string[] } {
  const calls: string[] = [];
  const resolve = async (host: string): Promise<ResolvedAddress[]> => {
    calls.push(host);
    const answers = table[host];
    if (answers === undefined) throw Object.assign(new Error(`getaddrinfo ENOTFOUND ${host}`), { code: "ENOTFOUND" });
    return answers.map((address) => ({ address, family: address.includes(":") ? 6 : 4 }));
  };
  return Object.assign(resolve, { calls });
}

before(async () => {
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

after(async () => {
  server.closeAllConnections();
  await new Promise<void>((resolve, reject) => server.close((error) => (error ? reject(error) : resolve())));
});

beforeEach(() => {
  hits = [];
});

describe("fetchDocument", () => {
  it("refuses the local server when 127.0.0.1 is not allowed, without connecting", async () => {
    const result = await fetchDocument(`${base}/page.html`, { allowHosts: [], resolve: fakeResolver({}) });
    assert.deepEqual(result, { ok: false, error: `${base}/page.html: refused: 127.0.0.1 is a loopback address` });
    assert.deepEqual(hits, []);
  });

  it("fetches a page from an allowed host with its type, date, name and a clear user agent", async () => {
    const result = await fetchDocument(`${base}/page.html`, { allowHosts: ALLOW_LOCAL, resolve: fakeResolver({}) });
    assert.ok(result.ok, JSON.stringify(result));
    assert.equal(Buffer.from(result.bytes).toString("utf8"), PAGE);
    assert.equal(result.finalUrl, `${base}/page.html`);
    assert.equal(result.contentType, "text/html; charset=utf-8");
    assert.equal(result.lastModified, "Tue, 04 Mar 2025 10:00:00 GMT");
    assert.equal(result.name, "page.html");
    assert.equal(lastHeaders["user-agent"], DEFAULT_USER_AGENT);
    assert.match(String(lastHeaders.accept), /text\/html.*application\/pdf/);
  });

  it("names an extensionless page by its content type", async () => {
    const result = await fetchDocument(`${base}/noticias/acuerdo-5g`, { allowHosts: ALLOW_LOCAL, resolve: fakeResolver({}) });
    assert.ok(result.ok);
    assert.equal(result.name, "acuerdo-5g.html");
  });

  it("connects an allowed host name to the address the guard checked, resolving it once", async () => {
    const resolve = fakeResolver({ "docs.test": ["127.0.0.1"] });
    const port = (server.address() as AddressInfo).port;
    const result = await fetchDocument(`http://docs.test:${port}/page.html`, { allowHosts: ["docs.test"], resolve });
    assert.ok(result.ok, JSON.stringify(result));
    assert.deepEqual(resolve.calls, ["docs.test"]);
    assert.deepEqual(hits, ["/page.html"]);
  });

  it("follows a relative redirect", async () => {
    const result = await fetchDocument(`${base}/relative`, { allowHosts: ALLOW_LOCAL, resolve: fakeResolver({}) });
    assert.ok(result.ok);
    assert.equal(result.finalUrl, `${base}/page.html`);
    assert.deepEqual(hits, ["/relative", "/page.html"]);
  });

  it("refuses a redirect to a name resolving to a private address, without connecting to it", async () => {
    const resolve = fakeResolver({ "internal.test": ["10.0.0.1"] });
    const result = await fetchDocument(`${base}/to-internal`, { allowHosts: ALLOW_LOCAL, resolve });
    assert.deepEqual(result, {
      ok: false,
      error: `${base}/to-internal: redirected to http://internal.test/secret: refused: internal.test resolves to 10.0.0.1, a private address`,
    });
    assert.deepEqual(resolve.calls, ["internal.test"]);
    assert.deepEqual(hits, ["/to-internal"]);
  });

  it("stops at a redirect loop", async () => {
    const result = await fetchDocument(`${base}/loop-a`, { allowHosts: ALLOW_LOCAL, resolve: fakeResolver({}) });
    assert.deepEqual(result, { ok: false, error: `${base}/loop-a: redirected to ${base}/loop-b: redirect loop back to ${base}/loop-a` });
  });

  it("stops after maxRedirects", async () => {
    const result = await fetchDocument(`${base}/hop/0`, { allowHosts: ALLOW_LOCAL, resolve: fakeResolver({}), maxRedirects: 2 });
    assert.deepEqual(result, { ok: false, error: `${base}/hop/0: too many redirects (more than 2)` });
    assert.deepEqual(hits, ["/hop/0", "/hop/1", "/hop/2"]);
  });

  it("reports an HTTP error status", async () => {
    const result = await fetchDocument(`${base}/missing`, { allowHosts: ALLOW_LOCAL, resolve: fakeResolver({}) });
    assert.deepEqual(result, { ok: false, error: `${base}/missing: HTTP 404 Not Found` });
  });

  it("refuses a body whose Content-Length exceeds maxBytes", async () => {
    const result = await fetchDocument(`${base}/big-declared`, { allowHosts: ALLOW_LOCAL, resolve: fakeResolver({}), maxBytes: 1000 });
    assert.deepEqual(result, { ok: false, error: `${base}/big-declared: larger than 1000 bytes` });
  });

  it("stops reading a body without Content-Length once it exceeds maxBytes", async () => {
    const result = await fetchDocument(`${base}/big-streamed`, { allowHosts: ALLOW_LOCAL, resolve: fakeResolver({}), maxBytes: 1000 });
    assert.deepEqual(result, { ok: false, error: `${base}/big-streamed: larger than 1000 bytes` });
  });

  it("says the cap in MB when it is a whole number of them", async () => {
    const result = await fetchDocument(`${base}/bomb`, { allowHosts: ALLOW_LOCAL, resolve: fakeResolver({}), maxBytes: 1024 * 1024 });
    assert.deepEqual(result, { ok: false, error: `${base}/bomb: larger than 1 MB` });
  });

  it("decodes gzip and brotli bodies", async () => {
    for (const path of ["/gzip", "/brotli"]) {
      const result = await fetchDocument(`${base}${path}`, { allowHosts: ALLOW_LOCAL, resolve: fakeResolver({}) });
      assert.ok(result.ok, path);
      assert.equal(Buffer.from(result.bytes).toString("utf8"), PAGE, path);
    }
  });

  it("refuses a gzip bomb: a small body that decodes past maxBytes", async () => {
    const result = await fetchDocument(`${base}/bomb`, { allowHosts: ALLOW_LOCAL, resolve: fakeResolver({}), maxBytes: 100_000 });
    assert.deepEqual(result, { ok: false, error: `${base}/bomb: larger than 100000 bytes` });
  });

  it("gives up on a server that never answers once the timeout passes", async () => {
    const result = await fetchDocument(`${base}/hang`, { allowHosts: ALLOW_LOCAL, resolve: fakeResolver({}), timeoutMs: 200 });
    assert.deepEqual(result, { ok: false, error: `${base}/hang: timed out after 200 ms` });
  });

  it("refuses non-http schemes without throwing", async () => {
    const result = await fetchDocument("file:///etc/passwd", { allowHosts: ALLOW_LOCAL, resolve: fakeResolver({}) });
    assert.deepEqual(result, { ok: false, error: "file:///etc/passwd: refused: only http and https URLs are fetched, not file:" });
  });
});

describe("documentName", () => {
  const cases: [string, string | null, string][] = [
    ["https://example.org/informe.pdf", "application/pdf", "informe.pdf"],
    ["https://example.org/download.php?id=3", "application/pdf", "download.pdf"],
    ["https://example.org/", "text/html; charset=utf-8", "page.html"],
    ["https://example.org/index.htm", "text/html", "index.htm"],
    ["https://example.org/files/contrato%20final.docx", null, "contrato_final.docx"],
    ["https://example.org/v1.2", "text/plain", "v1.2.txt"],
    ["https://example.org/", null, "document"],
  ];
  for (const [url, type, expected] of cases) {
    it(`names ${url} served as ${type ?? "no type"} "${expected}"`, () => {
      assert.equal(documentName(new URL(url), type), expected);
    });
  }
});
