import assert from "node:assert/strict";
import { fileURLToPath } from "node:url";
import { describe, it } from "node:test";
import { aidDataRecord, checkAidDataColumns } from "../../src/importers/aiddata.js";
import { type ImportedRecord, type RowOutcome, isRowError, isSkip } from "../../src/importers/imported-record.js";
import { columnIndex, importersVocabulary } from "../../src/importers/source-vocabulary.js";
import { tableRows } from "../../src/importers/table-rows.js";
import { SHARED_DIR } from "../helpers.js";

const GCDF = (name: string) => fileURLToPath(new URL(`data/gcdf3/${name}`, SHARED_DIR));

/** The real rows of an AidData file with these record ids, with the file's columns. */
async function rows(file: string, ids: readonly string[]): Promise<{ columns: Record<string, number>; cells: Map<string, string[]> }> {
  let columns: Record<string, number> = {};
  const cells = new Map<string, string[]>();
  for await (const r of tableRows(file)) {
    if (r.kind === "header") columns = columnIndex(r.cells, importersVocabulary().aiddata.columns);
    else if (r.kind === "row") {
      const id = r.cells[columns.recordId as number] ?? "";
      if (ids.includes(id)) cells.set(id, r.cells);
    }
  }
  return { columns, cells };
}

function record(o: RowOutcome): ImportedRecord {
  assert.ok(!isSkip(o) && !isRowError(o), `expected a record, got ${JSON.stringify(o)}`);
  return o;
}

/** The quote that supports a field: the line of the record's text its span points at. */
const quoteOf = (r: ImportedRecord, field: keyof ImportedRecord["deal"]["fields"]) => {
  const span = r.deal.fields[field];
  assert.ok(span, `no span for ${field}`);
  return r.text.slice(span.start, span.end);
};

describe("AidData rows as records", () => {
  it("maps the full 126-column release: amounts in their currency, flow type, agencies with roles, every field quoting its line", async () => {
    const { columns, cells } = await rows(GCDF("gcdf3_full_schema_sample.csv"), ["89653"]);
    assert.equal(checkAidDataColumns(columns), null);
    const r = record(aidDataRecord(columns, cells.get("89653") as string[]));
    assert.equal(r.key, "aiddata:89653");
    assert.equal(r.origin, "aiddata");
    assert.match(r.license, /ODC-By 1\.0 — AidData/);
    assert.equal(r.url, "https://china.aiddata.org/projects/89653/");
    const d = r.deal;
    assert.equal(d.country, "SV");
    assert.equal(d.year, 2019);
    assert.deepEqual(d.amount, { value: 1_500_000, currency: "USD", approximate: false });
    assert.equal(d.mechanism, "donation");
    assert.equal(d.status, "in_progress");
    assert.equal(d.buyer, "Government of El Salvador");
    assert.deepEqual(d.parties.map((p) => `${p.name}:${p.role}`), ["China Ministry of Commerce:donor", "Government of El Salvador:buyer"]);
    assert.equal(quoteOf(r, "mechanism"), "Flow type: Grant");
    assert.match(quoteOf(r, "amount"), /^Amount \(original currency\): USD 1\.5 million/);
    assert.equal(d.evidence.text, r.title);
    assert.match(r.text, /Sources cited by AidData: https:\/\/www\.bbc\.com/);
  });

  it("reads the geocoded table's dotted headers and takes the nominal amount a title states over constant 2021 dollars", async () => {
    const { columns, cells } = await rows(fileURLToPath(new URL("data/aiddata-gcdf3-sample.csv", SHARED_DIR)), ["4"]);
    const r = record(aidDataRecord(columns, cells.get("4") as string[]));
    assert.equal(r.deal.country, "AO");
    assert.deepEqual(r.deal.amount, { value: 6_000_000, currency: "USD", approximate: false });
    assert.equal(r.deal.mechanism, "loan");
    assert.equal(r.deal.status, "completed");
    assert.match(r.text, /Amount \(constant USD 2021\): USD 15\.09 million/);
  });

  it("keeps a country the observatory inferred marked as inferred, and says so in the record", async () => {
    const { columns, cells } = await rows(GCDF("gcdf3_lac_projects.csv"), ["35860"]);
    const r = record(aidDataRecord(columns, cells.get("35860") as string[]));
    assert.equal(r.deal.country, "PE");
    assert.ok(r.deal.inferred.includes("country"));
    assert.match(quoteOf(r, "country"), /inferred from the project's title and description by the Digital Silk Road Observatory/);
  });

  it("names lenders and borrowers from the title when no agency column exists (ECU 911)", async () => {
    const { columns, cells } = await rows(GCDF("gcdf3_lac_projects.csv"), ["39281", "59325"]);
    const loan = record(aidDataRecord(columns, cells.get("39281") as string[]));
    assert.deepEqual(loan.deal.financiers, ["China Development Bank"]);
    assert.equal(loan.deal.buyer, "ECU 911");
    assert.equal(loan.deal.category, "surveillance");
    assert.deepEqual(loan.deal.amount, { value: 240_000_000, currency: "USD", approximate: false });
    const grant = record(aidDataRecord(columns, cells.get("59325") as string[]));
    assert.equal(grant.deal.mechanism, "donation");
    assert.deepEqual(grant.deal.amount, { value: 97_000_000, currency: "CNY", approximate: false });
    assert.ok(grant.deal.parties.some((p) => p.role === "donor" && /chinese government/i.test(p.name)));
  });

  it("takes only Latin America and the Caribbean, some sectors, or digital rows when asked", async () => {
    const { columns, cells } = await rows(fileURLToPath(new URL("data/aiddata-gcdf3-sample.csv", SHARED_DIR)), ["4"]);
    const angola = cells.get("4") as string[];
    assert.deepEqual(aidDataRecord(columns, angola, { lacOnly: true }), { skip: "recipient outside Latin America and the Caribbean" });
    assert.deepEqual(aidDataRecord(columns, angola, { sectors: ["communications"] }), { skip: "sector HEALTH not selected" });
    assert.ok(isSkip(aidDataRecord(columns, angola, { digitalOnly: true })));
    assert.ok(!isSkip(aidDataRecord(columns, angola, { sectors: ["health"] })));
  });

  it("reports a row it cannot use, naming what is wrong", () => {
    const columns = { recordId: 0, title: 1, recipientIso3: 2 };
    assert.deepEqual(aidDataRecord(columns, ["", "A title", "ECU"]), { error: "no AidData Record ID" });
    assert.deepEqual(aidDataRecord(columns, ["12a", "A title", "ECU"]), { error: 'AidData Record ID "12a" is not a number' });
    assert.deepEqual(aidDataRecord(columns, ["12", "", "ECU"]), { error: "record 12 has no title" });
    assert.match(checkAidDataColumns({ title: 1 }) ?? "", /not an AidData table: no column for recordId, recipient/);
  });
});
