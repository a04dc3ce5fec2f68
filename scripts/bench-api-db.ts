// Builds an observatory database of generated projects for the API benchmark (and for anyone who
// needs a big one: issue 9 wants a million). The schema comes from the real code path — openApp
// creates and migrates the file and loads the bundled gazetteer — and the projects are then
// written straight into the tables a project's row spans (projects, project_parties,
// projects_fts, project_keys; see saveShown in src/store/project.repository.ts) with prepared
// statements in one transaction, because refreshing 100,000 projects through the services would
// take minutes. A few thousand projects also get documents and claims, so their detail view
// (/api/projects/:id) is built from evidence like a real one.
//
// Skew, seeded (same seed, same database): countries weighted towards the big markets (BR, MX, AR,
// CO, PE, CL, EC…), categories towards telecom networks and surveillance (Argentina leans further
// to surveillance, so `country=AR&category=surveillance` matches a few thousand projects), years
// towards the recent ones, amounts log-normal in US dollars, yuan and local currencies (converted
// through the bundled Federal Reserve rates, or left unconverted like real ones).
//
//   npx tsx scripts/bench-api-db.ts FILE [--projects N] [--seed S]
import { createHash } from "node:crypto";
import { existsSync } from "node:fs";
import { resolve } from "node:path";
import { fileURLToPath } from "node:url";
import SqliteDatabase from "better-sqlite3";
import { openApp } from "../src/app.js";
import { valueKey } from "../src/domain/claims.js";
import { licenseForOrigin } from "../src/domain/licenses.js";
import { type FxTable, amountView } from "../src/domain/money.js";
import type { Citation, PartyView, ProjectSummary } from "../src/domain/project.js";
import type { Category, Mechanism, Status } from "../src/domain/vocabulary.js";
import {
  AND, AR_SURVEILLANCE_BOOST, AUTHORS, CATEGORY_LABEL, CATEGORY_WEIGHTS, COUNTRY_WEIGHTS, FINANCIERS, LOCAL_BUYER, LOCAL_CURRENCY,
  type Lang, MECHANISMS, MECHANISM_WORD, OBJECTS, ORIGINS, PUBLISHERS, QUANTITY_RANGE, REVIEWERS, ROUTES, SIGNED, STATUSES, VENDORS,
} from "./bench-api-data.js";
import { seeded } from "./bench-corpus.js";

export interface ApiDatabaseOptions {
  /** Generated projects, on top of the bundled ones (default 100,000). */
  projects?: number;
  /** Same seed, same rows (default 1). */
  seed?: number;
  /** Documents the projects cite (default 2,000, at most one per project). */
  documents?: number;
  /** Projects that also get claims with evidence, spread evenly over the ids (default 2,000). */
  detailed?: number;
}

export interface ApiDatabaseStats {
  file: string;
  projects: number;
  parties: number;
  searchRows: number;
  projectKeys: number;
  documents: number;
  claims: number;
  /** Generated projects in Argentina categorised as surveillance (the benchmark's list query). */
  arSurveillance: number;
  /** Projects whose search row matches "camaras" (accents folded, as the API searches). */
  camaras: number;
  /** Some ids of projects with claims, for detail requests. */
  detailedIds: string[];
  /** Time to create, migrate and load the bundled data through openApp. */
  openSeconds: number;
  /** Time to write the generated rows. */
  insertSeconds: number;
}

type Rnd = () => number;

/** Picks from weighted items; weights need not sum to 1. */
function picker<T>(pairs: readonly (readonly [T, number])[]): (rnd: Rnd) => T {
  if (pairs.length === 0) throw new Error("picker: nothing to pick from");
  const items = pairs.map(([item]) => item);
  const cumulative: number[] = [];
  let total = 0;
  for (const [, w] of pairs) cumulative.push((total += w));
  return (rnd) => {
    const x = rnd() * total;
    let lo = 0;
    let hi = cumulative.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if ((cumulative[mid] ?? 0) > x) hi = mid;
      else lo = mid + 1;
    }
    return items[lo] as T;
  };
}

function one<T>(rnd: Rnd, items: readonly T[]): T {
  const item = items[Math.floor(rnd() * items.length)];
  if (item === undefined) throw new Error("one: empty list");
  return item;
}

/** A standard normal deviate (Box–Muller). */
function normal(rnd: Rnd): number {
  return Math.sqrt(-2 * Math.log(1 - rnd())) * Math.cos(2 * Math.PI * rnd());
}


interface Org {
  id: string;
  name: string;
  family: string | null;
}
interface Place {
  id: string;
  name: string;
  parent: string | null;
}

/** The gazetteer as the generator uses it: organizations by id, buyers and places by country. */
interface Gazetteer {
  orgs: Map<string, Org>;
  buyersByCountry: Map<string, Org[]>;
  subdivisions: Map<string, Place[]>;
  cities: Map<string, (rnd: Rnd) => Place>;
  countryNames: Map<string, string>;
}

function readGazetteer(db: SqliteDatabase.Database): Gazetteer {
  const orgs = new Map<string, Org>();
  const buyersByCountry = new Map<string, Org[]>();
  const rows = db.prepare("select id, name, kind, home_country, family_id from organizations").all() as {
    id: string; name: string; kind: string; home_country: string | null; family_id: string | null;
  }[];
  for (const r of rows) {
    const org = { id: r.id, name: r.name, family: r.family_id };
    orgs.set(r.id, org);
    if (r.home_country && ["government", "government_agency", "operator", "regulator"].includes(r.kind)) {
      buyersByCountry.set(r.home_country, [...(buyersByCountry.get(r.home_country) ?? []), org]);
    }
  }
  const subdivisions = new Map<string, Place[]>();
  const cityPairs = new Map<string, [Place, number][]>();
  const places = db.prepare("select id, kind, name, country, parent_id, population from places where kind in ('subdivision', 'city') and country is not null").all() as {
    id: string; kind: string; name: string; country: string; parent_id: string | null; population: number | null;
  }[];
  for (const p of places) {
    const place = { id: p.id, name: p.name, parent: p.parent_id };
    if (p.kind === "subdivision") subdivisions.set(p.country, [...(subdivisions.get(p.country) ?? []), place]);
    else cityPairs.set(p.country, [...(cityPairs.get(p.country) ?? []), [place, Math.sqrt(Math.max(p.population ?? 1, 1))]]);
  }
  const cities = new Map<string, (rnd: Rnd) => Place>();
  for (const [country, pairs] of cityPairs) cities.set(country, picker(pairs));
  const countryNames = new Map((db.prepare("select id, name from places where kind = 'country'").all() as { id: string; name: string }[]).map((r) => [r.id, r.name]));
  return { orgs, buyersByCountry, subdivisions, cities, countryNames };
}

/** One generated project: its summary and what its other rows need. */
interface Generated {
  summary: ProjectSummary;
  origin: string;
  searchBody: string;
  quote: string;
  language: Lang;
  money: { value: number; currency: string; year: number | null } | null;
}

interface DocumentMeta {
  citation: Citation;
  language: Lang;
}

function documentMeta(i: number, rnd: Rnd): DocumentMeta {
  const language: Lang = one(rnd, ["es", "es", "es", "pt", "pt", "en"] as const);
  const year = 2005 + Math.floor(rnd() * 21);
  const month = String(1 + Math.floor(rnd() * 12)).padStart(2, "0");
  const day = String(1 + Math.floor(rnd() * 28)).padStart(2, "0");
  const published = rnd() < 0.1 ? String(year) : `${year}-${month}-${day}`;
  const publisher = one(rnd, PUBLISHERS);
  const author = one(rnd, AUTHORS);
  const title =
    language === "es" ? `Acuerdos tecnológicos con China en América Latina (${i})` : language === "pt" ? `Acordos de tecnologia com a China na América Latina (${i})` : `China's technology deals in Latin America (${i})`;
  const url = `https://news.example.org/${year}/${month}/nota-${i}`;
  return {
    language,
    citation: { documentId: `bench-doc-${String(i).padStart(6, "0")}`, title, authors: [author], publisher, published, url, citation: `${author}, “${title},” ${publisher}, ${published}, ${url}.` },
  };
}

function roundAmount(x: number): number {
  const magnitude = 10 ** Math.max(0, Math.floor(Math.log10(x)) - 1);
  return Math.max(1, Math.round(x / magnitude)) * magnitude;
}

function formatAmount(value: number, currency: string): string {
  return value >= 1e6 ? `${currency} ${Number((value / 1e6).toFixed(1))} millones` : `${currency} ${Math.round(value)}`;
}

/** Makes the project of the given index; deterministic in `rnd`'s sequence. */
function generateProject(index: number, rnd: Rnd, gz: Gazetteer, fx: FxTable, docs: readonly DocumentMeta[], pick: Pickers): Generated {
  const country = pick.country(rnd);
  const category = country === "AR" ? pick.categoryAR(rnd) : pick.category(rnd);
  const year = rnd() < 0.03 ? null : pick.year(rnd);
  const mechanism = pick.mechanism(rnd);
  const status = pick.status(rnd);
  const origin = pick.origin(rnd);
  const vendorPick = pick.vendors.get(category) ?? pick.fallbackVendor;
  const vendors: Org[] = [vendorPick(rnd)];
  if (rnd() < 0.15) {
    const second = vendorPick(rnd);
    if (second.id !== vendors[0]?.id) vendors.push(second);
  }
  const financiers: Org[] = mechanism === "loan" || rnd() < 0.08 ? [pick.financier(rnd)] : [];

  const subdivisionList = gz.subdivisions.get(country) ?? [];
  const cityPick = gz.cities.get(country);
  let city: Place | null = null;
  let subdivision: Place | null = null;
  if (cityPick && rnd() < 0.4) {
    city = cityPick(rnd);
    subdivision = subdivisionList.find((s) => s.id === city?.parent) ?? null;
  } else if (subdivisionList.length && rnd() < 0.5) {
    subdivision = one(rnd, subdivisionList);
  }
  const language: Lang = rnd() < 0.2 ? "en" : country === "BR" ? "pt" : "es";
  const nationalBuyers = gz.buyersByCountry.get(country) ?? [];
  let buyer: { name: string; organizationId: string | null } | null;
  const b = rnd();
  if (b < 0.1) buyer = null;
  else if (nationalBuyers.length && (b < 0.45 || (!city && !subdivision))) {
    const org = one(rnd, nationalBuyers);
    buyer = { name: org.name, organizationId: org.id };
  } else if (city) buyer = { name: `${LOCAL_BUYER[language].city} ${city.name}`, organizationId: null };
  else if (subdivision) buyer = { name: `${LOCAL_BUYER[language].subdivision} ${subdivision.name}`, organizationId: null };
  else buyer = null;

  let money: Generated["money"] = null;
  let amount: ProjectSummary["amount"] = null;
  if (rnd() < 0.7) {
    const usd = roundAmount(Math.exp(Math.log(2e7) + 1.5 * normal(rnd)));
    const c = rnd();
    const local = LOCAL_CURRENCY[country];
    const currency = c < 0.75 ? "USD" : c < 0.85 || !local ? "CNY" : local;
    const rate = currency === "USD" ? 1 : (fx.rate(currency, year ?? 2018) ?? (currency === "CNY" ? 6.8 : 4));
    money = { value: roundAmount(usd * rate), currency, year: rnd() < 0.8 ? year : null };
    amount = amountView(money, fx, year);
  }
  const unit = OBJECTS[category].unit;
  const quantity: Record<string, number> = {};
  if (unit && rnd() < 0.6) {
    const [lo, hi] = QUANTITY_RANGE[unit] ?? [1, 100];
    quantity[unit] = Math.round(Math.exp(Math.log(lo) + rnd() * (Math.log(hi) - Math.log(lo))));
  }
  const parties: PartyView[] = [
    ...vendors.map((v) => ({ name: v.name, role: "vendor" as const, organizationId: v.id })),
    ...financiers.map((f) => ({ name: f.name, role: "financier" as const, organizationId: f.id })),
    ...(buyer ? [{ name: buyer.name, role: "buyer" as const, organizationId: buyer.organizationId }] : []),
  ];
  const sourceCount = 1 + (rnd() < 0.3 ? 1 : 0) + (rnd() < 0.1 ? 1 : 0) + (rnd() < 0.03 ? 1 : 0);
  const sources: Citation[] = [];
  const first = Math.floor(rnd() * docs.length);
  for (let k = 0; k < sourceCount && k < docs.length; k++) {
    const doc = docs[(first + k * 7919) % docs.length];
    if (doc && !sources.some((s) => s.documentId === doc.citation.documentId)) sources.push(doc.citation);
  }
  const review = rnd();
  const reviewState = review < 0.65 ? "candidate" : review < 0.98 ? "verified" : "rejected";
  const place = city?.name ?? subdivision?.name ?? null;
  const lead = vendors[0]?.name ?? "Huawei";
  const title = `${lead} ${CATEGORY_LABEL[category]} ${mechanism === "contract" ? "contract" : mechanism} ${place ? `for ${place}` : `in ${gz.countryNames.get(country) ?? country}`}${year ? ` (${year})` : ""}`;
  const disputed = rnd();
  const summary: ProjectSummary = {
    id: projectId(index, rnd),
    title,
    status,
    procurementRoute: rnd() < 0.3 ? one(rnd, ROUTES) : null,
    review: reviewState === "candidate" ? { state: "candidate", by: null, at: null } : { state: reviewState, by: one(rnd, REVIEWERS), at: `2026-${String(1 + Math.floor(rnd() * 11)).padStart(2, "0")}-15` },
    license: licenseForOrigin(origin),
    vendors: vendors.map((v) => v.name),
    financiers: financiers.map((f) => f.name),
    buyer: buyer?.name ?? null,
    country,
    subdivision: subdivision?.name ?? null,
    city: city?.name ?? null,
    amount,
    year,
    category,
    quantity,
    mechanism,
    parties,
    sources: [...sources].sort((x, y) => ((x.published ?? "") < (y.published ?? "") ? 1 : (x.published ?? "") > (y.published ?? "") ? -1 : x.documentId < y.documentId ? -1 : 1)),
    sourceCount: sources.length,
    disputedFields: sources.length > 1 && disputed < 0.1 ? [disputed < 0.05 ? "amount" : "year"] : [],
  };
  const n = Object.values(quantity)[0];
  const object = OBJECTS[category][language].replace("{n}", n === undefined ? (language === "en" ? "several" : language === "pt" ? "diversas" : "numerosas") : n.toLocaleString(language === "en" ? "en-US" : "es-AR"));
  const who = buyer?.name ?? (language === "en" ? `The government of ${gz.countryNames.get(country) ?? country}` : language === "pt" ? "O governo" : "El gobierno");
  const when = SIGNED[language].replace("{year}", String(year ?? ""));
  const price = money ? ` ${language === "en" ? "worth" : language === "pt" ? "de" : "por"} ${formatAmount(money.value, money.currency)}` : "";
  const withWord = language === "en" ? "with" : language === "pt" ? "com a" : "con";
  const forWord = language === "en" ? "to" : "para";
  const quote = `${who} ${when} ${MECHANISM_WORD[language][mechanism]}${price} ${withWord} ${vendors.map((v) => v.name).join(AND[language])}${financiers.length ? ` (${financiers[0]?.name})` : ""} ${forWord} ${object}.`;
  // The same parts refreshProject indexes (services/projects.service.ts searchText): parties, places, category, quotes.
  const searchBody = [...parties.map((p) => p.name), country, summary.subdivision, summary.city, category, quote].filter(Boolean).join("\n");
  return { summary, origin, searchBody, quote, language, money };
}

/** Ids shaped like the resolver's (`p-` and a ULID): time-ordered with a random tail. */
function projectId(index: number, rnd: Rnd): string {
  const alphabet = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
  let time = 1_700_000_000_000 + index * 1000;
  let head = "";
  for (let i = 0; i < 10; i++) {
    head = alphabet[time % 32] + head;
    time = Math.floor(time / 32);
  }
  let tail = "";
  for (let i = 0; i < 16; i++) tail += alphabet[Math.floor(rnd() * 32)];
  return `p-${head}${tail}`;
}

interface Pickers {
  country: (rnd: Rnd) => string;
  category: (rnd: Rnd) => Category;
  categoryAR: (rnd: Rnd) => Category;
  year: (rnd: Rnd) => number;
  mechanism: (rnd: Rnd) => Mechanism;
  status: (rnd: Rnd) => Status | null;
  origin: (rnd: Rnd) => string;
  vendors: Map<Category, (rnd: Rnd) => Org>;
  fallbackVendor: (rnd: Rnd) => Org;
  financier: (rnd: Rnd) => Org;
}

function pickers(gz: Gazetteer): Pickers {
  const known = (pairs: readonly (readonly [string, number])[]): [Org, number][] =>
    pairs.flatMap(([id, w]) => {
      const org = gz.orgs.get(id);
      return org ? [[org, w] as [Org, number]] : [];
    });
  const fallback = known([["huawei", 1], ["zte", 1]]);
  if (fallback.length === 0) throw new Error("the gazetteer has neither huawei nor zte: is data/organizations.json loaded?");
  const vendors = new Map<Category, (rnd: Rnd) => Org>();
  for (const [category, pairs] of Object.entries(VENDORS) as [Category, readonly (readonly [string, number])[]][]) {
    const orgs = known(pairs);
    if (orgs.length) vendors.set(category, picker(orgs));
  }
  const financiers = known(FINANCIERS);
  const years: [number, number][] = [];
  for (let y = 2000; y <= 2025; y++) years.push([y, (y - 1995) ** 1.5]);
  return {
    country: picker(COUNTRY_WEIGHTS),
    category: picker(CATEGORY_WEIGHTS),
    categoryAR: picker(CATEGORY_WEIGHTS.map(([c, w]) => [c, c === "surveillance" ? w * AR_SURVEILLANCE_BOOST : w] as const)),
    year: picker(years),
    mechanism: picker(MECHANISMS),
    status: picker(STATUSES),
    origin: picker(ORIGINS),
    vendors,
    fallbackVendor: picker(fallback),
    financier: picker(financiers.length ? financiers : fallback),
  };
}

/** Columns this generator fills, by table; a NOT NULL column without a default it does not know is an error. */
function checkColumns(db: SqliteDatabase.Database, table: string, filled: readonly string[]): string[] {
  const cols = db.prepare(`select name, "notnull" as nn, dflt_value as dflt, pk from pragma_table_info(?)`).all(table) as { name: string; nn: number; dflt: string | null; pk: number }[];
  if (cols.length === 0) throw new Error(`${table}: no such table; has the schema changed?`);
  const missing = cols.filter((c) => c.nn === 1 && c.dflt === null && !filled.includes(c.name)).map((c) => c.name);
  if (missing.length) throw new Error(`${table}: the generator does not fill the required column(s) ${missing.join(", ")}; update scripts/bench-api-db.ts`);
  return cols.map((c) => c.name).filter((c) => filled.includes(c));
}

function insertStatement(db: SqliteDatabase.Database, table: string, columns: readonly string[], verb = "insert"): SqliteDatabase.Statement {
  return db.prepare(`${verb} into ${table} (${columns.join(", ")}) values (${columns.map((c) => `@${c}`).join(", ")})`);
}

/** Keeps only the keys the table has (the schema gains columns as migrations land). */
function only(row: Record<string, unknown>, columns: readonly string[]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const c of columns) out[c] = row[c] ?? null;
  return out;
}

/**
 * Creates `file` (which must not exist) through openApp and fills it with generated projects.
 * @example const stats = await generateApiDatabase("/tmp/api.db", { projects: 100_000, seed: 1 }); stats.arSurveillance // 2,539 with seed 1
 */
export async function generateApiDatabase(file: string, options: ApiDatabaseOptions = {}): Promise<ApiDatabaseStats> {
  const total = options.projects ?? 100_000;
  const seed = options.seed ?? 1;
  if (!Number.isInteger(total) || total < 1) throw new Error(`projects: expected a whole number ≥ 1, got ${total}`);
  if (existsSync(file)) throw new Error(`${file} exists; the generator writes only a new database file`);
  const o0 = performance.now();
  const app = await openApp({ database: file, load: "if-changed" });
  const fx = app.fx;
  await app.close();
  const openSeconds = (performance.now() - o0) / 1000;

  const i0 = performance.now();
  const db = new SqliteDatabase(file);
  try {
    // A throwaway file being filled in one go: no fsync, a big cache. WAL stays as openApp set it.
    db.pragma("synchronous = OFF");
    db.pragma("cache_size = -262144");
    db.pragma("foreign_keys = ON");
    const gz = readGazetteer(db);
    const pick = pickers(gz);
    const rnd = seeded(seed);
    const docCount = Math.max(1, Math.min(options.documents ?? 2_000, total));
    const docs = Array.from({ length: docCount }, (_, i) => documentMeta(i, rnd));
    const detailed = Math.min(options.detailed ?? 2_000, total);
    const detailStep = detailed > 0 ? Math.max(1, Math.floor(total / detailed)) : Number.POSITIVE_INFINITY;

    const projectCols = checkColumns(db, "projects", [
      "id", "title", "status", "procurement_route", "review_state", "reviewed_by", "reviewed_at", "origin", "country", "category", "year",
      "amount_usd", "summary", "created_at", "updated_at", "subdivision", "city", "amount_value", "amount_currency", "quantity", "mechanism", "shown_status",
    ]);
    const documentCols = checkColumns(db, "documents", [
      "id", "sha256", "url", "path", "title", "authors", "publisher", "published", "language", "read_as", "citation", "text", "origin", "created_at", "bytes", "encoding", "extractor_version",
    ]);
    const claimCols = checkColumns(db, "claims", [
      "project_id", "field", "value", "value_key", "document_id", "evidence_text", "evidence_start", "evidence_end", "reviewed", "origin", "created_at", "mention_id", "inferred",
    ]);
    const insertProject = insertStatement(db, "projects", projectCols);
    const insertDocument = insertStatement(db, "documents", documentCols);
    const updateDocumentText = db.prepare("update documents set text = ?, bytes = ? where id = ?");
    const insertClaim = insertStatement(db, "claims", claimCols);
    const insertParty = db.prepare("insert or ignore into project_parties (project_id, name, role, organization_id) values (?, ?, ?, ?)");
    const insertSearch = db.prepare("insert into projects_fts (project_id, title, body) values (?, ?, ?)");
    const hasKeys = db.prepare("select 1 from sqlite_schema where type = 'table' and name = 'project_keys'").get() !== undefined;
    const keysHaveOrigin = hasKeys && (db.prepare("select name from pragma_table_info('project_keys')").all() as { name: string }[]).some((c) => c.name === "origin");
    const insertKey = !hasKeys
      ? null
      : keysHaveOrigin
        ? db.prepare("insert or ignore into project_keys (country, family_id, category, year, project_id, origin) values (?, ?, ?, ?, ?, ?)")
        : db.prepare("insert or ignore into project_keys (country, family_id, category, year, project_id) values (?, ?, ?, ?, ?)");

    let parties = 0;
    let keys = 0;
    let claims = 0;
    const detailedIds: string[] = [];
    const docText = new Map<string, string>();
    const now = new Date().toISOString();

    db.transaction(() => {
      for (const d of docs) {
        const c = d.citation;
        insertDocument.run(only({
          id: c.documentId, sha256: createHash("sha256").update(c.documentId).digest("hex"), url: c.url, path: null, title: c.title,
          authors: JSON.stringify(c.authors), publisher: c.publisher, published: c.published, language: d.language, read_as: "html",
          citation: c.citation, text: null, origin: "ingested", created_at: now, bytes: null, encoding: "utf-8", extractor_version: "bench",
        }, documentCols));
      }
      for (let i = 0; i < total; i++) {
        const g = generateProject(i, rnd, gz, fx, docs, pick);
        const s = g.summary;
        insertProject.run(only({
          id: s.id, title: s.title, status: s.status, procurement_route: s.procurementRoute, review_state: s.review.state, reviewed_by: s.review.by,
          reviewed_at: s.review.at, origin: g.origin, country: s.country, category: s.category, year: s.year, amount_usd: s.amount?.usd ?? null,
          summary: JSON.stringify(s), created_at: now, updated_at: now, subdivision: s.subdivision, city: s.city, amount_value: s.amount?.value ?? null,
          amount_currency: s.amount?.currency ?? null, quantity: JSON.stringify(s.quantity), mechanism: s.mechanism, shown_status: s.status,
        }, projectCols));
        for (const p of s.parties) parties += insertParty.run(s.id, p.name, p.role, p.organizationId).changes;
        insertSearch.run(s.id, s.title, g.searchBody);
        if (insertKey && s.country) {
          const families = new Set(s.parties.flatMap((p) => (p.organizationId ? [gz.orgs.get(p.organizationId)?.family ?? null] : [])).filter((f): f is string => f !== null));
          for (const family of families) {
            const key = [s.country, family, s.category ?? "", s.year, s.id];
            keys += (keysHaveOrigin ? insertKey.run(...key, g.origin) : insertKey.run(...key)).changes;
          }
        }
        if (i % detailStep === 0 && detailedIds.length < detailed) {
          detailedIds.push(s.id);
          claims += writeClaims(g, docText, (row) => insertClaim.run(only(row, claimCols)).changes, now);
        }
      }
      for (const [id, text] of docText) updateDocumentText.run(text, Buffer.byteLength(text), id);
    })();
    const count = (sqlText: string, ...params: unknown[]): number => (db.prepare(sqlText).get(...params) as { n: number }).n;
    const stats: ApiDatabaseStats = {
      file,
      projects: count("select count(*) as n from projects"),
      parties,
      searchRows: count("select count(*) as n from projects_fts"),
      projectKeys: keys,
      documents: count("select count(*) as n from documents"),
      claims,
      arSurveillance: count("select count(*) as n from projects where country = 'AR' and category = 'surveillance'"),
      camaras: count(`select count(*) as n from projects_fts where projects_fts match '{title body} : "camaras"'`),
      detailedIds: detailedIds.slice(0, 20),
      openSeconds,
      insertSeconds: 0,
    };
    // The planner's statistics a database in use has (ingestion and imports refresh them): without
    // them a fresh file of 100,000 projects plans some filters as if it were empty.
    db.exec("analyze");
    db.pragma("wal_checkpoint(TRUNCATE)");
    stats.insertSeconds = (performance.now() - i0) / 1000;
    return stats;
  } finally {
    db.close();
  }
}

/**
 * Claims for one project: its first source states every field, the others vendors, country and
 * year; each quote is appended to its document's text, so the evidence offsets point at it.
 */
function writeClaims(g: Generated, docText: Map<string, string>, insert: (row: Record<string, unknown>) => number, now: string): number {
  const s = g.summary;
  const all: [string, unknown][] = [
    ["vendors", s.vendors], ["financiers", s.financiers.length ? s.financiers : null], ["buyer", s.buyer], ["country", s.country],
    ["subdivision", s.subdivision], ["city", s.city], ["amount", g.money], ["year", s.year], ["category", s.category],
    ["quantity", Object.keys(s.quantity).length ? s.quantity : null], ["mechanism", s.mechanism], ["status", s.status],
  ];
  const reviewed = s.review.state === "verified" ? 1 : 0;
  let n = 0;
  s.sources.forEach((source, k) => {
    const before = docText.get(source.documentId) ?? "";
    const start = before.length ? before.length + 2 : 0;
    docText.set(source.documentId, before.length ? `${before}\n\n${g.quote}` : g.quote);
    for (const [field, value] of all) {
      if (value === null || value === undefined) continue;
      if (k > 0 && !["vendors", "country", "year"].includes(field)) continue;
      n += insert({
        project_id: s.id, field, value: JSON.stringify(value), value_key: valueKey(value, field as Parameters<typeof valueKey>[1]), document_id: source.documentId,
        evidence_text: g.quote, evidence_start: start, evidence_end: start + g.quote.length, reviewed, origin: g.origin, created_at: now, mention_id: null, inferred: 0,
      });
    }
  });
  return n;
}

async function main(argv: readonly string[]): Promise<number> {
  const [file, ...rest] = argv;
  if (!file || file.startsWith("--")) {
    console.error("usage: npx tsx scripts/bench-api-db.ts FILE [--projects N] [--seed S]");
    return 1;
  }
  const opts: ApiDatabaseOptions = {};
  for (let i = 0; i < rest.length; i++) {
    const flag = rest[i];
    const n = Number(rest[++i]);
    if (!Number.isInteger(n) || n < 1) throw new Error(`${flag} needs a whole number ≥ 1`);
    if (flag === "--projects") opts.projects = n;
    else if (flag === "--seed") opts.seed = n;
    else throw new Error(`unknown option ${flag} (options: --projects N, --seed S)`);
  }
  const stats = await generateApiDatabase(resolve(file), opts);
  console.log(JSON.stringify(stats, null, 2));
  return 0;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) process.exitCode = await main(process.argv.slice(2));
