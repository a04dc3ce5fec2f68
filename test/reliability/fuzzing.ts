// Fuzzing with fast-check (seeded, so a failure replays): hostile inputs for the deal extractor,
// the document readers and the API's query parsing. Each must answer every input — deals with
// spans inside the text, a document or an error naming the input, a 2xx/4xx with a JSON body —
// and never crash, hang (the whole property has a generous timeout) or answer 5xx.
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { once } from "node:events";
import { fileURLToPath } from "node:url";
import { after, before, describe, it } from "node:test";
import fc from "fast-check";
import type { FastifyInstance } from "fastify";
import { buildServer } from "../../src/api/server.js";
import { type OpenedApp, openApp } from "../../src/app.js";
import { readConfig } from "../../src/config.js";
import { extractDeals } from "../../src/extract/extract-deals.js";
import { report } from "./harness.js";

export interface FuzzOptions {
  /** Inputs per target. */
  runs: number;
  seed: number;
}

// ------------------------------------------------------------------ the extractor's inputs

const TOKENS = [
  "Huawei", "ZTE", "Hikvision", "China Eximbank", "Banco de Desarrollo de China", "firmó", "contrato", "assinou", "signed", "a contract",
  "US$", "USD", "R$", "$", "€", "¥", "£", "₿", "S/", "millones", "mil millones", "bilhões", "billion", "million", "mdd", "MM",
  "1.234.567,89", "1,234,567.89", "9".repeat(400), "1e308", "-0", "NaN", "Infinity", "0x1F", "٣٤٥", "１２３", "½", "2019", "3019", "0000",
  "Argentina", "Jujuy", "São Paulo", "Ciudad de México", "cámaras", "5G", "centro de datos", "fibra óptica",
  "(", ")", "[", "]", "{", "}", "«", "»", "“", "”", ".", ",", ";", ":", "\n", "\n\n", "\t", "|", "—", "…",
  "\u200b", "\u200c", "\u200d", "\u200e", "\u200f", "\u202a", "\u202e", "\u2066", "\u2069", "\ufeff", "\u0301", "\u0000", "\ud800", "\udfff",
  "هواوي", "מיליון", "华为", "中兴", "1.2亿美元", "🇦🇷", "👨‍👩‍👧",
];

const DEAL = "Huawei firmó un contrato con la provincia de Jujuy, Argentina, por US$ 30 millones en 2019 para instalar 600 cámaras.";

const hostileText: fc.Arbitrary<string> = fc.oneof(
  { arbitrary: fc.string({ unit: "binary", maxLength: 2000 }), weight: 3 },
  { arbitrary: fc.string({ unit: "grapheme", maxLength: 500 }), weight: 2 },
  { arbitrary: fc.array(fc.oneof(fc.constantFrom(...TOKENS), fc.string({ maxLength: 6 })), { maxLength: 300 }).chain((parts) => fc.constantFrom(" ", "", "\n", "\u200b").map((sep) => parts.join(sep))), weight: 6 },
  { arbitrary: fc.bigInt({ min: -(10n ** 400n), max: 10n ** 400n }).map((n) => `Huawei firmó un contrato por US$ ${n} millones en 2019 con Jujuy, Argentina.`), weight: 1 },
  { arbitrary: fc.tuple(fc.integer({ min: 1, max: 3000 }), fc.constantFrom("()", "[]", "{}", "«»", "“”")).map(([n, b]) => `${(b[0] as string).repeat(n)}${DEAL}${(b[1] as string).repeat(n)}`), weight: 1 },
  // Long repetitive inputs: one unit up to ~40,000 characters.
  { arbitrary: fc.tuple(fc.constantFrom(DEAL, "Huawei ZTE ", "US$ 1,1 1.1.1 ", "marzo de 2019 ", "(((((", "\u200f\u202e", "a".repeat(50)), fc.integer({ min: 1, max: 40_000 })).map(([u, max]) => u.repeat(Math.max(1, Math.floor(max / u.length)))), weight: 1 },
);

/** Checks one extraction: offsets inside the text, values of the right kind. */
function checkDeals(text: string): void {
  const deals = extractDeals(text);
  assert.ok(Array.isArray(deals));
  for (const d of deals) {
    const { start, end } = d.evidence;
    assert.ok(Number.isInteger(start) && Number.isInteger(end) && 0 <= start && start <= end && end <= text.length, `evidence span ${start}-${end} of ${text.length}`);
    assert.equal(typeof d.evidence.text, "string");
    for (const span of Object.values(d.fields)) assert.ok(span && 0 <= span.start && span.start <= span.end && span.end <= text.length, "field span inside the text");
    assert.ok(d.confidence >= 0 && d.confidence <= 1, `confidence ${d.confidence}`);
    if (d.amount) assert.ok(Number.isFinite(d.amount.value) && d.amount.value >= 0, `amount ${d.amount.value}`);
    if (d.year !== null) assert.ok(Number.isInteger(d.year), `year ${d.year}`);
  }
}

const READERS = fileURLToPath(new URL("./fuzz-readers.ts", import.meta.url));

// ------------------------------------------------------------------ the API's query strings

const PARAMS = ["country", "subdivision", "vendor", "financier", "buyer", "category", "mechanism", "status", "review", "year", "year_from", "year_to", "amount_min", "amount_max", "q", "sort", "limit", "offset", "group_by", "format", "kind", "project"];
const VALUES = [
  "AR", "ar", "BR", "XX", "A", "ARG", "Jujuy", "Huawei", "huawei", "China Eximbank", "surveillance", "loan", "completed", "verified",
  "-year", "amount", "-updated", "title", "country", "vendor", "csv", "json", "geojson", "ftm", "csl",
  "0", "-1", "1", "25", "1000", "1001", "1e3", "1e309", "-1e309", "NaN", "Infinity", "0x10", "1.5", "99999999999999999999999", "2019", "1899", "2101",
  "", " ", "%", "%zz", "%E0%A4%A", "%00", "%2525", "\"", "'", "*", "NEAR(", "AND OR NOT", "\"unbalanced", "col:val", "^x", "a*b", "(((", "--", ";drop table projects",
];
const PATHS = ["/api/projects", "/api/search", "/api/stats", "/api/organizations", "/api/overview", "/api/export", "/api/health", "/api/assessments", "/api/laws"];
const SEGMENT_ROUTES = ["/api/projects/", "/api/documents/", "/api/organizations/", "/api/places/", "/api/laws/", "/api/assessments/"];

const rawPiece: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom(...VALUES).map(encodeURIComponent),
  fc.constantFrom(...VALUES), // unencoded: stray %, quotes and spaces as a careless client sends them
  fc.string({ unit: "binary", maxLength: 40 }).map(encodeURIComponent),
  fc.string({ maxLength: 20 }).map((s) => s.replace(/[#\s]/g, "")),
);

const apiUrl: fc.Arbitrary<string> = fc.oneof(
  {
    arbitrary: fc
      .tuple(fc.constantFrom(...PATHS), fc.array(fc.tuple(fc.oneof(fc.constantFrom(...PARAMS), rawPiece), fc.oneof(rawPiece, fc.constant(""))), { maxLength: 8 }), fc.boolean())
      .map(([path, pairs, bare]) => `${path}?${pairs.map(([k, v]) => (bare && !v ? k : `${k}=${v}`)).join("&")}`),
    weight: 5,
  },
  { arbitrary: fc.tuple(fc.constantFrom(...SEGMENT_ROUTES), rawPiece, fc.constantFrom("", "/location", "/report", "/report?format=json")).map(([route, seg, tail]) => `${route}${seg || "x"}${tail}`), weight: 2 },
);

const isJson = (contentType: unknown) => /^application\/(problem\+)?json/.test(String(contentType ?? ""));

// ------------------------------------------------------------------ the suite

export function fuzzing({ runs, seed }: FuzzOptions): void {
  describe(`fuzzing: ${runs.toLocaleString("en")} generated hostile inputs per target`, () => {
    it("extractDeals answers every input with deals whose spans lie inside the text", { timeout: 15 * 60_000 }, (t) => {
      let chars = 0;
      fc.assert(
        fc.property(hostileText, (text) => {
          chars += text.length;
          checkDeals(text);
        }),
        { seed, numRuns: runs },
      );
      report(t, "fuzzing extractDeals", { "inputs tried": runs, characters: chars, crashes: 0 });
    });

    it("readDocument answers random and mutated PDF, DOCX, HTML and text bytes with a document or an error naming the input", { timeout: 15 * 60_000 }, async (t) => {
      // In a process of its own, where pdf.js rejections are handled as in `dsr` (see fuzz-readers.ts).
      const child = spawn(process.execPath, ["--import", "tsx", READERS, String(runs), String(seed)], { stdio: ["ignore", "pipe", "pipe"] });
      let out = "";
      let err = "";
      child.stdout.on("data", (d) => (out += String(d)));
      child.stderr.on("data", (d) => (err += String(d)));
      const [code, signal] = (await once(child, "close")) as [number | null, NodeJS.Signals | null];
      assert.equal(code, 0, `the readers' fuzzing ended with ${signal ?? code}:\n${err.slice(-4000)}`);
      const outcomes = JSON.parse(out) as { ok: number; refused: number };
      assert.equal(outcomes.ok + outcomes.refused, runs);
      report(t, "fuzzing readers", { "inputs tried": runs, read: outcomes.ok, "refused with a reason": outcomes.refused, crashes: 0 });
    });

    describe("the API's query parsing", () => {
      let app: OpenedApp;
      let server: FastifyInstance;
      before(async () => {
        app = await openApp({ database: ":memory:", load: "if-changed" });
        server = buildServer(app, { config: readConfig({ DSR_RATE_LIMIT: "100000000" }), webRoot: null });
        await server.ready();
      });
      after(async () => {
        await server.close();
        await app.close();
      });

      it("answers every generated URL with a 2xx or a 4xx carrying the JSON error body, never a 5xx", { timeout: 15 * 60_000 }, async (t) => {
        const statuses = new Map<number, number>();
        await fc.assert(
          fc.asyncProperty(apiUrl, async (url) => {
            const res = await server.inject({ method: "GET", url });
            statuses.set(res.statusCode, (statuses.get(res.statusCode) ?? 0) + 1);
            assert.ok(res.statusCode < 500, `${url}: ${res.statusCode} ${res.body.slice(0, 300)}`);
            if (res.statusCode >= 400) {
              assert.ok(isJson(res.headers["content-type"]), `${url}: ${res.statusCode} with ${res.headers["content-type"]}`);
              const body = res.json() as { error?: unknown; message?: unknown };
              assert.ok(typeof body.error === "string" && typeof body.message === "string" && body.message.length > 0, `${url}: ${res.body.slice(0, 300)}`);
            } else if (isJson(res.headers["content-type"])) {
              JSON.parse(res.body);
            }
          }),
          { seed, numRuns: runs },
        );
        const byStatus = [...statuses].sort(([a], [b]) => a - b).map(([s, n]) => `${s}×${n}`).join(" ");
        report(t, "fuzzing API query parsing", { "inputs tried": runs, statuses: byStatus, "5xx": 0 });
      });
    });
  });
}
