// A saved search's digest in each form it is delivered in: the webhook's JSON body, an e-mail
// (text and HTML) and an Atom feed. Each item names the project, links it, and gives each new
// claim with its quote and the source it quotes. Pure: alerts in, strings out.
import { Feed } from "feed";
import type { AlertView } from "../domain/watch.js";

export interface DigestSearch {
  id: string;
  name: string;
  query: Record<string, unknown>;
}

/** The webhook body: versioned, with the time it was sent (covered by the signature). */
export function digestJson(search: DigestSearch, alerts: readonly AlertView[], sentAt: string): string {
  return JSON.stringify({
    type: "dsr.digest",
    version: 1,
    sentAt,
    search: { id: search.id, name: search.name, query: search.query },
    alerts: alerts.map((a) => ({
      id: a.id,
      createdAt: a.createdAt,
      isNew: a.isNew,
      project: { ...a.project, link: a.link },
      claims: a.claims.map((c) => ({ field: c.field, value: c.value, quote: c.quote, source: c.document })),
    })),
  });
}

/** A value as a reader wants it: an amount with its currency, names joined, anything else as JSON. */
export function showValue(value: unknown): string {
  if (value === null || value === undefined) return "—";
  if (typeof value === "string" || typeof value === "number" || typeof value === "boolean") return String(value);
  if (Array.isArray(value)) return value.map(showValue).join(", ");
  if (typeof value === "object") {
    const v = value as Record<string, unknown>;
    if (typeof v.value === "number" && typeof v.currency === "string") return `${v.currency} ${v.value.toLocaleString("en-US")}`;
    if (typeof v.name === "string") return v.name;
    const entries = Object.entries(v);
    if (entries.length && entries.every(([, n]) => typeof n === "number")) return entries.map(([k, n]) => `${(n as number).toLocaleString("en-US")} ${k}`).join(", ");
  }
  return JSON.stringify(value);
}

/** Claims that quote the same passage of the same source, together: the quote is shown once. */
export function byQuote(claims: AlertView["claims"]): { fields: string; quote: string; document: AlertView["claims"][number]["document"] }[] {
  const groups = new Map<string, { parts: string[]; quote: string; document: AlertView["claims"][number]["document"] }>();
  for (const c of claims) {
    const key = `${c.document.id}\u0000${c.quote}`;
    const group = groups.get(key) ?? { parts: [], quote: c.quote, document: c.document };
    group.parts.push(`${c.field}: ${showValue(c.value)}`);
    groups.set(key, group);
  }
  return [...groups.values()].map((g) => ({ fields: g.parts.join(" · "), quote: g.quote, document: g.document }));
}

const heading = (a: AlertView) => `${a.isNew ? "New" : "Changed"}: ${a.project.title}`;

export function digestEmail(search: DigestSearch, alerts: readonly AlertView[]): { subject: string; text: string; html: string } {
  const n = alerts.length;
  const subject = `[dsr] ${n} ${n === 1 ? "project" : "projects"} for “${search.name}”`;
  const text = [
    `${n} new or changed ${n === 1 ? "project matches" : "projects match"} your saved search “${search.name}”.`,
    "",
    ...alerts.flatMap((a) => [
      heading(a),
      `  ${a.link}`,
      ...byQuote(a.claims).flatMap((g) => [`  ${g.fields}`, `    “${g.quote}”`, `    — ${g.document.citation}${g.document.url ? ` ${g.document.url}` : ""}`]),
      "",
    ]),
  ].join("\n");
  const html = [
    `<p>${n} new or changed ${n === 1 ? "project matches" : "projects match"} your saved search “${escapeHtml(search.name)}”.</p>`,
    ...alerts.map(
      (a) =>
        `<h3><a href="${escapeHtml(a.link)}">${escapeHtml(heading(a))}</a></h3><ul>` +
        byQuote(a.claims)
          .map((g) => `<li>${escapeHtml(g.fields)}<blockquote>“${escapeHtml(g.quote)}”</blockquote><small>${escapeHtml(g.document.citation)}${g.document.url ? ` <a href="${escapeHtml(g.document.url)}">${escapeHtml(g.document.url)}</a>` : ""}</small></li>`)
          .join("") +
        "</ul>",
    ),
  ].join("\n");
  return { subject, text, html };
}

/** The search's alerts as an Atom 1.0 feed, newest first; `self` is the feed's own URL. */
export function digestAtom(search: DigestSearch, alerts: readonly AlertView[], links: { self: string; site: string }): string {
  const newest = alerts[0]?.createdAt;
  const feed = new Feed({
    id: links.self,
    title: `Digital Silk Road Observatory — ${search.name}`,
    description: `New and changed projects matching the saved search “${search.name}”`,
    link: links.site,
    feedLinks: { atom: links.self },
    updated: newest ? new Date(newest) : new Date(0),
    generator: "dsr-observatory",
    copyright: "Claims keep their sources' licences; see each project.",
  });
  for (const a of alerts) {
    feed.addItem({
      id: `urn:dsr:alert:${a.id}`,
      title: heading(a),
      link: a.link,
      date: new Date(a.createdAt),
      description: a.claims.map((c) => `${c.field}: ${showValue(c.value)}`).join("; "),
      content: byQuote(a.claims)
        .map((g) => `<p>${escapeHtml(g.fields)}</p><blockquote>“${escapeHtml(g.quote)}”</blockquote><p><small>${escapeHtml(g.document.citation)}</small></p>`)
        .join(""),
    });
  }
  return feed.atom1();
}

function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c] ?? c);
}
