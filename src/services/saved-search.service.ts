// Saved searches and their news. A saved search is a filter of the project list with a name and a
// cursor over claims: the claims added since the cursor, on projects the filter matches, are its
// news. Collecting turns them into alerts (one per project, with the new claims, their quotes and
// sources) and moves the cursor, in one transaction: each claim is news once per search.
import { randomBytes } from "node:crypto";
import { NotFoundError, UsageError } from "../domain/errors.js";
import { AlertPayload, type AlertView, type SavedSearchView, type SearchFilter } from "../domain/watch.js";
import { type Executor, inTransaction, nowIso } from "../store/executor.js";
import { listProjects } from "../store/project.repository.js";
import {
  type AlertRow,
  type SavedSearchRow,
  alertCounts,
  alertsOf,
  claimsBetween,
  deleteSavedSearch,
  firstClaimId,
  insertAlert,
  insertSavedSearch,
  listSavedSearches,
  maxClaimId,
  projectsWithClaimsBetween,
  savedSearchByIdOrName,
  updateSavedSearch,
} from "../store/saved-search.repository.js";
import { newAlertId, newSavedSearchId } from "./ids.js";
import { type ProjectQuery, projectConditions } from "./projects.service.js";

/** The list filter as the services take it; the API's schema does the conversion (api/query-schemas.ts). */
export type FilterToQuery = (filter: SearchFilter) => ProjectQuery;

export interface SearchInput {
  name: string;
  filter: SearchFilter;
  webhookUrl?: string | null | undefined;
  /** Given: used; omitted with a webhook: one is made and returned once. */
  webhookSecret?: string | null | undefined;
  email?: string | null | undefined;
}

const NAME = /^[\p{L}\p{N}][\p{L}\p{N} ._'()-]{0,99}$/u;
const EMAIL = /^[^\s@<>,;]+@[^\s@<>,;]+\.[^\s@<>,;]+$/;

function checkInput(input: SearchInput): void {
  if (!NAME.test(input.name)) throw new UsageError(`a saved search's name is 1-100 letters, digits, spaces and ._'()-, starting with a letter or digit; got "${input.name}"`);
  if (input.webhookUrl) {
    let url: URL;
    try {
      url = new URL(input.webhookUrl);
    } catch {
      throw new UsageError(`the webhook "${input.webhookUrl}" is not a URL`);
    }
    if (url.protocol !== "https:" && url.protocol !== "http:") throw new UsageError(`the webhook must be an http(s) URL, got ${url.protocol}`);
  }
  if (input.webhookSecret !== undefined && input.webhookSecret !== null && input.webhookSecret.length < 16) {
    throw new UsageError("a webhook secret must be at least 16 characters (or omit it and one is made)");
  }
  if (input.email && !EMAIL.test(input.email)) throw new UsageError(`"${input.email}" is not an e-mail address`);
}

async function view(db: Executor, row: SavedSearchRow): Promise<SavedSearchView> {
  const counts = await alertCounts(db, row.id);
  return {
    id: row.id, name: row.name, query: JSON.parse(row.query) as SearchFilter, webhookUrl: row.webhook_url, hasSecret: row.webhook_secret !== null,
    email: row.email, createdBy: row.created_by, createdAt: row.created_at, lastCollectedAt: row.last_collected_at,
    alerts: counts.total, pending: counts.pending,
  };
}

/**
 * Saves a search; its news starts now (claims already stored are not news). With a webhook and no
 * secret, a secret is made and returned this once.
 * @example await saveSearch(db, { name: "Hikvision EC", filter: { country: "EC", vendor: "Hikvision" } }, "ana")
 */
export async function saveSearch(db: Executor, input: SearchInput, actor: string): Promise<{ search: SavedSearchView; secret: string | null }> {
  checkInput(input);
  if (await savedSearchByIdOrName(db, input.name)) throw new UsageError(`a saved search named "${input.name}" exists; delete it first or choose another name`);
  const secret = input.webhookUrl ? (input.webhookSecret ?? randomBytes(24).toString("base64url")) : null;
  const row: SavedSearchRow = {
    id: newSavedSearchId(), name: input.name, query: JSON.stringify(input.filter), cursor_claim_id: await maxClaimId(db),
    webhook_url: input.webhookUrl ?? null, webhook_secret: secret, email: input.email ?? null,
    created_by: actor, created_at: nowIso(), last_collected_at: null,
  };
  await insertSavedSearch(db, row);
  return { search: await view(db, row), secret: input.webhookUrl && !input.webhookSecret ? secret : null };
}

export async function getSearchRow(db: Executor, idOrName: string): Promise<SavedSearchRow> {
  const row = await savedSearchByIdOrName(db, idOrName);
  if (!row) throw new NotFoundError(`no saved search "${idOrName}"; list them with \`dsr search list\``);
  return row;
}

export async function getSearch(db: Executor, idOrName: string): Promise<SavedSearchView> {
  return view(db, await getSearchRow(db, idOrName));
}

export async function listSearches(db: Executor): Promise<SavedSearchView[]> {
  const rows = await listSavedSearches(db);
  return Promise.all(rows.map((r) => view(db, r)));
}

export async function removeSearch(db: Executor, idOrName: string): Promise<SavedSearchView> {
  const row = await getSearchRow(db, idOrName);
  const shown = await view(db, row);
  await deleteSavedSearch(db, row.id);
  return shown;
}

/** Changes a search's channels (the filter stays: a different filter is a different search). */
export async function updateSearchChannels(
  db: Executor,
  idOrName: string,
  change: { webhookUrl?: string | null; webhookSecret?: string | null; email?: string | null },
): Promise<{ search: SavedSearchView; secret: string | null }> {
  const row = await getSearchRow(db, idOrName);
  const webhookUrl = change.webhookUrl === undefined ? row.webhook_url : change.webhookUrl;
  checkInput({ name: row.name, filter: {}, webhookUrl, webhookSecret: change.webhookSecret, email: change.email === undefined ? row.email : change.email });
  let secret = change.webhookSecret === undefined ? row.webhook_secret : change.webhookSecret;
  let made: string | null = null;
  if (webhookUrl && !secret) secret = made = randomBytes(24).toString("base64url");
  await updateSavedSearch(db, row.id, { webhook_url: webhookUrl, webhook_secret: webhookUrl ? secret : null, email: change.email === undefined ? row.email : change.email });
  return { search: await view(db, await getSearchRow(db, row.id)), secret: made };
}

/** How many candidate projects are checked against the filter per query. */
const CANDIDATE_CHUNK = 400;

/**
 * Turns a search's news into alerts and moves its cursor. Returns the alerts made.
 * @example const made = await collectNews(db, search, filterToQuery)
 */
export async function collectNews(db: Executor, search: SavedSearchRow, toQuery: FilterToQuery): Promise<AlertRow[]> {
  const conditions = await projectConditions(db, toQuery(JSON.parse(search.query) as SearchFilter));
  return inTransaction(db, async (trx) => {
    // Read inside the transaction: claims committed after it are above `upTo` and wait for next time.
    const current = await trx.selectFrom("saved_searches").select("cursor_claim_id").where("id", "=", search.id).executeTakeFirst();
    if (!current) return [];
    const after = current.cursor_claim_id;
    const upTo = await maxClaimId(trx);
    const made: AlertRow[] = [];
    if (upTo > after) {
      const candidates = await projectsWithClaimsBetween(trx, after, upTo);
      const now = nowIso();
      for (let i = 0; i < candidates.length; i += CANDIDATE_CHUNK) {
        const chunk = candidates.slice(i, i + CANDIDATE_CHUNK);
        const { items } = await listProjects(trx, { ...conditions, projectIds: chunk, sort: "title", limit: chunk.length, offset: 0 });
        for (const project of items) {
          const claims = await claimsBetween(trx, project.id, after, upTo);
          if (claims.length === 0) continue;
          const first = await firstClaimId(trx, project.id);
          const payload = AlertPayload.parse({
            project: { id: project.id, title: project.title, country: project.country ?? null, category: project.category ?? null, year: project.year ?? null },
            isNew: first !== null && first > after,
            claims,
          });
          const row: AlertRow = {
            id: newAlertId(), search_id: search.id, project_id: project.id, payload: JSON.stringify(payload), created_at: now,
            webhook_state: search.webhook_url ? "pending" : "none", webhook_attempts: 0, webhook_next_at: null, webhook_error: null,
            email_state: search.email ? "pending" : "none", email_attempts: 0, email_next_at: null, email_error: null,
          };
          await insertAlert(trx, row);
          made.push(row);
        }
      }
    }
    // Nothing new: no write (the news page is a public GET and collects first).
    if (upTo > after) await updateSavedSearch(trx, search.id, { cursor_claim_id: upTo, last_collected_at: nowIso() });
    return made;
  });
}

/** Collects every saved search's news; returns the alerts made per search name. */
export async function collectAllNews(db: Executor, toQuery: FilterToQuery): Promise<Record<string, number>> {
  const made: Record<string, number> = {};
  for (const search of await listSavedSearches(db)) made[search.name] = (await collectNews(db, search, toQuery)).length;
  return made;
}

/** An alert row as the API and the digests show it; `baseUrl` makes the project link. */
export function alertView(row: AlertRow, baseUrl: string): AlertView {
  const payload = AlertPayload.parse(JSON.parse(row.payload));
  return {
    ...payload,
    id: row.id,
    searchId: row.search_id,
    createdAt: row.created_at,
    link: `${baseUrl.replace(/\/$/, "")}/projects/${encodeURIComponent(payload.project.id)}`,
    webhook: { state: row.webhook_state, attempts: row.webhook_attempts, error: row.webhook_error },
    email: { state: row.email_state, attempts: row.email_attempts, error: row.email_error },
  };
}

/**
 * A search's news, newest first: collected first, so what is new right now is in it.
 * @example await searchNews(db, "Hikvision EC", filterToQuery, { limit: 50, offset: 0, baseUrl: "https://dsr.example" })
 */
export async function searchNews(
  db: Executor,
  idOrName: string,
  toQuery: FilterToQuery,
  page: { limit: number; offset: number; baseUrl: string; collect?: boolean },
): Promise<{ search: SavedSearchView; items: AlertView[]; total: number }> {
  const row = await getSearchRow(db, idOrName);
  if (page.collect !== false) await collectNews(db, row, toQuery);
  const { items, total } = await alertsOf(db, row.id, page);
  return { search: await view(db, await getSearchRow(db, row.id)), items: items.map((r) => alertView(r, page.baseUrl)), total };
}
