// Rows of a China Global Investment Tracker sheet (AEI and The Heritage Foundation) → imported
// records. Takes the columns as AEI publishes them (Year, Month, Chinese Entity, Quantity in
// Millions, Share Size, Transaction Party, Sector, Subsector, Country, Greenfield) and as the seed
// document 002 reprints them (Month & Year, Investor, Amount in USD millions, Share / Size,
// Partner, Sector & Subsector, Country, Green-field).
import { createHash } from "node:crypto";
import type { Category, Mechanism, Role } from "../domain/vocabulary.js";
import type { Span } from "../extract/types.js";
import { type ImportedRecord, RecordDeal, RecordText, type RowOutcome, formatMoney, parseNumber, parseYear } from "./imported-record.js";
import { categoryIn, countryCode, importersVocabulary } from "./source-vocabulary.js";

export interface CgitOptions {
  /** "construction" when the sheet lists construction contracts (AEI's third dataset); else read per row. */
  kind?: "investment" | "construction" | undefined;
  /** Only these sectors (any case), e.g. ["Technology"]. */
  sectors?: readonly string[];
}

export type CgitColumns = Record<string, number>;

const MONTHS = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"];

export function checkCgitColumns(columns: CgitColumns): string | null {
  const missing: string[] = [];
  if (columns.investor === undefined) missing.push("Investor (Chinese Entity)");
  if (columns.country === undefined) missing.push("Country");
  if (columns.monthYear === undefined && columns.year === undefined) missing.push("Year (or Month & Year)");
  return missing.length ? `not a China Global Investment Tracker sheet: no column for ${missing.join(", ")}` : null;
}

function monthOf(raw: string): number | null {
  const m = /^([a-z]{3})/i.exec(raw.trim());
  const i = m ? MONTHS.indexOf((m[1] as string).toLowerCase()) : -1;
  if (i >= 0) return i + 1;
  const n = Number(raw);
  return Number.isInteger(n) && n >= 1 && n <= 12 ? n : null;
}

/**
 * Maps one row; `sheet` is the worksheet's name (AEI names the construction sheet so).
 * @example cgitRecord(columns, ["Apr. 2011", "ZTE", "$200", "100 percent", "Brazilian Gov't", "Technology - Telecom", "Brazil", "Yes"], null)
 */
export function cgitRecord(columns: CgitColumns, cells: readonly string[], sheet: string | null, options: CgitOptions = {}): RowOutcome {
  const vocab = importersVocabulary().cgit;
  const get = (field: string): string => {
    const i = columns[field];
    return i === undefined ? "" : (cells[i] ?? "").trim();
  };
  const investor = get("investor");
  if (!investor) return { error: "no investor" };
  const monthYear = get("monthYear");
  const year = parseYear(get("year")) ?? parseYear(/((?:19|20)\d\d)/.exec(monthYear)?.[1] ?? "");
  if (year === null) return { error: `no year in "${monthYear || get("year")}"` };
  const month = monthOf(get("month") || monthYear);
  const countryName = get("country");
  const country = countryCode(countryName);
  if (!country) return { error: countryName ? `unknown country "${countryName}"` : "no country" };
  const rawAmount = get("amountMillions");
  const millions = parseNumber(rawAmount);
  if (rawAmount && rawAmount.toLowerCase() !== "n/a" && millions === null) return { error: `amount "${rawAmount}" is not a number of USD millions` };

  let sector = get("sector");
  let subsector = get("subsector");
  const combined = get("sectorSubsector");
  if (combined && !sector) [sector = "", subsector = ""] = combined.split(/\s+[-–—]\s+/).map((s) => s.trim());
  if (options.sectors?.length && !options.sectors.some((s) => s.toLowerCase() === sector.toLowerCase())) return { skip: `sector ${sector || "(none)"} not selected` };

  const share = get("share");
  const partner = get("partner");
  const greenfield = /^(y|yes|g|true|1)$/i.test(get("greenfield"));
  const kindText = `${get("kind")} ${sheet ?? ""}`.toLowerCase();
  const construction = options.kind === "construction" || (options.kind === undefined && vocab.constructionKinds.some((k) => kindText.includes(k)));
  const shareGiven = /\d/.test(share);
  const mechanism: Mechanism = construction ? "contract" : greenfield ? "investment" : shareGiven ? "acquisition" : "investment";
  const investorRole: Role = mechanism === "contract" ? "vendor" : mechanism === "acquisition" ? "acquirer" : "investor";

  const when = `${month ? `${MONTHS[month - 1]?.replace(/^./, (c) => c.toUpperCase())}. ` : ""}${year}`;
  const sectorText = [sector, subsector].filter(Boolean).join(" - ");
  const title = `${investor} ${mechanism === "contract" ? "contract with" : mechanism === "acquisition" ? "stake in" : "investment with"} ${partner || countryName}${sectorText ? ` (${sectorText})` : ""}, ${countryName}, ${when}`;

  const t = new RecordText();
  const titleSpan = t.line(null, title) as Span;
  const deal = new RecordDeal(titleSpan, () => t.text, "en");
  const whenSpan = t.line("Month & year", monthYear || when) as Span;
  deal.year(year, whenSpan);
  const investorSpan = t.line(mechanism === "contract" ? "Chinese contractor" : "Investor", investor) as Span;
  deal.party(investor, investorRole, investorSpan);
  if (millions !== null && millions > 0) {
    const span = t.line("Amount", `${formatMoney(millions * 1e6, "USD")} (USD ${millions} million as the tracker states it)`) as Span;
    deal.amount(Math.round(millions * 1e6), "USD", span);
  }
  t.line("Share / size", share);
  const partnerSpan = t.line(mechanism === "contract" ? "Counterpart" : "Partner", partner);
  if (partnerSpan && partner) deal.party(partner, mechanism === "contract" ? "buyer" : "partner", partnerSpan);
  const sectorSpan = t.line("Sector & subsector", sectorText);
  const category: Category | null = vocab.categories[subsector.toLowerCase()] ?? categoryIn(subsector)?.category ?? null;
  if (category && sectorSpan) deal.category(category, sectorSpan);
  const countrySpan = t.line("Country", countryName) as Span;
  deal.country(country, countrySpan);
  const greenfieldSpan = t.line("Greenfield", get("greenfield"));
  deal.mechanism(mechanism, mechanism === "investment" && greenfield && greenfieldSpan ? greenfieldSpan : titleSpan);
  t.line("Region", get("region"));

  const identity = [year, month ?? "", investor, millions ?? "", partner, country, sectorText].join("|").toLowerCase();
  const key = `cgit:${createHash("sha256").update(identity).digest("hex").slice(0, 20)}`;
  const record: ImportedRecord = {
    key,
    origin: "cgit",
    title,
    text: t.text,
    url: null,
    publisher: "The American Enterprise Institute and The Heritage Foundation",
    published: String(year),
    language: "en",
    license: vocab.license,
    citation: `${vocab.citation} (row: ${title}).`,
    deal: deal.done(),
  };
  return record;
}
