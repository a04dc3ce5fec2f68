// Repositories take an executor — the store's Kysely instance or a transaction — so a service
// can run several of them in one transaction.
import type { Kysely } from "kysely";
import type { Database } from "./schema.js";

export type Executor = Kysely<Database>;

/** Runs `fn` in one transaction: every multi-row write goes through here. */
export function inTransaction<T>(db: Executor, fn: (trx: Executor) => Promise<T>): Promise<T> {
  return db.transaction().execute(fn);
}

export const nowIso = (): string => new Date().toISOString();
