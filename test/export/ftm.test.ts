// FollowTheMoney export: `{ id, schema, properties }` lines with string-list values, only schemata
// and properties followthemoney defines, links to entities in the file, stable ids, licences.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { OWN_DATA_LICENSE } from "../../src/domain/licenses.js";
import { ftmId, schemaOfKind } from "../../src/export/ftm.js";
import { writeFtm } from "../../src/export/ftm.js";
import { exportProjects } from "../../src/services/export.service.js";
import { findProjects } from "../../src/services/projects.service.js";
import { memoryApp } from "../helpers.js";
import { CollectingSink, project, syntheticSource } from "./synthetic.js";

// Properties of the schemata used, with what they inherit, as defined in alephdata/followthemoney
// followthemoney/schema/{Thing,Interval,Value,Interest,LegalEntity,Organization,Company,PublicBody,
// Project,ProjectParticipant}.yaml (only the properties an export could plausibly set are listed).
const THING = ["name", "summary", "description", "country", "alias", "sourceUrl", "publisher", "publisherUrl", "keywords", "address", "notes"];
const INTERVAL = ["startDate", "endDate", "date", "summary", "description", "recordId", "sourceUrl", "publisher", "publisherUrl"];
const VALUE = ["amount", "currency", "amountUsd", "amountEur"];
const LEGAL_ENTITY = [...THING, "website", "legalForm", "status", "sector", "classification", "jurisdiction", "mainCountry", "parent"];
const PROPERTIES: Record<string, string[]> = {
  Project: [...THING, ...INTERVAL, ...VALUE, "projectId", "status", "phase", "goal"],
  ProjectParticipant: [...INTERVAL, "role", "status", "project", "participant"],
  LegalEntity: LEGAL_ENTITY,
  Organization: LEGAL_ENTITY,
  PublicBody: LEGAL_ENTITY,
  Company: [...LEGAL_ENTITY, "registrationNumber", "capital"],
};

interface Entity {
  id: string;
  schema: string;
  properties: Record<string, unknown>;
}

const parse = (text: string) => text.trimEnd().split("\n").map((l) => JSON.parse(l) as Entity);

describe("FollowTheMoney export", () => {
  it("writes valid entities for the bundled dataset: a Project each, parties once, participants linking them", async () => {
    const app = await memoryApp();
    const sink = new CollectingSink();
    await exportProjects(app, {}, "ftm", sink);
    const entities = parse(sink.text());
    const ids = new Set<string>();
    for (const e of entities) {
      assert.deepEqual(Object.keys(e).sort(), ["id", "properties", "schema"]);
      assert.match(e.id, /^[0-9a-f]{40}$/);
      assert.ok(!ids.has(e.id), `${e.id} is written once`);
      ids.add(e.id);
      const allowed = PROPERTIES[e.schema];
      assert.ok(allowed, `${e.schema} is a schema we mean to use`);
      for (const [key, values] of Object.entries(e.properties)) {
        assert.ok(allowed.includes(key), `${e.schema}.${key} exists in followthemoney`);
        assert.ok(Array.isArray(values) && values.length > 0 && values.every((v) => typeof v === "string" && v !== ""), `${e.schema}.${key} is a list of strings`);
      }
      for (const key of ["country", "mainCountry"]) for (const c of (e.properties[key] as string[] | undefined) ?? []) assert.match(c, /^[a-z]{2}$/);
    }
    const projects = entities.filter((e) => e.schema === "Project");
    const { total } = await findProjects(app.store.db, { limit: 1 });
    assert.equal(projects.length, total);
    for (const p of projects) {
      assert.ok((p.properties.notes as string[]).includes(`Licence: ${OWN_DATA_LICENSE}`));
      assert.ok((p.properties.notes as string[]).some((n) => n.includes(app.fx.source)), "names the exchange-rate source");
      assert.equal(p.id, ftmId((p.properties.projectId as string[])[0] ?? ""));
    }
    const links = entities.filter((e) => e.schema === "ProjectParticipant");
    assert.ok(links.length >= total);
    for (const l of links) {
      for (const key of ["project", "participant"]) assert.ok(ids.has((l.properties[key] as string[])[0] ?? ""), `${key} points at an entity in the file`);
    }
    const zte = entities.find((e) => e.schema === "Company" && (e.properties.name as string[]).includes("ZTE"));
    assert.deepEqual(zte?.properties.mainCountry, ["cn"]);
  });

  it("gives the same ids in every export, so a re-import updates instead of duplicating", async () => {
    const [a, b] = [new CollectingSink(), new CollectingSink()];
    await writeFtm(syntheticSource(3), a);
    await writeFtm(syntheticSource(3), b);
    assert.deepEqual(parse(a.text()).map((e) => e.id), parse(b.text()).map((e) => e.id));
  });

  it("writes amounts, the USD rate source and an unknown party as a bare LegalEntity", async () => {
    const sink = new CollectingSink();
    await writeFtm(syntheticSource([project(1, { amount: { value: 73_500_000, currency: "CNY", year: 2019, usd: 10_650_000 } })]), sink);
    const entities = parse(sink.text());
    const p = entities.find((e) => e.schema === "Project");
    assert.deepEqual(p?.properties.amount, ["73500000"]);
    assert.deepEqual(p?.properties.currency, ["CNY"]);
    assert.deepEqual(p?.properties.amountUsd, ["10650000"]);
    assert.ok((p?.properties.notes as string[]).some((n) => n.includes("Test rates (FRED H.10)")));
    assert.deepEqual(entities.find((e) => e.schema === "LegalEntity")?.properties, { name: ["Ministerio de Seguridad"] });
    assert.deepEqual(entities.find((e) => e.schema === "Company")?.properties.alias, ["Huawei Technologies Co., Ltd.", "华为"]);
    assert.equal(schemaOfKind("government_agency"), "PublicBody");
    assert.equal(schemaOfKind("multilateral"), "Organization");
  });
});
