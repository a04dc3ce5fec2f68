// An observatory served in-process for browser tests: a temporary SQLite file filled from the
// bundled data/, the built web app from dist/web, listening on 127.0.0.1 on a free port.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { buildServer } from "../../src/api/server.js";
import { DEFAULT_WEB_ROOT } from "../../src/api/web-app.js";
import { type OpenedApp, openApp } from "../../src/app.js";
import { readConfig } from "../../src/config.js";
import { createToken } from "../../src/services/access.service.js";

export interface TestSite {
  url: string;
  app: OpenedApp;
  /** An editor's token, made through the access service as `dsr token create` would. */
  editorToken: string;
  close(): Promise<void>;
}

/** `env`: more settings for the server (e.g. DSR_ALLOW_HOSTS for a site that reads a test's feeds). */
export async function startSite(options: { database?: string; env?: Record<string, string> } = {}): Promise<TestSite> {
  const dir = mkdtempSync(join(tmpdir(), "dsr-e2e-"));
  const app = await openApp({ database: options.database ?? join(dir, "observatory.db"), load: options.database ? "if-empty" : "if-changed" });
  const editorToken = (await createToken(app.store.db, { name: "e2e-editor", role: "editor" })).token;
  // A generous rate limit: a browser test makes many requests from one address in a minute.
  const server = buildServer(app, { config: readConfig({ DSR_RATE_LIMIT: "100000", DSR_RATE_LIMIT_TOKEN: "100000", ...options.env }), webRoot: DEFAULT_WEB_ROOT });
  const url = await server.listen({ host: "127.0.0.1", port: 0 });
  return {
    url,
    app,
    editorToken,
    async close() {
      await server.close();
      await app.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
