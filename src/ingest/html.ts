// HTML page → plain text (paragraphs, tab-separated table rows) and publication metadata, using
// @mozilla/readability over linkedom for the main text and meta tags / JSON-LD for the rest.
import { isProbablyReaderable, Readability } from "@mozilla/readability";
import { parseHTML } from "linkedom";

export interface HtmlReading {
  /** Main text: paragraphs separated by a blank line, table rows as lines of TAB-separated cells. */
  text: string;
  title: string | null;
  author: string | null;
  /** "YYYY-MM-DD", or "YYYY-MM" / "YYYY" when the page is less precise. */
  published: string | null;
  canonicalUrl: string | null;
  /** BCP 47 tag as the page declares it, e.g. "es" or "pt-BR". */
  language: string | null;
  siteName: string | null;
}

/**
 * Reads an HTML page. Never throws; malformed HTML gives whatever text the parser recovers.
 * @example readHtml('<html lang="es"><body><p>Hola</p></body></html>').text // "Hola"
 */
export function readHtml(html: string, url?: string): HtmlReading {
  const doc = parseDocument(html);
  // Metadata first: Readability rewrites the document it reads.
  const meta = readMetadata(doc, url);

  let text = "";
  let fromReadability: ReadabilityFacts | null = null;
  prune(doc, true);
  if (isProbablyReaderable(doc as never)) {
    fromReadability = runReadability(doc);
    text = fromReadability?.text ?? "";
    if (text === "") {
      const fresh = parseDocument(html);
      prune(fresh, true);
      text = blockText(fresh.body);
    }
  } else {
    // Short pages, tables and fragments: Readability would drop or mangle them.
    text = blockText(doc.body);
  }
  if (text === "") {
    // Everything sat in nav/aside/footer (a fragment, say): keep it rather than return nothing.
    const fresh = parseDocument(html);
    prune(fresh, false);
    text = blockText(fresh.body);
  }

  return {
    text,
    title: meta.title ?? clean(fromReadability?.title),
    author: meta.author ?? stripByPrefix(clean(fromReadability?.byline)),
    published: meta.published ?? normaliseDate(fromReadability?.publishedTime ?? "", meta.language),
    canonicalUrl: meta.canonicalUrl,
    language: meta.language ?? normaliseLanguage(fromReadability?.lang),
    siteName: meta.siteName ?? clean(fromReadability?.siteName),
  };
}

// ---------------------------------------------------------------------------------------------
// The slice of linkedom's DOM we use. The project compiles without the DOM lib, so we name it.

interface DomNode {
  readonly nodeType: number;
  readonly parentNode: DomNode | null;
  readonly firstChild: DomNode | null;
  readonly nextSibling: DomNode | null;
  readonly childNodes: ArrayLike<DomNode>;
  readonly textContent: string | null;
  appendChild(node: DomNode): DomNode;
  insertBefore(node: DomNode, ref: DomNode | null): DomNode;
  remove(): void;
}
interface DomElement extends DomNode {
  readonly localName: string;
  getAttribute(name: string): string | null;
  hasAttribute(name: string): boolean;
}
interface DomDocument extends DomNode {
  readonly documentElement: DomElement | null;
  readonly head: DomElement;
  readonly body: DomElement;
  createElement(tag: string): DomElement;
  getElementsByTagName(tag: string): ArrayLike<DomElement>;
}

const ELEMENT = 1;
const TEXT = 3;
const CDATA = 4;
const DOCTYPE = 10;

function isElement(node: DomNode): node is DomElement {
  return node.nodeType === ELEMENT;
}
function tagOf(node: DomNode): string {
  return isElement(node) ? node.localName.toLowerCase() : "";
}

/** Elements that belong in <head>; anything else found there or outside <html> moves to <body>. */
const HEAD_CONTENT = new Set(["title", "meta", "link", "base", "style", "script", "noscript", "template"]);

/**
 * Parses into a document with one <html>, <head> and <body>. linkedom keeps the tree as written,
 * so a fragment or a page without <body> would leave its text outside the body Readability reads.
 */
function parseDocument(html: string): DomDocument {
  const source = /<html[\s>]/i.test(html) ? html : `<html>${html}</html>`;
  const doc = (parseHTML(source) as unknown as { document: DomDocument }).document;

  let root = doc.documentElement;
  if (root === null || root.localName.toLowerCase() !== "html") {
    const wrapper = doc.createElement("html");
    for (const node of Array.from(doc.childNodes)) if (node.nodeType !== DOCTYPE) wrapper.appendChild(node);
    doc.appendChild(wrapper);
    root = wrapper;
  }
  const head = doc.head;
  const body = doc.body;

  const before: DomNode[] = [];
  const after: DomNode[] = [];
  let pastRoot = false;
  for (const node of Array.from(doc.childNodes)) {
    if (node === root) pastRoot = true;
    else if (node.nodeType !== DOCTYPE) (pastRoot ? after : before).push(node);
  }
  for (const node of Array.from(head.childNodes)) {
    if (!HEAD_CONTENT.has(tagOf(node)) && !isBlankOrComment(node)) before.push(node);
  }
  let pastBody = false;
  const afterBody: DomNode[] = [];
  for (const node of Array.from(root.childNodes)) {
    if (node === head) continue;
    if (node === body) pastBody = true;
    else if (!pastBody && HEAD_CONTENT.has(tagOf(node))) head.appendChild(node);
    else (pastBody ? afterBody : before).push(node);
  }
  const anchor = body.firstChild;
  for (const node of before) body.insertBefore(node, anchor);
  for (const node of [...afterBody, ...after]) body.appendChild(node);
  return doc;
}

function isBlankOrComment(node: DomNode): boolean {
  return node.nodeType === 8 || (node.nodeType === TEXT && (node.textContent ?? "").trim() === "");
}

/** Never text: code, styling, embedded objects and form controls. */
const NON_TEXT = ["script", "style", "noscript", "template", "svg", "math", "iframe", "object", "select", "button"];
/** Page chrome, dropped so menus and footers do not read as article text. */
const BOILERPLATE = ["nav", "aside", "footer"];

function prune(doc: DomDocument, dropBoilerplate: boolean): void {
  const tags = dropBoilerplate ? [...NON_TEXT, ...BOILERPLATE] : NON_TEXT;
  for (const tag of tags) for (const el of Array.from(doc.getElementsByTagName(tag))) el.remove();
}

// ---------------------------------------------------------------------------------------------
// Readability

interface ReadabilityFacts {
  text: string;
  title: string | null | undefined;
  byline: string | null | undefined;
  publishedTime: string | null | undefined;
  lang: string | null | undefined;
  siteName: string | null | undefined;
}

function runReadability(doc: DomDocument): ReadabilityFacts | null {
  let article;
  try {
    // The serializer hands us Readability's article node, so we render our own plain text.
    const serializer = (node: unknown): string => blockText(node as DomNode);
    article = new Readability<string>(doc as never, { serializer }).parse();
  } catch (error) {
    // Readability assumes a browser-grade DOM; on a tree linkedom built from broken markup it can
    // fail. The body-text fallback still reads such pages, so we take that path instead.
    if (error instanceof Error) return null;
    throw error;
  }
  if (article === null) return null;
  return {
    text: article.content ?? "",
    title: article.title,
    byline: article.byline,
    publishedTime: article.publishedTime,
    lang: article.lang,
    siteName: article.siteName,
  };
}

// ---------------------------------------------------------------------------------------------
// Plain text with structure

/** Blocks that stand as their own paragraph (blank line around). */
const PARAGRAPH = new Set([
  "address", "article", "aside", "blockquote", "body", "caption", "center", "details", "dialog", "div", "dl",
  "fieldset", "figcaption", "figure", "footer", "form", "h1", "h2", "h3", "h4", "h5", "h6", "header", "hgroup",
  "hr", "html", "main", "menu", "nav", "ol", "p", "pre", "section", "summary", "table", "ul",
]);
/** Blocks that start a new line but not a new paragraph. */
const LINE = new Set(["li", "dt", "dd", "tr", "br", "option"]);
/** Elements whose content is never text (head content, media, embedded documents). */
const SKIP = new Set([
  "head", "title", "meta", "link", "base", "script", "style", "noscript", "template", "svg", "math",
  "iframe", "object", "embed", "canvas", "audio", "video", "select", "button", "input", "textarea",
]);

/**
 * Renders a subtree as plain text. Iterative (no recursion), so deeply nested broken markup
 * cannot overflow the stack, and linear in the number of nodes.
 */
function blockText(root: DomNode): string {
  const out: string[] = [];
  let pendingBreak = 0; // 0 none, 1 newline, 2 blank line
  let pendingSpace = false;
  let lineStart = true;
  let cellDepth = 0;
  let preDepth = 0;
  let rowHasCell = false;

  const requestBreak = (level: 1 | 2): void => {
    // Inside a table cell a line break would split the row, so it becomes a space.
    if (cellDepth > 0) pendingSpace = true;
    else pendingBreak = Math.max(pendingBreak, level);
  };
  const flushBreak = (): void => {
    if (pendingBreak > 0 && out.length > 0) {
      out.push(pendingBreak === 2 ? "\n\n" : "\n");
      lineStart = true;
      pendingSpace = false;
    }
    pendingBreak = 0;
  };
  const emitText = (raw: string): void => {
    if (preDepth > 0) {
      if (raw === "") return;
      flushBreak();
      out.push(raw.replace(/\r\n?/g, "\n"));
      lineStart = raw.endsWith("\n");
      pendingSpace = false;
      return;
    }
    const collapsed = raw.replace(/\s+/g, " ");
    if (collapsed === "") return;
    const core = collapsed.trim();
    if (core === "") {
      pendingSpace = true;
      return;
    }
    flushBreak();
    if ((pendingSpace || collapsed.startsWith(" ")) && !lineStart) out.push(" ");
    out.push(core);
    lineStart = false;
    pendingSpace = collapsed.endsWith(" ");
  };

  const enter = (node: DomNode): boolean => {
    if (node.nodeType === TEXT || node.nodeType === CDATA) {
      emitText(node.textContent ?? "");
      return false;
    }
    if (!isElement(node)) return false;
    const tag = tagOf(node);
    if (SKIP.has(tag) || node.hasAttribute("hidden")) return false;
    if (tag === "br") {
      requestBreak(1);
      return false;
    }
    if (tag === "td" || tag === "th") {
      if (cellDepth === 0) {
        if (rowHasCell) {
          flushBreak();
          out.push("\t");
          lineStart = true;
          pendingSpace = false;
        }
        rowHasCell = true;
      } else pendingSpace = true;
      cellDepth++;
      return true;
    }
    if (tag === "tr" && cellDepth === 0) rowHasCell = false;
    if (tag === "pre") preDepth++;
    if (LINE.has(tag)) requestBreak(1);
    else if (PARAGRAPH.has(tag)) requestBreak(2);
    return true;
  };
  const leave = (node: DomNode): void => {
    const tag = tagOf(node);
    if (tag === "td" || tag === "th") {
      cellDepth--;
      pendingSpace = cellDepth > 0;
    } else if (tag === "pre") preDepth--;
    if (LINE.has(tag)) requestBreak(1);
    else if (PARAGRAPH.has(tag)) requestBreak(2);
  };

  let node = root.firstChild;
  while (node !== null) {
    const descend = enter(node);
    if (descend && node.firstChild !== null) {
      node = node.firstChild;
      continue;
    }
    if (descend) leave(node);
    let current: DomNode | null = node;
    while (current !== null && current !== root && current.nextSibling === null) {
      current = current.parentNode;
      if (current !== null && current !== root) leave(current);
    }
    node = current === null || current === root ? null : current.nextSibling;
  }
  // Spaces are trimmed at line ends; tabs stay, since an empty first or last cell is still a column.
  return out.join("").replace(/ +\n/g, "\n").replace(/^\n+/, "").replace(/\s+$/, "");
}

// ---------------------------------------------------------------------------------------------
// Metadata

interface PageMeta {
  title: string | null;
  author: string | null;
  published: string | null;
  canonicalUrl: string | null;
  language: string | null;
  siteName: string | null;
}

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

function readMetadata(doc: DomDocument, url: string | undefined): PageMeta {
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
function clean(value: string | null | undefined): string | null {
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
function stripByPrefix(value: string | null): string | null {
  return value === null ? null : clean(value.replace(/^(?:by|por)\s+/i, ""));
}

function absoluteUrl(href: string | null, base: string | undefined): string | null {
  const h = clean(href);
  if (h === null) return null;
  const resolved = base !== undefined && URL.canParse(h, base) ? new URL(h, base) : URL.canParse(h) ? new URL(h) : null;
  return resolved !== null && /^https?:$/.test(resolved.protocol) ? resolved.href : null;
}

/** "es_MX" / "pt-br" / "es, en" → "es-MX" / "pt-BR" / "es"; anything not tag-shaped → null. */
function normaliseLanguage(value: string | null | undefined): string | null {
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
