// When two mentions are the same deal, and how a later mention is folded into the first: within a
// paragraph (a sentence that goes on about the deal just told) and across the document.
import type { DealField, ExtractedDeal } from "./deal.js";
import type { Span } from "./types.js";

/** Deals whose object is named with a definite article ("The ID", "el sistema"): told before. */
const definiteDeals = new WeakSet<ExtractedDeal>();
const DEFINITE = /\b(?:the|this|that|el|la|este|esta|ese|esa|o|a|esse|essa)\s+(?:[\p{L}-]+\s+){0,2}$/iu;

/** A deal read from a sentence that named no party of its own (carried over). */
/** Carried-over mentions that refer back to "the agreement", "el contrato", "o projeto". */
const anaphoricDeals = new WeakSet<ExtractedDeal>();

export function markAnaphoric(deal: ExtractedDeal): void {
  anaphoricDeals.add(deal);
}

const carriedDeals = new WeakSet<ExtractedDeal>();

/** Marks a deal read from a sentence that named no party of its own. */
export function markCarried(deal: ExtractedDeal): void {
  carriedDeals.add(deal);
}

/** Marks a deal when the sentence names its object (at `object`) with a definite article. */
export function markIfDefinite(deal: ExtractedDeal, text: string, s: Span, object: Span): void {
  if (DEFINITE.test(text.slice(Math.max(s.start, object.start - 40), object.start)) && /^(?:the|el|la|o|a|this|este|esta)$/i.test(text.slice(s.start, object.start).trim().split(/\s+/)[0] ?? "")) {
    definiteDeals.add(deal);
  }
}

function continues(deal: ExtractedDeal, previous: ExtractedDeal): boolean {
  return carriedDeals.has(deal) && sameParties(deal, previous) && !conflicting(previous, deal);
}

/**
 * A sentence that only adds who paid ("The project was financed by CDB"), or that goes on
 * about the deal just told without naming its party, belongs to that deal.
 */
export function belongsToPrevious(deal: ExtractedDeal, previous: ExtractedDeal): boolean {
  return previous.country === deal.country && (continues(deal, previous) || (deal.vendors.length === 0 && previous.vendors.length > 0 && !conflicting(previous, deal)));
}

/** Two mentions disagree on a sum, a year or a count. */
function conflicting(a: ExtractedDeal, b: ExtractedDeal): boolean {
  if (a.year !== null && b.year !== null && a.year !== b.year) return true;
  if (a.amount && b.amount && Math.abs(a.amount.value - b.amount.value) > 0.02 * a.amount.value) return true;
  return Object.entries(a.quantity).some(([k, v]) => b.quantity[k] !== undefined && b.quantity[k] !== v);
}

function sameParties(a: ExtractedDeal, b: ExtractedDeal): boolean {
  const pa = new Set([...a.vendors, ...a.financiers]);
  return [...b.vendors, ...b.financiers].some((x) => pa.has(x));
}

const fold = (x: string | null) => (x ?? "").toLowerCase().normalize("NFD").replace(/\p{M}/gu, "");

/**
 * Two mentions share something specific that each states itself (not taken from around it): a
 * sum, a year, a count, a counterpart or a place.
 */
function shareSpecifics(a: ExtractedDeal, b: ExtractedDeal): boolean {
  const stated = (d: ExtractedDeal, f: DealField) => !d.inferred.includes(f);
  // "Under the agreement, the Chinese company will supply…": a mention that names neither its
  // party nor a deal of its own, but "the agreement", goes on about one already told.
  if (anaphoricDeals.has(a) || anaphoricDeals.has(b)) return true;
  if (a.amount && b.amount && a.amount.currency === b.amount.currency && Math.abs(a.amount.value - b.amount.value) <= 0.02 * a.amount.value) return true;
  if (a.year !== null && a.year === b.year && stated(a, "year") && stated(b, "year")) return true;
  if (Object.entries(a.quantity).some(([k, v]) => b.quantity[k] === v)) return true;
  for (const k of ["subdivision", "city"] as const) if (a[k] && fold(a[k]) === fold(b[k])) return true;
  // "The ID transmits data to servers supplied by ZTE": the same object, told again — as is a
  // mention that names no technology of its own, only the party and place of one already told.
  if ((definiteDeals.has(a) || definiteDeals.has(b)) && a.category === b.category) return true;
  if ((a.inferred.includes("category") || b.inferred.includes("category")) && a.category === b.category) return true;
  if (a.buyer && b.buyer && stated(a, "buyer") && stated(b, "buyer") && (fold(a.buyer).includes(fold(b.buyer)) || fold(b.buyer).includes(fold(a.buyer)))) return true;
  return false;
}

function compatible(a: ExtractedDeal, b: ExtractedDeal): boolean {
  if (a.country !== b.country || !sameParties(a, b) || !shareSpecifics(a, b)) return false;
  if (a.category !== b.category && a.category !== "other" && b.category !== "other") return false;
  if (a.year !== null && b.year !== null && a.year !== b.year) return false;
  if (a.amount && b.amount && (a.amount.currency !== b.amount.currency || Math.abs(a.amount.value - b.amount.value) > 0.02 * a.amount.value)) return false;
  for (const [k, v] of Object.entries(a.quantity)) if (b.quantity[k] !== undefined && b.quantity[k] !== v) return false;
  return true;
}

/** Folds a later mention of the same deal into the first: fields it lacked, parties it missed. */
export function merge(into: ExtractedDeal, from: ExtractedDeal): void {
  for (const v of from.vendors) if (!into.vendors.includes(v)) into.vendors.push(v);
  for (const f of from.financiers) if (!into.financiers.includes(f)) into.financiers.push(f);
  const keys = ["buyer", "subdivision", "city", "amount", "year", "mechanism", "status"] as const;
  for (const k of keys) {
    const intoGuessed = into.inferred.includes(k);
    // A value a sentence states beats one guessed from around the deal.
    if ((into[k] === null || (intoGuessed && !from.inferred.includes(k))) && from[k] !== null) {
      (into as unknown as Record<string, unknown>)[k] = from[k];
      if (from.fields[k]) into.fields[k] = from.fields[k];
      into.inferred = into.inferred.filter((f) => f !== k);
      if (from.inferred.includes(k)) into.inferred.push(k);
    }
  }
  if (into.category === "other" && from.category !== "other") {
    into.category = from.category;
    if (from.fields.category) into.fields.category = from.fields.category;
  }
  for (const [k, v] of Object.entries(from.quantity)) into.quantity[k] ??= v;
  for (const p of from.parties) if (!into.parties.some((q) => q.name === p.name && q.role === p.role)) into.parties.push(p);
  into.confidence = Math.min(1, Math.max(into.confidence, from.confidence) + 0.1);
}

/** The deals with every later mention of one already told folded into it, in the order first stated. */
export function mergeSameDeals(deals: readonly ExtractedDeal[]): ExtractedDeal[] {
  // Deals that may be the same share a country and a party: index them so that a long document
  // (or a corpus read as one) is not compared pair by pair.
  const out: ExtractedDeal[] = [];
  const byKey = new Map<string, ExtractedDeal[]>();
  for (const d of deals) {
    const keys = [...d.vendors, ...d.financiers].map((p) => `${d.country}\u0000${p}`);
    let same: ExtractedDeal | undefined;
    for (const k of keys) {
      same = byKey.get(k)?.find((o) => compatible(o, d));
      if (same) break;
    }
    const target = same ?? d;
    if (same) merge(same, d);
    else out.push(d);
    for (const k of [...target.vendors, ...target.financiers].map((p) => `${target.country}\u0000${p}`)) {
      const list = byKey.get(k) ?? [];
      if (!list.includes(target)) list.push(target);
      byKey.set(k, list);
    }
  }
  return out;
}
