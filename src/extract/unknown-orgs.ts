// Parties the gazetteer does not know, read from how the text introduces them: a head noun with a
// nationality and a capitalised name ("Chinese telecoms giant Xinwei", "la empresa china Inspur",
// "a fabricante chinesa Hytera"). The nationality gives the home country, which gives the role.
import type { OrgEntry } from "./gazetteer.js";
import type { GazetteerMatch } from "./gazetteer.js";
import { dataFile } from "./data-file.js";
import { PhraseMatcher, type Tokens } from "./phrase-matcher.js";
import type { Span } from "./types.js";

interface CuesFile {
  heads: Record<string, string[]>;
  stopNames: string[];
}

let heads: PhraseMatcher<true> | undefined;
let stopNames: Set<string> | undefined;

function resources(): { heads: PhraseMatcher<true>; stopNames: Set<string> } {
  if (!heads || !stopNames) {
    const file = dataFile<CuesFile>("extraction/org-cues.json");
    heads = new PhraseMatcher<true>();
    for (const list of Object.values(file.heads)) for (const h of list) heads.add(h, true);
    stopNames = new Set(file.stopNames);
  }
  return { heads, stopNames };
}

/** A capitalised name of one to four words right after `from` (spaces only between them). */
const NAME = /^\s{1,3}((?:[\p{Lu}][\p{L}\p{N}&'’.-]*|[\p{N}]+)(?:\s(?:[\p{Lu}][\p{L}\p{N}&'’.-]*|&)){0,3})/u;

/**
 * Organizations introduced by a head noun and a nationality, where no gazetteer organization
 * already stands. `known` are the gazetteer's matches (sorted by start).
 */
export function unknownOrganizations(tokens: Tokens, known: readonly GazetteerMatch[]): (Span & { org: OrgEntry })[] {
  const { heads: matcher, stopNames: stops } = resources();
  const text = tokens.text;
  const out: (Span & { org: OrgEntry })[] = [];
  const demonyms = known.filter((m) => m.entries.some((e) => e.kind === "demonym"));
  const taken = known.filter((m) => m.entries.some((e) => e.kind === "org"));
  let d = 0;
  for (const head of matcher.match(tokens)) {
    // The nationality stands just before the head ("Chinese firm") or just after it ("empresa china").
    while (d < demonyms.length && (demonyms[d] as GazetteerMatch).end < head.start - 40) d++;
    let nationality: GazetteerMatch | undefined;
    let nameFrom = head.end;
    for (let k = d; k < demonyms.length; k++) {
      const m = demonyms[k] as GazetteerMatch;
      if (m.start > head.end + 3) break;
      const gapBefore = text.slice(m.end, head.start);
      const gapAfter = text.slice(head.end, m.start);
      if (m.end <= head.start && /^[\s-]{1,2}$|^\s+(?:[\p{Ll}-]+\s+){0,2}$/u.test(gapBefore)) nationality = m;
      else if (m.start >= head.end && /^\s{1,2}$/.test(gapAfter)) {
        nationality = m;
        nameFrom = m.end;
      }
    }
    if (!nationality) continue;
    const match = NAME.exec(text.slice(nameFrom, nameFrom + 80));
    const name = match?.[1]?.replace(/[.,'’]+$/, "");
    if (!name || stops.has(name.split(/\s/)[0] ?? "")) continue;
    const start = nameFrom + (match?.[0].length ?? 0) - (match?.[1]?.length ?? 0);
    const end = start + name.length;
    if (taken.some((t) => t.start < end && t.end > start)) continue;
    const country = nationality.entries.find((e) => e.kind === "demonym");
    out.push({
      start,
      end,
      org: { kind: "org", id: "", name, orgKind: "company", homeCountry: country && country.kind === "demonym" ? country.country : null, parent: null },
    });
  }
  return out;
}
