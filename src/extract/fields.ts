// The deal's technology, year, sum and counts, each read from a sentence (or its passage) and
// anchored on the span that states it.
import type { Category } from "../domain/vocabulary.js";
import { findAmounts } from "./amounts.js";
import { type DocumentContext, shift, within } from "./context.js";
import { findDates, findYears, hasDateWords } from "./dates.js";
import { findQuantities } from "./quantities.js";
import type { Sentence } from "./segment.js";
import type { AmountMention, DateMention, Lang, Span } from "./types.js";

const PESO_COUNTRIES: Record<string, string> = { AR: "ARS", CL: "CLP", CO: "COP", MX: "MXN", UY: "UYU", DO: "DOP", CU: "CUP" };

export function categoryOf(ctx: DocumentContext, spans: readonly Span[]): { value: Category; span: Span } | null {
  for (const span of spans) {
    const found = within(ctx.categories, span);
    if (!found.length) continue;
    let best: { value: Category; span: Span; rank: number } | null = null;
    for (const m of found) {
      for (const c of m.entries) {
        const rank = ctx.vocabulary.categoryPriority.indexOf(c);
        if (rank >= 0 && (!best || rank < best.rank)) best = { value: c, span: m, rank };
      }
    }
    if (best) return { value: best.value, span: best.span };
  }
  return null;
}

/** A year for the deal: the date nearest the trigger in the sentence, else earlier in the passage. */
export function yearOf(ctx: DocumentContext, s: Sentence, lang: Lang, trigger: Span | null, passage: readonly Sentence[]): { value: number | null; span: Span } | null {
  const pick = (dates: readonly DateMention[], anchor: number) => {
    let best: DateMention | null = null;
    for (const d of dates) if (!best || Math.abs(d.start - anchor) < Math.abs(best.start - anchor)) best = d;
    return best;
  };
  // Four-digit years first (cheap); chrono only for sentences that give none ("in March", "last year").
  const sentence = ctx.text.slice(s.start, s.end);
  const years = findYears(sentence, lang);
  const own = shift(years.length ? years : hasDateWords(sentence) ? findDates(sentence, lang, ctx.documentDate) : [], s.start);
  const best = pick(own, trigger?.start ?? s.start);
  if (best) return { value: best.year, span: best };
  for (const p of passage) {
    // A date that opens a sentence of the passage ("In 2019, …") frames what follows.
    const opening = ctx.text.slice(p.start, Math.min(p.end, p.start + 40));
    const d = shift(findYears(opening, lang), p.start)[0];
    if (d) return { value: d.year, span: d };
  }
  return null;
}

function resolveCurrency(a: AmountMention, lang: Lang, country: string | null): string {
  if (a.currency) return a.currency;
  const peso = country ? PESO_COUNTRIES[country] : undefined;
  // "2.7 billion pesos": the deal country's peso, in any language.
  if (/\bpesos?\b/i.test(a.text) && peso) return peso;
  // A bare "$" is the local peso in Spanish-language reporting from peso countries, else the dollar.
  if (lang === "es" && peso) return peso;
  return "USD";
}

export function amountOf(ctx: DocumentContext, s: Sentence, lang: Lang, trigger: Span | null, country: string | null) {
  const amounts = shift(findAmounts(ctx.text.slice(s.start, s.end), lang), s.start);
  if (!amounts.length) return null;
  const anchor = trigger?.start ?? s.start;
  let best = amounts[0] as AmountMention;
  for (const a of amounts) if (Math.abs(a.start - anchor) < Math.abs(best.start - anchor)) best = a;
  return { value: { value: best.value, currency: resolveCurrency(best, lang, country), approximate: best.approximate }, span: best as Span };
}

export function quantitiesOf(ctx: DocumentContext, s: Sentence, lang: Lang): { value: Record<string, number>; span: Span | null } {
  const out: Record<string, number> = {};
  let span: Span | null = null;
  for (const q of shift(findQuantities(ctx.text.slice(s.start, s.end), lang), s.start)) {
    if (out[q.key] !== undefined) continue;
    out[q.key] = q.value;
    span ??= q;
  }
  return { value: out, span };
}
