// One record of a structured source (an AidData row, an OCDS contracting process, a CGIT row) as
// the observatory stores it: a document whose text is the record written out line by line, and the
// deal it states, each field pointing at the line that gives it — so every claim quotes its source.
import type { Category, Mechanism, Role, Status } from "../domain/vocabulary.js";
import type { DealField, ExtractedDeal, ExtractedParty } from "../extract/deal.js";
import type { Lang, Span } from "../extract/types.js";

export type ImportOrigin = "aiddata" | "ocds" | "cgit";

export interface ImportedRecord {
  /** Stable identity across imports: "aiddata:89653", "ocds:ocds-03ad3f-274231", "cgit:…". */
  key: string;
  origin: ImportOrigin;
  /** The document's title, and the title of a project this record starts. */
  title: string;
  text: string;
  url: string | null;
  publisher: string | null;
  /** "YYYY", "YYYY-MM" or "YYYY-MM-DD". */
  published: string | null;
  language: Lang | null;
  /** The source's licence and attribution, carried by every claim's document. */
  license: string;
  citation: string;
  deal: ExtractedDeal;
  /** Source data kept to merge later parts of the same record (OCDS releases of one ocid). */
  data?: unknown;
}

/** Why a row produced no record: counted in the summary, never an error. */
export interface Skip {
  skip: string;
}

/** A row that cannot be read: reported with its row number, the rest of the file still lands. */
export interface RowError {
  error: string;
}

export type RowOutcome = ImportedRecord | Skip | RowError;
export const isSkip = (o: RowOutcome): o is Skip => "skip" in o;
export const isRowError = (o: RowOutcome): o is RowError => "error" in o;

/**
 * Writes a record as text, one "Label: value" paragraph per field, and remembers where each is.
 * Paragraphs are separated by a blank line, which is where quotes of the record stop.
 */
export class RecordText {
  private readonly parts: string[] = [];
  private length = 0;

  /** Appends a paragraph and returns its span; an empty value adds nothing. */
  line(label: string | null, value: string | null | undefined): Span | null {
    const v = value?.replace(/\s+\n/g, "\n").trim();
    if (!v) return null;
    if (this.parts.length) {
      this.parts.push("\n\n");
      this.length += 2;
    }
    const para = label ? `${label}: ${v}` : v;
    const span = { start: this.length, end: this.length + para.length };
    this.parts.push(para);
    this.length += para.length;
    return span;
  }

  get text(): string {
    return this.parts.join("");
  }
}

/** Builds the deal a record states, field by field, each with the span of its line. */
export class RecordDeal {
  readonly deal: ExtractedDeal;

  constructor(evidence: Span, text: () => string, language: Lang) {
    this.text = text;
    this.deal = {
      vendors: [], financiers: [], buyer: null, country: null, subdivision: null, city: null,
      amount: null, year: null, category: "other", quantity: {}, mechanism: null, status: null,
      parties: [], evidence: { ...evidence, text: "" }, fields: {}, inferred: [], language, confidence: 1,
    };
  }

  private readonly text: () => string;

  private mark(field: DealField, span: Span, inferred: boolean): void {
    this.deal.fields[field] = span;
    if (inferred && !this.deal.inferred.includes(field)) this.deal.inferred.push(field);
  }

  party(name: string, role: Role, span: Span): void {
    const n = name.trim();
    if (!n) return;
    const list = role === "vendor" ? this.deal.vendors : role === "financier" ? this.deal.financiers : null;
    if (list) {
      if (!list.includes(n)) list.push(n);
      this.mark(role === "vendor" ? "vendors" : "financiers", span, false);
    } else if (role === "buyer") {
      if (this.deal.buyer) return;
      this.deal.buyer = n;
      this.mark("buyer", span, false);
    }
    if (!this.deal.parties.some((p) => p.name === n && p.role === role)) {
      const party: ExtractedParty = { name: n, role, organizationId: null, span };
      this.deal.parties.push(party);
    }
  }

  country(code: string, span: Span, inferred = false): void {
    this.deal.country = code;
    this.mark("country", span, inferred);
  }

  subdivision(name: string, span: Span): void {
    this.deal.subdivision = name;
    this.mark("subdivision", span, false);
  }

  amount(value: number, currency: string, span: Span): void {
    this.deal.amount = { value, currency, approximate: false };
    this.mark("amount", span, false);
  }

  year(year: number, span: Span): void {
    this.deal.year = year;
    this.mark("year", span, false);
  }

  category(category: Category, span: Span): void {
    this.deal.category = category;
    this.mark("category", span, false);
  }

  quantity(key: string, n: number, span: Span): void {
    this.deal.quantity[key] = n;
    this.mark("quantity", span, false);
  }

  mechanism(mechanism: Mechanism, span: Span): void {
    this.deal.mechanism = mechanism;
    this.mark("mechanism", span, false);
  }

  status(status: Status, span: Span): void {
    this.deal.status = status;
    this.mark("status", span, false);
  }

  procurementMethod(method: string, span: Span): void {
    this.deal.procurementMethod = method;
    this.mark("procurementMethod", span, false);
  }

  /** The finished deal, its evidence quoting the text it spans. */
  done(): ExtractedDeal {
    const t = this.text();
    this.deal.evidence.text = t.slice(this.deal.evidence.start, this.deal.evidence.end);
    return this.deal;
  }
}

/** A number as a source writes it ("1500000.0", "1,500,000", "$240") or null. */
export function parseNumber(raw: string | null | undefined): number | null {
  if (raw === null || raw === undefined) return null;
  const s = raw.replace(/[$\s,]/g, "").replace(/^US/i, "");
  if (!s || !/^-?\d+(\.\d+)?$/.test(s)) return null;
  const n = Number(s);
  return Number.isFinite(n) ? n : null;
}

/** A year between 1900 and 2100 from "2019", "2019.0" or a date, or null. */
export function parseYear(raw: string | null | undefined): number | null {
  const m = /^\s*((?:19|20|21)\d\d)(?:\.0+)?(?:\b|[-/])/.exec(raw ?? "");
  if (!m) return null;
  const y = Number(m[1]);
  return y >= 1900 && y <= 2100 ? y : null;
}

const WHOLE = new Intl.NumberFormat("en-US", { maximumFractionDigits: 0 });
const TWO = new Intl.NumberFormat("en-US", { maximumFractionDigits: 2 });

/** Money as people read it: "PYG 180,941,450", "USD 1.5 million (1,500,000)". */
export function formatMoney(value: number, currency: string): string {
  if (value >= 1e6) return `${currency} ${TWO.format(value / 1e6)} million (${WHOLE.format(Math.round(value))})`;
  return `${currency} ${TWO.format(value)}`;
}
