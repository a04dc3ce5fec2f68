// The shapes of watching: sources with their schedule and health, saved searches, and the alerts
// they produce. One zod schema each gives the type, the API's validation and the OpenAPI document.
import { z } from "zod";

export const WATCH_KINDS = ["rss", "atom", "sitemap", "listing", "ocds", "folder"] as const;
export const WatchKind = z.enum(WATCH_KINDS).describe("rss, atom, sitemap, listing (a news site's page of article links), ocds (release or record package), folder (CLI only)");
export type WatchKind = z.infer<typeof WatchKind>;

/** What one run of a source brought. */
export const RunCounts = z.object({
  /** Items the source listed (feed entries, sitemap URLs, links, OCDS releases read, files). */
  listed: z.number().int(),
  /** Items not seen before (or failed before and retried). */
  new: z.number().int(),
  /** New documents stored. */
  documents: z.number().int(),
  /** Items whose bytes were already a document. */
  duplicates: z.number().int(),
  /** Items that could not be fetched, read or stored. */
  failed: z.number().int(),
  /** Items refused by robots.txt. */
  disallowed: z.number().int(),
  projectsCreated: z.number().int(),
  projectsJoined: z.number().int(),
  /** OCDS: processes imported before whose content changed. */
  updated: z.number().int(),
  /** HTTP requests made (robots.txt included). */
  requests: z.number().int(),
});
export type RunCounts = z.infer<typeof RunCounts>;

export const emptyCounts = (): RunCounts => ({ listed: 0, new: 0, documents: 0, duplicates: 0, failed: 0, disallowed: 0, projectsCreated: 0, projectsJoined: 0, updated: 0, requests: 0 });

/**
 * A source's health in one word: ok (worked last time and brought something within its quiet
 * window), quiet (works but has brought nothing new for a long time — a feed gone dark looks like
 * this), failing (the last runs failed; since when is `failingSince`), never_run.
 */
export const HealthState = z.enum(["ok", "quiet", "failing", "never_run"]);
export type HealthState = z.infer<typeof HealthState>;

export const WatchSourceView = z.object({
  id: z.string(),
  url: z.string(),
  kind: WatchKind,
  title: z.string().nullable(),
  everySeconds: z.number().int(),
  options: z.record(z.string(), z.unknown()),
  nextRunAt: z.string(),
  failures: z.number().int().describe("consecutive failed runs (0 after a success)"),
  failingSince: z.string().nullable(),
  lastRunAt: z.string().nullable(),
  lastOutcome: z.enum(["ok", "not_modified", "failed"]).nullable(),
  lastOkAt: z.string().nullable().describe("the last run that worked (a 304 counts)"),
  lastNewAt: z.string().nullable().describe("the last run that brought a new item"),
  lastError: z.string().nullable(),
  lastErrorAt: z.string().nullable(),
  lastCounts: RunCounts.nullable(),
  health: HealthState,
  /** Why the health is what it is, in words: "no new item for 94 days", "failing since …: HTTP 503". */
  healthNote: z.string(),
  createdBy: z.string(),
  createdAt: z.string(),
});
export type WatchSourceView = z.infer<typeof WatchSourceView>;

export const WatchRunView = z.object({
  id: z.number().int(),
  sourceId: z.string(),
  startedAt: z.string(),
  finishedAt: z.string(),
  outcome: z.enum(["ok", "not_modified", "failed"]),
  httpStatus: z.number().int().nullable(),
  error: z.string().nullable(),
  counts: RunCounts,
});
export type WatchRunView = z.infer<typeof WatchRunView>;

export const SourceHealthView = WatchSourceView.extend({ recentRuns: z.array(WatchRunView) });
export type SourceHealthView = z.infer<typeof SourceHealthView>;

/** A saved search's filters: those of the project list (GET /api/projects), snake_case. */
export const SearchFilter = z.record(z.string(), z.union([z.string(), z.number()]));
export type SearchFilter = z.infer<typeof SearchFilter>;

export const SavedSearchView = z.object({
  id: z.string(),
  name: z.string(),
  query: SearchFilter,
  webhookUrl: z.string().nullable(),
  /** Whether a webhook secret is set; the secret itself is never shown again. */
  hasSecret: z.boolean(),
  email: z.string().nullable(),
  createdBy: z.string(),
  createdAt: z.string(),
  lastCollectedAt: z.string().nullable(),
  /** Alerts so far, and those still waiting for delivery on a channel. */
  alerts: z.number().int(),
  pending: z.number().int(),
});
export type SavedSearchView = z.infer<typeof SavedSearchView>;

export const AlertClaim = z.object({
  id: z.number().int(),
  field: z.string(),
  value: z.unknown(),
  quote: z.string(),
  document: z.object({ id: z.string(), title: z.string().nullable(), url: z.string().nullable(), citation: z.string() }),
});
export type AlertClaim = z.infer<typeof AlertClaim>;

/** One project in a digest: new (all its claims are new) or changed (new claims on a known project). */
export const AlertPayload = z.object({
  project: z.object({ id: z.string(), title: z.string(), country: z.string().nullable(), category: z.string().nullable(), year: z.number().nullable() }),
  isNew: z.boolean(),
  claims: z.array(AlertClaim),
});
export type AlertPayload = z.infer<typeof AlertPayload>;

const Delivery = z.object({ state: z.enum(["none", "pending", "sent", "failed"]), attempts: z.number().int(), error: z.string().nullable() });

export const AlertView = AlertPayload.extend({
  id: z.string(),
  searchId: z.string(),
  createdAt: z.string(),
  /** The project's page in the web app. */
  link: z.string(),
  webhook: Delivery,
  email: Delivery,
});
export type AlertView = z.infer<typeof AlertView>;
