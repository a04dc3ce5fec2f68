// The deal trigger of a sentence ("signed a contract", "loan") and what it tells: how the deal was
// made and how far it got; and the cues that say the sentence hedges or denies a deal.
import type { Mechanism, Status } from "../domain/vocabulary.js";
import { type DocumentContext, within } from "./context.js";
import type { PhraseMatch } from "./phrase-matcher.js";
import type { Span } from "./types.js";
import type { CueEntry, TriggerEntry } from "./vocabulary.js";

/** How far (in characters) a trigger may stand from the party it is about. */
const TRIGGER_REACH = 120;

function near(a: Span, parties: readonly Span[]): boolean {
  return parties.some((p) => Math.min(Math.abs(a.start - p.end), Math.abs(p.start - a.end)) <= TRIGGER_REACH || (a.start >= p.start && a.end <= p.end));
}

/**
 * The strongest trigger near a party: a deal noun or verb that says how beats one that only
 * says that. In a long sentence a trigger far from every party is about something else.
 */
export function mainTrigger(triggers: readonly PhraseMatch<TriggerEntry>[], parties: readonly Span[]): PhraseMatch<TriggerEntry> | null {
  let best: PhraseMatch<TriggerEntry> | null = null;
  let bestScore = -1;
  for (const t of triggers) {
    if (parties.length && !near(t, parties)) continue;
    const e = t.entries[0];
    if (!e) continue;
    const score = (e.weak ? 0 : 2) + (e.mechanism ? 1 : 0);
    if (score > bestScore) {
      best = t;
      bestScore = score;
    }
  }
  return best;
}

const MECHANISM_ORDER: readonly Mechanism[] = ["donation", "loan", "acquisition", "investment", "tender", "mou", "partnership", "contract"];

export function mechanismOf(triggers: readonly PhraseMatch<TriggerEntry>[], vendors: readonly Span[] = [], text = ""): { value: Mechanism; span: Span } | null {
  let best: { value: Mechanism; span: Span; rank: number } | null = null;
  const contractNoun = triggers.some((t) => t.entries.some((e) => e.kind === "noun" && (e.mechanism === "contract" || e.mechanism === "tender")));
  for (const t of triggers) {
    for (const e of t.entries) {
      if (!e.mechanism) continue;
      // "compra", "purchase" with the supplier after it is a buyer purchasing goods (a contract),
      // not the supplier acquiring a company.
      // So is "la compra de servidores": a purchase of things (a lower-case noun), not of a company.
      const after = text.slice(t.end, t.end + 40);
      const ofGoods = /\b(?:de|of|da|do|das|dos)$/i.test(text.slice(t.start, t.end))
        ? /^\s+(?:\p{Ll}+\s+){0,1}\p{Ll}/u.test(after)
        : /^\s+(?:de|of|da|do|das|dos)\s+(?:\p{Ll}+\s+){0,1}\p{Ll}/u.test(after);
      if (e.mechanism === "acquisition" && ((vendors.length && vendors.every((v) => v.start > t.start)) || ofGoods)) {
        const rank = 10 + MECHANISM_ORDER.indexOf("contract");
        if (!best || rank < best.rank) best = { value: "contract", span: t, rank };
        continue;
      }
      // A noun that names the mechanism ("loan", "donación") outranks a verb; then the most specific.
      // With a supplier named, a contract financed by a loan is a contract: the loan is the lender's deal.
      const loanBehindContract = e.mechanism === "loan" && vendors.length > 0 && contractNoun ? MECHANISM_ORDER.length : 0;
      const rank = (e.kind === "noun" ? 0 : 10) + MECHANISM_ORDER.indexOf(e.mechanism) + loanBehindContract;
      if (!best || rank < best.rank) best = { value: e.mechanism, span: t, rank };
    }
  }
  return best ? { value: best.value, span: best.span } : null;
}

export function statusOf(triggers: readonly PhraseMatch<TriggerEntry>[], main: PhraseMatch<TriggerEntry> | null): Status | null {
  const fromMain = main?.entries.find((e) => e.status)?.status ?? null;
  if (fromMain) return fromMain;
  for (const t of triggers) for (const e of t.entries) if (e.status) return e.status;
  return null;
}

/** The sentence's cues of one type. */
export function hasCue(ctx: DocumentContext, s: Span, type: CueEntry["type"]): boolean {
  return within(ctx.cues, s).some((c) => c.entries.some((e) => e.type === type));
}

/** True when the sentence reports a possibility, an example or a denial rather than a deal. */
export function hedged(ctx: DocumentContext, s: Span, trigger: Span): boolean {
  for (const c of within(ctx.cues, s)) {
    // "rather than X" sets a rival aside; it does not deny the deal.
    if (c.entries.some((e) => e.type === "contrast")) continue;
    for (const e of c.entries) {
      if (e.type === "hedge") return true;
      if ((e.type === "hedgeNear" || e.type === "negation") && c.end <= trigger.start && trigger.start - c.end <= 30) return true;
    }
  }
  return false;
}
