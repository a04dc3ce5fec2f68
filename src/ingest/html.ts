// HTML page → plain text (paragraphs, tab-separated table rows) and publication metadata, using
// @mozilla/readability over linkedom for the main text and meta tags / JSON-LD (html-metadata.ts) for the rest.
import { isProbablyReaderable, Readability } from "@mozilla/readability";
import { parseHTML } from "linkedom";
import { CDATA, DOCTYPE, type DomDocument, type DomNode, TEXT, isElement, tagOf } from "./html-dom.js";
import { clean, normaliseDate, normaliseLanguage, readMetadata, stripByPrefix } from "./html-metadata.js";

// normaliseDate lives with the metadata readers; re-exported so importers keep using this module.
export { normaliseDate };

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
