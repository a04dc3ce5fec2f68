// Request schemas of the HTTP API, shared by the CLI where the same filters apply.
import { z } from "zod";
import { Category, ReviewState, Status } from "../domain/vocabulary.js";
import { MAX_LIMIT } from "../services/projects.service.js";

export const ProjectListQuery = z.object({
  country: z
    .string()
    .regex(/^[A-Za-z]{2}$/, "an ISO 3166-1 alpha-2 code such as AR")
    .transform((s) => s.toUpperCase())
    .optional(),
  vendor: z.string().min(1).max(200).optional(),
  category: Category.optional(),
  year: z.coerce.number().int().min(1900).max(2100).optional(),
  status: Status.optional(),
  review: ReviewState.optional(),
  q: z.string().min(1).max(500).optional(),
  limit: z.coerce.number().int().min(1).max(MAX_LIMIT).default(100),
  offset: z.coerce.number().int().min(0).default(0),
});
export type ProjectListQuery = z.infer<typeof ProjectListQuery>;
