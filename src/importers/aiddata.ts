// AidData's Global Chinese Development Finance tables → imported records. Accepts the geocoded
// table (dotted headers), the full 126-column release and the observatory's derived LAC file
// (snake_case, with descriptions and countries we inferred — kept marked as inferred).
import { licenseForOrigin } from "../domain/licenses.js";
import type { Category, Mechanism, Role } from "../domain/vocabulary.js";
import { findAmounts } from "../extract/amounts.js";
import type { Span } from "../extract/types.js";
import { type ImportedRecord, RecordDeal, RecordText, type RowOutcome, formatMoney, parseNumber, parseYear } from "./imported-record.js";
import { categoryIn, countryCode, familyHomeCountry, hasWords, importersVocabulary, isLac, organizationsIn } from "./source-vocabulary.js";
import type { OrgEntry } from "../extract/gazetteer.js";

export interface AidDataOptions {
  /** Only recipients in Latin America and the Caribbean. */
  lacOnly?: boolean;
  /** Only these AidData sector names (any case); empty or absent: every sector. */
  sectors?: readonly string[];
  /** Only the communications sector and rows whose title names a digital category. */
  digitalOnly?: boolean;
}

/** AidData's release year, the date its records carry as documents. */
const RELEASE = "2023";
const FINANCING_KINDS = new Set(["policy_bank", "commercial_bank", "multilateral"]);
const STATE_KINDS = new Set(["government", "government_agency"]);
/** Currencies as AidData writes some of them. */
const CURRENCY_ALIASES: Record<string, string> = { RMB: "CNY" };

export type AidDataColumns = Record<string, number>;

/** The columns a file must have to be read as AidData, or the message naming what is missing. */
export function checkAidDataColumns(columns: AidDataColumns): string | null {
  const missing = ["recordId", "title"].filter((f) => columns[f] === undefined);
  if (!missing.length && (columns.recipientIso3 !== undefined || columns.recipient !== undefined)) return null;
  return `not an AidData table: no column for ${[...missing, ...(columns.recipientIso3 === undefined && columns.recipient === undefined ? ["recipient"] : [])].join(", ")} (expected headers such as "AidData Record ID", "Title", "Recipient ISO-3")`;
}

function splitList(raw: string | undefined): string[] {
  return (raw ?? "").split("|").map((s) => s.trim()).filter(Boolean);
}

/**
 * The role of an organization an AidData title names. Every record is Chinese official finance:
 * Chinese banks and state bodies lend or give, Chinese companies supply; the others are on the
 * receiving side (the first one the recipient's own is the borrower or receiver).
 */
function roleOf(org: OrgEntry, recipient: string | null, mechanism: Mechanism | null, buyerTaken: boolean): Role {
  const home = familyHomeCountry(org.id) ?? org.homeCountry;
  if (home === "CN") {
    if (FINANCING_KINDS.has(org.orgKind) || STATE_KINDS.has(org.orgKind)) return mechanism === "donation" ? "donor" : "financier";
    if (org.orgKind === "company" || org.orgKind === "state_owned_enterprise") return "vendor";
    return "partner";
  }
  return !buyerTaken && (home === recipient || home === null) ? "buyer" : "partner";
}

/**
 * Maps one row. `cells[columns.x]` is the value of field x; empty cells are absent values.
 * @example aidDataRecord(columns, cells, {}) // { key: "aiddata:89653", deal: { country: "SV", … }, … }
 */
export function aidDataRecord(columns: AidDataColumns, cells: readonly string[], options: AidDataOptions = {}): RowOutcome {
  const vocab = importersVocabulary().aiddata;
  const get = (field: string): string => {
    const i = columns[field];
    return i === undefined ? "" : (cells[i] ?? "").trim();
  };
  const id = get("recordId").replace(/\.0+$/, "");
  if (!id) return { error: "no AidData Record ID" };
  if (!/^\d+$/.test(id)) return { error: `AidData Record ID "${id}" is not a number` };
  const title = get("title");
  if (!title) return { error: `record ${id} has no title` };
  const sector = get("sector");
  if (options.sectors?.length && !options.sectors.some((s) => s.toUpperCase() === sector.toUpperCase())) return { skip: `sector ${sector || "(none)"} not selected` };

  const iso3 = get("recipientIso3");
  const recipient = get("recipient");
  const country = countryCode(iso3) ?? countryCode(recipient);
  const inferredCountry = /inferred/i.test(get("recipientSource"));
  if (options.lacOnly && !isLac(country)) return { skip: "recipient outside Latin America and the Caribbean" };
  const description = get("description");
  const titleCategory = categoryIn(title);
  const digitalSector = vocab.digitalSectors.some((s) => s.toUpperCase() === sector.toUpperCase());
  if (options.digitalOnly && !digitalSector && !titleCategory) return { skip: "not digital infrastructure (sector and title)" };

  const t = new RecordText();
  const titleSpan = t.line(null, title) as Span;
  const deal = new RecordDeal(titleSpan, () => t.text, "en");
  t.line("AidData Record ID", id);
  const recipientLine = recipient || iso3
    ? `${recipient || iso3}${iso3 && recipient ? ` (${iso3})` : ""}${inferredCountry ? " — recipient inferred from the project's title and description by the Digital Silk Road Observatory; AidData's table does not state it" : ""}`
    : null;
  const recipientSpan = t.line("Recipient", recipientLine);
  if (country && recipientSpan) deal.country(country, recipientSpan, inferredCountry);

  const sectorSpan = t.line("Sector", sector);
  let category: { category: Category; span: Span } | null = titleCategory ? { category: titleCategory.category, span: titleSpan } : null;
  if (!category && sectorSpan) {
    const fromSector = vocab.sectorCategories[sector.toUpperCase()];
    if (fromSector) category = { category: fromSector, span: sectorSpan };
  }

  const flowType = get("flowType");
  const flowSpan = t.line("Flow type", flowType);
  let mechanism: Mechanism | null = null;
  if (flowType && flowSpan) {
    mechanism = vocab.flowTypes[flowType.toLowerCase()] ?? null;
    if (mechanism) deal.mechanism(mechanism, flowSpan);
  }
  if (!mechanism) {
    mechanism = vocab.titleMechanisms.find((m) => hasWords(title, m.words))?.mechanism ?? null;
    if (mechanism) deal.mechanism(mechanism, titleSpan);
  }

  const statusRaw = get("status");
  const statusSpan = t.line("Status", statusRaw);
  const status = vocab.statuses[statusRaw.toLowerCase()];
  if (status && statusSpan) deal.status(status, statusSpan);

  const commitmentDate = get("commitmentDate");
  const year = parseYear(get("commitmentYear")) ?? parseYear(commitmentDate);
  const yearSpan = t.line("Commitment", [get("commitmentYear").replace(/\.0+$/, ""), commitmentDate && `(date ${commitmentDate})`].filter(Boolean).join(" ") || null);
  if (year !== null && yearSpan) deal.year(year, yearSpan);
  t.line("Implementation start year", get("implementationStartYear").replace(/\.0+$/, ""));
  t.line("Completion year", get("completionYear").replace(/\.0+$/, ""));

  const original = parseNumber(get("amountOriginal"));
  const rawCurrency = get("currency").toUpperCase();
  const currency = CURRENCY_ALIASES[rawCurrency] ?? rawCurrency;
  const constant = parseNumber(get("amountConstantUsd"));
  if (original !== null && original > 0 && /^[A-Z]{3}$/.test(currency)) {
    const span = t.line("Amount (original currency)", formatMoney(original, currency));
    if (span) deal.amount(original, currency, span);
  }
  const constantSpan = constant !== null && constant > 0 ? t.line("Amount (constant USD 2021)", formatMoney(constant, "USD")) : null;
  if (!deal.deal.amount) {
    // No original-currency column (the geocoded table): the title states the nominal amount
    // ("RMB 245 million loan"), which is what articles report; constant 2021 dollars come last.
    const a = findAmounts(title, "en").find((m) => m.currency !== null);
    if (a?.currency) deal.amount(a.value, a.currency, titleSpan);
    else if (constantSpan && constant !== null) deal.amount(Math.round(constant), "USD", constantSpan);
  }

  const funding = splitList(get("fundingAgencies"));
  const fundingSpan = t.line("Funding agencies", funding.join("; "));
  const fundingRole: Role = mechanism === "donation" ? "donor" : "financier";
  if (fundingSpan) for (const f of funding) deal.party(f, fundingRole, fundingSpan);
  const implementing = splitList(get("implementingAgencies"));
  const implementingSpan = t.line("Implementing agencies", implementing.join("; "));
  if (implementingSpan) {
    for (const name of implementing) {
      const org = organizationsIn(name)[0]?.entry;
      deal.party(name, org && (org.orgKind === "company" || org.orgKind === "state_owned_enterprise") && org.homeCountry !== country ? "vendor" : "partner", implementingSpan);
    }
  }
  const receiving = splitList(get("receivingAgencies"));
  const receivingSpan = t.line("Receiving agencies", receiving.join("; "));
  if (receivingSpan && receiving[0]) deal.party(receiving[0], "buyer", receivingSpan);
  if (!funding.length && !implementing.length) {
    // No agency columns (the geocoded table): the title names the lender, contractor and borrower.
    for (const o of organizationsIn(title)) {
      const alias = vocab.titleAliases[title.slice(o.start, o.end)];
      deal.party(alias ?? title.slice(o.start, o.end), roleOf(o.entry, country, mechanism, deal.deal.buyer !== null), titleSpan);
    }
    // Names the gazetteer leaves ambiguous but AidData's titles use in one sense ("CDB").
    for (const [short, name] of Object.entries(vocab.titleAliases)) {
      if (new RegExp(`(^|[^A-Za-z])${short}([^A-Za-z]|$)`).test(title) && !deal.deal.financiers.includes(name) && !deal.deal.parties.some((p) => p.name === short || p.name === name)) {
        deal.party(name, mechanism === "donation" ? "donor" : "financier", titleSpan);
      }
    }
  }

  const descriptionSpan = t.line("Description", description);
  if (!category && digitalSector && descriptionSpan) {
    const c = categoryIn(description);
    if (c) category = { category: c.category, span: descriptionSpan };
  }
  if (category) deal.category(category.category, category.span);
  t.line("Staff comments", get("staffComments"));
  const adm1 = get("adm1Names").split("|").map((s) => s.trim()).filter(Boolean);
  const adm1Span = t.line("Locations (ADM1)", adm1.join("; "));
  if (adm1Span && adm1.length === 1) {
    const name = adm1[0]?.split(":").slice(1).join(":").trim();
    if (name) deal.subdivision(name, adm1Span);
  }
  t.line("Location", get("locationNarrative"));
  const urls = splitList(get("sourceUrls"));
  t.line("Sources cited by AidData", urls.join(" | "));

  const url = vocab.recordUrl.replace("{id}", id);
  const record: ImportedRecord = {
    key: `aiddata:${id}`,
    origin: "aiddata",
    title,
    text: t.text,
    url,
    publisher: vocab.publisher,
    published: RELEASE,
    language: "en",
    license: licenseForOrigin("aiddata"),
    citation: `${vocab.publisher}. “${title}”. Global Chinese Development Finance Dataset, Version 3.0, record ${id}. ${RELEASE}. ${url}.`,
    deal: deal.done(),
  };
  return record;
}
