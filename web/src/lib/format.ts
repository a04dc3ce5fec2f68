// Numbers, money, dates and claim values as readers of each language expect them: compact USD
// totals, amounts in their own currency with the USD conversion beside, partial dates kept partial.
export type Lang = "en" | "es" | "pt";

const LOCALE: Record<Lang, string> = { en: "en-US", es: "es-419", pt: "pt-BR" };
export const localeOf = (lang: Lang) => LOCALE[lang];

export function formatNumber(n: number, lang: Lang): string {
  return new Intl.NumberFormat(LOCALE[lang]).format(n);
}

/** "US$2.1B" / "US$ 2,1 mil M" style totals for figures and axes. */
export function formatUsdCompact(n: number, lang: Lang): string {
  return new Intl.NumberFormat(LOCALE[lang], { style: "currency", currency: "USD", notation: "compact", minimumFractionDigits: 0, maximumFractionDigits: 1 }).format(n);
}

/** A money amount in its own currency, compact ("CN¥73.5M"). */
export function formatMoneyCompact(value: number, currency: string, lang: Lang): string {
  try {
    return new Intl.NumberFormat(LOCALE[lang], { style: "currency", currency, notation: "compact", minimumFractionDigits: 0, maximumFractionDigits: 1 }).format(value);
  } catch {
    // A code Intl does not know is still shown, never dropped.
    return `${currency} ${new Intl.NumberFormat(LOCALE[lang], { notation: "compact", maximumFractionDigits: 1 }).format(value)}`;
  }
}

export interface AmountLike {
  value: number;
  currency: string;
  year?: number | null;
  usd?: number | null;
}

/**
 * An amount as stated, with its USD value when it is another currency and a rate exists.
 * @example formatAmount({ value: 73.5e6, currency: "CNY", usd: 10.6e6 }, "en") // "CN¥73.5M (≈ $10.6M)"
 */
export function formatAmount(a: AmountLike, lang: Lang): string {
  const stated = formatMoneyCompact(a.value, a.currency, lang);
  if (a.currency === "USD" || a.usd === null || a.usd === undefined) return stated;
  return `${stated} (≈ ${formatUsdCompact(a.usd, lang)})`;
}

/**
 * A date as precise as the source gave it: "2019", "July 2019" or "5 July 2019".
 * @example formatPartialDate("2019-07", "es") // "julio de 2019"
 */
export function formatPartialDate(date: string | null | undefined, lang: Lang): string {
  if (!date) return "";
  const m = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?/.exec(date);
  if (!m) return date;
  const [, y, mo, d] = m;
  if (!mo) return y ?? date;
  const when = new Date(Date.UTC(Number(y), Number(mo) - 1, d ? Number(d) : 1));
  const options: Intl.DateTimeFormatOptions = d ? { year: "numeric", month: "long", day: "numeric", timeZone: "UTC" } : { year: "numeric", month: "long", timeZone: "UTC" };
  return new Intl.DateTimeFormat(LOCALE[lang], options).format(when);
}

/** The country's name in the interface language, from the browser's own CLDR data. */
export function countryName(code: string | null | undefined, lang: Lang): string {
  if (!code) return "";
  try {
    return new Intl.DisplayNames([LOCALE[lang]], { type: "region" }).of(code.toUpperCase()) ?? code;
  } catch {
    return code;
  }
}

/** What a claim value reads as; labels translate vocabulary ids and quantity units. */
export interface ValueLabels {
  lang: Lang;
  vocabulary: (list: string, id: string) => string;
  unit: (key: string, count: number) => string;
}

/**
 * One claim's value as text, whatever the field: lists joined, amounts with currency, quantities
 * with their unit, countries by name, vocabulary ids by label.
 * @example formatClaimValue("quantity", { cameras: 4000 }, labels) // "4,000 cameras"
 */
export function formatClaimValue(field: string, value: unknown, labels: ValueLabels): string {
  if (value === null || value === undefined) return "";
  const { lang } = labels;
  switch (field) {
    case "amount":
      return typeof value === "object" ? formatAmount(value as AmountLike, lang) : String(value);
    case "country":
      return countryName(String(value), lang);
    case "category":
      return labels.vocabulary("categories", String(value));
    case "mechanism":
      return labels.vocabulary("mechanisms", String(value));
    case "status":
      return labels.vocabulary("statuses", String(value));
    case "quantity":
      return Object.entries(value as Record<string, number>)
        .map(([k, n]) => `${formatNumber(n, lang)} ${labels.unit(k, n)}`)
        .join(", ");
    case "parties":
      return (value as { name: string; role: string }[]).map((p) => `${p.name} (${labels.vocabulary("roles", p.role)})`).join("; ");
    case "year":
      return String(value);
    default:
      if (Array.isArray(value)) return value.map(String).join(", ");
      if (typeof value === "object") return JSON.stringify(value);
      return String(value);
  }
}
