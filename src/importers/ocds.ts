// An OCDS contracting process (a compiled release) → an imported record, when it concerns the
// observatory: a supplier, item or description names an organization of the gazetteer from
// abroad (Huawei, ZTE, Hikvision… and their local subsidiaries), or the purchase is digital
// infrastructure by the category vocabularies or its UNSPSC classification. Everything else is
// skipped, as most procurement (paper, fuel, cleaning) is.
import type { Category, Role } from "../domain/vocabulary.js";
import type { Lang, Span } from "../extract/types.js";
import { type ImportedRecord, RecordDeal, RecordText, type RowOutcome, formatMoney, parseYear } from "./imported-record.js";
import type { Json } from "./ocds-merge.js";
import { type FoundOrganization, categoryIn, countryCode, familyHomeCountry, hasWords, importersVocabulary, organizationsIn } from "./source-vocabulary.js";

/** What the package around the releases says: who publishes them and under which licence. */
export interface OcdsPublication {
  publisher: string | null;
  /** A licence URL or name as the package gives it. */
  license: string | null;
  uri: string | null;
  /** The file or URL the import read. */
  source: string;
}

export interface OcdsOptions {
  /** Only processes with a supplier or text naming a known foreign vendor (not category terms alone). */
  vendorsOnly?: boolean;
  /** The country when neither the ocid prefix nor the buyer's address tells. */
  country?: string | null;
}

type Obj = { [key: string]: Json };
const obj = (v: Json | undefined): Obj | null => (typeof v === "object" && v !== null && !Array.isArray(v) ? v : null);
const arr = (v: Json | undefined): Obj[] => (Array.isArray(v) ? v.map((x) => obj(x)).filter((x): x is Obj => x !== null) : []);
const str = (v: Json | undefined): string => (typeof v === "string" ? v.trim() : typeof v === "number" ? String(v) : "");
const num = (v: Json | undefined): number | null => (typeof v === "number" && Number.isFinite(v) ? v : typeof v === "string" && /^\d+(\.\d+)?$/.test(v.trim()) ? Number(v) : null);

const MAX_ITEM_LINES = 40;
const LICENSES: Record<string, string> = {
  "https://creativecommons.org/licenses/by/4.0/": "CC BY 4.0",
  "http://creativecommons.org/licenses/by/4.0/": "CC BY 4.0",
  "https://creativecommons.org/publicdomain/zero/1.0/": "CC0 1.0",
  "http://opendatacommons.org/licenses/pddl/1.0/": "PDDL 1.0",
  "https://opendatacommons.org/licenses/pddl/1.0/": "PDDL 1.0",
};

/** The licence line every record from this publication carries. */
export function ocdsLicense(p: OcdsPublication): string {
  const who = p.publisher ?? "the publisher";
  if (!p.license) return `Open Contracting data published by ${who}, which states no licence (reuse under its terms) (source: ${p.uri ?? p.source})`;
  const name = LICENSES[p.license.trim()];
  return `${name ? `${name} (${p.license})` : p.license} — Open Contracting data published by ${who}`;
}

interface Money {
  amount: number;
  currency: string;
}
function moneyOf(v: Json | undefined): Money | null {
  const o = obj(v);
  const amount = num(o?.amount);
  const currency = str(o?.currency).toUpperCase();
  return amount !== null && amount > 0 && /^[A-Z]{3}$/.test(currency) ? { amount, currency } : null;
}
/** The sum of amounts in one currency, or null when they are missing or mixed. */
function total(values: (Money | null)[]): Money | null {
  const present = values.filter((m): m is Money => m !== null);
  if (!present.length) return null;
  const currency = present[0]?.currency as string;
  if (present.some((m) => m.currency !== currency)) return present[0] ?? null;
  return { amount: present.reduce((s, m) => s + m.amount, 0), currency };
}

const VENDOR_KINDS = new Set(["company", "state_owned_enterprise"]);
/** A company of the gazetteer based outside the process's country (its group's home counts). */
function foreignVendor(found: FoundOrganization, country: string | null): boolean {
  if (!VENDOR_KINDS.has(found.entry.orgKind)) return false;
  const home = familyHomeCountry(found.entry.id) ?? found.entry.homeCountry;
  return home !== null && home !== country;
}

function partiesWithRole(release: Obj, roles: readonly string[]): Obj[] {
  return arr(release.parties).filter((p) => (Array.isArray(p.roles) ? p.roles : []).some((r) => roles.includes(str(r))));
}

function countryOf(release: Obj, buyerParty: Obj | null, options: OcdsOptions): { code: string; how: string } | null {
  const vocab = importersVocabulary().ocds;
  const ocid = str(release.ocid);
  const prefix = Object.keys(vocab.ocidPrefixes).find((p) => ocid.startsWith(`${p}-`));
  if (prefix) return { code: vocab.ocidPrefixes[prefix] as string, how: `ocid prefix ${prefix}` };
  const written = str(obj(buyerParty?.address)?.countryName);
  const code = countryCode(written);
  if (code) return { code, how: `buyer's address: ${written}` };
  if (options.country) return { code: options.country, how: "given with --country" };
  return null;
}

/**
 * Maps a compiled release; `{ skip }` when it does not concern the observatory.
 * @example ocdsRecord(compiled, { publisher: "DNCP - Paraguay", license: null, uri: null, source: "pkg.json" })
 */
export function ocdsRecord(release: Obj, publication: OcdsPublication, options: OcdsOptions = {}): RowOutcome {
  const vocab = importersVocabulary().ocds;
  const ocid = str(release.ocid);
  if (!ocid) return { error: "release without an ocid" };
  const tender = obj(release.tender) ?? {};
  const awards = arr(release.awards);
  const contracts = arr(release.contracts);
  // What was bought: the tender's items; awards and contracts repeat them, so theirs only when it has none.
  const tenderItems = arr(tender.items);
  const awardItems = awards.flatMap((a) => arr(a.items));
  const items = tenderItems.length ? tenderItems : awardItems.length ? awardItems : contracts.flatMap((c) => arr(c.items));
  const buyerParty = partiesWithRole(release, ["buyer"])[0] ?? null;
  const buyerName = str(obj(release.buyer)?.name) || str(buyerParty?.name) || str(obj(tender.procuringEntity)?.name) || str(partiesWithRole(release, ["procuringEntity"])[0]?.name);
  const country = countryOf(release, buyerParty ?? partiesWithRole(release, ["procuringEntity"])[0] ?? null, options);

  // Suppliers: the awards' (1.0 style, maybe without ids), else the parties with the supplier role.
  const activeAwards = awards.filter((a) => !["cancelled", "unsuccessful"].includes(str(a.status)));
  const awardSuppliers = activeAwards.flatMap((a) => arr(a.suppliers).map((s) => str(s.name) || str(partiesWithRole(release, ["supplier"]).find((p) => str(p.id) === str(s.id))?.name)));
  const suppliers = [...new Set((awardSuppliers.filter(Boolean).length ? awardSuppliers : partiesWithRole(release, vocab.supplierRoles).map((p) => str(p.name))).filter(Boolean))];

  const title = str(tender.title) || str(activeAwards[0]?.title) || str(contracts[0]?.title) || str(obj(obj(release.planning)?.budget)?.description) || `Contracting process ${ocid}`;
  const description = str(tender.description) || str(activeAwards[0]?.description);
  const itemTexts = items.map((it) => str(it.description)).filter(Boolean);

  // Does it concern us? Known foreign vendors among suppliers or in the texts; else digital terms.
  const code = country?.code ?? null;
  const supplierOrgs = suppliers.map((s) => ({ name: s, found: organizationsIn(s).find((f) => foreignVendor(f, code)) ?? null }));
  const textOrgs = organizationsIn([title, description, ...itemTexts.slice(0, 200)].join("\n")).filter((f) => foreignVendor(f, code));
  const category = categoryOf(title, description, items);
  const vendorMatch = supplierOrgs.some((s) => s.found) || textOrgs.length > 0;
  if (!vendorMatch && (options.vendorsOnly || !category)) return { skip: options.vendorsOnly ? "no known foreign vendor" : "no known foreign vendor and no digital-infrastructure category" };

  const t = new RecordText();
  const lang: Lang = ["es", "pt", "en"].includes(str(release.language)) ? (str(release.language) as Lang) : "es";
  const titleSpan = t.line(null, title) as Span;
  const deal = new RecordDeal(titleSpan, () => t.text, lang);
  t.line("Contracting process (OCDS ocid)", `${ocid}${str(release.id) ? ` · release ${str(release.id)}` : ""}${str(release.date) ? ` of ${str(release.date).slice(0, 10)}` : ""}`);
  const descriptionSpan = t.line("Description", description && description !== title ? description : null);
  const buyerSpan = t.line("Buyer", buyerName);
  if (buyerSpan && buyerName) deal.party(buyerName, "buyer", buyerSpan);
  const countrySpan = country ? t.line("Country", `${country.code} (${country.how})`) : null;
  if (country && countrySpan) deal.country(country.code, countrySpan, country.how.startsWith("given"));

  const method = str(tender.procurementMethod);
  const details = str(tender.procurementMethodDetails);
  const methodText = [method, details].filter(Boolean).join(" — ");
  const methodSpan = t.line("Procurement method", methodText);
  if (methodSpan) {
    deal.procurementMethod(methodText, methodSpan);
    const mechanism = vocab.procurementMethods[method.toLowerCase()];
    if (mechanism) deal.mechanism(mechanism, methodSpan);
  }
  const tenderValue = moneyOf(tender.value);
  const tenderValueSpan = t.line("Tender value", tenderValue ? formatMoney(tenderValue.amount, tenderValue.currency) : null);
  const tenderStatus = str(tender.status);
  const tenderStart = str(obj(tender.tenderPeriod)?.startDate);
  const tenderSpan = t.line("Tender", [tenderStatus && `status ${tenderStatus}`, tenderStart && `period from ${tenderStart.slice(0, 10)}`].filter(Boolean).join(", "));

  // Items: what was bought, with quantities; cameras are counted.
  let cameras = 0;
  let cameraSpan: Span | null = null;
  const unitWords = vocab.quantityUnits.cameras ?? [];
  const itemSpans: (Span | null)[] = [];
  items.slice(0, MAX_ITEM_LINES).forEach((it) => {
    const cls = obj(it.classification);
    const q = num(it.quantity);
    const unit = str(obj(it.unit)?.name);
    const span = t.line("Item", `${q !== null ? `${q} ${unit || "×"} ` : ""}${str(it.description) || "(no description)"}${cls ? ` (${[str(cls.scheme), str(cls.id)].filter(Boolean).join(" ")})` : ""}`);
    itemSpans.push(span);
    if (span && q !== null && hasWords(str(it.description), unitWords)) {
      cameras += q;
      cameraSpan ??= span;
    }
  });
  if (items.length > MAX_ITEM_LINES) t.line(null, `… and ${items.length - MAX_ITEM_LINES} more items`);
  if (cameras > 0 && cameraSpan) deal.quantity("cameras", cameras, cameraSpan);

  let awardSpan: Span | null = null;
  let awardValue: Money | null = null;
  for (const a of awards) {
    const names = arr(a.suppliers).map((s) => str(s.name)).filter(Boolean);
    const value = moneyOf(a.value);
    const span = t.line(`Award ${str(a.id)}`.trim(), [str(a.status) && `status ${str(a.status)}`, str(a.date) && `dated ${str(a.date).slice(0, 10)}`, names.length && `to ${names.join("; ")}`, value && formatMoney(value.amount, value.currency)].filter(Boolean).join(", ") || null);
    if (span && !["cancelled", "unsuccessful"].includes(str(a.status))) {
      awardSpan ??= span;
      awardValue = total([awardValue, value]);
    }
  }
  const supplierSpan = t.line("Suppliers", suppliers.join("; "));
  if (supplierSpan) for (const s of suppliers) deal.party(s, "vendor", supplierSpan);
  let contractSpan: Span | null = null;
  let contractValue: Money | null = null;
  let signed: string | null = null;
  for (const c of contracts) {
    const value = moneyOf(c.value);
    const span = t.line(`Contract ${str(c.id)}`.trim(), [str(c.status) && `status ${str(c.status)}`, str(c.dateSigned) && `signed ${str(c.dateSigned).slice(0, 10)}`, value && formatMoney(value.amount, value.currency)].filter(Boolean).join(", ") || null);
    if (span && str(c.status) !== "cancelled") {
      contractSpan ??= span;
      contractValue = total([contractValue, value]);
      signed ??= str(c.dateSigned) || null;
    }
  }
  // Mentions of known vendors in the texts, when no supplier is one (a tender naming the brand).
  if (!supplierOrgs.some((s) => s.found)) {
    const where = descriptionSpan ?? titleSpan;
    for (const o of textOrgs) deal.party(o.entry.name, "vendor" satisfies Role, where);
  }

  const amount = contractValue ? { m: contractValue, span: contractSpan } : awardValue ? { m: awardValue, span: awardSpan } : tenderValue ? { m: tenderValue, span: tenderValueSpan } : null;
  if (amount?.span) deal.amount(amount.m.amount, amount.m.currency, amount.span);
  const dated = [
    { d: signed, span: contractSpan },
    { d: str(activeAwards[0]?.date) || null, span: awardSpan },
    { d: tenderStart || null, span: tenderSpan },
  ].find((x) => x.d && x.span && parseYear(x.d) !== null);
  if (dated?.d && dated.span) deal.year(parseYear(dated.d) as number, dated.span);

  const status =
    contracts.length && contractSpan ? { s: vocab.statuses[`contract:${str(contracts.find((c) => str(c.status) !== "cancelled")?.status)}`], span: contractSpan }
    : awardSpan ? { s: vocab.statuses[`award:${str(activeAwards[0]?.status)}`], span: awardSpan }
    : tenderSpan ? { s: vocab.statuses[`tender:${tenderStatus}`], span: tenderSpan }
    : null;
  if (status?.s && status.span) deal.status(status.s, status.span);
  if (category) {
    const span = category.where === "title" ? titleSpan : category.where === "description" ? descriptionSpan : itemSpans[category.where];
    deal.category(category.category, span ?? titleSpan);
  }

  const publisher = publication.publisher ?? null;
  t.line("Published by", [publisher, publication.uri ?? publication.source].filter(Boolean).join(" — "));
  const url = str(activeAwards[0]?.url) || str(obj(tender.documents)?.url) || (publication.uri ? `${publication.uri}#${ocid}` : null);
  const date = str(release.date).slice(0, 10) || null;
  const record: ImportedRecord = {
    key: `ocds:${ocid}`,
    origin: "ocds",
    title,
    text: t.text,
    url,
    publisher,
    published: date,
    language: lang,
    license: ocdsLicense(publication),
    citation: `${publisher ?? "Unknown publisher"}. “${title}”. Open Contracting (OCDS) process ${ocid}${date ? `, ${date}` : ""}. ${url ?? publication.source}.`,
    deal: deal.done(),
  };
  return record;
}

/** Where a category was read: the title, the description, or an item (by index, its text or its UNSPSC code). */
type CategoryWhere = "title" | "description" | number;

/** The digital category of a purchase: the vocabularies over its texts, else its items' UNSPSC family. */
function categoryOf(title: string, description: string, items: readonly Obj[]): { category: Category; where: CategoryWhere } | null {
  const texts = items.slice(0, MAX_ITEM_LINES).map((it) => str(it.description));
  // One pass over everything first: most purchases name no digital category at all.
  const any = categoryIn([title, description, ...texts].join("\n"));
  if (any) {
    const inTitle = categoryIn(title);
    if (inTitle) return { category: inTitle.category, where: "title" };
    const inDescription = categoryIn(description);
    if (inDescription) return { category: inDescription.category, where: "description" };
    const exclusions = importersVocabulary().ocds.categoryExclusions;
    for (let i = 0; i < texts.length; i++) {
      const text = texts[i] as string;
      const c = text ? categoryIn(text) : null;
      if (c && !hasWords(text, exclusions)) return { category: c.category, where: i };
    }
  }
  const families = importersVocabulary().ocds.unspscCategories;
  for (let i = 0; i < Math.min(items.length, MAX_ITEM_LINES); i++) {
    const cls = obj(items[i]?.classification);
    if (!cls || !/unspsc/i.test(`${str(cls.scheme)} ${str(cls.description)}`)) continue;
    const id = str(cls.id).replace(/\D/g, "");
    const hit = Object.keys(families).find((prefix) => id.startsWith(prefix));
    if (hit) return { category: families[hit] as Category, where: i };
  }
  return null;
}
