// Money as the model keeps it: a value in an ISO 4217 currency for a year, converted to nominal US
// dollars only through a published annual rate. A currency or year the table lacks stays
// unconverted (usd: null) and every total says what it left out: never a guessed rate.
import { z } from "zod";

export const Money = z.object({
  value: z.number().finite().nonnegative(),
  currency: z.string().regex(/^[A-Z]{3}$/, "an ISO 4217 code such as USD, CNY or BRL"),
  year: z.number().int().min(1900).max(2100).nullable().default(null),
});
export type Money = z.infer<typeof Money>;

/** An amount as JSON shows it: the contract's `{ value, currency }` plus its USD value or null. */
export interface AmountView {
  value: number;
  currency: string;
  year: number | null;
  usd: number | null;
}

/** Annual rates in units of currency per US dollar. */
export interface FxTable {
  /** Units of `currency` per USD in `year`, or null when the table has no such rate. */
  rate(currency: string, year: number): number | null;
  /** Where the rates come from, for citations in exports. */
  readonly source: string;
}

export function fxTableFromRates(rates: Record<string, Record<string, number>>, source: string): FxTable {
  return {
    source,
    rate(currency, year) {
      if (currency === "USD") return 1;
      const r = rates[currency]?.[String(year)];
      return r !== undefined && r > 0 ? r : null;
    },
  };
}

/**
 * Converts to nominal USD at the annual rate of the amount's year, or of `fallbackYear` (the
 * deal's year) when the amount has none. USD needs no year. Returns null when no rate applies.
 * @example toUsd({ value: 73.5e6, currency: "CNY", year: 2019 }, fx) // ≈ 10.6e6
 */
export function toUsd(money: Money, fx: FxTable, fallbackYear: number | null = null): number | null {
  if (money.currency === "USD") return money.value;
  const year = money.year ?? fallbackYear;
  if (year === null) return null;
  const rate = fx.rate(money.currency, year);
  if (rate === null) return null;
  return Math.round((money.value / rate) * 100) / 100;
}

export function amountView(money: Money, fx: FxTable, fallbackYear: number | null = null): AmountView {
  return { value: money.value, currency: money.currency, year: money.year ?? fallbackYear, usd: toUsd(money, fx, fallbackYear) };
}

/** A USD total with what it could not include, by currency. */
export interface UsdTotal {
  usd: number;
  /** Amounts included in `usd`. */
  counted: number;
  /** Amounts left out because no rate converts them, summed per currency. */
  leftOut: { currency: string; value: number; count: number }[];
}

export function totalUsd(amounts: readonly AmountView[]): UsdTotal {
  let usd = 0;
  let counted = 0;
  const left = new Map<string, { value: number; count: number }>();
  for (const a of amounts) {
    if (a.usd !== null) {
      usd += a.usd;
      counted++;
    } else {
      const l = left.get(a.currency) ?? { value: 0, count: 0 };
      l.value += a.value;
      l.count++;
      left.set(a.currency, l);
    }
  }
  const leftOut = [...left].map(([currency, l]) => ({ currency, ...l })).sort((a, b) => a.currency.localeCompare(b.currency));
  return { usd: Math.round(usd * 100) / 100, counted, leftOut };
}
