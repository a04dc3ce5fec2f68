// Shapes shared by the extraction modules. Every mention carries its span: offsets (UTF-16 code
// units, end exclusive) into the document's plain text, so each field can cite its evidence.

export interface Span {
  start: number;
  end: number;
}

/** Languages the rules know; anything else passes through as "other". */
export type Lang = "es" | "pt" | "en" | "zh" | "other";

/** A sum of money found in text. */
export interface AmountMention extends Span {
  /** Full number in units of the currency: 30000000 for "$30 million". */
  value: number;
  /** ISO 4217 code, or null when the text gives only a bare "$" (resolved later by country and language). */
  currency: string | null;
  /** True for "nearly", "about", "more than", "casi", "cerca de", "mais de"… */
  approximate: boolean;
  /** The matched text, e.g. "US$ 240 millones". */
  text: string;
}

/** A date or year found in text, as precise as the text is. */
export interface DateMention extends Span {
  year: number | null;
  month: number | null;
  day: number | null;
  /** True when the year was inferred from the document date ("in March", "last year", "em setembro"). */
  relative: boolean;
  text: string;
}

/** The document's own date (from metadata or its dateline), used to read relative dates. */
export interface DocumentDate {
  year: number;
  month: number | null;
  day: number | null;
}

/** "2019-07-05" → { year: 2019, month: 7, day: 5 }; null for anything less than a year. */
export function documentDateOf(published: string | null): DocumentDate | null {
  const m = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?/.exec(published ?? "");
  if (!m) return null;
  return { year: Number(m[1]), month: m[2] ? Number(m[2]) : null, day: m[3] ? Number(m[3]) : null };
}

/** A counted thing a deal delivers: "600 cameras" → { key: "cameras", value: 600 }. */
export interface QuantityMention extends Span {
  key: string;
  value: number;
  text: string;
}
