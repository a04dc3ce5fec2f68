// The deal contract's JSON (shared/contracts/deal.schema.json) for an extracted deal: the
// required fields exactly, evidence in its object form, plus parties, field offsets, status,
// language and confidence.
import type { ExtractedDeal } from "./deal.js";

/** A deal as `extract --json` prints it: the extracted deal plus its source, parties and offsets as plain JSON. */
export type DealJson = Omit<ExtractedDeal, "parties" | "fields"> & {
  source: string;
  parties: { name: string; role: string; organizationId: string | null }[];
  fields: Record<string, { start: number; end: number }>;
};

export function dealJson(deal: ExtractedDeal, source: string): DealJson {
  const fields: DealJson["fields"] = {};
  for (const [k, v] of Object.entries(deal.fields)) if (v) fields[k] = { start: v.start, end: v.end };
  return {
    source,
    vendors: deal.vendors,
    financiers: deal.financiers,
    buyer: deal.buyer,
    country: deal.country,
    subdivision: deal.subdivision,
    city: deal.city,
    amount: deal.amount,
    year: deal.year,
    category: deal.category,
    quantity: deal.quantity,
    mechanism: deal.mechanism,
    evidence: deal.evidence,
    status: deal.status,
    parties: deal.parties.map((p) => ({ name: p.name, role: p.role, organizationId: p.organizationId })),
    fields,
    inferred: deal.inferred,
    language: deal.language,
    confidence: Math.round(deal.confidence * 100) / 100,
  };
}
