// The controlled vocabularies of the model, as zod enums: one definition gives the type, the
// validation at every boundary and (later) the OpenAPI document. Labels and trigger terms in
// en/es/pt live in data/vocabularies.json; these ids must match it (a test checks).
import { z } from "zod";

export const CATEGORIES = [
  "telecom_network", "5g", "submarine_cable", "satellite", "data_center", "surveillance",
  "national_id", "smart_city", "e_government", "ecommerce_fintech", "mobility", "energy_tech", "other",
] as const;
export const Category = z.enum(CATEGORIES);
export type Category = z.infer<typeof Category>;

export const MECHANISMS = [
  "contract", "loan", "donation", "investment", "acquisition", "partnership", "tender", "mou",
] as const;
export const Mechanism = z.enum(MECHANISMS);
export type Mechanism = z.infer<typeof Mechanism>;

export const PROCUREMENT_ROUTES = [
  "international_tender", "national_tender", "municipal_tender", "private_negotiation",
  "state_to_state", "donation",
] as const;
export const ProcurementRoute = z.enum(PROCUREMENT_ROUTES);
export type ProcurementRoute = z.infer<typeof ProcurementRoute>;

export const STATUSES = ["announced", "signed", "in_progress", "completed", "cancelled", "suspended"] as const;
export const Status = z.enum(STATUSES);
export type Status = z.infer<typeof Status>;

export const ROLES = ["vendor", "financier", "investor", "acquirer", "donor", "buyer", "operator", "partner"] as const;
export const Role = z.enum(ROLES);
export type Role = z.infer<typeof Role>;

export const REVIEW_STATES = ["candidate", "verified", "rejected"] as const;
export const ReviewState = z.enum(REVIEW_STATES);
export type ReviewState = z.infer<typeof ReviewState>;

export const ORG_KINDS = [
  "company", "state_owned_enterprise", "policy_bank", "commercial_bank", "government",
  "government_agency", "regulator", "operator", "university", "multilateral", "ngo", "media", "other",
] as const;
export const OrgKind = z.enum(ORG_KINDS);
export type OrgKind = z.infer<typeof OrgKind>;

/** Keys of `quantity`, as in the deal contract: English plurals, lower case. */
export const QUANTITY_KEYS = ["cameras", "km", "satellites", "sites", "centers", "units", "users", "schools"] as const;
