// Answers to the heavy read routes (project pages, stats) kept as encoded bytes until the database
// changes: repeated views of the same filters (a map, a dashboard) cost a lookup, not a query.
import type { Executor } from "../store/executor.js";
import { changeStamp } from "../store/meta.repository.js";

const MAX_ENTRIES = 256;
const MAX_ENTRY_BYTES = 2 * 1024 * 1024;

export interface ResponseCache {
  /** The cached body for `key`, or `compute()`'s, cached while the database stays the same. */
  get(key: string, compute: () => Promise<string>): Promise<Buffer>;
}

export function responseCache(db: Executor): ResponseCache {
  const entries = new Map<string, { stamp: string; body: Buffer }>();
  return {
    async get(key, compute) {
      const stamp = await changeStamp(db);
      const hit = entries.get(key);
      if (hit && hit.stamp === stamp) {
        // Re-inserting keeps the Map in least-recently-used order.
        entries.delete(key);
        entries.set(key, hit);
        return hit.body;
      }
      const body = Buffer.from(await compute(), "utf8");
      if (body.byteLength <= MAX_ENTRY_BYTES) {
        entries.delete(key);
        entries.set(key, { stamp, body });
        if (entries.size > MAX_ENTRIES) entries.delete(entries.keys().next().value as string);
      }
      return body;
    },
  };
}
