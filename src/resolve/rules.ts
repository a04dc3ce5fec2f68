// The resolution rules shipped in data/resolution.json: thresholds, legal forms, compatible
// categories and the weights of the clustering signals, checked once on first use.
import { z } from "zod";
import { Category } from "../domain/vocabulary.js";
import { dataFile } from "../extract/data-file.js";

const ResolutionRules = z.object({
  organizations: z.object({
    fuzzyThreshold: z.number().min(0.5).max(1),
    minFuzzyLength: z.number().int().positive(),
    legalForms: z.array(z.string().min(1)),
  }),
  clustering: z.object({
    yearTolerance: z.number().int().nonnegative(),
    amountTolerance: z.number().nonnegative(),
    compatibleCategories: z.array(z.tuple([Category, Category])),
    weights: z.object({
      vendor: z.number(), financier: z.number(), buyer: z.number(), city: z.number(), subdivision: z.number(),
      category: z.number(), year: z.number(), amount: z.number(), quantity: z.number(),
    }),
    minScore: z.number(),
    /**
     * The bar for a record of a structured source (AidData, OCDS, CGIT): its fields are few and
     * exact, so a shared vendor, country and year alone are not yet the same deal.
     */
    minScoreImported: z.number(),
  }),
});
export type ResolutionRules = z.infer<typeof ResolutionRules>;

export function resolutionRules(): ResolutionRules {
  return dataFile("resolution.json", ResolutionRules);
}
