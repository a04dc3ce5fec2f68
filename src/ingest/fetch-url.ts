// Fetches one document by URL within a deadline and a size cap, through the address guard on
// every hop, connecting only to the addresses the guard checked. Never throws.
import { STATUS_CODES, type IncomingMessage, request as httpRequest } from "node:http";
import { request as httpsRequest } from "node:https";
import type { LookupFunction } from "node:net";
import { Transform, Writable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { createBrotliDecompress, createGunzip, createInflate } from "node:zlib";
import { type ResolvedAddress, type Resolver, checkUrl } from "./address-guard.js";

export const PROJECT_URL = "https://github.com/dsr-observatory/dsr-observatory";
export const DEFAULT_USER_AGENT = `dsr-observatory/0.1 (+${PROJECT_URL})`;
export const DEFAULT_FETCH_TIMEOUT_MS = 20_000;
export const DEFAULT_FETCH_MAX_BYTES = 50 * 1024 * 1024;
export const DEFAULT_MAX_REDIRECTS = 5;

/** The formats the readers handle first; anything else is still accepted, last. */
const ACCEPT = [
  "text/html",
  "application/xhtml+xml",
  "application/pdf",
  "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
  "text/plain;q=0.9",
  "*/*;q=0.1",
].join(",");

/** The status of a failed fetch's "HTTP 503 Service Unavailable", or null when it was not an HTTP answer. */
export function httpStatusOf(error: string): number | null {
  const m = /: HTTP (\d{3})(?: |$)/.exec(error);
  return m ? Number(m[1]) : null;
}

const REDIRECTS = new Set([301, 302, 303, 307, 308]);

export interface FetchOptions {
  allowHosts: string[];
  resolve?: Resolver;
  /** The whole fetch, redirects and body included. */
  timeoutMs?: number;
  /** Applies to the bytes on the wire and to the decoded body. */
  maxBytes?: number;
  maxRedirects?: number;
  userAgent?: string;
  /**
   * Extra request headers (they replace the defaults of the same name), e.g. If-None-Match and
   * If-Modified-Since for conditional requests: a 304 answer then comes back as `notModified`.
   */
  headers?: Record<string, string>;
}

export type FetchResult =
  | {
      ok: true;
      bytes: Uint8Array;
      finalUrl: string;
      contentType: string | null;
      /** A file-like name for format sniffing, e.g. "page.html". */
      name: string;
      lastModified: string | null;
      /** The final response's status (304 when `notModified`). */
      status?: number;
      etag?: string | null;
      /** A conditional request answered 304: `bytes` is empty, the copy the caller has is current. */
      notModified?: boolean;
    }
  | { ok: false; error: string };

/**
 * A refusal or failure with its reason; caught in fetchDocument and turned into `{ ok: false }`.
 * An HTTP error reads "<url>: [redirected to …: ]HTTP <status> <reason>" (httpStatusOf reads it back).
 */
class FetchFailure extends Error {}

/**
 * Fetches a document over http(s). Never throws: refusals, HTTP errors, timeouts and oversized
 * bodies come back as `{ ok: false, error: "<url>: <reason>" }`.
 * @example await fetchDocument("https://example.org/nota", { allowHosts: [] }) // { ok: true, name: "nota.html", … }
 */
export async function fetchDocument(url: string, options: FetchOptions): Promise<FetchResult> {
  const timeoutMs = options.timeoutMs ?? DEFAULT_FETCH_TIMEOUT_MS;
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), timeoutMs);
  try {
    return await follow(url, options, controller.signal);
  } catch (error) {
    if (controller.signal.aborted) return { ok: false, error: `${url}: timed out after ${timeoutMs} ms` };
    return { ok: false, error: `${url}: ${describeError(error)}` };
  } finally {
    clearTimeout(timer);
  }
}

async function follow(url: string, options: FetchOptions, signal: AbortSignal): Promise<FetchResult> {
  const maxRedirects = options.maxRedirects ?? DEFAULT_MAX_REDIRECTS;
  const maxBytes = options.maxBytes ?? DEFAULT_FETCH_MAX_BYTES;
  const visited = new Set<string>();
  let current = url;
  for (let hop = 0; ; hop++) {
    // Each hop is checked afresh: a public page may redirect to an internal one.
    const checked = await abortable(checkUrl(current, options), signal);
    const via = hop === 0 ? "" : `redirected to ${current}: `;
    if (!checked.ok) throw new FetchFailure(via + checked.reason);
    visited.add(checked.url.href);

    const response = await send(checked.url, checked.addresses, options, signal);
    const status = response.statusCode ?? 0;
    if (REDIRECTS.has(status)) {
      response.destroy(); // the redirect's own body is not wanted
      const location = response.headers.location;
      if (location === undefined) throw new FetchFailure(`${via}HTTP ${status} without a Location header`);
      const next = new URL(location, checked.url).href;
      if (visited.has(next)) throw new FetchFailure(`${via}redirect loop back to ${next}`);
      if (hop + 1 > maxRedirects) throw new FetchFailure(`too many redirects (more than ${maxRedirects})`);
      current = next;
      continue;
    }
    const conditional = Object.keys(options.headers ?? {}).some((h) => /^if-(none-match|modified-since)$/i.test(h));
    if (status === 304 && conditional) {
      response.destroy();
      return {
        ok: true, bytes: new Uint8Array(0), finalUrl: checked.url.href, contentType: null, name: documentName(checked.url, null),
        lastModified: response.headers["last-modified"] ?? null, status, etag: response.headers.etag ?? null, notModified: true,
      };
    }
    if (status < 200 || status > 299) {
      response.destroy();
      throw new FetchFailure(`${via}HTTP ${status} ${response.statusMessage || STATUS_CODES[status] || ""}`.trimEnd());
    }

    const contentType = response.headers["content-type"] ?? null;
    return {
      ok: true,
      bytes: await readBody(response, maxBytes, signal),
      finalUrl: checked.url.href,
      contentType,
      name: documentName(checked.url, contentType),
      lastModified: response.headers["last-modified"] ?? null,
      status,
      etag: response.headers.etag ?? null,
      notModified: false,
    };
  }
}

/**
 * One GET. The lookup hands the socket the addresses the guard checked instead of asking DNS
 * again, so a host cannot answer "public" to the check and "internal" to the connect (rebinding).
 * IP literals never reach the lookup; checkUrl classified them already.
 */
function send(url: URL, addresses: ResolvedAddress[], options: FetchOptions, signal: AbortSignal): Promise<IncomingMessage> {
  const lookup: LookupFunction = (_host, lookupOptions, callback) => {
    const family = lookupOptions.family === "IPv4" ? 4 : lookupOptions.family === "IPv6" ? 6 : lookupOptions.family;
    const usable = family === 4 || family === 6 ? addresses.filter((a) => a.family === family) : addresses;
    const first = usable[0];
    if (first === undefined) {
      callback(Object.assign(new Error(`no checked IPv${family} address`), { code: "ENOTFOUND" }), "", 0);
    } else if (lookupOptions.all) {
      callback(null, usable);
    } else {
      callback(null, first.address, first.family);
    }
  };
  const headers: Record<string, string> = {
    accept: ACCEPT,
    "accept-encoding": "gzip, deflate, br",
    "user-agent": options.userAgent ?? DEFAULT_USER_AGENT,
  };
  // Host stays the URL's: the connection goes to the checked address of that host.
  for (const [name, value] of Object.entries(options.headers ?? {})) if (name.toLowerCase() !== "host") headers[name.toLowerCase()] = value;
  const request = url.protocol === "https:" ? httpsRequest : httpRequest;
  return new Promise((resolve, reject) => {
    // agent: false gives a fresh socket per request, never one pooled from another hop.
    const req = request(url, { method: "GET", headers, lookup, agent: false, signal }, resolve);
    req.on("error", reject);
    req.end();
  });
}

/** Reads the body, decoding content-encoding, with the cap on the raw and on the decoded bytes. */
async function readBody(response: IncomingMessage, maxBytes: number, signal: AbortSignal): Promise<Uint8Array> {
  const declared = Number(response.headers["content-length"]);
  if (Number.isFinite(declared) && declared > maxBytes) {
    response.destroy();
    throw new FetchFailure(`larger than ${formatSize(maxBytes)}`);
  }
  let decode: Transform[];
  try {
    decode = decoders(response.headers["content-encoding"]);
  } catch (error) {
    response.destroy();
    throw error;
  }
  const chunks: Buffer[] = [];
  const sink = new Writable({
    write(chunk: Buffer, _encoding, done) {
      chunks.push(chunk);
      done();
    },
  });
  // A few kilobytes of gzip can inflate to gigabytes: the decoded side gets its own cap.
  await pipeline([response, capBytes(maxBytes), ...decode, capBytes(maxBytes), sink], { signal });
  return new Uint8Array(Buffer.concat(chunks));
}

function capBytes(maxBytes: number): Transform {
  let seen = 0;
  return new Transform({
    transform(chunk: Buffer, _encoding, done) {
      seen += chunk.byteLength;
      if (seen > maxBytes) done(new FetchFailure(`larger than ${formatSize(maxBytes)}`));
      else done(null, chunk);
    },
  });
}

/** Decoders in the order to apply them: the header lists encodings in the order they were applied. */
function decoders(header: string | undefined): Transform[] {
  const encodings = (header ?? "").split(",").map((e) => e.trim().toLowerCase()).filter((e) => e !== "" && e !== "identity");
  return encodings.reverse().map((encoding) => {
    switch (encoding) {
      case "gzip":
      case "x-gzip":
        return createGunzip();
      case "deflate":
        return createInflate();
      case "br":
        return createBrotliDecompress();
      default:
        throw new FetchFailure(`unsupported content-encoding ${encoding}`);
    }
  });
}

/** Rejects as soon as the signal aborts, for steps (DNS) that take no signal themselves. */
function abortable<T>(promise: Promise<T>, signal: AbortSignal): Promise<T> {
  if (signal.aborted) return Promise.reject(new Error("aborted"));
  return new Promise((resolve, reject) => {
    const onAbort = (): void => reject(new Error("aborted"));
    signal.addEventListener("abort", onAbort, { once: true });
    void promise.then(resolve, reject).finally(() => signal.removeEventListener("abort", onAbort));
  });
}

const EXTENSIONS: Record<string, string[]> = {
  "text/html": ["html", "htm", "xhtml"],
  "application/xhtml+xml": ["xhtml", "html", "htm"],
  "application/pdf": ["pdf"],
  "application/vnd.openxmlformats-officedocument.wordprocessingml.document": ["docx"],
  "text/plain": ["txt", "text", "md"],
  "text/markdown": ["md"],
  "text/csv": ["csv"],
  "application/json": ["json"],
};

/**
 * A file-like name for the readers, which pick a format by extension: the last path segment,
 * with the extension the content type implies (a PDF served from "/download.php" is "download.pdf").
 */
export function documentName(url: URL, contentType: string | null): string {
  const segment = url.pathname.split("/").filter(Boolean).pop() ?? "";
  let decoded = segment;
  try {
    decoded = decodeURIComponent(segment);
  } catch {
    // a malformed %-escape: keep the raw segment
  }
  const safe = decoded.replace(/[^\p{L}\p{N}._-]+/gu, "_").replace(/^[._]+/, "").slice(0, 100);
  const mime = contentType?.split(";")[0]?.trim().toLowerCase() ?? "";
  const known = EXTENSIONS[mime];
  const dot = safe.lastIndexOf(".");
  const extension = dot > 0 ? safe.slice(dot + 1).toLowerCase() : "";
  if (known === undefined) return safe === "" ? "document" : safe;
  if (known.includes(extension)) return safe;
  // Only a short alphabetic suffix is an extension to replace ("php", "aspx"); "v1.2" keeps its dot.
  const stem = /^[a-z]{1,5}$/.test(extension) ? safe.slice(0, dot) : safe;
  return `${stem === "" ? (mime.includes("html") ? "page" : "document") : stem}.${known[0]}`;
}

function describeError(error: unknown): string {
  if (error instanceof FetchFailure) return error.message;
  const code = typeof error === "object" && error !== null && "code" in error ? String(error.code) : "";
  // zlib reports Z_DATA_ERROR and the like; brotli ERR__ERROR_FORMAT_….
  if (code.startsWith("Z_") || code.startsWith("ERR__ERROR")) {
    return `cannot decode the compressed body (${code})`;
  }
  const message = error instanceof Error ? error.message : String(error);
  return code === "" || message.includes(code) ? message : `${message} (${code})`;
}

// The same wording as readDocumentFile's size refusals.
function formatSize(bytes: number): string {
  const mb = bytes / (1024 * 1024);
  return Number.isInteger(mb) ? `${mb} MB` : `${bytes} bytes`;
}
