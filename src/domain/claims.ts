// Per-field claims and the rule that picks the value a project shows. A claim is one source's
// statement of one field, with the evidence span that supports it. Claims with the same value are
// grouped; the shown group is the first by: reviewed by a person > stated (not only inferred from
// around the deal) > more distinct sources > newest source. Every other group stays visible as a
// disagreement — nothing is dropped.
import { z } from "zod";
import { Category, Mechanism, Role, Status } from "./vocabulary.js";
import { Money } from "./money.js";
import { foldKey } from "./text.js";

export const Party = z.object({ name: z.string().min(1), role: Role });
export type Party = z.infer<typeof Party>;

export const Quantity = z.record(z.string().regex(/^[a-z_]+$/), z.number().nonnegative());

/** Each field a claim can state, with the schema of its value. */
export const FIELD_SCHEMAS = {
  vendors: z.array(z.string().min(1)),
  financiers: z.array(z.string().min(1)),
  buyer: z.string().min(1),
  country: z.string().regex(/^[A-Z]{2}$/, "an ISO 3166-1 alpha-2 code"),
  subdivision: z.string().min(1),
  city: z.string().min(1),
  amount: Money,
  year: z.number().int().min(1900).max(2100),
  category: Category,
  quantity: Quantity,
  mechanism: Mechanism,
  status: Status,
  parties: z.array(Party),
  /** How the buyer procured it, in the source's own terms ("open — Licitación Pública Nacional"). */
  procurementMethod: z.string().min(1),
} as const;
export type FieldName = keyof typeof FIELD_SCHEMAS;
export type FieldValue<F extends FieldName> = z.infer<(typeof FIELD_SCHEMAS)[F]>;
export const FIELD_NAMES = Object.keys(FIELD_SCHEMAS) as FieldName[];
export const FieldNameSchema = z.enum(FIELD_NAMES as [FieldName, ...FieldName[]]);

export const Evidence = z.object({
  documentId: z.string().min(1),
  text: z.string().min(1),
  start: z.number().int().nonnegative().nullable(),
  end: z.number().int().nonnegative().nullable(),
});
export type Evidence = z.infer<typeof Evidence>;

export interface Claim {
  field: FieldName;
  value: unknown;
  evidence: Evidence;
  /** The source document's date ("YYYY", "YYYY-MM" or "YYYY-MM-DD"), for the newest-first tie break. */
  documentDate: string | null;
  /** True when a person confirmed this claim. */
  reviewed: boolean;
  /**
   * True when the source does not state the value for this deal but it was taken from around the
   * deal's sentence (a year from the document's date, a country from the passage): weaker evidence.
   */
  inferred?: boolean;
}

export interface ClaimGroup {
  key: string;
  value: unknown;
  claims: Claim[];
  /** Distinct documents stating this value. */
  sources: number;
  reviewed: boolean;
  /** True when at least one claim states the value rather than infers it. */
  stated: boolean;
  newest: string | null;
}

export interface FieldResolution {
  field: FieldName;
  shown: unknown;
  /** All values stated, shown one first. More than one means sources disagree. */
  groups: ClaimGroup[];
  disputed: boolean;
}

/** Validates a claim value against its field's schema; throws a ZodError naming the problem. */
export function parseFieldValue<F extends FieldName>(field: F, value: unknown): FieldValue<F> {
  return FIELD_SCHEMAS[field].parse(value) as FieldValue<F>;
}

function canonical(value: unknown): unknown {
  if (typeof value === "string") return foldKey(value);
  if (Array.isArray(value)) return value.map(canonical).map((v) => JSON.stringify(v)).sort();
  if (value && typeof value === "object") {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== null && v !== undefined)
      .sort(([a], [b]) => a.localeCompare(b));
    return entries.map(([k, v]) => [k, canonical(v)]);
  }
  return value;
}

/**
 * The grouping key of a value: equal for values that say the same (case, accents, order folded).
 * An amount is keyed by value and currency only: a source that gives the same sum without its
 * year agrees with one that dates it.
 */
export function valueKey(value: unknown, field?: FieldName): string {
  if (field === "amount" && value && typeof value === "object") {
    const { value: v, currency } = value as { value?: unknown; currency?: unknown };
    return JSON.stringify(canonical({ value: v, currency }));
  }
  return JSON.stringify(canonical(value));
}

/** Non-null leaves of a value: the more, the more specific. */
function specificity(value: unknown): number {
  if (value === null || value === undefined) return 0;
  if (typeof value !== "object") return 1;
  return Object.values(value as Record<string, unknown>).reduce<number>((n, v) => n + specificity(v), 0);
}

function compareGroups(a: ClaimGroup, b: ClaimGroup): number {
  if (a.reviewed !== b.reviewed) return a.reviewed ? -1 : 1;
  if (a.stated !== b.stated) return a.stated ? -1 : 1;
  if (a.sources !== b.sources) return b.sources - a.sources;
  const an = a.newest ?? "";
  const bn = b.newest ?? "";
  if (an !== bn) return an < bn ? 1 : -1;
  return a.key < b.key ? -1 : a.key > b.key ? 1 : 0;
}

/** The most complete of several forms of one agreed value (the amount that carries its year). */
export function mostSpecific(values: readonly unknown[]): unknown {
  let best: unknown = values[0] ?? null;
  for (const v of values) if (specificity(v) > specificity(best)) best = v;
  return best;
}

/** Orders one field's value groups by the selection rule; the first is shown. */
export function resolveGroups(field: FieldName, groups: readonly ClaimGroup[]): FieldResolution {
  const ordered = [...groups].sort(compareGroups);
  return { field, shown: ordered[0]?.value ?? null, groups: ordered, disputed: ordered.length > 1 };
}

/** Groups one field's claims by value and orders the groups by the selection rule. */
export function resolveField(field: FieldName, claims: readonly Claim[]): FieldResolution {
  const groups = new Map<string, ClaimGroup>();
  for (const claim of claims) {
    if (claim.field !== field) continue;
    const key = valueKey(claim.value, field);
    let g = groups.get(key);
    if (!g) {
      g = { key, value: claim.value, claims: [], sources: 0, reviewed: false, stated: false, newest: null };
      groups.set(key, g);
    }
    g.claims.push(claim);
    g.value = mostSpecific([g.value, claim.value]);
    g.reviewed ||= claim.reviewed;
    g.stated ||= claim.inferred !== true;
    if (claim.documentDate && (g.newest === null || claim.documentDate > g.newest)) g.newest = claim.documentDate;
  }
  for (const g of groups.values()) g.sources = new Set(g.claims.map((c) => c.evidence.documentId)).size;
  return resolveGroups(field, [...groups.values()]);
}

/** Resolves every field that has at least one claim. */
export function resolveClaims(claims: readonly Claim[]): Map<FieldName, FieldResolution> {
  const out = new Map<FieldName, FieldResolution>();
  const fields = new Set(claims.map((c) => c.field));
  for (const field of FIELD_NAMES) if (fields.has(field)) out.set(field, resolveField(field, claims));
  return out;
}
