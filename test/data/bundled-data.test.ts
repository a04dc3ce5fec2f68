// The bundled data files: shapes, cross-references, and the reviewed dataset against its sources.
import assert from "node:assert/strict";
import { createHash } from "node:crypto";
import { existsSync, readFileSync } from "node:fs";
import { describe, it } from "node:test";
import { FIELD_SCHEMAS } from "../../src/domain/claims.js";
import { foldKey } from "../../src/domain/text.js";
import { CATEGORIES, MECHANISMS, ORG_KINDS, PROCUREMENT_ROUTES, ROLES, STATUSES } from "../../src/domain/vocabulary.js";
import { DEFAULT_DATA_DIR, readBundledData } from "../../src/importers/bundled-files.js";
import { checkBundledData } from "../../src/services/bundled-data.service.js";
import { SHARED_DIR } from "../helpers.js";

const data = readBundledData();
const seedsDir = new URL("seeds/", SHARED_DIR);
const goldFile = new URL("eval/seeds-gold.jsonl", SHARED_DIR);

describe("bundled data", () => {
  it("is internally consistent (parents, sources, unique ids)", () => {
    checkBundledData(data);
  });

  it("gives every reviewed project a party, a country, a category and a citation for each claim", () => {
    const sources = new Map(data.sources.documents.map((d) => [d.id, d]));
    for (const p of data.reviewed.projects) {
      const fields = new Set(p.claims.map((c) => c.field));
      assert.ok(fields.has("vendors") || fields.has("financiers"), `${p.id} names a vendor or financier`);
      assert.ok(fields.has("country"), `${p.id} has a country`);
      assert.ok(fields.has("category"), `${p.id} has a category`);
      for (const c of p.claims) {
        assert.ok(c.quote.length <= 400, `${p.id}: quote for ${c.field} is at most 400 characters`);
        const doc = sources.get(c.source);
        assert.ok(doc, `${p.id}: source ${c.source} exists`);
        assert.ok(doc.citation.length > 20, `${c.source} has a full citation`);
        assert.ok(c.start !== null && c.end !== null && c.end > c.start, `${p.id}: ${c.field} evidence has offsets`);
        FIELD_SCHEMAS[c.field].parse(c.value);
      }
    }
  });

  it("names organizations the gazetteer knows, by their canonical names", () => {
    const known = new Map<string, string>();
    for (const o of data.organizations.organizations) known.set(foldKey(o.name), o.name);
    const unknown = new Set<string>();
    for (const p of data.reviewed.projects) {
      for (const c of p.claims) {
        const names =
          c.field === "vendors" || c.field === "financiers"
            ? (c.value as string[])
            : c.field === "parties"
              ? (c.value as { name: string }[]).map((x) => x.name)
              : [];
        for (const n of names) if (known.get(foldKey(n)) !== n) unknown.add(n);
      }
    }
    assert.deepEqual([...unknown], []);
  });

  it("keeps organization aliases unique across organizations", () => {
    const owner = new Map<string, string>();
    const clashes: string[] = [];
    for (const o of data.organizations.organizations) {
      for (const a of new Set([o.name, o.fullName ?? "", ...o.aliases].filter(Boolean).map(foldKey))) {
        const prev = owner.get(a);
        if (prev && prev !== o.id) clashes.push(`"${a}": ${prev} and ${o.id}`);
        owner.set(a, o.id);
      }
    }
    assert.deepEqual(clashes, []);
  });

  it("has subdivisions for every Latin American and Caribbean country", () => {
    const lac = data.places.countries.filter((c) => c.lac);
    assert.equal(lac.length, 33);
    const withSubdivisions = new Set(data.places.subdivisions.map((s) => s.country));
    for (const c of lac) assert.ok(withSubdivisions.has(c.code), `${c.code} has subdivisions`);
    assert.ok(data.places.subdivisions.some((s) => s.code === "AR-Y" && s.name === "Jujuy"));
  });

  it("uses the model's vocabularies in data/vocabularies.json", () => {
    const vocab = JSON.parse(readFileSync(`${DEFAULT_DATA_DIR}/vocabularies.json`, "utf8")) as Record<string, { id: string }[]>;
    const ids = (k: string) => (vocab[k] ?? []).map((x) => x.id).sort();
    assert.deepEqual(ids("categories"), [...CATEGORIES].sort());
    assert.deepEqual(ids("mechanisms"), [...MECHANISMS].sort());
    assert.deepEqual(ids("procurementRoutes"), [...PROCUREMENT_ROUTES].sort());
    assert.deepEqual(ids("statuses"), [...STATUSES].sort());
    assert.deepEqual(ids("roles"), [...ROLES].sort());
    assert.deepEqual(ids("orgKinds"), [...ORG_KINDS].sort());
  });

  it("quotes its sources exactly at the stated offsets", { skip: !existsSync(seedsDir) && "../shared/seeds is absent" }, () => {
    for (const d of data.sources.documents) {
      if (!d.seedFile) continue;
      const bytes = readFileSync(new URL(d.seedFile, seedsDir));
      assert.equal(createHash("sha256").update(bytes).digest("hex"), d.sha256, `${d.seedFile} hash`);
      const text = bytes.toString("utf8");
      for (const p of data.reviewed.projects) {
        for (const c of p.claims) {
          if (c.source !== d.id || c.start === null || c.end === null) continue;
          assert.equal(text.slice(c.start, c.end), c.quote, `${p.id}: ${c.field} quote at ${c.start}-${c.end}`);
        }
      }
    }
  });

  it("holds a project for every gold deal of the seed documents", { skip: !existsSync(goldFile) && "../shared/eval is absent" }, () => {
    const gold = readFileSync(goldFile, "utf8").split("\n").filter(Boolean).map((l) => JSON.parse(l) as Record<string, unknown>);
    const docBySeed = new Map(data.sources.documents.map((d) => [d.seedFile?.slice(0, 3), d.id]));
    const missing: string[] = [];
    for (const g of gold) {
      if (g.negative) continue;
      const docId = docBySeed.get(String(g.doc));
      const vendors = [...(g.vendors as string[]), ...(g.financiers as string[])].map(foldKey);
      const found = data.reviewed.projects.some((p) => {
        const from = p.claims.filter((c) => c.source === docId);
        const country = from.some((c) => c.field === "country" && c.value === g.country);
        const party = from.some((c) => (c.field === "vendors" || c.field === "financiers") && (c.value as string[]).some((v) => vendors.includes(foldKey(v))));
        const year = g.year === null || from.some((c) => c.field === "year" && c.value === g.year);
        return country && party && year;
      });
      if (!found) missing.push(`${String(g.doc)}: ${vendors.join("+")} ${String(g.country)} ${String(g.year)}`);
    }
    assert.deepEqual(missing, []);
  });
});
