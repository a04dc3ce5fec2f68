// The database's tables as Kysely sees them. Rows become domain objects in the repositories, so
// nothing outside store/ sees these types. JSON columns hold text (SQLite) and are parsed at the edge.
import type { ColumnType, Generated } from "kysely";

export interface DocumentsTable {
  id: string;
  sha256: string | null;
  url: string | null;
  path: string | null;
  title: string | null;
  authors: string; // JSON string[]
  publisher: string | null;
  published: string | null;
  language: string | null;
  read_as: string | null;
  citation: string;
  text: string | null;
  origin: string;
  created_at: string;
  bytes: number | null;
  encoding: string | null;
  page_starts: string | null; // JSON number[]
  ocr: ColumnType<number, number | undefined, number>;
  extractor_version: string | null;
  /** The source's own licence (imported records); null: the observatory's, by origin. */
  license: ColumnType<string | null, string | null | undefined, string | null>;
}

export interface OrganizationsTable {
  id: string;
  name: string;
  full_name: string | null;
  kind: string;
  home_country: string | null;
  parent_id: string | null;
  sources: string; // JSON string[]
  origin: string;
  review_state: ColumnType<string, string | undefined, string>;
  /** The topmost parent's id (its own when it has no parent). */
  family_id: string | null;
}

/** Lookup rows for resolution: one per project and family of a party, with the shown country, category and year. */
export interface ProjectKeysTable {
  country: string;
  family_id: string;
  /** "" when the project has no category. */
  category: string;
  year: number | null;
  project_id: string;
  /** The project's origin ("extracted", "aiddata"…), fixed when it is made. */
  origin: Generated<string>;
}

export interface OrganizationAliasesTable {
  organization_id: string;
  alias: string;
  alias_key: string;
}

export interface PlacesTable {
  id: string;
  kind: "country" | "subdivision" | "city";
  name: string;
  country: string | null;
  parent_id: string | null;
  names: string; // JSON { en, es, pt }
  aliases: string; // JSON string[]
  lat: number | null;
  lon: number | null;
  population: number | null;
  lac: number;
}

export interface ProjectsTable {
  id: string;
  title: string;
  status: string | null;
  procurement_route: string | null;
  review_state: string;
  reviewed_by: string | null;
  reviewed_at: string | null;
  origin: string;
  // Shown values, recomputed from the claims in the same transaction as any claim change; kept as
  // columns so lists filter and sort in SQL.
  country: string | null;
  category: string | null;
  year: number | null;
  amount_usd: number | null;
  subdivision: string | null;
  city: string | null;
  amount_value: number | null;
  amount_currency: string | null;
  quantity: ColumnType<string, string | undefined, string>; // JSON Record<string, number>
  mechanism: string | null;
  shown_status: string | null;
  summary: string; // JSON ProjectSummary
  created_at: string;
  updated_at: string;
}

export interface ProjectPartiesTable {
  project_id: string;
  name: string;
  role: string;
  organization_id: string | null;
}

export interface ClaimsTable {
  id: Generated<number>;
  project_id: string;
  field: string;
  value: string; // JSON
  value_key: string;
  document_id: string;
  evidence_text: string;
  evidence_start: number | null;
  evidence_end: number | null;
  reviewed: number;
  origin: string;
  created_at: string;
  mention_id: string | null;
  inferred: ColumnType<number, number | undefined, number>;
}

/** One deal as one document states it (the extractor's output), and the project it joined. */
export interface MentionsTable {
  id: string;
  document_id: string;
  position: number;
  deal: string; // JSON ExtractedDeal
  project_id: string | null;
  /** Why the mention joined its project (or why it started a new one). */
  rule: string | null;
  resolved_at: string | null;
  extractor_version: string;
}

export interface AuditEventsTable {
  id: Generated<number>;
  at: string;
  actor: string;
  action: string;
  entity: string;
  entity_id: string;
  before: string | null;
  after: string | null;
}

/** Who may write: a named token with a role. `token_hash` is the sha256 hex of the token; the token is never stored. */
export interface AccessTokensTable {
  id: string;
  name: string;
  role: "editor" | "admin";
  token_hash: string;
  created_at: string;
  last_used_at: string | null;
  revoked_at: string | null;
}

/** A browser session made from a token; `id` is the sha256 hex of the secret in the cookie. */
export interface SessionsTable {
  id: string;
  token_id: string;
  created_at: string;
  expires_at: string;
}

/** A record of a structured source, by its key: which document holds it and a hash of its content. */
export interface ImportedRecordsTable {
  key: string;
  origin: string;
  document_id: string;
  content_hash: string;
  data: string | null;
  run_id: string | null;
  updated_at: string;
}

export interface ImportRunsTable {
  id: string;
  kind: string;
  source: string;
  source_identity: string;
  options: string; // JSON
  status: "running" | "done" | "failed" | "interrupted";
  position: number;
  counts: string; // JSON
  error: string | null;
  started_at: string;
  finished_at: string | null;
}

export interface MetaTable {
  key: string;
  value: string;
}

/** Written by triggers (migration 010): which project changed, in order. */
export interface ProjectChangesTable {
  id: Generated<number>;
  project_id: string;
}

export interface ProjectsFtsTable {
  rowid: ColumnType<number, never, never>;
  project_id: string;
  title: string;
  body: string;
}

/** An impact assessment: answers against a questionnaire version; scores are recomputed, never stored. */
export interface AssessmentsTable {
  id: string;
  title: string;
  project_id: string | null;
  country: string;
  questionnaire_version: string;
  status: "draft" | "complete";
  answers: string; // JSON Answers
  provenance: string; // JSON Record<questionId, reason>
  created_by: string;
  created_at: string;
  updated_by: string;
  updated_at: string;
}

/** A watched source: its schedule, the validators of its last answer, back-off and health. */
export interface WatchSourcesTable {
  id: string;
  url: string;
  kind: "rss" | "atom" | "sitemap" | "listing" | "ocds" | "folder";
  title: string | null;
  every_seconds: number;
  options: ColumnType<string, string | undefined, string>; // JSON
  etag: string | null;
  last_modified: string | null;
  next_run_at: string;
  failures: ColumnType<number, number | undefined, number>;
  failing_since: string | null;
  last_run_at: string | null;
  last_outcome: "ok" | "not_modified" | "failed" | null;
  last_ok_at: string | null;
  last_new_at: string | null;
  last_error: string | null;
  last_error_at: string | null;
  last_counts: string | null; // JSON RunCounts
  created_by: string;
  created_at: string;
}

/** An item a source listed, remembered so it becomes a document once. */
export interface WatchItemsTable {
  source_id: string;
  key: string;
  url: string | null;
  title: string | null;
  status: "stored" | "duplicate" | "failed" | "skipped";
  document_id: string | null;
  error: string | null;
  attempts: ColumnType<number, number | undefined, number>;
  seen_at: string;
}

export interface WatchRunsTable {
  id: Generated<number>;
  source_id: string;
  started_at: string;
  finished_at: string;
  outcome: "ok" | "not_modified" | "failed";
  http_status: number | null;
  error: string | null;
  counts: string; // JSON RunCounts
}

export interface SavedSearchesTable {
  id: string;
  name: string;
  query: string; // JSON SearchFilter (snake_case, as the API takes it)
  cursor_claim_id: ColumnType<number, number | undefined, number>;
  webhook_url: string | null;
  webhook_secret: string | null;
  email: string | null;
  created_by: string;
  created_at: string;
  last_collected_at: string | null;
}

export type DeliveryState = "none" | "pending" | "sent" | "failed";

export interface AlertsTable {
  id: string;
  search_id: string;
  project_id: string;
  payload: string; // JSON
  created_at: string;
  webhook_state: DeliveryState;
  webhook_attempts: ColumnType<number, number | undefined, number>;
  webhook_next_at: string | null;
  webhook_error: string | null;
  email_state: DeliveryState;
  email_attempts: ColumnType<number, number | undefined, number>;
  email_next_at: string | null;
  email_error: string | null;
}

export interface Database {
  documents: DocumentsTable;
  organizations: OrganizationsTable;
  organization_aliases: OrganizationAliasesTable;
  places: PlacesTable;
  projects: ProjectsTable;
  project_parties: ProjectPartiesTable;
  claims: ClaimsTable;
  mentions: MentionsTable;
  project_keys: ProjectKeysTable;
  audit_events: AuditEventsTable;
  access_tokens: AccessTokensTable;
  sessions: SessionsTable;
  meta: MetaTable;
  imported_records: ImportedRecordsTable;
  import_runs: ImportRunsTable;
  projects_fts: ProjectsFtsTable;
  project_changes: ProjectChangesTable;
  assessments: AssessmentsTable;
  watch_sources: WatchSourcesTable;
  watch_items: WatchItemsTable;
  watch_runs: WatchRunsTable;
  saved_searches: SavedSearchesTable;
  alerts: AlertsTable;
}
