// One webhook POST through the same address guard as every fetch: the URL is checked, the socket
// connects only to the checked addresses, redirects are not followed (a receiver answers where it
// was asked), a deadline and a cap on the answer read. Never throws.
import { request as httpRequest } from "node:http";
import { request as httpsRequest } from "node:https";
import type { LookupFunction } from "node:net";
import { type Resolver, checkUrl } from "../ingest/address-guard.js";
import { DEFAULT_USER_AGENT } from "../ingest/fetch-url.js";

export interface PostOptions {
  allowHosts: readonly string[];
  resolve?: Resolver | undefined;
  timeoutMs?: number;
  userAgent?: string | undefined;
}

export type PostResult = { ok: true; status: number } | { ok: false; error: string; status?: number };

/**
 * @example await postJson("https://hooks.example/dsr", body, { "x-dsr-signature": sig }, { allowHosts: [] }) // { ok: true, status: 204 }
 */
export async function postJson(url: string, body: string, headers: Record<string, string>, options: PostOptions): Promise<PostResult> {
  const checked = await checkUrl(url, { allowHosts: [...options.allowHosts], ...(options.resolve ? { resolve: options.resolve } : {}) });
  if (!checked.ok) return { ok: false, error: `${url}: ${checked.reason}` };
  const lookup: LookupFunction = (_host, lookupOptions, callback) => {
    const family = lookupOptions.family === "IPv4" ? 4 : lookupOptions.family === "IPv6" ? 6 : lookupOptions.family;
    const usable = family === 4 || family === 6 ? checked.addresses.filter((a) => a.family === family) : checked.addresses;
    const first = usable[0];
    if (first === undefined) callback(Object.assign(new Error("no checked address"), { code: "ENOTFOUND" }), "", 0);
    else if (lookupOptions.all) callback(null, usable);
    else callback(null, first.address, first.family);
  };
  const timeoutMs = options.timeoutMs ?? 15_000;
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), timeoutMs);
  const send = checked.url.protocol === "https:" ? httpsRequest : httpRequest;
  try {
    const status = await new Promise<number>((resolve, reject) => {
      const req = send(
        checked.url,
        {
          method: "POST",
          lookup,
          agent: false,
          signal: controller.signal,
          headers: { "content-type": "application/json", "content-length": String(Buffer.byteLength(body)), "user-agent": options.userAgent ?? DEFAULT_USER_AGENT, ...headers },
        },
        (res) => {
          // The answer's body is not wanted; read at most 64 KB of it so the socket can close.
          let seen = 0;
          res.on("data", (chunk: Buffer) => {
            seen += chunk.byteLength;
            if (seen > 65_536) res.destroy();
          });
          res.on("end", () => resolve(res.statusCode ?? 0));
          res.on("close", () => resolve(res.statusCode ?? 0));
          res.on("error", reject);
        },
      );
      req.on("error", reject);
      req.end(body);
    });
    if (status >= 200 && status < 300) return { ok: true, status };
    return { ok: false, error: `${url}: HTTP ${status}`, status };
  } catch (error) {
    if (controller.signal.aborted) return { ok: false, error: `${url}: timed out after ${timeoutMs} ms` };
    return { ok: false, error: `${url}: ${(error as Error).message}` };
  } finally {
    clearTimeout(timer);
  }
}
