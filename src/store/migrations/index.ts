// The ordered list of migrations, in code so that the compiled package carries them.
import type { Migration, MigrationProvider } from "kysely";
import * as m001 from "./001-initial.js";
import * as m002 from "./002-ingestion.js";
import * as m003 from "./003-project-search-by-id.js";
import * as m004 from "./004-project-filters.js";
import * as m005 from "./005-access-tokens.js";
import * as m006 from "./006-imports.js";
import * as m007 from "./007-assessments.js";
import * as m008 from "./008-watch.js";
import * as m009 from "./009-project-keys-origin.js";
import * as m010 from "./010-project-changes.js";

const MIGRATIONS: Record<string, Migration> = {
  "001-initial": m001,
  "002-ingestion": m002,
  "003-project-search-by-id": m003,
  "004-project-filters": m004,
  "005-access-tokens": m005,
  "006-imports": m006,
  "007-assessments": m007,
  "008-watch": m008,
  "009-project-keys-origin": m009,
  "010-project-changes": m010,
};

export const migrationProvider: MigrationProvider = {
  getMigrations: async () => MIGRATIONS,
};

export const LATEST_MIGRATION = Object.keys(MIGRATIONS).sort().at(-1) ?? "";
