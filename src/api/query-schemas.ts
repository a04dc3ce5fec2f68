// Request schemas of the HTTP API, shared by the CLI where the same filters apply. Query
// parameters are snake_case as URLs usually are; they become the camelCase ProjectQuery.
import { z } from "zod";
import { Category, Mechanism, ReviewState, Status } from "../domain/vocabulary.js";
import { MAX_LIMIT, type ProjectQuery } from "../services/projects.service.js";
import { PROJECT_SORTS } from "../store/project.repository.js";

const name = z.string().trim().min(1).max(200);
const year = z.coerce.number().int().min(1900).max(2100);
const usd = z.coerce.number().min(0).max(1e15);

/** The filters every project query shares: lists, stats and exports. */
export const ProjectFilterQuery = z.object({
  country: z
    .string()
    .regex(/^[A-Za-z]{2}$/, "an ISO 3166-1 alpha-2 code such as AR")
    .transform((s) => s.toUpperCase())
    .optional()
    .describe("ISO 3166-1 alpha-2 country code"),
  subdivision: name.optional().describe("first-level subdivision as named, e.g. Jujuy"),
  vendor: name.optional().describe("vendor, investor, acquirer or donor: any alias; includes subsidiaries"),
  financier: name.optional().describe("lender or funder: any alias; includes subsidiaries"),
  buyer: name.optional().describe("buyer: any alias"),
  category: Category.optional(),
  mechanism: Mechanism.optional(),
  status: Status.optional(),
  review: ReviewState.optional(),
  year: year.optional().describe("deal year exactly"),
  year_from: year.optional(),
  year_to: year.optional(),
  amount_min: usd.optional().describe("US dollars"),
  amount_max: usd.optional().describe("US dollars"),
  q: z.string().min(1).max(500).optional().describe("full text over titles, parties, places and evidence, matched across es/pt/en"),
});

export const ProjectListQuery = ProjectFilterQuery.extend({
  sort: z.enum(PROJECT_SORTS).default("-year").describe("year, amount, title or updated; a leading - sorts descending"),
  // 25 by default: a page of full summaries with their citations is ~35 kB; ask for up to 1000.
  limit: z.coerce.number().int().min(1).max(MAX_LIMIT).default(25),
  offset: z.coerce.number().int().min(0).max(1_000_000).default(0),
});
export type ProjectListQuery = z.infer<typeof ProjectListQuery>;

/** The validated query as the services take it. */
export function toProjectQuery(q: z.infer<typeof ProjectFilterQuery> & Partial<Pick<ProjectListQuery, "sort" | "limit" | "offset">>): ProjectQuery {
  return {
    country: q.country,
    subdivision: q.subdivision,
    vendor: q.vendor,
    financier: q.financier,
    buyer: q.buyer,
    category: q.category,
    mechanism: q.mechanism,
    status: q.status,
    review: q.review,
    yearFrom: q.year ?? q.year_from,
    yearTo: q.year ?? q.year_to,
    amountMin: q.amount_min,
    amountMax: q.amount_max,
    q: q.q,
    sort: q.sort,
    limit: q.limit,
    offset: q.offset,
  };
}

/**
 * A saved search's filter (the list's filters, snake_case) into the services' query; throws the
 * zod error of a filter that is not one (the API and the CLI validate before saving).
 * @example filterToQuery({ country: "EC", vendor: "Hikvision" }) // { country: "EC", vendor: "Hikvision", … }
 */
export function filterToQuery(filter: Record<string, unknown>): ProjectQuery {
  return toProjectQuery(ProjectFilterQuery.parse(filter));
}
