// The JSON shape of the web app's overview: every figure, chart series and map point for one set of
// filters, in one answer, so the first screen needs a single request.
import { z } from "zod";
import { Group } from "./views.js";

export const OverviewPoint = z.object({
  lon: z.number(),
  lat: z.number(),
  /** The city the point stands for (for "subdivision", the subdivision's most populous city). */
  place: z.string(),
  country: z.string(),
  precision: z.enum(["city", "subdivision"]),
  projects: z.number().int(),
  usd: z.number(),
  /** The project, when the point holds exactly one (the map then links straight to it). */
  projectId: z.string().nullable(),
  title: z.string().nullable(),
});
export type OverviewPoint = z.infer<typeof OverviewPoint>;

export const Overview = z.object({
  totals: z.object({
    projects: z.number().int(),
    countries: z.number().int(),
    vendors: z.number().int(),
    usd: z.number(),
    /** Projects with an amount converted to USD (the USD total covers only these). */
    withAmount: z.number().int(),
    /** Distinct documents the matching projects cite. */
    sources: z.number().int(),
  }),
  byCountry: z.array(Group),
  byCategory: z.array(Group),
  byMechanism: z.array(Group),
  /** Projects per (year, category); projects without a year are left out. */
  byYearCategory: z.array(z.object({ year: z.number().int(), category: z.string().nullable(), projects: z.number().int(), usd: z.number() })),
  /** Suppliers (vendor, investor, acquirer, donor) with the most projects. */
  topVendors: z.array(Group),
  /** Projects per (top vendor, country), counted as the top-vendors chart counts (without subsidiaries). */
  vendorCountry: z.array(z.object({ vendor: z.string(), label: z.string(), country: z.string().nullable(), projects: z.number().int(), usd: z.number() })),
  /** Projects placed at a city (or at their subdivision), grouped by place. */
  points: z.array(OverviewPoint),
  /** Every licence the matching records carry, as one line. */
  license: z.string(),
  coordinatesAttribution: z.string(),
});
export type Overview = z.infer<typeof Overview>;

export const ProjectLocation = z.object({
  location: z
    .object({ lon: z.number(), lat: z.number(), precision: z.enum(["city", "subdivision", "country"]), place: z.string() })
    .nullable()
    .describe("null when no place of the gazetteer matches"),
  attribution: z.string(),
});
