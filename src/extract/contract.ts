// The deal contract's JSON (shared/contracts/deal.schema.json) for an extracted deal: the
// required fields exactly, evidence in its object form, plus parties, field offsets, status,
// language and confidence.
import type { ExtractedDeal } from "./deal.js";

export interface DealJson {
  source: string;
  vendors: string[];
  financiers: string[];
  buyer: string | null;
  country: string | null;
  subdivision: string | null;
  city: string | null;
  amount: { value: number; currency: string; approximate?: boolean } | null;
  year: number | null;
  category: string;
  quantity: Record<string, number>;
  mechanism: string | null;
  evidence: { text: string; start: number; end: number };
  status: string | null;
  parties: { name: string; role: string; organizationId: string | null }[];
  fields: Record<string, { start: number; end: number }>;
  /** Fields read from around the deal's sentence (the document's date, the passage), not from it. */
  inferred: string[];
  language: string;
  confidence: number;
}

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
