// Who the deal is between: the role each organization plays, the parties a trigger is about, and
// the counterpart (buyer) when the sentence names one.
import { type DocumentContext, type OrgMention, within } from "./context.js";
import type { ExtractedParty } from "./deal.js";
import type { OrgEntry } from "./gazetteer.js";
import type { PhraseMatch } from "./phrase-matcher.js";
import type { PlaceChoice } from "./places.js";
import type { Sentence } from "./segment.js";
import type { Span } from "./types.js";
import type { CueEntry, TriggerEntry } from "./vocabulary.js";

const FINANCIER_KINDS = new Set(["policy_bank", "commercial_bank", "multilateral"]);
const NEVER_VENDOR_KINDS = new Set(["government", "regulator", "ngo", "media"]);

type RoleGuess = "vendor" | "financier" | "buyer" | null;

export function roleOf(org: OrgEntry, lac: ReadonlySet<string>): RoleGuess {
  if (FINANCIER_KINDS.has(org.orgKind)) return "financier";
  if (org.homeCountry && lac.has(org.homeCountry)) return "buyer";
  // Carriers (AT&T, Telefónica, Millicom) buy networks here; Chinese carriers also build them.
  if (org.orgKind === "operator" && org.homeCountry !== "CN") return "buyer";
  if (NEVER_VENDOR_KINDS.has(org.orgKind)) return null;
  return "vendor";
}

/** Organizations right after "rather than", "instead of", "en lugar de"… are not parties. */
export function contrasted(org: Span, cues: readonly PhraseMatch<CueEntry>[], text: string): boolean {
  return cues.some((c) => c.entries.some((e) => e.type === "contrast") && c.end <= org.start && org.start - c.end <= 40 && !/[.;]/.test(text.slice(c.end, org.start)));
}

/** Only "and", "y", "e", commas and a couple of lower-case words ("state-owned") between two parties. */
const COORDINATION = /^[\s,]*(?:(?:and|y|e|&|as well as|together with|junto con|junto com|juntamente com)\s+)?(?:[\p{Ll}-]+\s+){0,2}$/u;

/**
 * The parties the trigger is about: the one nearest it, on the side where the supplier stands,
 * with those coordinated with it ("Huawei and CEIEC built…") — not rivals named later in the
 * sentence ("…a tender in which Nokia and Huawei also took part").
 */
export function partiesOf(ctx: DocumentContext, list: readonly OrgMention[], trigger: PhraseMatch<TriggerEntry>): OrgMention[] {
  if (list.length <= 1) return [...list];
  const side = trigger.entries[0]?.vendorSide ?? "either";
  const distance = (m: OrgMention) => {
    const before = m.end <= trigger.start;
    const d = before ? trigger.start - m.end : m.start - trigger.end;
    const wrongSide = (side === "subject" && !before) || (side === "object" && before);
    return Math.max(0, d) + (wrongSide ? 1000 : 0);
  };
  const sorted = [...list].sort((a, b) => a.start - b.start);
  const anchorOrg = [...sorted].sort((a, b) => distance(a) - distance(b))[0] as OrgMention;
  let i = sorted.indexOf(anchorOrg);
  let j = i;
  while (i > 0 && COORDINATION.test(ctx.text.slice((sorted[i - 1] as OrgMention).end, (sorted[i] as OrgMention).start))) i--;
  while (j < sorted.length - 1 && COORDINATION.test(ctx.text.slice((sorted[j] as OrgMention).end, (sorted[j + 1] as OrgMention).start))) j++;
  return sorted.slice(i, j + 1);
}

const BUYER_NAME = /^\s*(?:the\s+|la\s+|el\s+|o\s+|a\s+)?((?:[\p{Lu}][\p{L}\p{N}'’.-]*|de|del|da|do|of|y|e|and)(?:\s+(?:[\p{Lu}][\p{L}\p{N}'’.-]*|de|del|da|do|dos|das|of|y|e|and|la|el)){0,6})/u;

const COUNTERPART = /\b(?:contracts?|contratos?|agreements?|acuerdos?|acordos?|convenios?|convênios?|deal|memorand[ao]s?(?: de entendimient?os?)?)\s+(?:with\s+|con\s+|com\s+)(?:the\s+|la\s+|el\s+|o\s+|a\s+|os\s+|as\s+)?(?<name>(?:[\p{Lu}][\p{L}\p{N}&'’.-]+)(?:\s(?:[\p{Lu}][\p{L}\p{N}&'’.-]+|de|del|do|da)){0,4}(?<!\s(?:de|del|do|da)))/u;

const TARGET = /\b(?:acquir(?:e|es|ed|ing)|bought|buying|purchas(?:e|es|ed|ing)|took over|adquiri(?:ó|eron|u|ram|r|ndo)|compr(?:ó|aron|ou|aram|ar|ando)|invest(?:s|ed|ing)?(?:\s+\S+){0,4}?\s+in|invirti(?:ó|eron)(?:\s+\S+){0,4}?\s+en|investi(?:u|ram)(?:\s+\S+){0,4}?\s+n[ao])\s+(?:the\s+|a\s+|an\s+|la\s+|el\s+|o\s+|a\s+)?(?:[\p{Ll}-]+\s+){0,4}?(?<name>(?:[\p{Lu}][\p{L}\p{N}&'’.-]*|\d{2,4}(?=,))(?:\s[\p{Lu}][\p{L}\p{N}&'’.-]*){0,3})/u;

/** A span that is a place or holds a month name: not a counterpart's name. */
function isPlaceOrMonth(ctx: DocumentContext, start: number, end: number): boolean {
  if (within(ctx.places, { start: start - 1, end: end + 1 }).some((p) => p.start === start && p.end === end)) return true;
  return /^(?:January|February|March|April|May|June|July|August|September|October|November|December|Enero|Febrero|Marzo|Abril|Mayo|Junio|Julio|Agosto|Septiembre|Octubre|Noviembre|Diciembre)$/i.test(ctx.text.slice(start, end));
}

/** Buyer phrases that name a public body by themselves ("the government", "la policía"). */
const PUBLIC_KINDS = new Set(["government", "ministry", "subnational", "municipal", "police", "military", "agency"]);
const ARTICLE = /^(the|el|la|los|las|o|a|os|as)\s+/i;
const NAME_BEFORE = /((?:[\p{Lu}][\p{L}'’-]+\s+){1,3})$/u;

/** The counterpart: a Latin American organization, else a public body named by a buyer phrase. */
/** A capitalised name, possibly with "de", "y"… inside, and an acronym in brackets after it. */
const SUBJECT_NAME = /(?<name>[\p{Lu}][\p{L}\p{N}&'’.-]*(?:\s(?:(?:de|del|la|las|los|da|do|das|dos|e|y|of|the|and)\s)*[\p{Lu}][\p{L}\p{N}&'’.-]*)*)(?:\s*\((?<acronym>[\p{Lu}][\p{L}\p{N}&-]{1,9})\))?/gu;
const NOT_A_SUBJECT = new Set(["En", "In", "El", "La", "Los", "Las", "O", "A", "Os", "As", "The", "Em", "No", "Na", "Por", "Para", "Con", "Com", "With", "After", "Tras", "Después", "Depois", "Según", "Segundo", "According"]);

/**
 * The counterpart as the subject, when the supplier is the object ("Altice Dominicana contrató a
 * ZTE", "La Oficina … (OGTIC) recibió de Huawei"): the last name before the verb, by its acronym
 * when the text gives one.
 */
function subjectBefore(ctx: DocumentContext, s: Sentence, trigger: Span, vendors: readonly Span[]): { value: string; span: Span } | null {
  if (!vendors.length || vendors.some((v) => v.start < trigger.start)) return null;
  const lead = ctx.text.slice(s.start, trigger.start);
  let best: { value: string; span: Span } | null = null;
  for (const m of lead.matchAll(SUBJECT_NAME)) {
    let name = m.groups?.name ?? "";
    let start = s.start + (m.index ?? 0);
    // "In Uruguay", "En el sector…": a capitalised preposition opens the sentence, it names nothing.
    const firstWord = name.split(/\s/)[0] ?? "";
    if (NOT_A_SUBJECT.has(firstWord) && name.length > firstWord.length) {
      name = name.slice(firstWord.length + 1);
      start += firstWord.length + 1;
    }
    const end = start + name.length;
    if (!name || NOT_A_SUBJECT.has(name) || (name.length >= 4 && name === name.toUpperCase() && !m.groups?.acronym)) continue;
    if (isPlaceOrMonth(ctx, start, end)) continue;
    best = { value: m.groups?.acronym ?? name, span: { start, end: s.start + (m.index ?? 0) + m[0].length } };
  }
  return best;
}

export function buyerOf(ctx: DocumentContext, s: Sentence, buyers: readonly OrgMention[], places: PlaceChoice, trigger?: Span, vendors: readonly Span[] = []): { value: string; span: Span } | null {
  const org = buyers[0];
  if (org) {
    // "Compañía Anónima Nacional Teléfonos de Venezuela (CANTV)": the short name the text gives.
    const acronym = /^\s*\(([\p{Lu}][\p{L}\p{N}&-]{1,9})\)/u.exec(ctx.text.slice(org.end, org.end + 16));
    if (acronym?.[1]) return { value: acronym[1], span: { start: org.start, end: org.end + acronym[0].length } };
    return { value: ctx.text.slice(org.start, org.end), span: org };
  }

  for (const c of within(ctx.cues, s)) {
    const kind = c.entries.find((e) => e.type === "buyer")?.kind;
    if (!kind) continue;
    // "in the city of Buenos Aires" says where, not who.
    if (/\b(?:in|at|en|em|na|no|across)\s+(?:the\s+|la\s+|el\s+|a\s+|o\s+)?$/i.test(ctx.text.slice(Math.max(s.start, c.start - 12), c.start))) continue;
    const phrase = ctx.text.slice(c.start, c.end);
    // "government of X", "provincia de X": the phrase plus the proper name after it.
    if (/\b(of|de|do|da|del|dos|das)$/i.test(phrase)) {
      const m = BUYER_NAME.exec(ctx.text.slice(c.end, Math.min(s.end, c.end + 80)));
      const name = m?.[1]?.replace(/\s+(of|de|del|da|do|dos|das|y|e|and|la|el)$/i, "");
      if (name) return { value: `${phrase.replace(ARTICLE, "")} ${name}`.replace(/\s+/g, " "), span: { start: c.start, end: c.end + (m?.[0].length ?? 0) } };
      continue;
    }
    if (!PUBLIC_KINDS.has(kind)) continue;
    // "gobierno regional de Cusco": a bare phrase that goes on with "de"/"of" and a name.
    const tail = /^\s+(of|de|do|da|del|dos|das)\s+/i.exec(ctx.text.slice(c.end, c.end + 6));
    if (tail) {
      const m = BUYER_NAME.exec(ctx.text.slice(c.end + tail[0].length, Math.min(s.end, c.end + 90)));
      const name = m?.[1]?.replace(/\s+(of|de|del|da|do|dos|das|y|e|and|la|el)$/i, "");
      if (name) return { value: `${phrase.replace(ARTICLE, "")} ${tail[1]} ${name}`.replace(/\s+/g, " "), span: { start: c.start, end: c.end + tail[0].length + (m?.[0].length ?? 0) } };
    }
    // "Mexico's government", "the Maduro government": the name before the phrase.
    const lead = ctx.text.slice(Math.max(s.start, c.start - 40), c.start);
    const possessive = /([\p{Lu}][\p{L}]+(?:\s[\p{Lu}][\p{L}]+)?)['’]s\s*$/u.exec(lead);
    const bare = phrase.replace(/^['’]s\s*/, "").replace(ARTICLE, "");
    if (possessive?.[1]) return { value: `${possessive[1]}'s ${bare}`, span: { start: c.start - possessive[0].length, end: c.end } };
    const named = NAME_BEFORE.exec(lead);
    if (named?.[1] && !ARTICLE.test(phrase) && c.start - named[1].length > s.start) {
      return { value: `${named[1].trim()} ${bare}`, span: { start: c.start - named[1].length, end: c.end } };
    }
    return { value: bare, span: c };
  }
  const subject = trigger ? subjectBefore(ctx, s, trigger, vendors) : null;
  if (subject) return subject;
  // "by acquiring 99, a Brazilian taxi app", "invested $27 million in Satellogic": what was bought or funded.
  const target = TARGET.exec(ctx.text.slice(s.start, s.end));
  if (target?.groups?.name) {
    const start = s.start + (target.index ?? 0) + target[0].length - target.groups.name.length;
    const end = start + target.groups.name.length;
    if (!isPlaceOrMonth(ctx, start, end) && !within(ctx.orgs, { start, end }).some((o) => roleOf(o.org, ctx.gazetteer.lac) !== "buyer")) return { value: target.groups.name, span: { start, end } };
  }
  // "firmó un contrato con Altice Dominicana": a counterpart the gazetteer does not know, named
  // after "with" — or as the subject when the supplier comes after the verb.
  const named = COUNTERPART.exec(ctx.text.slice(s.start, s.end));
  if (named?.groups?.name && !within(ctx.orgs, s).some((o) => ctx.text.slice(o.start, o.end) === named.groups?.name)) {
    const start = s.start + (named.index ?? 0) + named[0].length - named.groups.name.length;
    if (!isPlaceOrMonth(ctx, start, start + named.groups.name.length)) return { value: named.groups.name, span: { start, end: start + named.groups.name.length } };
  }
  // "a contract with Jujuy": a place named as the counterpart of the deal.
  const sub = places.subdivision ?? places.city;
  if (sub) {
    const before = ctx.text.slice(Math.max(s.start, sub.span.start - 12), sub.span.start);
    if (/\b(with|con|com|for|para)\s+(the\s+)?$/i.test(before)) return sub;
  }
  return null;
}

/** Names of parties, canonical for gazetteer organizations. */
export function names(list: readonly OrgMention[]): string[] {
  return [...new Set(list.map((m) => m.org.name))];
}

export function partyList(vendors: readonly OrgMention[], financiers: readonly OrgMention[], trigger: TriggerEntry | undefined): ExtractedParty[] {
  const vendorRole = trigger?.mechanism === "investment" ? "investor" : trigger?.mechanism === "acquisition" ? "acquirer" : trigger?.mechanism === "donation" ? "donor" : "vendor";
  const seen = new Set<string>();
  const out: ExtractedParty[] = [];
  for (const [list, role] of [[vendors, vendorRole], [financiers, "financier"]] as const) {
    for (const m of list) {
      if (seen.has(m.org.id + role)) continue;
      seen.add(m.org.id + role);
      out.push({ name: m.org.name, role, organizationId: m.org.id || null, span: { start: m.start, end: m.end } });
    }
  }
  return out;
}
