// JSON shapes of what the API, the CLI and exports show besides projects: organizations, places,
// documents with their mentions, grouped statistics and cross-entity search. One zod schema each,
// which also gives the type and the OpenAPI document.
import { z } from "zod";
import { Citation, ProjectSummary } from "./project.js";
import { OrgKind, Role } from "./vocabulary.js";

export const Group = z.object({
  key: z.string().nullable(),
  label: z.string().nullable(),
  projects: z.number().int(),
  /** Sum of the amounts that have a USD value. */
  usd: z.number(),
  /** How many of the projects have such an amount. */
  withAmount: z.number().int(),
});
export type Group = z.infer<typeof Group>;

export const OrganizationSummary = z.object({
  id: z.string(),
  name: z.string(),
  fullName: z.string().nullable(),
  kind: OrgKind.or(z.string()),
  homeCountry: z.string().nullable(),
  parentId: z.string().nullable(),
  /** "verified" for the shipped gazetteer, "candidate" for names machines met and nobody checked. */
  reviewState: z.string(),
  projects: z.number().int(),
});
export type OrganizationSummary = z.infer<typeof OrganizationSummary>;

export const OrganizationProfile = OrganizationSummary.extend({
  aliases: z.array(z.string()),
  sources: z.array(z.string()),
  parent: OrganizationSummary.nullable(),
  subsidiaries: z.array(OrganizationSummary),
  /** Projects of the organization or its subsidiaries, newest first (up to 100; see `total`). */
  projectList: z.object({ items: z.array(ProjectSummary), total: z.number().int() }),
  byCountry: z.array(Group),
  byYear: z.array(Group),
  byRole: z.array(z.object({ role: Role, projects: z.number().int() })),
});
export type OrganizationProfile = z.infer<typeof OrganizationProfile>;

export const PlaceView = z.object({
  code: z.string(),
  kind: z.enum(["country", "subdivision"]),
  name: z.string(),
  names: z.record(z.string(), z.string()),
  country: z.string().nullable(),
  lac: z.boolean(),
  projectList: z.object({ items: z.array(ProjectSummary), total: z.number().int() }),
  byCategory: z.array(Group),
  byYear: z.array(Group),
  byVendor: z.array(Group),
  totals: z.object({ projects: z.number().int(), usd: z.number(), withAmount: z.number().int() }),
});
export type PlaceView = z.infer<typeof PlaceView>;

const SpanView = z.object({ start: z.number().int(), end: z.number().int() });

export const MentionView = z.object({
  id: z.string(),
  projectId: z.string().nullable(),
  /** Why resolution joined the mention to its project, or started a new one. */
  rule: z.string().nullable(),
  evidence: SpanView.extend({ text: z.string() }),
  /** Where each field was read. */
  fields: z.record(z.string(), SpanView),
  parties: z.array(SpanView.extend({ name: z.string(), role: Role, organizationId: z.string().nullable() })),
});

export const DocumentView = Citation.extend({
  language: z.string().nullable(),
  readAs: z.string().nullable(),
  /** PDF: where each page starts in `text`. */
  pageStarts: z.array(z.number().int()).nullable(),
  ocr: z.boolean(),
  text: z.string().nullable(),
  mentions: z.array(MentionView),
  license: z.string(),
});
export type DocumentView = z.infer<typeof DocumentView>;

export const SearchResult = z.object({
  projects: z.object({ items: z.array(ProjectSummary), total: z.number().int() }),
  organizations: z.array(OrganizationSummary),
  documents: z.array(z.object({ id: z.string(), title: z.string().nullable(), published: z.string().nullable(), snippet: z.string() })),
});
export type SearchResult = z.infer<typeof SearchResult>;
