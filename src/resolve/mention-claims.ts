// One extracted deal → the claims it makes about its project: each filled field with the sentence
// that supports it (the deal's own sentence, or the sentence around a value read elsewhere) and
// whether the value was stated or inferred.
import type { FieldName } from "../domain/claims.js";
import type { DealField, ExtractedDeal } from "../extract/deal.js";
import type { Span } from "../extract/types.js";

export interface MentionClaim {
  field: FieldName;
  value: unknown;
  text: string;
  start: number;
  end: number;
  inferred: boolean;
}

/** Longest quote kept for a value read outside the deal's sentence. */
const MAX_QUOTE = 400;
const SENTENCE_END = /[.!?…]["”’)]?\s|\n\s*\n/g;

/** The sentence of `text` that contains `span`, trimmed, at most MAX_QUOTE characters around it. */
export function sentenceAround(text: string, span: Span): { text: string; start: number; end: number } {
  const floor = Math.max(0, span.start - MAX_QUOTE);
  let start = floor;
  SENTENCE_END.lastIndex = floor;
  for (let m = SENTENCE_END.exec(text); m && m.index + m[0].length <= span.start; m = SENTENCE_END.exec(text)) {
    start = m.index + m[0].length;
  }
  const ceiling = Math.min(text.length, Math.max(span.end, start + MAX_QUOTE));
  SENTENCE_END.lastIndex = span.end;
  const after = SENTENCE_END.exec(text);
  let end = after && after.index < ceiling ? after.index + 1 : ceiling;
  while (end > start && /\s/.test(text[end - 1] ?? "")) end--;
  while (start < end && /\s/.test(text[start] ?? "")) start++;
  return { text: text.slice(start, end), start, end };
}

/**
 * The claims of one mention. Vendors, financiers and buyer are the source's own wording; other
 * roles go into `parties`.
 * @example mentionClaims(deal, doc.text).map((c) => c.field) // ["vendors", "buyer", "country", "amount", …]
 */
export function mentionClaims(deal: ExtractedDeal, text: string): MentionClaim[] {
  const out: MentionClaim[] = [];
  const own = { text: deal.evidence.text, start: deal.evidence.start, end: deal.evidence.end };
  const inferred = new Set<DealField>(deal.inferred);
  const add = (field: FieldName, value: unknown, dealField: DealField | null) => {
    const span = dealField ? deal.fields[dealField] : undefined;
    const inside = !span || (span.start >= own.start && span.end <= own.end);
    const quote = inside ? own : sentenceAround(text, span);
    if (!quote.text) return;
    out.push({ field, value, ...quote, inferred: dealField !== null && inferred.has(dealField) });
  };

  if (deal.vendors.length) add("vendors", deal.vendors, "vendors");
  if (deal.financiers.length) add("financiers", deal.financiers, "financiers");
  if (deal.buyer) add("buyer", deal.buyer, "buyer");
  if (deal.country) add("country", deal.country, "country");
  if (deal.subdivision) add("subdivision", deal.subdivision, "subdivision");
  if (deal.city) add("city", deal.city, "city");
  if (deal.amount) add("amount", { value: deal.amount.value, currency: deal.amount.currency, year: deal.year }, "amount");
  if (deal.year !== null) add("year", deal.year, "year");
  if (deal.category !== "other" || deal.fields.category) add("category", deal.category, "category");
  if (Object.keys(deal.quantity).length) add("quantity", deal.quantity, "quantity");
  if (deal.mechanism) add("mechanism", deal.mechanism, "mechanism");
  if (deal.status) add("status", deal.status, "status");
  if (deal.procurementMethod) add("procurementMethod", deal.procurementMethod, "procurementMethod");
  const others = deal.parties.filter((p) => p.role !== "vendor" && p.role !== "financier" && p.role !== "buyer");
  if (others.length) add("parties", others.map((p) => ({ name: p.name, role: p.role })), null);
  return out;
}
