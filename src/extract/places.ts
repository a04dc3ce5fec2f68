// Where a deal is: its country, province and city, read from the sentence and the passage around
// it, setting aside datelines and sentences about countries outside the region.
import { type DocumentContext, type OrgMention, within } from "./context.js";
import type { GazetteerEntry } from "./gazetteer.js";
import type { Span } from "./types.js";

export interface PlaceChoice {
  country: { value: string; span: Span } | null;
  subdivision: { value: string; span: Span } | null;
  city: { value: string; span: Span } | null;
}

const CITY_CUE = /(?:\b(?:in|at|en|em|no|na|city of|ciudad de|cidade de|capital|municipality of|municipio de|município de|prefeitura de|alcaldía de|intendencia de)\s+)$/i;
const SUBDIVISION_CUE = /(province|provincia|província|provincial|state|estado|estadual|department|departamento|departamental|region|región|região|regional|gobernación|governorate)\s+(of|de|do|da|del)\s*$/i;

/**
 * A dateline ("LIMA, 3 de marzo –", "SAN SALVADOR DE JUJUY, Argentina (Reuters) –") says where the
 * story was filed, not where the deal is: its city is not the deal's city.
 */
function isDateline(ctx: DocumentContext, m: Span): boolean {
  const surface = ctx.text.slice(m.start, m.end);
  if (surface.length >= 4 && surface === surface.toUpperCase() && /\p{Lu}/u.test(surface)) return true;
  // Only the start of a line can be a dateline: look two characters back, not to the line's start.
  if (m.start > 2 && !ctx.text.slice(m.start - 3, m.start).includes("\n")) return false;
  return /^[^.\n]{0,80}?(\s[–—-]\s|\((?:Reuters|AP|AFP|EFE|Xinhua|Bloomberg|ANSA|dpa)\))/.test(ctx.text.slice(m.end, m.end + 90));
}

/** Country, subdivision and city of a passage; the sentence's own mentions come first. */
export function placesOf(ctx: DocumentContext, spans: readonly Span[], buyers: readonly OrgMention[], local: number): PlaceChoice {
  const lac = ctx.gazetteer.lac;
  const choice: PlaceChoice = { country: null, subdivision: null, city: null };
  for (const [index, span] of spans.entries()) {
    const mentions = within(ctx.places, span);
    if (!choice.country) {
      // Countries named outright, then provinces and cities, then demonyms and buyers' home countries.
      const ranked: { code: string; span: Span; rank: number }[] = [];
      for (const m of mentions) {
        for (const e of m.entries) {
          if (e.kind === "country" && e.lac) ranked.push({ code: e.code, span: m, rank: 0 });
          else if (e.kind === "subdivision" && lac.has(e.country) && m.entries.length === 1) ranked.push({ code: e.country, span: m, rank: 1 });
          else if (e.kind === "city" && e.population >= 300_000 && lac.has(e.country)) ranked.push({ code: e.country, span: m, rank: 2 });
          else if (e.kind === "demonym" && lac.has(e.country)) ranked.push({ code: e.country, span: m, rank: 3 });
        }
      }
      for (const b of buyers) if (b.org.homeCountry && lac.has(b.org.homeCountry)) ranked.push({ code: b.org.homeCountry, span: b, rank: 4 });
      ranked.sort((a, b) => a.rank - b.rank || a.span.start - b.span.start);
      const first = ranked[0];
      if (first) choice.country = { value: first.code, span: first.span };
    }
    const country = choice.country?.value;
    // A province or city is read only from the sentence and the ones just before it.
    if (!country || index >= local) continue;
    for (const m of mentions) {
      // "Mexico" is the country before it is the State of Mexico.
      if (isCountryName(m.entries) || isDateline(ctx, m)) continue;
      const surface = ctx.text.slice(m.start, m.end);
      const sub = m.entries.find((e) => e.kind === "subdivision" && e.country === country);
      const city = m.entries.find((e) => e.kind === "city" && e.country === country);
      const lead = ctx.text.slice(Math.max(0, m.start - 30), m.start);
      // A name that is both ("Mendoza", "La Paz", "São Paulo"): the city after "in"/"city of", else the province.
      const cityCue = CITY_CUE.test(lead) && !SUBDIVISION_CUE.test(lead);
      if (sub && (!city || !cityCue) && !choice.subdivision) choice.subdivision = { value: surface, span: m };
      else if (city && !choice.city) {
        choice.city = { value: surface, span: m };
        // The city's own province, when the text does not name one.
        const code = city.kind === "city" ? city.subdivision : null;
        const name = code ? ctx.gazetteer.subdivisionName(code) : null;
        if (name && !choice.subdivision) choice.subdivision = { value: name, span: m };
      }
    }
  }
  return choice;
}

function isCountryName(entries: readonly GazetteerEntry[]): boolean {
  return entries.some((e) => e.kind === "country");
}

/**
 * The sentence names a country outside the region, or only the region as a whole, and no
 * country inside it ("China's internal surveillance project", "enter the Latin American market").
 */
export function namesOnlyForeignCountry(ctx: DocumentContext, s: Span): boolean {
  let foreign = false;
  for (const m of within(ctx.places, s)) {
    for (const e of m.entries) {
      if ((e.kind === "country" && !e.lac) || e.kind === "region") foreign = true;
      if ((e.kind === "country" || e.kind === "subdivision" || e.kind === "city" || e.kind === "demonym") && ctx.gazetteer.lac.has(e.kind === "country" ? e.code : e.country)) return false;
    }
  }
  return foreign;
}
