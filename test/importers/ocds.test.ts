import assert from "node:assert/strict";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, it } from "node:test";
import { type ImportedRecord, type RowOutcome, isRowError, isSkip } from "../../src/importers/imported-record.js";
import { type Json, mergeRelease } from "../../src/importers/ocds-merge.js";
import { OcdsPrefilter, compiledOfRecord } from "../../src/importers/ocds-prefilter.js";
import { type OcdsItem, ocdsItems } from "../../src/importers/ocds-source.js";
import { type OcdsPublication, ocdsRecord } from "../../src/importers/ocds.js";
import { SHARED_DIR, tempDir } from "../helpers.js";

type Obj = { [key: string]: Json };
const PUB: OcdsPublication = { publisher: "Dirección Nacional de Contrataciones Públicas", license: "https://creativecommons.org/licenses/by/4.0/", uri: "https://example.test/pkg.json", source: "pkg.json" };

function record(o: RowOutcome): ImportedRecord {
  assert.ok(!isSkip(o) && !isRowError(o), `expected a record, got ${JSON.stringify(o)}`);
  return o;
}
const quote = (r: ImportedRecord, field: keyof ImportedRecord["deal"]["fields"]) => {
  const s = r.deal.fields[field];
  assert.ok(s, `no span for ${field}`);
  return r.text.slice(s.start, s.end);
};

/** A Spanish-language award of cameras from Huawei's Paraguayan subsidiary, suppliers only in `parties`. */
const cameras: Obj = {
  ocid: "ocds-03ad3f-900001",
  id: "900001-award",
  date: "2021-06-02T10:00:00-04:00",
  tag: ["award"],
  language: "es",
  parties: [
    { id: "PY-MUN-1", name: "Municipalidad de Encarnación", roles: ["buyer", "procuringEntity"], address: { countryName: "Paraguay" } },
    { id: "PY-RUC-80012345-6", name: "Huawei Technologies Paraguay S.A.", roles: ["supplier", "tenderer"] },
    { id: "PY-RUC-80099999-1", name: "Otra Empresa S.A.", roles: ["tenderer"] },
  ],
  buyer: { id: "PY-MUN-1", name: "Municipalidad de Encarnación" },
  tender: {
    id: "900001-tender",
    title: "Adquisición de cámaras de videovigilancia para el centro de monitoreo",
    status: "complete",
    procurementMethod: "open",
    procurementMethodDetails: "Licitación Pública Nacional",
    tenderPeriod: { startDate: "2021-03-01T00:00:00-04:00" },
    items: [
      { id: "1", description: "Cámara IP tipo domo", quantity: 120, unit: { name: "Unidad" }, classification: { scheme: "UNSPSC", id: "46171610" } },
      { id: "2", description: "Grabador de video en red", quantity: 4, unit: { name: "Unidad" } },
    ],
  },
  awards: [{ id: "900001-award-1", status: "active", date: "2021-06-01T00:00:00-04:00", value: { amount: 1_250_000_000, currency: "PYG" } }],
};

describe("OCDS processes as records", () => {
  it("takes a process awarded to a known vendor's local subsidiary: buyer, supplier from parties, amount, method kept as said", () => {
    const r = record(ocdsRecord(cameras, PUB));
    const d = r.deal;
    assert.equal(r.key, "ocds:ocds-03ad3f-900001");
    assert.equal(d.buyer, "Municipalidad de Encarnación");
    assert.deepEqual(d.vendors, ["Huawei Technologies Paraguay S.A."]);
    assert.equal(d.country, "PY");
    assert.deepEqual(d.amount, { value: 1_250_000_000, currency: "PYG", approximate: false });
    assert.equal(d.year, 2021);
    assert.equal(d.mechanism, "tender");
    assert.equal(d.procurementMethod, "open — Licitación Pública Nacional");
    assert.equal(d.category, "surveillance");
    assert.deepEqual(d.quantity, { cameras: 120 });
    assert.equal(d.status, "signed");
    assert.equal(d.language, "es");
    assert.equal(quote(r, "procurementMethod"), "Procurement method: open — Licitación Pública Nacional");
    assert.match(quote(r, "amount"), /^Award 900001-award-1: status active, dated 2021-06-01, PYG 1,250 million/);
    assert.match(r.text, /Contracting process \(OCDS ocid\): ocds-03ad3f-900001/);
    assert.match(r.license, /^CC BY 4\.0 .* published by Dirección Nacional de Contrataciones Públicas$/);
    assert.match(r.citation, /Open Contracting \(OCDS\) process ocds-03ad3f-900001/);
  });

  it("maps limited and direct procurement to contracts and reads 1.0-style suppliers without ids (Portuguese)", () => {
    const release: Obj = {
      ocid: "ocds-zzzzzz-77",
      id: "77-contract",
      date: "2019-09-10T00:00:00Z",
      language: "pt",
      parties: [{ id: "BR-PREF", name: "Prefeitura Municipal de Curitiba", roles: ["buyer"], address: { countryName: "Brasil" } }],
      tender: { id: "77", title: "Contratação de solução de reconhecimento facial", procurementMethod: "direct", procurementMethodDetails: "Inexigibilidade", status: "complete" },
      awards: [{ id: "77-a", status: "active", suppliers: [{ name: "Dahua Technology" }] }],
      contracts: [{ id: "77-c", awardID: "77-a", status: "active", dateSigned: "2019-09-01T00:00:00Z", value: { amount: 3_400_000, currency: "BRL" } }],
    };
    const d = record(ocdsRecord(release, { ...PUB, license: null, publisher: "Prefeitura" })).deal;
    assert.equal(d.country, "BR");
    assert.deepEqual(d.vendors, ["Dahua Technology"]);
    assert.equal(d.mechanism, "contract");
    assert.equal(d.procurementMethod, "direct — Inexigibilidade");
    assert.deepEqual(d.amount, { value: 3_400_000, currency: "BRL", approximate: false });
    assert.equal(d.year, 2019);
    assert.equal(d.status, "in_progress");
    assert.equal(d.category, "surveillance");
    assert.equal(d.language, "pt");
  });

  it("keeps a process with no amount at all, and without a known vendor when it buys digital infrastructure", () => {
    const release: Obj = {
      ocid: "ocds-zzzzzz-78",
      date: "2020-01-01",
      buyer: { name: "Gobierno Autónomo Departamental de Santa Cruz" },
      parties: [{ name: "Gobierno Autónomo Departamental de Santa Cruz", roles: ["buyer"], address: { countryName: "Bolivia" } }],
      tender: { title: "Tendido de fibra óptica interdepartamental", procurementMethod: "open", status: "active" },
    };
    const d = record(ocdsRecord(release, PUB)).deal;
    assert.equal(d.amount, null);
    assert.deepEqual(d.vendors, []);
    assert.equal(d.category, "telecom_network");
    assert.equal(d.status, "announced");
    assert.equal(d.country, "BO");
  });

  it("skips office supplies, and category-only matches when only known vendors are wanted", () => {
    const paper: Obj = { ocid: "ocds-zzzzzz-79", tender: { title: "Adquisición de resmas de papel", items: [{ description: "Papel tamaño oficio" }] } };
    assert.deepEqual(ocdsRecord(paper, PUB), { skip: "no known foreign vendor and no digital-infrastructure category" });
    const fibre: Obj = { ocid: "ocds-zzzzzz-80", tender: { title: "Tendido de fibra óptica" } };
    assert.deepEqual(ocdsRecord(fibre, PUB, { vendorsOnly: true }), { skip: "no known foreign vendor" });
    assert.ok(isRowError(ocdsRecord({ tender: { title: "x" } }, PUB)));
  });

  it("does not count a software licence as a data centre", () => {
    const licence: Obj = { ocid: "ocds-zzzzzz-81", tender: { title: "Paquetes y programas", items: [{ description: "Licenciamiento de Creative Cloud, renovación anual" }] } };
    assert.ok(isSkip(ocdsRecord(licence, PUB)));
  });

  it("reads the real Paraguayan record package: COPACO buying from RIEDER, under the publisher's CC BY licence", async () => {
    const file = fileURLToPath(new URL("data/ocds/paraguay-dncp/record-package-274231.json", SHARED_DIR));
    const items: OcdsItem[] = [];
    for await (const it of ocdsItems(file)) items.push(it);
    assert.equal(items.length, 1);
    assert.equal(items[0]?.kind, "record");
    assert.equal(items[0]?.publication.publisher, "DNCP - Paraguay");
    const r = record(ocdsRecord(compiledOfRecord((items[0] as OcdsItem).value) as Obj, (items[0] as OcdsItem).publication));
    assert.equal(r.deal.country, "PY");
    assert.deepEqual(r.deal.vendors, ["RIEDER Y CIA. SACI"]);
    assert.match(r.deal.buyer ?? "", /COPACO/);
    assert.equal(r.deal.amount?.currency, "PYG");
    assert.match(r.license, /^CC BY 4\.0/);
  });
});

describe("releases of one process", () => {
  it("merge oldest first: the award adds to the tender, ids merge array elements, null removes", () => {
    const tender: Obj = { ocid: "o", date: "2020-01-01", tender: { title: "T", items: [{ id: "1", quantity: 1 }], value: { amount: 5, currency: "USD" } } };
    const award: Obj = { ocid: "o", date: "2020-02-01", tender: { items: [{ id: "1", quantity: 3 }, { id: "2" }], value: null }, awards: [{ id: "a" }] };
    const merged = mergeRelease(mergeRelease(null, award), tender);
    assert.deepEqual(merged.tender, { title: "T", items: [{ id: "1", quantity: 3 }, { id: "2" }] });
    assert.deepEqual(merged.awards, [{ id: "a" }]);
    assert.deepEqual(merged.tag, ["compiled"]);
  });

  it("a tender that matches nothing is remembered, so its award to a known vendor carries the buyer and method", () => {
    const filter = new OcdsPrefilter(new Set(), {});
    const pub = PUB;
    const tender: OcdsItem = { kind: "release", at: 1, publication: pub, value: { ocid: "ocds-03ad3f-5", date: "2020-01-01", buyer: { name: "Ministerio del Interior" }, tender: { title: "Adquisición de equipamiento", procurementMethod: "open" } } };
    const award: OcdsItem = { kind: "release", at: 2, publication: pub, value: { ocid: "ocds-03ad3f-5", date: "2020-03-01", awards: [{ id: "a", status: "active", suppliers: [{ name: "ZTE Corporation" }] }] } };
    assert.equal(filter.take(tender).kind, "skip");
    const forwarded = filter.take(award);
    assert.equal(forwarded.kind, "forward");
    const r = record(ocdsRecord((forwarded as { item: OcdsItem }).item.value, pub));
    assert.equal(r.deal.buyer, "Ministerio del Interior");
    assert.deepEqual(r.deal.vendors, ["ZTE Corporation"]);
    assert.equal(r.deal.mechanism, "tender");
    // Once passed on, later releases of the process are passed on too (to be merged with what is stored).
    assert.equal(filter.take({ ...award, at: 3 }).kind, "forward");
  });
});

describe("OCDS file shapes", () => {
  const write = (name: string, text: string) => {
    const file = join(tempDir(), name);
    writeFileSync(file, text);
    return file;
  };
  const all = async (file: string) => {
    const out: OcdsItem[] = [];
    const errors: string[] = [];
    for await (const it of ocdsItems(file, { onError: (e) => errors.push(e.error) })) out.push(it);
    return { out, errors };
  };

  it("reads JSON lines line by line, reporting a broken line by number", async () => {
    const file = write("r.jsonl", `${JSON.stringify({ ocid: "a", tag: ["tender"] })}\n{"ocid": "b", broken\n${JSON.stringify({ ocid: "c", tag: ["award"] })}\n`);
    const { out, errors } = await all(file);
    assert.deepEqual(out.map((o) => o.value.ocid), ["a", "c"]);
    assert.equal(errors.length, 1);
    assert.match(errors[0] ?? "", /^line 2: not JSON/);
  });

  it("reads a release package, a lone release and a package whose publisher comes last", async () => {
    const pkg = await all(write("p.json", JSON.stringify({ publisher: { name: "P" }, license: "L", releases: [{ ocid: "a", tag: ["tender"] }, { ocid: "b", tag: ["tender"] }] })));
    assert.deepEqual(pkg.out.map((o) => [o.kind, o.value.ocid, o.publication.publisher, o.publication.license]), [["release", "a", "P", "L"], ["release", "b", "P", "L"]]);
    const lone = await all(write("r.json", JSON.stringify({ ocid: "x", id: "x-1", tag: ["award"], awards: [] })));
    assert.deepEqual(lone.out.map((o) => [o.kind, o.value.ocid]), [["release", "x"]]);
    const late = await all(write("l.json", JSON.stringify({ records: [{ ocid: "r", compiledRelease: { ocid: "r" } }], publisher: { name: "Late" } })));
    assert.deepEqual(late.out.map((o) => [o.kind, o.publication.publisher]), [["record", "Late"]]);
  });

  it("stops on a file that is not JSON, naming it", async () => {
    await assert.rejects(all(write("bad.json", `{"releases": [{"ocid": "a"}`)), /bad\.json: not valid JSON/);
  });
});
