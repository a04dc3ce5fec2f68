// Shared test fixtures: temporary folders and an app on a fresh database with the real migrations.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after } from "node:test";
import { type OpenedApp, openApp } from "../src/app.js";
import type { Io } from "../src/cli/context.js";

/** A temporary folder removed when the test file ends. */
export function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), "dsr-test-"));
  after(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

/** An app over a fresh in-memory database with the bundled data loaded; call from inside a test. */
export async function memoryApp(): Promise<OpenedApp> {
  const app = await openApp({ dbFile: ":memory:", load: "if-changed" });
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
