// A news site's listing page (a section front, a search result, a press-release index) into the
// links of its articles: linkedom parses the page; navigation, headers, footers and asides are
// dropped; a link counts as an article when it stays on the site and looks like one (a slug of
// several words, a long numeric id, or a headline-length anchor deeper than the section).
import { parseHTML } from "linkedom";
import type { FeedItem } from "./feeds.js";

interface Anchor {
  getAttribute(name: string): string | null;
  readonly textContent: string | null;
  closest(selector: string): unknown;
}
interface ListingDocument {
  querySelectorAll(selector: string): ArrayLike<Anchor>;
  querySelector(selector: string): { textContent: string | null } | null;
}

/** Paths that list rather than tell: tags, categories, authors, pagination, feeds, search. */
const NOT_ARTICLE = /\/(tag|tags|category|categories|categoria|categorias|categoría|author|autor|autores|page|pagina|página|feed|rss|search|buscar|busca|login|contact|contacto|about|sobre)(\/|$)/i;

function looksLikeArticle(url: URL, anchorText: string): boolean {
  if (NOT_ARTICLE.test(url.pathname)) return false;
  const segments = url.pathname.split("/").filter(Boolean);
  const last = segments.at(-1) ?? "";
  const stem = last.replace(/\.(html?|php|aspx?)$/i, "");
  if (stem.split(/[-_]/).filter((w) => /\p{L}/u.test(w)).length >= 3) return true; // a slug of several words
  if (/\d{4,}/.test(last)) return true; // a numeric id or a date
  return segments.length >= 2 && anchorText.length >= 25;
}

/**
 * The article links of a listing page, in page order, each once.
 * @example listingLinks("<main><a href='/2024/05/zte-firma-contrato-camaras'>ZTE firma…</a></main>", "https://diario.example/economia") // [{ url: "https://diario.example/2024/05/zte-firma-contrato-camaras", … }]
 */
export function listingLinks(html: string, base: string, limit = 200): FeedItem[] {
  let baseUrl: URL;
  try {
    baseUrl = new URL(base);
  } catch {
    return [];
  }
  const { document } = parseHTML(html) as unknown as { document: ListingDocument };
  // A page with a <main> or <article>s keeps its links there; chrome elsewhere is left out either way.
  const scope = document.querySelector("main") ? "main a[href]" : "a[href]";
  const anchors = Array.from(document.querySelectorAll(scope));
  const baseHost = baseUrl.hostname.replace(/^www\./, "");
  const seen = new Set<string>();
  const items: FeedItem[] = [];
  for (const a of anchors) {
    if (a.closest("nav, header, footer, aside, [role=navigation]")) continue;
    const href = a.getAttribute("href");
    if (!href || href.startsWith("#") || /^(mailto|tel|javascript):/i.test(href)) continue;
    let url: URL;
    try {
      url = new URL(href, baseUrl);
    } catch {
      continue;
    }
    if (url.protocol !== "http:" && url.protocol !== "https:") continue;
    if (url.hostname.replace(/^www\./, "") !== baseHost) continue;
    url.hash = "";
    if (url.href === baseUrl.href || seen.has(url.href)) continue;
    const anchorText = (a.textContent ?? "").replace(/\s+/g, " ").trim();
    if (!looksLikeArticle(url, anchorText)) continue;
    seen.add(url.href);
    items.push({ key: url.href, url: url.href, title: anchorText || null, published: null });
    if (items.length >= limit) break;
  }
  return items;
}

/** The page's title, for naming a listing source. */
export function listingTitle(html: string): string | null {
  const { document } = parseHTML(html) as unknown as { document: ListingDocument };
  return document.querySelector("title")?.textContent?.trim() || null;
}
