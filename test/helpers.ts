// Shared test fixtures: temporary folders and an app on a fresh database with the real migrations.
import { mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { after } from "node:test";
import { type OpenedApp, openApp } from "../src/app.js";
import type { Io } from "../src/cli/context.js";
import { TESTS_ON_POSTGRES, testDatabase } from "./postgres.js";

/** A temporary folder removed when the test file ends. */
export function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), "dsr-test-"));
  after(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

/**
 * An app over a fresh database with the bundled data loaded — in memory, or a PostgreSQL schema
 * under `npm run test:pg`; call from inside a test.
 */
export async function memoryApp(): Promise<OpenedApp> {
  const app = await openApp({ database: await testDatabase(), load: "if-changed" });
  after(() => app.close());
  return app;
}

/** An Io that records what a command writes. */
export function captureIo(): Io & { out: () => string; err: () => string } {
  let out = "";
  let err = "";
  return {
    stdout: (t) => void (out += t),
    stderr: (t) => void (err += t),
    isTty: false,
    out: () => out,
    err: () => err,
  };
}

export const SHARED_DIR = new URL("../../shared/", import.meta.url);

/** Median time of `runs` calls, for ratio checks of linear time; medians beat GC and JIT noise. */
export function medianMs(fn: () => void, runs = 5): number {
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    fn();
    times.push(performance.now() - t0);
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(runs / 2)] ?? 0;
}

/**
 * A data folder with the shipped gazetteers, places and money table but an empty reviewed
 * dataset: an "empty database" as far as projects go.
 */
export function gazetteerOnlyDataDir(): string {
  const dir = tempDir();
  const data = fileURLToPath(new URL("../data/", import.meta.url));
  for (const entry of ["organizations.json", "places.json", "vocabularies.json", "fx"]) symlinkSync(join(data, entry), join(dir, entry));
  mkdirSync(join(dir, "reviewed"));
  for (const [file, key] of [["sources.json", "documents"], ["projects.json", "projects"]] as const) {
    const json = JSON.parse(readFileSync(join(data, "reviewed", file), "utf8")) as Record<string, unknown>;
    writeFileSync(join(dir, "reviewed", file), JSON.stringify({ ...json, [key]: [] }));
  }
  return dir;
}

/** An app over a fresh database file in a temporary folder; `dataDir` defaults to the shipped data. */
export async function fileApp(dataDir?: string): Promise<OpenedApp & { database: string }> {
  const database = TESTS_ON_POSTGRES ? await testDatabase() : join(tempDir(), "observatory.db");
  const app = await openApp({ database, dataDir, load: "if-changed" });
  after(() => app.close());
  return Object.assign(app, { database });
}
