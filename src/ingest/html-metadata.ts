// Publication metadata of an HTML page (title, author, date, canonical URL, language, site name)
// from meta tags, microdata and JSON-LD, and the small normalisers readHtml shares with it.
import { type DomDocument, type DomElement, type DomNode, isElement, tagOf } from "./html-dom.js";
import type { HtmlReading } from "./html.js";

/** What the page's own markup declares; readHtml falls back to Readability's guesses field by field. */
type PageMeta = Omit<HtmlReading, "text">;

/** Meta keys in order of trust, per field. */
const TITLE_KEYS = ["og:title", "twitter:title", "citation_title", "dc.title", "title"];
const AUTHOR_KEYS = ["author", "article:author", "citation_author", "dc.creator", "parsely-author", "sailthru.author"];
const DATE_KEYS = [
  "article:published_time", "og:article:published_time", "og:published_time", "citation_publication_date",
  "citation_date", "citation_online_date", "dc.date.issued", "dcterms.issued", "dc.date", "dcterms.date",
  "dcterms.created", "date", "pubdate", "publishdate", "publish-date", "publication_date", "parsely-pub-date",
  "sailthru.date",
];
const SITE_KEYS = ["og:site_name", "application-name", "dc.publisher", "citation_publisher"];
const LANGUAGE_KEYS = ["content-language", "language", "dc.language", "og:locale"];

export function readMetadata(doc: DomDocument, url: string | undefined): PageMeta {
  const meta = new Map<string, string[]>();
  const add = (key: string | null, value: string | null): void => {
    const v = value === null ? null : clean(value);
    if (key === null || v === null) return;
    for (const k of key.toLowerCase().split(/\s+/)) {
      if (k !== "") meta.set(k, [...(meta.get(k) ?? []), v]);
    }
  };
  const first = (keys: readonly string[]): string | null => {
    for (const k of keys) {
      const v = meta.get(k)?.[0];
      if (v !== undefined) return v;
    }
    return null;
  };

  for (const el of Array.from(doc.getElementsByTagName("meta"))) {
    const content = el.getAttribute("content");
    add(el.getAttribute("property"), content);
    add(el.getAttribute("name"), content);
    add(el.getAttribute("http-equiv"), content);
  }
  // itemprop on any element: <meta content>, <time datetime>, <a href> or the element's text.
  const itemprops = new Map<string, string>();
  forEachElement(doc, (el) => {
    const prop = el.getAttribute("itemprop");
    if (prop === null) return;
    const value =
      el.getAttribute("content") ?? el.getAttribute("datetime") ?? el.getAttribute("href") ?? el.textContent;
    const v = clean(value);
    if (v === null || v.length > 300) return;
    for (const k of prop.toLowerCase().split(/\s+/)) if (!itemprops.has(k)) itemprops.set(k, v);
  });

  const ld = readJsonLd(doc);
  const language = firstOf(
    normaliseLanguage(doc.documentElement?.getAttribute("lang")),
    normaliseLanguage(doc.documentElement?.getAttribute("xml:lang")),
    normaliseLanguage(first(LANGUAGE_KEYS)),
    normaliseLanguage(ld.language),
  );

  const timeElements = Array.from(doc.getElementsByTagName("time"));
  const pubTime = timeElements.find((t) => t.hasAttribute("pubdate"))?.getAttribute("datetime");
  const dateCandidates = [
    first(DATE_KEYS.slice(0, 3)),
    ld.published,
    itemprops.get("datepublished"),
    first(DATE_KEYS.slice(3)),
    pubTime,
    ...timeElements.map((t) => t.getAttribute("datetime")),
  ];
  let published: string | null = null;
  for (const candidate of dateCandidates) {
    published = candidate ? normaliseDate(candidate, language) : null;
    if (published !== null) break;
  }

  const authorFromMeta = AUTHOR_KEYS.map((k) => meta.get(k) ?? [])
    .find((values) => values.some((v) => !isUrl(v)))
    ?.filter((v) => !isUrl(v));
  const titleElement = Array.from(doc.getElementsByTagName("title")).find((t) => tagOf(t.parentNode ?? t) !== "svg");
  const h1 = doc.getElementsByTagName("h1")[0];

  const canonicalHref =
    Array.from(doc.getElementsByTagName("link")).find((l) =>
      (l.getAttribute("rel") ?? "").toLowerCase().split(/\s+/).includes("canonical"),
    )?.getAttribute("href") ?? null;

  return {
    title: firstOf(
      first(TITLE_KEYS.slice(0, 1)),
      ld.headline,
      first(TITLE_KEYS.slice(1)),
      clean(titleElement?.textContent),
      clean(h1?.textContent),
    ),
    author: firstOf(
      ld.author,
      authorFromMeta ? unique(authorFromMeta).join(", ") : null,
      stripByPrefix(first(["byl"])),
      isUrl(itemprops.get("author") ?? "") ? null : (itemprops.get("author") ?? null),
    ),
    published,
    canonicalUrl: firstOf(
      absoluteUrl(canonicalHref, url),
      absoluteUrl(first(["og:url"]), url),
      absoluteUrl(ld.url, url),
      absoluteUrl(url ?? null, undefined),
    ),
    language,
    siteName: firstOf(first(SITE_KEYS.slice(0, 1)), ld.publisher, first(SITE_KEYS.slice(1))),
  };
}

/** Visits every element in document order, iteratively. */
function forEachElement(doc: DomDocument, visit: (el: DomElement) => void): void {
  let node: DomNode | null = doc.firstChild;
  while (node !== null) {
    if (isElement(node)) visit(node);
    if (node.firstChild !== null) {
      node = node.firstChild;
      continue;
    }
    let current: DomNode | null = node;
    while (current !== null && current.nextSibling === null) current = current.parentNode;
    node = current === null ? null : current.nextSibling;
  }
}

interface JsonLdFacts {
  headline: string | null;
  author: string | null;
  published: string | null;
  publisher: string | null;
  url: string | null;
  language: string | null;
}

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

function isObject(value: Json | undefined): value is { [key: string]: Json } {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** Facts from the first Article-like JSON-LD node; scripts that are not valid JSON are skipped. */
function readJsonLd(doc: DomDocument): JsonLdFacts {
  const nodes: { [key: string]: Json }[] = [];
  const collect = (value: Json): void => {
    if (Array.isArray(value)) value.forEach(collect);
    else if (isObject(value)) {
      nodes.push(value);
      const graph = value["@graph"];
      if (graph !== undefined) collect(graph);
    }
  };
  for (const script of Array.from(doc.getElementsByTagName("script"))) {
    const type = (script.getAttribute("type") ?? "").toLowerCase();
    if (!type.startsWith("application/ld+json")) continue;
    const parsed = parseJson(script.textContent ?? "");
    if (parsed !== undefined) collect(parsed);
  }

  const byId = new Map<string, { [key: string]: Json }>();
  for (const n of nodes) if (typeof n["@id"] === "string") byId.set(n["@id"], n);
  const resolve = (value: Json | undefined): Json | undefined => {
    if (isObject(value) && typeof value["@id"] === "string" && value["name"] === undefined) {
      return byId.get(value["@id"]) ?? value;
    }
    return value;
  };
  const names = (value: Json | undefined): string[] => {
    const v = resolve(value);
    if (typeof v === "string") return isUrl(v) ? [] : [v];
    if (Array.isArray(v)) return v.flatMap(names);
    if (isObject(v)) return typeof v["name"] === "string" ? [v["name"]] : [];
    return [];
  };
  const text = (value: Json | undefined): string | null => (typeof value === "string" ? clean(value) : null);

  const article = nodes.find((n) => typesOf(n).some((t) => /(?:Article|BlogPosting|Report)$/.test(t)));
  const site = nodes.find((n) => typesOf(n).includes("WebSite"));
  if (article === undefined) {
    return { headline: null, author: null, published: null, publisher: text(site?.["name"]), url: null, language: null };
  }
  const mainEntity = resolve(article["mainEntityOfPage"]);
  const authors = unique(names(article["author"]).map((n) => clean(n)).filter((n): n is string => n !== null));
  return {
    headline: text(article["headline"]) ?? text(article["name"]),
    author: authors.length > 0 ? authors.join(", ") : null,
    published: text(article["datePublished"]) ?? text(article["dateCreated"]),
    publisher: clean(names(article["publisher"])[0]) ?? text(site?.["name"]),
    url: text(article["url"]) ?? (isObject(mainEntity) ? text(mainEntity["@id"]) : text(mainEntity)),
    language: text(article["inLanguage"]),
  };
}

function typesOf(node: { [key: string]: Json }): string[] {
  const raw = node["@type"];
  const list = Array.isArray(raw) ? raw : [raw];
  // "schema:NewsArticle" and "https://schema.org/NewsArticle" name the same type.
  return list.filter((t): t is string => typeof t === "string").map((t) => t.split(/[/:#]/).pop() ?? t);
}

function parseJson(source: string): Json | undefined {
  // Sites wrap JSON-LD in HTML comments or CDATA markers and leave raw newlines inside strings.
  const body = source
    .replace(/^\s*(?:<!--|\/\/\s*<!\[CDATA\[|\/\*\s*<!\[CDATA\[\s*\*\/)/, "")
    .replace(/(?:-->|\/\/\s*\]\]>|\/\*\s*\]\]>\s*\*\/)\s*$/, "")
    .replace(/[\u0000-\u001f]+/g, " ");
  try {
    return JSON.parse(body) as Json;
  } catch (error) {
    // Invalid JSON-LD is common and carries nothing we can trust: skip that script.
    if (error instanceof SyntaxError) return undefined;
    throw error;
  }
}

// ---------------------------------------------------------------------------------------------
// Small normalisers

/** Collapses whitespace; empty becomes null. */
export function clean(value: string | null | undefined): string | null {
  if (value === null || value === undefined) return null;
  const v = value.replace(/\s+/g, " ").trim();
  return v === "" ? null : v;
}

function firstOf(...values: (string | null | undefined)[]): string | null {
  for (const v of values) if (v !== null && v !== undefined && v !== "") return v;
  return null;
}

function unique(values: string[]): string[] {
  return [...new Set(values)];
}

function isUrl(value: string): boolean {
  return /^https?:\/\//i.test(value.trim());
}

/** "By Ana Pérez" / "Por Ana Pérez" → "Ana Pérez" (bylines, not structured author fields). */
export function stripByPrefix(value: string | null): string | null {
  return value === null ? null : clean(value.replace(/^(?:by|por)\s+/i, ""));
}

function absoluteUrl(href: string | null, base: string | undefined): string | null {
  const h = clean(href);
  if (h === null) return null;
  const resolved = base !== undefined && URL.canParse(h, base) ? new URL(h, base) : URL.canParse(h) ? new URL(h) : null;
  return resolved !== null && /^https?:$/.test(resolved.protocol) ? resolved.href : null;
}

/** "es_MX" / "pt-br" / "es, en" → "es-MX" / "pt-BR" / "es"; anything not tag-shaped → null. */
export function normaliseLanguage(value: string | null | undefined): string | null {
  const tag = clean(value)?.split(/[,;\s]/)[0]?.replace(/_/g, "-");
  if (tag === undefined || !/^[a-z]{2,3}(?:-[a-z0-9]{2,8})*$/i.test(tag)) return null;
  return tag
    .split("-")
    .map((part, i) => (i === 0 ? part.toLowerCase() : part.length === 2 ? part.toUpperCase() : part))
    .join("-");
}

/**
 * A publication date as "YYYY-MM-DD", "YYYY-MM" or "YYYY". ISO forms keep the date as written
 * (no time-zone shift: "2019-03-15T23:30-03:00" was published on the 15th where it was written).
 * Numeric day/month/year is day-first, as in Spanish and Portuguese, unless the page is English
 * and the order is ambiguous.
 */
export function normaliseDate(value: string, language: string | null = null): string | null {
  const v = value.trim();
  let m = /^(\d{4})(?:[-/.](\d{1,2})(?:[-/.](\d{1,2}))?)?(?!\d)/.exec(v) ?? /^(\d{4})(\d{2})(\d{2})(?!\d)/.exec(v);
  const num = (part: string | undefined): number | null => (part === undefined ? null : Number(part));
  if (m !== null) return formatDate(Number(m[1]), num(m[2]), num(m[3]));
  m = /^(\d{1,2})[-/.](\d{1,2})[-/.](\d{4})(?!\d)/.exec(v);
  if (m !== null) {
    const a = Number(m[1]);
    const b = Number(m[2]);
    const monthFirst = b > 12 || (a <= 12 && (language ?? "").startsWith("en"));
    return formatDate(Number(m[3]), monthFirst ? a : b, monthFirst ? b : a);
  }
  // Textual English dates ("March 15, 2019", RFC 2822) as a last resort. V8's parser invents
  // January 1st for "Publicado 2019" and reads "marzo" as March, so we only hand it strings with
  // an English month word, and keep month precision when no day is written.
  if (!/\d{4}/.test(v) || !ENGLISH_MONTH.test(v)) return null;
  const parsed = new Date(v);
  if (Number.isNaN(parsed.getTime())) return null;
  const hasDay = /(?<![\d:])\d{1,2}(?![\d:])/.test(v.replace(/\d{4}/g, " "));
  return formatDate(parsed.getFullYear(), parsed.getMonth() + 1, hasDay ? parsed.getDate() : null);
}

const ENGLISH_MONTH =
  /\b(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?(?![a-z])/i;

function formatDate(year: number, month: number | null, day: number | null): string | null {
  if (year < 1900 || year > 2100) return null;
  if (month === null) return String(year);
  if (month < 1 || month > 12) return null;
  const mm = String(month).padStart(2, "0");
  if (day === null) return `${year}-${mm}`;
  const probe = new Date(Date.UTC(year, month - 1, day));
  if (day < 1 || probe.getUTCDate() !== day) return null;
  return `${year}-${mm}-${String(day).padStart(2, "0")}`;
}
