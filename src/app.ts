// The composition root: opens the store, reads the money table and makes sure the bundled data
// is in the database. Commands and the server get everything from here; nothing runs at import.
import type { FxTable } from "./domain/money.js";
import { DEFAULT_DATA_DIR, readBundledData, readFxTable } from "./importers/bundled-files.js";
import { BUNDLED_HASH_KEY, type LoadResult, loadBundledData } from "./services/bundled-data.service.js";
import { getMeta } from "./store/meta.repository.js";
import { type Store, openStore } from "./store/open-database.js";
import { isPostgresUrl } from "./store/database-url.js";

export interface App {
  store: Store;
  fx: FxTable;
  dataDir: string;
  close(): Promise<void>;
}

export interface OpenAppOptions {
  /** An SQLite file path (or ":memory:"), or a postgres:// URL. */
  database: string;
  dataDir?: string | undefined;
  /**
   * When to load data/: "if-changed" reloads when the bundled files differ from what the
   * database holds; "if-empty" only on a database that never had them.
   */
  load: "if-changed" | "if-empty" | "force";
}

/** The app plus what opening it loaded (null when the bundled data was not looked at). */
export interface OpenedApp extends App {
  loaded: LoadResult | null;
}

export async function openApp(options: OpenAppOptions): Promise<OpenedApp> {
  const dataDir = options.dataDir ?? DEFAULT_DATA_DIR;
  const fx = readFxTable(dataDir);
  // The PostgreSQL driver is loaded only for a PostgreSQL database: SQLite commands start without it.
  const store = isPostgresUrl(options.database) ? await (await import("./store/open-postgres.js")).openPostgresStore(options.database) : await openStore(options.database);
  try {
    let loaded: LoadResult | null = null;
    const loadedBefore = (await getMeta(store.db, BUNDLED_HASH_KEY)) !== null;
    if (options.load !== "if-empty" || !loadedBefore) {
      loaded = await loadBundledData(store.db, readBundledData(dataDir), fx, { force: options.load === "force" });
    }
    return { store, fx, dataDir, loaded, close: () => store.close() };
  } catch (err) {
    await store.close();
    throw err;
  }
}
