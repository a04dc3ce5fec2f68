// A local feed server on 127.0.0.1 (port 0) for the watch tests: pages whose content the test
// changes between runs, ETag/Last-Modified answered with 304, failures and hangs on demand, and a
// count of requests per path.
import { createHash } from "node:crypto";
import { type IncomingMessage, type ServerResponse, createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { after } from "node:test";

export interface Page {
  body: string;
  type?: string;
  /** Answer with this status instead (500, 503…). */
  status?: number;
  /** Never answer (a timeout). */
  hang?: boolean;
  /** Send no validators (a server that ignores conditional requests). */
  noValidators?: boolean;
}

export interface FeedServer {
  base: string;
  pages: Map<string, Page>;
  hits: Map<string, number>;
  /** Requests per path that carried If-None-Match or If-Modified-Since. */
  conditional: Map<string, number>;
  userAgents: Set<string>;
  set(path: string, page: Page | string, type?: string): void;
  hitsOf(path: string): number;
}

export async function startFeedServer(): Promise<FeedServer> {
  const pages = new Map<string, Page>();
  const hits = new Map<string, number>();
  const conditional = new Map<string, number>();
  const userAgents = new Set<string>();
  const hanging: ServerResponse[] = [];
  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const path = (req.url ?? "/").split("?")[0] ?? "/";
    hits.set(path, (hits.get(path) ?? 0) + 1);
    userAgents.add(req.headers["user-agent"] ?? "");
    if (req.headers["if-none-match"] || req.headers["if-modified-since"]) conditional.set(path, (conditional.get(path) ?? 0) + 1);
    const page = pages.get(path);
    if (!page) {
      res.writeHead(404, { "content-type": "text/plain" }).end("not found");
      return;
    }
    if (page.hang) {
      hanging.push(res);
      return;
    }
    if (page.status && page.status !== 200) {
      res.writeHead(page.status, { "content-type": "text/plain" }).end(`error ${page.status}`);
      return;
    }
    const etag = `"${createHash("sha256").update(page.body).digest("hex").slice(0, 16)}"`;
    if (!page.noValidators && req.headers["if-none-match"] === etag) {
      res.writeHead(304, { etag }).end();
      return;
    }
    res.writeHead(200, { "content-type": page.type ?? "text/html; charset=utf-8", ...(page.noValidators ? {} : { etag, "last-modified": "Mon, 01 Jan 2024 00:00:00 GMT" }) });
    res.end(page.body);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  after(() => {
    for (const res of hanging) res.destroy();
    server.closeAllConnections();
    server.close();
  });
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    base, pages, hits, conditional, userAgents,
    set: (path, page, type) => void pages.set(path, typeof page === "string" ? { body: page, ...(type ? { type } : {}) } : page),
    hitsOf: (path) => hits.get(path) ?? 0,
  };
}

export const article = (title: string, sentence: string): string =>
  `<!doctype html><html lang="es"><head><title>${title}</title><meta name="author" content="Redacción"></head><body><main><article><h1>${title}</h1><p>${sentence}</p><p>La noticia fue publicada por el diario local.</p></article></main></body></html>`;

export const rss = (base: string, items: { path: string; title: string; date?: string }[]): string =>
  `<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel><title>Diario de prueba</title><link>${base}/</link>` +
  items.map((i) => `<item><title>${i.title}</title><link>${base}${i.path}</link><guid>${base}${i.path}</guid><pubDate>${i.date ?? "Mon, 01 Jan 2024 10:00:00 GMT"}</pubDate></item>`).join("") +
  "</channel></rss>";

export const atom = (base: string, items: { path: string; title: string }[]): string =>
  `<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom"><title>Atom de prueba</title><id>${base}/atom</id><updated>2024-01-01T00:00:00Z</updated>` +
  items.map((i) => `<entry><title>${i.title}</title><id>tag:test,2024:${i.path}</id><link rel="alternate" href="${base}${i.path}"/><updated>2024-01-01T00:00:00Z</updated></entry>`).join("") +
  "</feed>";

export const SENTENCES = {
  quito: "El Municipio de Quito, Ecuador, firmó en marzo de 2024 un contrato de US$ 5 millones con Hikvision para instalar 800 cámaras de videovigilancia en el centro histórico.",
  lima: "La Municipalidad de Lima, Perú, firmó en junio de 2024 un contrato de US$ 4 millones con ZTE para instalar 600 cámaras de videovigilancia.",
  guayas: "La Gobernación del Guayas, Ecuador, firmó en 2023 un contrato de US$ 2 millones con Huawei para construir una red de fibra óptica.",
  cuenca: "La Alcaldía de Cuenca, Ecuador, firmó en mayo de 2024 un contrato de US$ 1,5 millones con Dahua para instalar 300 cámaras de videovigilancia.",
};

/** An OCDS release package: a camera award to Hikvision's Ecuadorian arm by a municipality. */
export function ocdsPackage(releases: { ocid: string; title: string; supplier: string; buyer: string; amount: number }[]): string {
  return JSON.stringify({
    uri: "http://127.0.0.1/ocds",
    publishedDate: "2024-05-01T00:00:00Z",
    publisher: { name: "Portal de prueba" },
    license: "https://creativecommons.org/licenses/by/4.0/",
    releases: releases.map((r) => ({
      ocid: r.ocid,
      id: `${r.ocid}-1`,
      date: "2024-05-01T00:00:00Z",
      tag: ["award"],
      buyer: { name: r.buyer },
      parties: [
        { id: "b", name: r.buyer, roles: ["buyer", "procuringEntity"], address: { countryName: "Ecuador" } },
        { id: "s", name: r.supplier, roles: ["supplier"], address: { countryName: "Ecuador" } },
      ],
      tender: { id: "t", title: r.title, procurementMethod: "open", items: [{ id: "1", description: "Cámaras de videovigilancia IP", quantity: 200 }] },
      awards: [{ id: "a", status: "active", date: "2024-05-01T00:00:00Z", value: { amount: r.amount, currency: "USD" }, suppliers: [{ id: "s", name: r.supplier }] }],
    })),
  });
}
