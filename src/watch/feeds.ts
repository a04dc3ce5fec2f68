// Feeds and sitemaps into items: RSS 2.0, RSS 1.0 (RDF), Atom, sitemaps (Google News ones too) and
// sitemap indexes, read with fast-xml-parser. Pure: bytes in, items out, or an error naming the source.
import { XMLParser, XMLValidator } from "fast-xml-parser";

export interface FeedItem {
  /** What identifies the item across runs: the feed's guid or id, else its URL. */
  key: string;
  url: string;
  title: string | null;
  /** As the feed wrote it (RFC 822, ISO 8601…), or null. */
  published: string | null;
}

export type ParsedFeed =
  | { ok: true; format: "rss" | "atom" | "sitemap"; title: string | null; items: FeedItem[] }
  | { ok: true; format: "sitemapindex"; title: null; items: FeedItem[] }
  | { ok: false; error: string };

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: "@_",
  removeNSPrefix: true,
  parseTagValue: false,
  parseAttributeValue: false,
  trimValues: true,
  // Entities are expanded within fast-xml-parser's default limits (no billion laughs).
  processEntities: true,
});

type Node = unknown;

function asArray(value: Node): Node[] {
  if (value === undefined || value === null) return [];
  return Array.isArray(value) ? value : [value];
}

/** The text of an element that may be a string, a number, or an object with "#text". */
function text(value: Node): string | null {
  if (value === undefined || value === null) return null;
  if (typeof value === "string") return value.trim() || null;
  if (typeof value === "number" || typeof value === "boolean") return String(value);
  if (Array.isArray(value)) return text(value[0]);
  if (typeof value === "object") return text((value as Record<string, unknown>)["#text"]);
  return null;
}

function field(node: Node, name: string): Node {
  return typeof node === "object" && node !== null ? (node as Record<string, unknown>)[name] : undefined;
}

/** An http(s) URL resolved against the feed's address, or null. */
function absolute(href: string | null, base: string): string | null {
  if (!href) return null;
  try {
    const url = new URL(href, base);
    if (url.protocol !== "http:" && url.protocol !== "https:") return null;
    url.hash = "";
    return url.href;
  } catch {
    return null;
  }
}

/** Atom links: the alternate one (rel absent or "alternate"), else the first. */
function atomLink(entry: Node): string | null {
  const links = asArray(field(entry, "link"));
  const alternate = links.find((l) => {
    const rel = field(l, "@_rel");
    return rel === undefined || rel === "alternate";
  });
  const chosen = alternate ?? links[0];
  return typeof chosen === "string" ? chosen : text(field(chosen, "@_href"));
}

function item(key: string | null, url: string | null, title: string | null, published: string | null): FeedItem | null {
  if (url === null) return null;
  return { key: key ?? url, url, title, published };
}

/**
 * Reads a feed or sitemap. `source` names it in errors; `base` resolves relative links.
 * @example parseFeed(bytes, "https://example.org/feed.xml") // { ok: true, format: "rss", items: [{ key, url, title, published }] }
 */
export function parseFeed(bytes: Uint8Array | string, base: string): ParsedFeed {
  const xml = typeof bytes === "string" ? bytes : new TextDecoder("utf-8").decode(bytes);
  // The parser is lenient (a truncated download would parse as half a feed): check first.
  const valid = XMLValidator.validate(xml);
  if (valid !== true) return { ok: false, error: `${base}: not well-formed XML (${valid.err.msg} at line ${valid.err.line})` };
  let doc: Record<string, unknown>;
  try {
    doc = parser.parse(xml) as Record<string, unknown>;
  } catch (error) {
    return { ok: false, error: `${base}: not well-formed XML (${(error as Error).message.split("\n")[0]})` };
  }
  const rss = doc.rss;
  if (rss !== undefined) {
    const channel = field(rss, "channel");
    const items = asArray(field(channel, "item")).map((i) => {
      const url = absolute(text(field(i, "link")), base) ?? absolute(permalinkGuid(i), base);
      return item(text(field(i, "guid")), url, text(field(i, "title")), text(field(i, "pubDate")) ?? text(field(i, "date")));
    });
    return { ok: true, format: "rss", title: text(field(channel, "title")), items: items.filter((i): i is FeedItem => i !== null) };
  }
  const rdf = doc.RDF;
  if (rdf !== undefined) {
    const items = asArray(field(rdf, "item")).map((i) =>
      item(text(field(i, "@_about")), absolute(text(field(i, "link")), base), text(field(i, "title")), text(field(i, "date"))),
    );
    return { ok: true, format: "rss", title: text(field(field(rdf, "channel"), "title")), items: items.filter((i): i is FeedItem => i !== null) };
  }
  const atom = doc.feed;
  if (atom !== undefined) {
    const items = asArray(field(atom, "entry")).map((e) =>
      item(text(field(e, "id")), absolute(atomLink(e), base), text(field(e, "title")), text(field(e, "published")) ?? text(field(e, "updated"))),
    );
    return { ok: true, format: "atom", title: text(field(atom, "title")), items: items.filter((i): i is FeedItem => i !== null) };
  }
  const urlset = doc.urlset;
  if (urlset !== undefined) {
    const items = asArray(field(urlset, "url")).map((u) => {
      const news = field(u, "news");
      const url = absolute(text(field(u, "loc")), base);
      return item(url, url, text(field(news, "title")), text(field(news, "publication_date")) ?? text(field(u, "lastmod")));
    });
    return { ok: true, format: "sitemap", title: null, items: items.filter((i): i is FeedItem => i !== null) };
  }
  const index = doc.sitemapindex;
  if (index !== undefined) {
    const items = asArray(field(index, "sitemap")).map((s) => {
      const url = absolute(text(field(s, "loc")), base);
      return item(url, url, null, text(field(s, "lastmod")));
    });
    return { ok: true, format: "sitemapindex", title: null, items: items.filter((i): i is FeedItem => i !== null) };
  }
  const root = Object.keys(doc).find((k) => k !== "?xml") ?? "nothing";
  return { ok: false, error: `${base}: not an RSS, Atom or sitemap document (its root is <${root}>)` };
}

/** An RSS guid that is a permalink (isPermaLink absent or true) is the item's URL when it has no link. */
function permalinkGuid(i: Node): string | null {
  const guid = field(i, "guid");
  if (typeof guid === "object" && guid !== null && field(guid, "@_isPermaLink") === "false") return null;
  return text(guid);
}

/**
 * Newest first by the date the feed gives (items without one keep their order, after dated ones):
 * when a run takes only some items, it takes the newest.
 */
export function newestFirst(items: readonly FeedItem[]): FeedItem[] {
  const when = (i: FeedItem): number => {
    const t = i.published ? Date.parse(i.published) : NaN;
    return Number.isFinite(t) ? t : -Infinity;
  };
  return items.map((item, position) => ({ item, position, t: when(item) })).sort((a, b) => b.t - a.t || a.position - b.position).map((x) => x.item);
}
