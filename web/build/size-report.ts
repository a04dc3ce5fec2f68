// Build report: the gzipped size of the JavaScript a first visit loads (the entry and its static
// imports) and of each lazy chunk, printed after `vite build` and saved for `npm run bench:web`.
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import type { Plugin } from "vite";

export interface SizeReport {
  /** Gzipped bytes of the entry chunk and everything it imports statically. */
  initialJsGzip: number;
  initialJsRaw: number;
  initialCssGzip: number;
  chunks: { file: string; raw: number; gzip: number; initial: boolean }[];
}

/** Budget from the issue: initial JavaScript ≤ 350 KB gzipped. */
export const INITIAL_JS_BUDGET = 350 * 1024;

const kb = (n: number) => `${(n / 1024).toFixed(1)} KB`;

/**
 * Prints the sizes, writes `<outDir>/../web-build-report.json`, and writes a `.gz` beside each
 * text asset so the server can send it pre-compressed.
 */
export function sizeReport(): Plugin {
  let outDir = "dist";
  return {
    name: "dsr-size-report",
    apply: "build",
    configResolved(config) {
      outDir = config.build.outDir;
    },
    writeBundle(_options, bundle) {
      const chunks = new Map<string, { code: string; imports: string[]; isEntry: boolean }>();
      for (const [file, item] of Object.entries(bundle)) {
        if (item.type === "chunk") chunks.set(file, { code: item.code, imports: item.imports, isEntry: item.isEntry });
      }
      const initial = new Set<string>();
      const visit = (file: string) => {
        if (initial.has(file)) return;
        initial.add(file);
        for (const i of chunks.get(file)?.imports ?? []) visit(i);
      };
      for (const [file, c] of chunks) if (c.isEntry) visit(file);

      const report: SizeReport = { initialJsGzip: 0, initialJsRaw: 0, initialCssGzip: 0, chunks: [] };
      for (const [file, item] of Object.entries(bundle)) {
        const source = item.type === "chunk" ? item.code : item.source;
        if (!/\.(js|css|json|svg|html)$/.test(file)) continue;
        const raw = Buffer.byteLength(source);
        const gz = gzipSync(source, { level: 9 });
        writeFileSync(join(outDir, `${file}.gz`), gz);
        if (file.endsWith(".css")) report.initialCssGzip += gz.byteLength;
        if (item.type !== "chunk") continue;
        const isInitial = initial.has(file);
        report.chunks.push({ file, raw, gzip: gz.byteLength, initial: isInitial });
        if (isInitial) {
          report.initialJsGzip += gz.byteLength;
          report.initialJsRaw += raw;
        }
      }
      report.chunks.sort((a, b) => Number(b.initial) - Number(a.initial) || b.gzip - a.gzip);
      writeFileSync(join(outDir, "..", "web-build-report.json"), JSON.stringify(report, null, 2));

      const lines = report.chunks.map((c) => `  ${c.initial ? "initial" : "lazy   "}  ${kb(c.gzip).padStart(9)} gz  ${kb(c.raw).padStart(9)}  ${c.file}`);
      const verdict = report.initialJsGzip <= INITIAL_JS_BUDGET ? "within" : "OVER";
      console.log(
        `\nweb build sizes (gzip level 9):\n${lines.join("\n")}\n  initial JavaScript: ${kb(report.initialJsGzip)} gzipped (${kb(report.initialJsRaw)} raw), ${verdict} the ${kb(INITIAL_JS_BUDGET)} budget; CSS ${kb(report.initialCssGzip)} gzipped\n`,
      );
    },
  };
}
