// Links the names a source writes ("Huawei Technologies Co., Ltd.", "ZTE Argentina") to known
// organizations: exact alias, then the name without its legal form, then a fuzzy match above a
// threshold. Also knows each organization's family (parent chain), so subsidiaries overlap.
import { foldKey } from "../domain/text.js";
import { type ResolutionRules, resolutionRules } from "./rules.js";

export interface KnownOrganization {
  id: string;
  name: string;
  aliases: readonly string[];
  parentId: string | null;
}

export interface OrganizationMatch {
  id: string;
  /** Canonical name. */
  name: string;
  how: "alias" | "legal-form" | "fuzzy";
  /** 1 for exact matches; the similarity for fuzzy ones. */
  score: number;
}

/** Character trigrams of a key padded with spaces, so short words still have some. */
function trigrams(key: string): Set<string> {
  const padded = `  ${key} `;
  const out = new Set<string>();
  for (let i = 0; i + 3 <= padded.length; i++) out.add(padded.slice(i, i + 3));
  return out;
}

/** Dice coefficient of two trigram sets: 1 for equal keys, 0 for nothing shared. */
export function similarity(a: string, b: string): number {
  return a === b ? 1 : dice(trigrams(a), trigrams(b));
}

function dice(ta: ReadonlySet<string>, tb: ReadonlySet<string>): number {
  let shared = 0;
  for (const t of ta) if (tb.has(t)) shared++;
  return (2 * shared) / (ta.size + tb.size);
}

export class OrganizationIndex {
  private readonly byKey = new Map<string, string>();
  private readonly byBareKey = new Map<string, string>();
  private readonly orgs = new Map<string, KnownOrganization>();
  private readonly children = new Map<string, Set<string>>();
  /** Bare keys by trigram, to find fuzzy candidates without comparing against every name. */
  private readonly gramIndex = new Map<string, Set<string>>();
  /** Each bare key's trigrams, made once: a lookup compares against many candidates. */
  private readonly gramsOf = new Map<string, Set<string>>();
  private readonly legalForms: string[];

  constructor(
    orgs: Iterable<KnownOrganization>,
    private readonly rules: ResolutionRules["organizations"] = resolutionRules().organizations,
  ) {
    // Longest first, so "s a de c v" is stripped before "c v" could be.
    this.legalForms = [...new Set(rules.legalForms.map(foldKey))].sort((a, b) => b.length - a.length);
    for (const o of orgs) this.add(o);
  }

  /** Adds (or replaces) an organization; its names become keys unless another organization has them. */
  add(org: KnownOrganization): void {
    this.orgs.set(org.id, org);
    if (org.parentId) {
      let set = this.children.get(org.parentId);
      if (!set) this.children.set(org.parentId, (set = new Set()));
      set.add(org.id);
    }
    for (const written of [org.name, ...org.aliases]) {
      const key = foldKey(written);
      if (!key) continue;
      if (!this.byKey.has(key)) this.byKey.set(key, org.id);
      const bare = this.bare(key);
      if (bare && !this.byBareKey.has(bare)) {
        this.byBareKey.set(bare, org.id);
        const grams = trigrams(bare);
        this.gramsOf.set(bare, grams);
        for (const g of grams) {
          let set = this.gramIndex.get(g);
          if (!set) this.gramIndex.set(g, (set = new Set()));
          set.add(bare);
        }
      }
    }
  }

  /**
   * Learns another way of writing a known organization's name, so the next lookup of it is exact
   * (a fuzzy match compares against many names; sources repeat their spellings).
   */
  addAlias(id: string, written: string): void {
    const key = foldKey(written);
    if (key && this.orgs.has(id) && !this.byKey.has(key)) this.byKey.set(key, id);
  }

  get(id: string): KnownOrganization | undefined {
    return this.orgs.get(id);
  }

  /** The name without trailing legal forms: "huawei technologies co ltd" → "huawei technologies". */
  bare(key: string): string {
    let out = key;
    for (let changed = true; changed; ) {
      changed = false;
      for (const form of this.legalForms) {
        if (out.length > form.length + 1 && out.endsWith(` ${form}`)) {
          out = out.slice(0, -form.length - 1).trimEnd();
          changed = true;
          break;
        }
      }
    }
    return out;
  }

  /**
   * The organization a written name refers to, or null.
   * @example index.match("Huawei Technologies Co., Ltd.") // { id: "huawei", name: "Huawei", how: "legal-form", score: 1 }
   */
  match(written: string): OrganizationMatch | null {
    const key = foldKey(written);
    if (!key) return null;
    const exact = this.byKey.get(key);
    if (exact) return this.view(exact, "alias", 1);
    const bare = this.bare(key);
    const byBare = this.byBareKey.get(bare);
    if (byBare) return this.view(byBare, "legal-form", 1);
    if (bare.length < this.rules.minFuzzyLength) return null;
    const best = this.nearest(bare);
    const id = best ? this.byBareKey.get(best.key) : undefined;
    return id && best ? this.view(id, "fuzzy", Math.round(best.score * 1000) / 1000) : null;
  }

  /**
   * The most similar known bare key at or above the threshold. A candidate that reaches the
   * threshold shares at least `need` trigrams with the query, so it must appear in one of the
   * query's `size - need + 1` rarest trigram lists: only those lists are scanned (prefix filtering),
   * which keeps lookups fast as machine-made organizations pile up.
   */
  private nearest(bare: string): { key: string; score: number } | null {
    const own = trigrams(bare);
    const grams = [...own].sort((a, b) => (this.gramIndex.get(a)?.size ?? 0) - (this.gramIndex.get(b)?.size ?? 0));
    const t = this.rules.fuzzyThreshold;
    // Dice ≥ t with |B| ≥ t·|A|/(2−t) (the smallest B that can reach t) needs shared ≥ t·(|A|+|B|)/2.
    const minOther = (t * grams.length) / (2 - t);
    const need = Math.max(1, Math.ceil((t * (grams.length + minOther)) / 2));
    let best: { key: string; score: number } | null = null;
    const seen = new Set<string>();
    for (const g of grams.slice(0, Math.max(1, grams.length - need + 1))) {
      for (const candidate of this.gramIndex.get(g) ?? []) {
        if (seen.has(candidate)) continue;
        seen.add(candidate);
        const score = candidate === bare ? 1 : dice(own, this.gramsOf.get(candidate) ?? trigrams(candidate));
        if (score >= t && (!best || score > best.score || (score === best.score && candidate < best.key))) best = { key: candidate, score };
      }
    }
    return best;
  }

  /** The topmost ancestor of an organization: subsidiaries of one group share it. */
  familyOf(id: string): string {
    let current = id;
    const seen = new Set<string>();
    for (;;) {
      const parent = this.orgs.get(current)?.parentId;
      if (!parent || seen.has(parent) || !this.orgs.has(parent)) return current;
      seen.add(current);
      current = parent;
    }
  }

  /** Every organization in the family of `id` (itself, its ancestors' descendants). */
  familyMembers(id: string): string[] {
    const root = this.familyOf(id);
    const out = new Set([root]);
    const queue = [root];
    while (queue.length) {
      for (const child of this.children.get(queue.pop() as string) ?? []) {
        if (!out.has(child)) {
          out.add(child);
          queue.push(child);
        }
      }
    }
    return [...out];
  }

  private view(id: string, how: OrganizationMatch["how"], score: number): OrganizationMatch {
    return { id, name: this.orgs.get(id)?.name ?? id, how, score };
  }
}
