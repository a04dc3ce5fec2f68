// Whether a deal mention refers to a project already known: hard rules that keep different deals
// apart (country, place, category, year, amount, vendor), then a score of the signals that agree.
// The winning project comes with the sentence that explains the merge.
import type { Category } from "../domain/vocabulary.js";
import { foldKey } from "../domain/text.js";
import { type ResolutionRules, resolutionRules } from "./rules.js";

/** What clustering compares, for a mention and for a project alike. Party sets hold family ids. */
export interface DealProfile {
  country: string | null;
  subdivision: string | null;
  city: string | null;
  category: Category | null;
  year: number | null;
  /** The year was not stated with the deal (taken from the document's date): it never vetoes. */
  yearInferred: boolean;
  amount: { value: number; currency: string; usd: number | null } | null;
  quantity: Record<string, number>;
  vendors: ReadonlySet<string>;
  financiers: ReadonlySet<string>;
  buyers: ReadonlySet<string>;
  /** Documents the mention or project already rests on. */
  documentIds: ReadonlySet<string>;
  /** Display names of the families, for the explanation. */
  names: ReadonlyMap<string, string>;
}

export interface Candidate extends DealProfile {
  id: string;
}

export interface ClusterMatch {
  projectId: string;
  score: number;
  /** Why: "same country AR; shared vendor ZTE; same subdivision Jujuy; …". */
  rule: string;
}

type ClusterRules = ResolutionRules["clustering"];

function shared(a: ReadonlySet<string>, b: ReadonlySet<string>): string[] {
  return [...a].filter((x) => b.has(x)).sort();
}

function ratioWithin(a: number, b: number, tolerance: number): boolean {
  if (a === b) return true;
  if (a <= 0 || b <= 0) return false;
  return Math.max(a, b) / Math.min(a, b) - 1 <= tolerance;
}

export function categoriesCompatible(a: Category | null, b: Category | null, rules: ClusterRules): boolean {
  if (!a || !b || a === b || a === "other" || b === "other") return true;
  return rules.compatibleCategories.some(([x, y]) => (x === a && y === b) || (x === b && y === a));
}

/** Amounts agree when both convert to USD within tolerance, or have one currency and agree in it. */
function amountsAgree(a: NonNullable<DealProfile["amount"]>, b: NonNullable<DealProfile["amount"]>, tolerance: number): boolean | null {
  if (a.currency === b.currency) return ratioWithin(a.value, b.value, tolerance);
  if (a.usd !== null && b.usd !== null) return ratioWithin(a.usd, b.usd, tolerance);
  return null;
}

/**
 * Scores one candidate; null when a hard rule says the two cannot be one deal.
 * Each agreeing signal adds its weight and a phrase to the explanation.
 */
export function compareProfiles(m: DealProfile, p: DealProfile, rules: ClusterRules = resolutionRules().clustering): { score: number; reasons: string[] } | null {
  if (!m.country || m.country !== p.country) return null;
  // The extractor already split one document's deals: two of them are never one project.
  if ([...m.documentIds].some((d) => p.documentIds.has(d))) return null;
  const w = rules.weights;
  const reasons = [`same country ${m.country}`];
  let score = 0;

  const name = (id: string) => m.names.get(id) ?? p.names.get(id) ?? id;
  const vendors = shared(m.vendors, p.vendors);
  const financiers = shared(m.financiers, p.financiers);
  const buyers = shared(m.buyers, p.buyers);
  if (m.vendors.size && p.vendors.size && !vendors.length) return null;
  if (!vendors.length && !financiers.length && !buyers.length) return null;
  if (vendors.length) {
    score += w.vendor;
    reasons.push(`shared vendor ${vendors.map(name).join(", ")}`);
  }
  if (financiers.length) {
    score += w.financier;
    reasons.push(`shared financier ${financiers.map(name).join(", ")}`);
  }
  if (buyers.length) {
    score += w.buyer;
    reasons.push(`same buyer ${buyers.map(name).join(", ")}`);
  } else if (m.buyers.size && p.buyers.size) {
    // Buyers are often worded differently ("Gobierno de Jujuy", "the province"): a soft signal only.
    score -= w.buyer;
  }

  for (const level of ["subdivision", "city"] as const) {
    const a = m[level];
    const b = p[level];
    if (a && b) {
      if (foldKey(a) !== foldKey(b)) return null;
      score += w[level];
      reasons.push(`same ${level} ${b}`);
    }
  }

  if (!categoriesCompatible(m.category, p.category, rules)) return null;
  if (m.category && m.category === p.category && m.category !== "other") {
    score += w.category;
    reasons.push(`category ${m.category}`);
  }

  if (m.year !== null && p.year !== null) {
    const gap = Math.abs(m.year - p.year);
    if (gap > rules.yearTolerance && !m.yearInferred && !p.yearInferred) return null;
    if (gap <= rules.yearTolerance) {
      score += w.year;
      reasons.push(gap === 0 ? `year ${m.year}` : `years ${m.year} and ${p.year} within ${rules.yearTolerance}`);
    }
  }

  if (m.amount && p.amount) {
    const agree = amountsAgree(m.amount, p.amount, rules.amountTolerance);
    if (agree === false) return null;
    if (agree) {
      score += w.amount;
      reasons.push(`amounts agree within ${Math.round(rules.amountTolerance * 100)}%`);
    }
  }

  for (const [key, value] of Object.entries(m.quantity)) {
    const other = p.quantity[key];
    if (other !== undefined && ratioWithin(value, other, rules.amountTolerance)) {
      score += w.quantity;
      reasons.push(`${key} agree`);
      break;
    }
  }
  return { score, reasons };
}

/**
 * The project a mention joins: the best-scoring candidate at or above the minimum score; ties go
 * to the smaller id so the result does not depend on the order candidates were found in.
 * @example matchProject(mention, candidates)?.rule // "same country AR; shared vendor ZTE; same subdivision Jujuy"
 */
export function matchProject(m: DealProfile, candidates: readonly Candidate[], rules: ClusterRules = resolutionRules().clustering): ClusterMatch | null {
  let best: ClusterMatch | null = null;
  for (const c of candidates) {
    const result = compareProfiles(m, c, rules);
    if (!result || result.score < rules.minScore) continue;
    if (!best || result.score > best.score || (result.score === best.score && c.id < best.projectId)) {
      best = { projectId: c.id, score: result.score, rule: result.reasons.join("; ") };
    }
  }
  return best;
}
