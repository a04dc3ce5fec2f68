// Vite build of the web app into dist/web (served by `dsr serve`), with two build-time modules
// (the LAC map and the vocabulary labels) and the size report; vitest runs the component tests.
import { fileURLToPath } from "node:url";
import react from "@vitejs/plugin-react";
import type { Plugin } from "vite";
import { defineConfig } from "vitest/config";
import { buildLacMap } from "./build/lac-map.js";
import { sizeReport } from "./build/size-report.js";
import { vocabularyLabels } from "./build/vocabulary.js";

const here = (path: string) => fileURLToPath(new URL(path, import.meta.url));

/** `virtual:lac-map` and `virtual:vocabulary`: data computed from files of the repository at build time. */
function buildTimeData(): Plugin {
  const modules: Record<string, () => unknown> = {
    "virtual:lac-map": () => buildLacMap(here("../node_modules/world-atlas/countries-50m.json"), here("../data/places.json")),
    "virtual:vocabulary": () => vocabularyLabels(here("../data/vocabularies.json")),
  };
  return {
    name: "dsr-build-time-data",
    resolveId(id) {
      return id in modules ? `\0${id}` : null;
    },
    load(id) {
      const make = id.startsWith("\0") ? modules[id.slice(1)] : undefined;
      return make ? `export default ${JSON.stringify(make())};` : null;
    },
  };
}

export default defineConfig({
  root: here("."),
  base: "/",
  plugins: [react(), buildTimeData(), sizeReport()],
  build: {
    outDir: here("../dist/web"),
    emptyOutDir: true,
    target: "es2022",
    sourcemap: false,
    reportCompressedSize: false,
    chunkSizeWarningLimit: 600,
  },
  server: {
    // `npm run dev:web` beside `dsr serve` on port 3000.
    proxy: { "/api": "http://127.0.0.1:3000" },
  },
  test: {
    // Pure modules run in Node; component tests ask for jsdom in their first line.
    environment: "node",
    include: ["src/**/*.test.{ts,tsx}"],
    setupFiles: ["src/test-setup.ts"],
    css: false,
  },
});
