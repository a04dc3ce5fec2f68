// The deal an extractor reads from one document: the contract's fields, each with the span of
// text that supports it, plus parties with their roles and gazetteer ids.
import type { Category, Mechanism, Role, Status } from "../domain/vocabulary.js";
import type { Lang, Span } from "./types.js";

export type DealField =
  | "vendors" | "financiers" | "buyer" | "country" | "subdivision" | "city" | "amount" | "year"
  | "category" | "quantity" | "mechanism" | "status" | "procurementMethod";

export interface ExtractedParty {
  name: string;
  role: Role;
  /** Gazetteer id, or null for a name the gazetteer does not know. */
  organizationId: string | null;
  span: Span;
}

export interface ExtractedDeal {
  vendors: string[];
  financiers: string[];
  buyer: string | null;
  country: string | null;
  subdivision: string | null;
  city: string | null;
  amount: { value: number; currency: string; approximate: boolean } | null;
  year: number | null;
  category: Category;
  quantity: Record<string, number>;
  mechanism: Mechanism | null;
  status: Status | null;
  parties: ExtractedParty[];
  /** The procurement method in the source's own terms; structured sources (OCDS) state it, prose rarely. */
  procurementMethod?: string | null;
  /** The sentence (or table row) that states the deal. */
  evidence: Span & { text: string };
  /** Where each filled field was read. */
  fields: Partial<Record<DealField, Span>>;
  /**
   * Fields not stated by the deal's own sentence but taken from around it: a year from the
   * document's date, a counterpart or technology from the passage or the document as a whole.
   */
  inferred: DealField[];
  language: Lang;
  /** 0–1: how many independent signals support the record. */
  confidence: number;
}
