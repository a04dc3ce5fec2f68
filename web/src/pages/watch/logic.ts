// The watch forms' logic, pure so it is tested without a browser: the project list's filters into
// a saved search's query, the forms' own checks before anything is sent, and the API's refusals
// mapped to the field they name (the rest is shown above the form's button).
import { type Filters, toApiParams } from "../../lib/filters";

/** What a form's own check found wrong with one field (each form shows it in the page's language). */
export type Problem = "required" | "name" | "url" | "secretShort" | "secretAlone" | "email" | "every" | "country";

export interface SearchForm {
  name: string;
  webhookUrl: string;
  webhookSecret: string;
  email: string;
}
export type SearchField = keyof SearchForm;

export interface SourceForm {
  url: string;
  every: string;
  kind: string;
  title: string;
  country: string;
}
export type SourceField = keyof SourceForm;

export const SOURCE_KINDS = ["rss", "atom", "sitemap", "listing", "ocds"] as const;

/** The same rules as the API (services/saved-search.service.ts), so most mistakes never leave the page. */
const NAME = /^[\p{L}\p{N}][\p{L}\p{N} ._'()-]{0,99}$/u;
const EMAIL = /^[^\s@<>,;]+@[^\s@<>,;]+\.[^\s@<>,;]+$/;
const EVERY = /^\s*(\d+(?:\.\d+)?)\s*([smhdw]?)\s*$/i;
const UNIT_SECONDS: Record<string, number> = { s: 1, m: 60, h: 3600, d: 86_400, w: 604_800 };

function isHttpUrl(value: string): boolean {
  try {
    const u = new URL(value);
    return u.protocol === "http:" || u.protocol === "https:";
  } catch {
    return false;
  }
}

/** "6h" into seconds (null when it is not a duration), as the API reads it. */
export function everySeconds(value: string): number | null {
  const m = EVERY.exec(value);
  if (!m) return null;
  return Math.round(Number(m[1]) * (UNIT_SECONDS[(m[2] || "s").toLowerCase()] ?? 1));
}

/**
 * The project list's filters as a saved search's query: the names GET /api/projects takes
 * (snake_case, years as numbers, "verified only" as review=verified).
 * @example searchQueryOf({ country: "EC", yearFrom: 2019, verified: true }) // { country: "EC", year_from: 2019, review: "verified" }
 */
export function searchQueryOf(filters: Filters): Record<string, string | number> {
  const out: Record<string, string | number> = {};
  for (const [k, v] of toApiParams(filters)) out[k] = k === "year_from" || k === "year_to" ? Number(v) : v;
  return out;
}

/** The form's problems before saving a search (empty: send it). */
export function checkSearchForm(form: SearchForm, { requireName = true } = {}): Partial<Record<SearchField, Problem>> {
  const out: Partial<Record<SearchField, Problem>> = {};
  const name = form.name.trim();
  if (requireName) {
    if (!name) out.name = "required";
    else if (!NAME.test(name)) out.name = "name";
  }
  const hook = form.webhookUrl.trim();
  if (hook && !isHttpUrl(hook)) out.webhookUrl = "url";
  const secret = form.webhookSecret.trim();
  if (secret && secret.length < 16) out.webhookSecret = "secretShort";
  else if (secret && !hook) out.webhookSecret = "secretAlone";
  const email = form.email.trim();
  if (email && !EMAIL.test(email)) out.email = "email";
  return out;
}

/** POST /api/searches's body: empty optional fields are left out. */
export function searchBody(form: SearchForm, filters: Filters): { name: string; query: Record<string, string | number>; webhookUrl?: string; webhookSecret?: string; email?: string } {
  const hook = form.webhookUrl.trim();
  const secret = form.webhookSecret.trim();
  const email = form.email.trim();
  return {
    name: form.name.trim(),
    query: searchQueryOf(filters),
    ...(hook ? { webhookUrl: hook } : {}),
    ...(hook && secret ? { webhookSecret: secret } : {}),
    ...(email ? { email } : {}),
  };
}

/**
 * PATCH /api/searches/:id's body for the channels form: a cleared field removes its channel (null),
 * an unchanged one is not sent, and an empty secret keeps the one set (or has one made).
 */
export function channelsPatch(form: SearchForm, current: { webhookUrl: string | null; email: string | null }): { webhookUrl?: string | null; webhookSecret?: string; email?: string | null } {
  const out: { webhookUrl?: string | null; webhookSecret?: string; email?: string | null } = {};
  const hook = form.webhookUrl.trim() || null;
  const email = form.email.trim() || null;
  if (hook !== (current.webhookUrl ?? null)) out.webhookUrl = hook;
  if (hook && form.webhookSecret.trim()) out.webhookSecret = form.webhookSecret.trim();
  if (email !== (current.email ?? null)) out.email = email;
  return out;
}

/** The add-source form's problems before sending. */
export function checkSourceForm(form: SourceForm): Partial<Record<SourceField, Problem>> {
  const out: Partial<Record<SourceField, Problem>> = {};
  const url = form.url.trim();
  if (!url) out.url = "required";
  else if (!isHttpUrl(url)) out.url = "url";
  const every = form.every.trim();
  if (every) {
    const s = everySeconds(every);
    if (s === null || s < 300) out.every = "every";
  }
  const country = form.country.trim();
  if (country && !/^[A-Za-z]{2}$/.test(country)) out.country = "country";
  return out;
}

/** POST /api/watch/sources's body. */
export function sourceBody(form: SourceForm): { url: string; every: string; kind?: string; title?: string; country?: string } {
  const kind = (SOURCE_KINDS as readonly string[]).includes(form.kind) ? form.kind : "";
  const title = form.title.trim();
  const country = form.country.trim().toUpperCase();
  return {
    url: form.url.trim(),
    every: form.every.trim() || "6h",
    ...(kind ? { kind } : {}),
    ...(title ? { title } : {}),
    ...(country ? { country } : {}),
  };
}

/** Words in the API's messages that name a field although no JSON path does (the services' own checks). */
const MENTIONS: Record<string, [RegExp, string][]> = {
  search: [
    [/webhook secret/i, "webhookSecret"],
    [/\bwebhook\b/i, "webhookUrl"],
    [/e-mail|email/i, "email"],
    [/saved search's name|saved search named/i, "name"],
  ],
  source: [
    [/--every|\bevery\b/i, "every"],
    [/is watched already|is not a URL|only http\(s\) URLs|refused|resolves to|could not|timed out|HTTP \d{3}/i, "url"],
    [/--kind/i, "kind"],
    [/country/i, "country"],
  ],
};

/**
 * Splits an API refusal into messages per field and one for the rest. Schema errors read
 * "invalid body: url: Invalid URL; every: …" (the path names the field); the services' own say
 * it in words ("a webhook secret must be …").
 * @example apiErrors("invalid body: email: Invalid email address", ["name", "email"], "search") // { fields: { email: "Invalid email address" }, general: null }
 */
export function apiErrors<F extends string>(message: string, fields: readonly F[], form: "search" | "source"): { fields: Partial<Record<F, string>>; general: string | null } {
  const out: Partial<Record<F, string>> = {};
  const rest: string[] = [];
  const known = (name: string): name is F => (fields as readonly string[]).includes(name);
  const schema = /^invalid (?:body|querystring|params|request): (.*)$/s.exec(message);
  if (schema) {
    for (const part of (schema[1] ?? "").split("; ")) {
      const m = /^([\w.]+|\(whole value\)): (.*)$/s.exec(part);
      const field = m?.[1]?.split(".")[0] ?? "";
      if (m && known(field)) out[field] = out[field] ? `${out[field]}; ${m[2]}` : (m[2] ?? "");
      else rest.push(part);
    }
    return { fields: out, general: rest.length ? rest.join("; ") : null };
  }
  for (const [pattern, field] of MENTIONS[form] ?? []) {
    if (pattern.test(message) && known(field)) {
      out[field] = message;
      return { fields: out, general: null };
    }
  }
  return { fields: out, general: message };
}
