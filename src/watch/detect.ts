// What kind of source an answer is, when `dsr watch add` is not told: an RSS or Atom feed, a
// sitemap, an OCDS package, or an HTML page to read as a listing of article links. Pure.
import type { WatchKind } from "../domain/watch.js";

/**
 * @example detectKind(Buffer.from('<?xml version="1.0"?><rss version="2.0">…'), "application/rss+xml") // "rss"
 */
export function detectKind(bytes: Uint8Array, contentType: string | null): WatchKind | null {
  const head = new TextDecoder("utf-8").decode(bytes.subarray(0, 65_536)).replace(/^\uFEFF/, "");
  const start = head.trimStart();
  if (start.startsWith("{") || start.startsWith("[")) {
    return /"(releases|records|ocid)"\s*:/.test(head) ? "ocds" : null;
  }
  // The first element that is not a declaration, comment or processing instruction.
  const root = /<(?![?!])([A-Za-z_][\w.:-]*)/.exec(start)?.[1]?.toLowerCase() ?? "";
  if (root === "rss" || root.endsWith(":rdf") || root === "rdf") return "rss";
  if (root === "feed") return "atom";
  if (root === "urlset" || root === "sitemapindex") return "sitemap";
  if (root === "html" || /html/i.test(contentType ?? "")) return "listing";
  return null;
}
