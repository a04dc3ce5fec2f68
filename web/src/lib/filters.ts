// The overview's and the table's filters ⇄ the page URL (so a link reproduces a view) ⇄ the API's
// query parameters. URL and API share snake_case names; "verified only" becomes review=verified.
export const CATEGORIES = [
  "telecom_network", "5g", "submarine_cable", "satellite", "data_center", "surveillance",
  "national_id", "smart_city", "e_government", "ecommerce_fintech", "mobility", "energy_tech", "other",
] as const;
export const MECHANISMS = ["contract", "loan", "donation", "investment", "acquisition", "partnership", "tender", "mou"] as const;
export const STATUSES = ["announced", "signed", "in_progress", "completed", "cancelled", "suspended"] as const;

export interface Filters {
  country?: string;
  vendor?: string;
  category?: string;
  mechanism?: string;
  status?: string;
  yearFrom?: number;
  yearTo?: number;
  verified?: boolean;
  q?: string;
}
export type FilterKey = keyof Filters;

/** URL parameter of each filter, in the order links are written. */
const PARAM: Record<FilterKey, string> = {
  country: "country", vendor: "vendor", category: "category", mechanism: "mechanism", status: "status",
  yearFrom: "year_from", yearTo: "year_to", verified: "verified", q: "q",
};

const oneOf = (list: readonly string[]) => (v: string) => (list.includes(v) ? v : undefined);
const year = (v: string) => (/^\d{4}$/.test(v) && Number(v) >= 1900 && Number(v) <= 2100 ? Number(v) : undefined);
const text = (v: string) => (v.trim() ? v.trim().slice(0, 200) : undefined);

/**
 * Reads the filters from a URL's query, dropping values the API would refuse (a hand-edited link
 * then shows the rest of the view instead of an error).
 * @example parseFilters(new URLSearchParams("country=ar&year_from=2019")) // { country: "AR", yearFrom: 2019 }
 */
export function parseFilters(params: URLSearchParams): Filters {
  const f: Filters = {};
  const get = (k: FilterKey) => params.get(PARAM[k]) ?? "";
  const country = get("country").toUpperCase();
  if (/^[A-Z]{2}$/.test(country)) f.country = country;
  const vendor = text(get("vendor"));
  if (vendor) f.vendor = vendor;
  const category = oneOf(CATEGORIES)(get("category"));
  if (category) f.category = category;
  const mechanism = oneOf(MECHANISMS)(get("mechanism"));
  if (mechanism) f.mechanism = mechanism;
  const status = oneOf(STATUSES)(get("status"));
  if (status) f.status = status;
  const from = year(get("yearFrom"));
  if (from !== undefined) f.yearFrom = from;
  const to = year(get("yearTo"));
  if (to !== undefined) f.yearTo = to;
  if (["1", "true"].includes(get("verified"))) f.verified = true;
  const q = text(get("q"));
  if (q) f.q = q;
  return f;
}

function entries(f: Filters): [string, string][] {
  const out: [string, string][] = [];
  for (const key of Object.keys(PARAM) as FilterKey[]) {
    const v = f[key];
    if (v === undefined || v === "" || v === false) continue;
    out.push([PARAM[key], v === true ? "1" : String(v)]);
  }
  return out;
}

/**
 * Writes the filters into a copy of `base` (other parameters such as lang or sort stay), replacing
 * every filter parameter.
 * @example filtersToParams({ country: "AR" }, new URLSearchParams("lang=es&vendor=ZTE")).toString() // "lang=es&country=AR"
 */
export function filtersToParams(f: Filters, base: URLSearchParams = new URLSearchParams()): URLSearchParams {
  const out = new URLSearchParams(base);
  for (const p of Object.values(PARAM)) out.delete(p);
  for (const [k, v] of entries(f)) out.set(k, v);
  return out;
}

/** The API's query for the filters (GET /api/projects, /api/overview, /api/export). */
export function toApiParams(f: Filters): URLSearchParams {
  const out = new URLSearchParams();
  for (const [k, v] of entries(f)) {
    if (k === "verified") out.set("review", "verified");
    else out.set(k, v);
  }
  return out;
}

/**
 * The filters after a click on a chart or the map: picking the value already chosen clears it,
 * so a second click undoes the first.
 */
export function toggleFilter(f: Filters, key: "country" | "vendor" | "category" | "mechanism" | "status", value: string): Filters {
  const next = { ...f };
  if (next[key] === value) delete next[key];
  else next[key] = value;
  return next;
}

/** Clicking a year narrows to that year, or widens back when it was already the only year. */
export function toggleYear(f: Filters, y: number): Filters {
  const next = { ...f };
  if (f.yearFrom === y && f.yearTo === y) {
    delete next.yearFrom;
    delete next.yearTo;
  } else {
    next.yearFrom = y;
    next.yearTo = y;
  }
  return next;
}

export function withoutFilter(f: Filters, key: FilterKey): Filters {
  const next = { ...f };
  delete next[key];
  return next;
}

export function activeFilters(f: Filters): FilterKey[] {
  return (Object.keys(PARAM) as FilterKey[]).filter((k) => f[k] !== undefined && f[k] !== false && f[k] !== "");
}
