// A project — one real-world deal — as readers see it: the shown value of each field (chosen from
// its claims by the rule in claims.ts), the sources it rests on, and, in the detail view, every
// claim with its evidence. These schemas are the JSON shape of the API, `--json` and exports.
import { z } from "zod";
import { Category, Mechanism, ProcurementRoute, ReviewState, Role, Status } from "./vocabulary.js";
import { type Claim, type FieldName, type FieldResolution, type Party, resolveClaims } from "./claims.js";
import { type FxTable, type Money, amountView } from "./money.js";

export const Review = z.object({
  state: ReviewState,
  by: z.string().nullable(),
  at: z.string().nullable(),
});
export type Review = z.infer<typeof Review>;

export const Citation = z.object({
  documentId: z.string(),
  title: z.string().nullable(),
  authors: z.array(z.string()),
  publisher: z.string().nullable(),
  published: z.string().nullable(),
  url: z.string().nullable(),
  citation: z.string(),
  /** The source's own licence when it keeps one (imported data); absent for the observatory's sources. */
  license: z.string().nullable().optional(),
});
export type Citation = z.infer<typeof Citation>;

export const AmountViewSchema = z.object({
  value: z.number(),
  currency: z.string(),
  year: z.number().int().nullable(),
  usd: z.number().nullable(),
});

export const PartyView = z.object({
  name: z.string(),
  role: Role,
  organizationId: z.string().nullable(),
});
export type PartyView = z.infer<typeof PartyView>;

export const ProjectSummary = z.object({
  id: z.string(),
  title: z.string(),
  status: Status.nullable(),
  procurementRoute: ProcurementRoute.nullable(),
  review: Review,
  /** Licence of this record's data: CC BY 4.0 for the observatory's own, the source's for imports. */
  license: z.string(),
  vendors: z.array(z.string()),
  financiers: z.array(z.string()),
  buyer: z.string().nullable(),
  country: z.string().nullable(),
  subdivision: z.string().nullable(),
  city: z.string().nullable(),
  amount: AmountViewSchema.nullable(),
  year: z.number().int().nullable(),
  category: Category.nullable(),
  quantity: z.record(z.string(), z.number()),
  mechanism: Mechanism.nullable(),
  parties: z.array(PartyView),
  /** The sources, newest first; in lists at most SUMMARY_SOURCES of them (the detail view has all). */
  sources: z.array(Citation),
  /** How many distinct sources the project rests on. */
  sourceCount: z.number().int().nonnegative(),
  /** Fields whose sources disagree; the detail view shows every value. */
  disputedFields: z.array(z.string()),
});
export type ProjectSummary = z.infer<typeof ProjectSummary>;

export const EvidenceView = z.object({
  documentId: z.string(),
  text: z.string(),
  start: z.number().int().nullable(),
  end: z.number().int().nullable(),
  reviewed: z.boolean(),
});

export const ClaimValueView = z.object({
  value: z.unknown(),
  shown: z.boolean(),
  sources: z.number().int(),
  reviewed: z.boolean(),
  evidence: z.array(EvidenceView),
});

export const ProjectDetail = ProjectSummary.extend({
  claims: z.record(z.string(), z.array(ClaimValueView)),
});
export type ProjectDetail = z.infer<typeof ProjectDetail>;

/** What the store keeps of a project besides its claims. */
export interface ProjectRecord {
  id: string;
  title: string;
  status: Status | null;
  procurementRoute: z.infer<typeof ProcurementRoute> | null;
  review: Review;
  license: string;
}

/** Links a party name to an organization (id and canonical name), or null when the name is unknown. */
export type OrganizationLinker = (name: string) => { id: string; name: string } | null;

function shown<T>(res: Map<FieldName, FieldResolution>, field: FieldName): T | null {
  return (res.get(field)?.shown as T | undefined) ?? null;
}

/**
 * The parties of a project from its shown vendors, financiers, buyer and explicit roles, under
 * their organizations' canonical names (the sources' own wording stays in the claims).
 */
export function projectParties(res: Map<FieldName, FieldResolution>, link: OrganizationLinker): PartyView[] {
  const out: PartyView[] = [];
  const seen = new Set<string>();
  const add = (written: string, role: PartyView["role"]) => {
    const org = link(written);
    const name = org?.name ?? written;
    const key = `${role}\u0000${org?.id ?? name}`;
    if (seen.has(key)) return;
    seen.add(key);
    out.push({ name, role, organizationId: org?.id ?? null });
  };
  for (const v of shown<string[]>(res, "vendors") ?? []) add(v, "vendor");
  for (const f of shown<string[]>(res, "financiers") ?? []) add(f, "financier");
  const buyer = shown<string>(res, "buyer");
  if (buyer) add(buyer, "buyer");
  for (const p of shown<Party[]>(res, "parties") ?? []) add(p.name, p.role);
  return out;
}

/** Names as their organizations' canonical names, each organization once. */
function canonicalNames(names: readonly string[], link: OrganizationLinker): string[] {
  return [...new Set(names.map((n) => link(n)?.name ?? n))];
}

/** Citations a summary carries at most: a deal retold by hundreds of sources stays a small record. */
export const SUMMARY_SOURCES = 25;

/** Orders citations newest first (undated last), then by id, for a stable order. */
export function newestFirst(citations: readonly Citation[]): Citation[] {
  return [...citations].sort((a, b) => {
    const ad = a.published ?? "";
    const bd = b.published ?? "";
    if (ad !== bd) return ad < bd ? 1 : -1;
    return a.documentId < b.documentId ? -1 : a.documentId > b.documentId ? 1 : 0;
  });
}

/**
 * Builds the summary of a project from its resolved fields and its sources.
 * @example summaryFromResolution(record, resolveClaims(claims), citations, 3, fx, linker).vendors // ["ZTE"]
 */
export function summaryFromResolution(
  record: ProjectRecord,
  res: Map<FieldName, FieldResolution>,
  sources: readonly Citation[],
  sourceCount: number,
  fx: FxTable,
  link: OrganizationLinker,
): ProjectSummary {
  const year = shown<number>(res, "year");
  const money = shown<Money>(res, "amount");
  return {
    id: record.id,
    title: record.title,
    status: record.status ?? shown(res, "status"),
    procurementRoute: record.procurementRoute,
    review: record.review,
    license: record.license,
    vendors: canonicalNames(shown<string[]>(res, "vendors") ?? [], link),
    financiers: canonicalNames(shown<string[]>(res, "financiers") ?? [], link),
    buyer: canonicalNames([shown<string>(res, "buyer")].filter((b): b is string => b !== null), link)[0] ?? null,
    country: shown(res, "country"),
    subdivision: shown(res, "subdivision"),
    city: shown(res, "city"),
    amount: money ? amountView(money, fx, year) : null,
    year,
    category: shown(res, "category"),
    quantity: shown<Record<string, number>>(res, "quantity") ?? {},
    mechanism: shown(res, "mechanism"),
    parties: projectParties(res, link),
    sources: newestFirst(sources),
    sourceCount,
    disputedFields: [...res.values()].filter((r) => r.disputed).map((r) => r.field),
  };
}

/**
 * Builds the summary of a project from all its claims, with every source.
 * @example buildSummary(record, claims, citations, fx, linker).vendors // ["ZTE"]
 */
export function buildSummary(
  record: ProjectRecord,
  claims: readonly Claim[],
  citations: ReadonlyMap<string, Citation>,
  fx: FxTable,
  link: OrganizationLinker,
): ProjectSummary {
  const sourceIds = [...new Set(claims.map((c) => c.evidence.documentId))];
  const sources = sourceIds.map((id) => citations.get(id)).filter((c): c is Citation => c !== undefined);
  return summaryFromResolution(record, resolveClaims(claims), sources, sourceIds.length, fx, link);
}

/** The summary plus every value each field was given, with the evidence for each. */
export function buildDetail(
  record: ProjectRecord,
  claims: readonly Claim[],
  citations: ReadonlyMap<string, Citation>,
  fx: FxTable,
  link: OrganizationLinker,
): ProjectDetail {
  const summary = buildSummary(record, claims, citations, fx, link);
  const out: ProjectDetail["claims"] = {};
  for (const [field, r] of resolveClaims(claims)) {
    out[field] = r.groups.map((g, i) => ({
      value: g.value,
      shown: i === 0,
      sources: g.sources,
      reviewed: g.reviewed,
      evidence: g.claims.map((c) => ({ ...c.evidence, reviewed: c.reviewed })),
    }));
  }
  return { ...summary, claims: out };
}
