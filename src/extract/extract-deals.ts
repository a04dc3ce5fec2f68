// Reads deals out of a document's plain text. A deal is anchored on a sentence that names a
// supplier or lender and a deal trigger; its fields come from that sentence first and from the
// passage around it second (a place, a date, a party carried over). Tables become one deal per
// row. The same deal told twice in a document is one record.
import { dataFile } from "./data-file.js";
import { type DocumentContext, type ExtractOptions, type OrgMention, documentContext, shift, within } from "./context.js";
import { findYears } from "./dates.js";
import type { DealField, ExtractedDeal } from "./deal.js";
import { amountOf, categoryOf, quantitiesOf, yearOf } from "./fields.js";
import { countriesOf } from "./gazetteer.js";
import { spanLanguage } from "./language.js";
import { belongsToPrevious, markAnaphoric, markCarried, markIfDefinite, merge, mergeSameDeals } from "./merge.js";
import { buyerOf, contrasted, names, partiesOf, partyList, roleOf } from "./parties.js";
import type { PhraseMatch } from "./phrase-matcher.js";
import { namesOnlyForeignCountry, placesOf } from "./places.js";
import type { Paragraph, Sentence } from "./segment.js";
import { readTableDeals } from "./tables.js";
import { hasCue, hedged, mainTrigger, mechanismOf, statusOf } from "./triggers.js";
import type { Lang, Span } from "./types.js";
import type { TriggerEntry } from "./vocabulary.js";

export type { ExtractOptions };

/** The language of a sentence's paragraph, worked out on first use; the document's when unclear. */
function languageAt(ctx: DocumentContext, s: Sentence): Lang {
  let pl = ctx.paragraphLanguages[s.paragraph];
  if (pl === undefined) {
    const p = ctx.paragraphs[s.paragraph] as Paragraph;
    pl = spanLanguage(ctx.tokens, p.start, p.end);
    ctx.paragraphLanguages[s.paragraph] = pl;
  }
  return pl ?? ctx.language;
}

interface SentenceFacts {
  sentence: Sentence;
  vendors: OrgMention[];
  financiers: OrgMention[];
  buyers: OrgMention[];
  triggers: PhraseMatch<TriggerEntry>[];
}

function sentenceFacts(ctx: DocumentContext, s: Sentence): SentenceFacts {
  const lac = ctx.gazetteer.lac;
  const cues = within(ctx.cues, s);
  const vendors: OrgMention[] = [];
  const financiers: OrgMention[] = [];
  const buyers: OrgMention[] = [];
  for (const m of within(ctx.orgs, s)) {
    if (contrasted(m, cues, ctx.text)) continue;
    const role = roleOf(m.org, lac);
    if (role === "vendor") vendors.push(m);
    else if (role === "financier") financiers.push(m);
    else if (role === "buyer") buyers.push(m);
  }
  // A foreign operator next to an equipment vendor is the customer (Telefónica buying from Huawei).
  if (vendors.some((v) => v.org.orgKind !== "operator")) {
    for (const v of vendors.filter((x) => x.org.orgKind === "operator" && x.org.homeCountry !== "CN")) {
      vendors.splice(vendors.indexOf(v), 1);
      buyers.push(v);
    }
  }
  return { sentence: s, vendors, financiers, buyers, triggers: within(ctx.triggers, s) };
}

/** Footnotes and reference lists cite titles ("Huawei Helps … Build …"); they state no deal. */
const REFERENCE = /^\s*(?:<sup>\s*\d+\s*<\/sup>|\[\d+\]|\d{1,3}[.)]?\s+[“"\p{Lu}])|https?:\/\/|<http|\bwww\.|\b(?:accessed|consultado|acesso em)\b/iu;

function looksLikeReference(sentence: string): boolean {
  // Cheap checks first: most sentences have none of the marks a reference carries.
  const c = sentence.trimStart().charAt(0);
  if (!(c === "<" || c === "[" || (c >= "0" && c <= "9")) && !sentence.includes("http") && !sentence.includes("www.") && !/ccess|onsult/.test(sentence)) return false;
  return REFERENCE.test(sentence);
}

/** The first sentence of the next paragraph of body text, past page rules and footnotes. */
function continuation(ctx: DocumentContext, paragraph: number): Sentence | null {
  for (let p = paragraph + 1; p < ctx.paragraphs.length && p <= paragraph + 12; p++) {
    const para = ctx.paragraphs[p] as Paragraph;
    const t = ctx.text.slice(para.start, para.end).trimStart();
    if (/^(?:-{3,}|_{3,}|\*{3,}|<sup>|\[\d+\]|\d{1,3}\s|Page\s+\d|Página\s+\d)/i.test(t)) continue;
    return /^[\p{Ll}\p{Lu}]/u.test(t) ? ((ctx.sentences[para.firstSentence] as Sentence | undefined) ?? null) : null;
  }
  return null;
}

let continuers: RegExp | undefined;

/** "the project", "el contrato", "o acordo"… from data/extraction/matching.json, as one pattern. */
function continuerPattern(): RegExp {
  if (!continuers) {
    const phrases = Object.values(dataFile<{ continuers: Record<string, string[]> }>("extraction/matching.json").continuers).flat();
    continuers = new RegExp(`(?<![\\p{L}])(?:${phrases.map((p) => p.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")).join("|")})(?![\\p{L}])`, "iu");
  }
  return continuers;
}

/** The sentence starts by naming the deal just told: "The project…", "El contrato…", "O acordo…". */
function opensOnTheDeal(ctx: DocumentContext, s: Sentence): boolean {
  const m = continuerPattern().exec(ctx.text.slice(s.start, Math.min(s.end, s.start + 40)));
  return m !== null && ctx.text.slice(s.start, s.start + m.index).trim() === "";
}

/** The sentence refers back to a deal ("Under the agreement, …"). */
function refersBack(ctx: DocumentContext, s: Sentence): boolean {
  return continuerPattern().test(ctx.text.slice(s.start, s.end));
}

/** Deals stated with a plural contract noun and several suppliers ("contracts with Ericsson and Nokia"). */
const separateContracts = new WeakSet<ExtractedDeal>();
const PLURAL_CONTRACTS = /\b(?:contracts|agreements|deals|contratos|acuerdos|convenios|acordos|convênios)\b/i;

function splitByVendor(deal: ExtractedDeal): ExtractedDeal[] {
  return deal.vendors.map((v) => ({
    ...deal,
    vendors: [v],
    quantity: { ...deal.quantity },
    parties: deal.parties.filter((p) => p.name === v || p.role === "financier"),
    inferred: [...deal.inferred],
  }));
}

/** Why the last sentence looked at gave no deal (for `trace`). */
let rejection = "";
function reject(reason: string): null {
  rejection = reason;
  return null;
}

/** The deal a sentence states, or null when it states none. */
function dealOfSentence(ctx: DocumentContext, index: number, facts: SentenceFacts, previous: SentenceFacts | null): ExtractedDeal | null {
  rejection = "";
  const s = facts.sentence;
  if (looksLikeReference(ctx.text.slice(s.start, s.end))) return reject("reference");
  const trigger = mainTrigger(facts.triggers, [...facts.vendors, ...facts.financiers]);
  if (!trigger) return reject("no trigger near a party");
  let vendors = facts.vendors;
  let financiers = facts.financiers;
  let carried = false;
  if (!vendors.length && !financiers.length) {
    // "…an agreement between CGWIC and Venezuela. Then, in 2008, China launched…": the party
    // carries over from the previous sentence of the passage when this one names none.
    if (!previous || !previous.vendors.length || !/\b(China|Chinese|company|firm|it|empresa|compañía|companhia)\b/i.test(ctx.text.slice(s.start, s.end))) return reject("no party");
    vendors = previous.vendors;
    financiers = previous.financiers;
    carried = true;
  }
  if (!carried) vendors = partiesOf(ctx, vendors, trigger);
  const entry = trigger.entries[0];
  if (hedged(ctx, s, trigger)) return reject("hedged");
  const lang = languageAt(ctx, s);
  // Opening an office or entering a market is not a deal, unless the sentence says how it came in.
  if (hasCue(ctx, s, "marketEntry") && !mechanismOf(facts.triggers)) return reject("market entry");
  const paragraph = ctx.paragraphs[s.paragraph] as Paragraph;
  const passage: Sentence[] = [];
  // The passage: up to three sentences either side within the paragraph.
  for (let i = Math.max(paragraph.firstSentence, index - 3); i <= Math.min(paragraph.lastSentence, index + 3); i++) {
    if (i !== index) passage.push(ctx.sentences[i] as Sentence);
  }
  const before = passage.filter((p) => p.end <= s.start).reverse();
  const after = passage.filter((p) => p.start >= s.end);
  // A paragraph cut by a page break ("…across the Atlantic" / footnotes / "Ocean, connecting Brazil")
  // goes on in the next paragraph of body text.
  if (index === paragraph.lastSentence && !/[.!?:;"”)\]]\s*$/.test(ctx.text.slice(s.start, s.end))) {
    const nextBody = continuation(ctx, s.paragraph);
    if (nextBody) after.push(nextBody);
  }
  const scopes: Span[] = [s, ...before, ...after];
  // "…in several countries in Latin America": about no one country, so none is borrowed from around it.
  const generic = hasCue(ctx, s, "genericPlace") || namesOnlyForeignCountry(ctx, s);
  const places = placesOf(ctx, generic ? [s] : scopes, facts.buyers, 1 + Math.min(2, before.length));
  const country = places.country?.value ?? (generic ? null : ctx.mainCountry);
  if (!country) return reject("no country");
  // "The network, built by Huawei…" after a sentence about 5G: a generic network term yields to a
  // more specific technology named around it.
  let ownCategory = categoryOf(ctx, [s]) ?? categoryOf(ctx, [...before, ...after]);
  if (ownCategory?.value === "telecom_network") {
    const around = categoryOf(ctx, [...before, ...after]);
    if (around && around.value !== "other" && ctx.vocabulary.categoryPriority.indexOf(around.value) < ctx.vocabulary.categoryPriority.indexOf("telecom_network")) ownCategory = around;
  }
  // The next sentence often goes on about the same deal ("El contrato incluye 2.000 cámaras"),
  // unless it names a party of its own.
  const following: Sentence[] = [];
  for (const n of after.slice(0, 2)) {
    if (within(ctx.orgs, n).length) break;
    following.push(n);
  }
  // A new paragraph that opens on the deal just told ("El proyecto contempla 2.300 cámaras…").
  if (index === paragraph.lastSentence) {
    const next = ctx.paragraphs[s.paragraph + 1];
    const first = next ? (ctx.sentences[next.firstSentence] as Sentence | undefined) : undefined;
    if (first && !within(ctx.orgs, first).length && opensOnTheDeal(ctx, first)) following.push(first);
  }
  let amount = amountOf(ctx, s, lang, trigger, country);
  for (const n of following) amount ??= amountOf(ctx, n, lang, null, country);
  let quantity = quantitiesOf(ctx, s, lang);
  for (const n of following) if (!quantity.span) quantity = quantitiesOf(ctx, n, lang);
  const concrete = Boolean(amount || Object.keys(quantity.value).length || ownCategory);
  const category = ownCategory ?? ctx.mainCategory;
  // A generic verb ("selected", "is developing") needs something concrete to be a deal.
  // A generic trigger ("deployment", "is developing") or a party carried over needs the sentence
  // itself to name something concrete: a sum, a count, a counterpart or a place in the region.
  const ownPlace = within(ctx.places, s).some((m) => countriesOf(m.entries, ctx.gazetteer.lac).length > 0);
  const specific = Boolean(amount || Object.keys(quantity.value).length || facts.buyers.length || ownPlace);
  if ((entry?.weak || carried) && !(concrete && specific)) return reject("weak trigger, nothing concrete");
  if (!ownCategory && !amount) return reject("no technology and no amount");
  // A year from the sentence or the passage; else the document's own date, since news reports
  // what is being signed now (a dateline year is wrong only for background the text leaves undated).
  const inferred: DealField[] = [];
  let inferredMechanism = false;
  if (!ownCategory && category) inferred.push("category");
  let year: { value: number | null; span: Span | null } | null = yearOf(ctx, s, lang, trigger, before);
  // "…The cable was completed in September 2018": a year the next sentences give the same deal.
  for (const n of following) {
    if (year) break;
    const y = shift(findYears(ctx.text.slice(n.start, n.end), lang), n.start)[0];
    if (y) year = { value: y.year, span: y };
  }
  if (!year && ctx.documentDate) {
    year = { value: ctx.documentDate.year, span: ctx.documentDateSpan };
    inferred.push("year");
  }

  let mechanism = mechanismOf(facts.triggers, vendors, ctx.text);
  // Building or supplying for a stated sum is a contract, though the sentence does not say so.
  if (!mechanism && amount && !financiers.length) {
    mechanism = { value: "contract", span: trigger };
    inferredMechanism = true;
  }
  // No counterpart in the sentence: the Latin American organization named just before it.
  const passageBuyers = facts.buyers.length ? facts.buyers : before.slice(0, 2).flatMap((p) => within(ctx.orgs, p).filter((o) => roleOf(o.org, ctx.gazetteer.lac) === "buyer"));
  const buyer = buyerOf(ctx, s, passageBuyers, places, trigger, vendors);
  if (buyer && !facts.buyers.length && passageBuyers.length && buyer.span.start < s.start) inferred.push("buyer");
  const fields: Partial<Record<DealField, Span>> = {};
  const allVendors = [...vendors];
  if (allVendors[0]) fields.vendors = allVendors[0];
  if (financiers[0]) fields.financiers = financiers[0];
  if (places.country) fields.country = places.country.span;
  if (places.subdivision) fields.subdivision = places.subdivision.span;
  if (places.city) fields.city = places.city.span;
  if (amount) fields.amount = amount.span;
  if (year?.span) fields.year = year.span;
  if (category) fields.category = category.span;
  if (quantity.span) fields.quantity = quantity.span;
  if (mechanism) fields.mechanism = mechanism.span;
  if (inferredMechanism) inferred.push("mechanism");
  if (buyer) fields.buyer = buyer.span;
  const signals = [amount, year?.value, category, Object.keys(quantity.value).length, buyer, places.country, mechanism].filter(Boolean).length;
  const deal: ExtractedDeal = {
    vendors: names(vendors),
    financiers: names(financiers),
    buyer: buyer?.value ?? null,
    country,
    subdivision: places.subdivision?.value ?? null,
    city: places.city?.value ?? null,
    amount: amount?.value ?? null,
    year: year?.value ?? null,
    category: category?.value ?? "other",
    quantity: quantity.value,
    mechanism: mechanism?.value ?? null,
    status: statusOf(facts.triggers, trigger),
    parties: partyList(vendors, financiers, entry),
    evidence: { start: s.start, end: s.end, text: ctx.text.slice(s.start, s.end) },
    fields,
    inferred,
    language: lang,
    confidence: Math.min(1, 0.3 + signals * 0.1 - (carried ? 0.1 : 0)),
  };
  if (vendors.length > 1 && PLURAL_CONTRACTS.test(ctx.text.slice(trigger.start, trigger.end + 12))) separateContracts.add(deal);
  if (carried) {
    markCarried(deal);
    if (refersBack(ctx, s)) markAnaphoric(deal);
  }
  if (ownCategory) markIfDefinite(deal, ctx.text, s, ownCategory.span);
  return deal;
}

function isHeadline(ctx: DocumentContext, p: Paragraph): boolean {
  const t = ctx.text.slice(p.start, p.end).trim();
  if (t.length > 160 || t.includes("\n") || /[.!?:;"”»]$/.test(t)) return false;
  // A headline is one line before a body that tells the story: not a paragraph of full sentences
  // with some trailing bit, nor a text that is nothing but this one paragraph.
  return p.firstSentence === p.lastSentence && ctx.paragraphs.length > 1;
}

/**
 * Every deal the text states, in the order first stated.
 * @example extractDeals("ZTE firmó un contrato de US$ 30 millones con la provincia de Jujuy en 2019.")[0].vendors // ["ZTE"]
 */
export function extractDeals(text: string, options: ExtractOptions = {}): ExtractedDeal[] {
  return assembleDeals(documentContext(text, options), options.trace);
}

function assembleDeals(ctx: DocumentContext, trace?: (message: string) => void): ExtractedDeal[] {
  const deals: ExtractedDeal[] = [];
  let headline: SentenceFacts | null = null;
  let leads = 0;
  for (const p of ctx.paragraphs) {
    if (p.table) {
      for (const d of readTableDeals(ctx, p)) deals.push(d);
      continue;
    }
    // A headline restates the story's deal in short (often several deals in one line): the body
    // tells each in full, so headlines and subheads state none.
    if (isHeadline(ctx, p)) {
      // …but the headline's supplier is who "la empresa china" in the lead means.
      const facts = sentenceFacts(ctx, ctx.sentences[p.firstSentence] as Sentence);
      if (facts.vendors.length && p === ctx.paragraphs[0]) headline = facts;
      continue;
    }
    let previous: SentenceFacts | null = leads++ < 2 ? headline : null;
    let lastDeal: ExtractedDeal | null = null;
    for (let i = p.firstSentence; i <= p.lastSentence; i++) {
      const facts = sentenceFacts(ctx, ctx.sentences[i] as Sentence);
      const deal = dealOfSentence(ctx, i, facts, previous);
      if (trace && (facts.vendors.length || facts.financiers.length || deal)) {
        const st = ctx.sentences[i] as Sentence;
        trace(`${deal ? "DEAL" : `none(${rejection})`} [${[...facts.vendors, ...facts.financiers].map((v) => v.org.name).join(", ")}] ${ctx.text.slice(st.start, Math.min(st.end, st.start + 140)).replace(/\s+/g, " ")}`);
      }
      previous = facts;
      if (!deal) continue;
      // "firmó contratos con Ericsson y Nokia": one contract each, so one deal each.
      if (separateContracts.has(deal)) {
        for (const single of splitByVendor(deal)) deals.push(single);
        lastDeal = null;
        continue;
      }
      if (lastDeal && belongsToPrevious(deal, lastDeal)) {
        merge(lastDeal, deal);
        continue;
      }
      deals.push(deal);
      lastDeal = deal;
    }
  }
  return mergeSameDeals(deals);
}
