// Large exports stream: thousands of projects leave in many small chunks, and a sink that stops
// reading stops the walk over the projects instead of letting the export pile up in memory.
import assert from "node:assert/strict";
import { Writable } from "node:stream";
import { setTimeout as sleep } from "node:timers/promises";
import { describe, it } from "node:test";
import { EXPORT_FORMATS, writeExport } from "../../src/export/formats.js";
import { CollectingSink, syntheticSource } from "./synthetic.js";

const PROJECTS = 4000;

describe("streaming exports", () => {
  for (const format of EXPORT_FORMATS) {
    it(`${format}: writes ${PROJECTS} projects in many small chunks, never one big string`, async () => {
      const sink = new CollectingSink();
      await writeExport(format, syntheticSource(PROJECTS), sink);
      const sizes = sink.chunks.map((c) => c.length);
      const total = sizes.reduce((a, b) => a + b, 0);
      assert.ok(sink.chunks.length >= 20, `${sink.chunks.length} chunks`);
      assert.ok(Math.max(...sizes) <= 128 * 1024 && Math.max(...sizes) < total / 10, `largest chunk ${Math.max(...sizes)} of ${total} bytes`);
    });

    it(`${format}: stops asking for projects while the sink does not read, and finishes once it does`, async () => {
      // Deflate and the zip hold about 2 MB of sheet XML (some 2,500 rows) before the first byte
      // reaches the sink; what matters is that this does not grow with the export.
      const n = format === "xlsx" ? 12_000 : PROJECTS;
      const sink = new CollectingSink();
      sink.hold = true;
      const source = syntheticSource(n);
      const done = writeExport(format, source, sink);
      // Wait until the writer has stalled on the full sink.
      let before = -1;
      while (before !== source.pulled()) {
        before = source.pulled();
        await sleep(50);
      }
      assert.ok(source.pulled() < n / 3, `${source.pulled()} of ${n} projects read while the sink was stalled`);
      sink.release();
      await done;
      assert.ok(source.pulled() >= n);
    });

    it(`${format}: fails with the sink's error, and stops reading projects, when the sink fails mid-way`, async () => {
      const source = syntheticSource(PROJECTS);
      let writes = 0;
      const failing = new Writable({
        write(_chunk, _encoding, done) {
          done(++writes === 3 ? new Error("disk full") : null);
        },
      });
      await assert.rejects(writeExport(format, source, failing), /disk full/);
      assert.ok(source.pulled() < PROJECTS, `${source.pulled()} projects read`);
    });
  }
});
