// The data files: every one of the 33 countries' law entries loads and validates, says whether
// it has a general law, cites sources and a confidence; the questionnaire's rules reference real
// questions; a broken file is refused naming the file and what is wrong.
import assert from "node:assert/strict";
import { copyFileSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, it } from "node:test";
import { validateAnswers } from "../../src/assess/answers.js";
import { LAC_COUNTRIES, lawOf, readJurisdictions, readKnowledgeBase, readLaws } from "../../src/assess/laws.js";
import { prefillFromProject } from "../../src/assess/prefill.js";
import { DEFAULT_ASSESS_DIR, readQuestionnaire } from "../../src/assess/questionnaire.js";
import { CATEGORIES, PROCUREMENT_ROUTES, MECHANISMS } from "../../src/domain/vocabulary.js";
import { InvalidDataError } from "../../src/domain/errors.js";
import { tempDir } from "../helpers.js";

const kb = readKnowledgeBase();
const q = readQuestionnaire();

describe("law knowledge base", () => {
  it("has exactly one valid entry for each of the 33 Latin American and Caribbean countries", () => {
    assert.equal(kb.laws.countries.length, 33);
    for (const [alpha3, alpha2] of Object.entries(LAC_COUNTRIES)) {
      const entry = lawOf(kb, alpha3);
      assert.ok(entry, `${alpha3} has an entry`);
      assert.equal(entry.country, alpha2);
      assert.equal(lawOf(kb, alpha2)?.alpha3, alpha3);
    }
  });

  for (const entry of readLaws().countries) {
    it(`${entry.alpha3} (${entry.name}) names its law or says there is none, with sources and a confidence`, () => {
      assert.ok(entry.sources.length >= 1);
      for (const s of entry.sources) assert.match(s.url, /^https?:\/\//);
      assert.ok(["high", "medium", "low"].includes(entry.confidence));
      if (entry.generalLaw) {
        assert.ok(entry.generalLaw.year >= 1990 && entry.generalLaw.title.length > 5);
        assert.notEqual(entry.dpia.required, "no_law");
      } else {
        assert.equal(entry.dpia.required, "no_law");
        assert.equal(entry.biometrics.sensitive, "no_law");
      }
      assert.ok(entry.biometrics.rule.length > 10 && entry.transfers.rule.length > 10);
      // Uncertain entries say what is uncertain.
      if (entry.confidence === "low") assert.ok(entry.note || /not verified|not established/i.test(JSON.stringify(entry)), `${entry.alpha3} explains its low confidence`);
    });
  }

  it("gives Argentina, Brazil and Venezuela their own law (or its absence)", () => {
    assert.match(lawOf(kb, "AR")?.generalLaw?.title ?? "", /25\.326/);
    assert.match(lawOf(kb, "AR")?.authority?.name ?? "", /Agencia de Acceso a la Información Pública/);
    assert.match(lawOf(kb, "BR")?.generalLaw?.title ?? "", /13\.709/);
    assert.match(lawOf(kb, "BR")?.authority?.name ?? "", /ANPD/);
    assert.equal(lawOf(kb, "VE")?.generalLaw, null);
    assert.equal(lawOf(kb, "VE")?.authority, null);
  });

  it("refuses a file missing a country, naming it", () => {
    const dir = tempDir();
    const laws = JSON.parse(readFileSync(join(DEFAULT_ASSESS_DIR, "laws.json"), "utf8")) as { countries: { alpha3: string }[] };
    laws.countries = laws.countries.filter((c) => c.alpha3 !== "HTI");
    writeFileSync(join(dir, "laws.json"), JSON.stringify(laws));
    assert.throws(() => readLaws(dir), (err: Error) => err instanceof InvalidDataError && /laws\.json: no entry for HTI/.test(err.message));
  });

  it("refuses an entry without a general law that still claims an impact-assessment rule, naming the path", () => {
    const dir = tempDir();
    const laws = JSON.parse(readFileSync(join(DEFAULT_ASSESS_DIR, "laws.json"), "utf8")) as { countries: { alpha3: string; dpia: { required: string } }[] };
    const ve = laws.countries.find((c) => c.alpha3 === "VEN");
    assert.ok(ve);
    ve.dpia.required = "yes";
    writeFileSync(join(dir, "laws.json"), JSON.stringify(laws));
    assert.throws(() => readLaws(dir), /laws\.json: .*without a general law says no_law[\s\S]*countries\[20\]\.dpia\.required/);
  });
});

describe("jurisdiction base", () => {
  it("describes every law by the same attributes and cites it", () => {
    const j = readJurisdictions();
    assert.ok(j.jurisdictions.some((x) => x.country === "CN" && x.laws.some((l) => /National Intelligence Law/.test(l.title) && l.provisions === "arts. 7 and 14")));
    assert.ok(j.jurisdictions.some((x) => x.country === "US" && x.laws.some((l) => /CLOUD/.test(l.title))));
    for (const x of j.jurisdictions) for (const law of x.laws) assert.match(law.source.url, /^https?:\/\//);
  });
});

describe("questionnaire file", () => {
  it("loads with a version and every rule pointing at real questions and options", () => {
    assert.match(q.version, /^\d+\.\d+\.\d+$/);
    assert.ok(q.risks.length >= 7);
    const ids = q.risks.map((r) => r.id);
    for (const needed of ["illegitimate_access", "unwanted_modification", "data_loss", "function_creep", "foreign_compelled_access", "procurement_opacity", "exclusion"]) assert.ok(ids.includes(needed), needed);
  });

  it("offers every procurement route of the vocabulary as an answer", () => {
    const route = q.sections.flatMap((s) => s.questions).find((x) => x.id === "procurement.route");
    for (const r of PROCUREMENT_ROUTES) assert.ok(route?.options?.some((o) => o.id === r), r);
  });

  it("prefills only valid answers, for every category, route and mechanism", () => {
    for (const category of CATEGORIES) {
      for (const route of [...PROCUREMENT_ROUTES, null]) {
        for (const mechanism of [...MECHANISMS, null]) {
          const p = prefillFromProject(q, { id: "x", title: "t", category, mechanism, procurementRoute: route, vendors: ["V"], evidence: ["reconocimiento facial y patentes; emergencia 911; social programs"] }, "CN");
          validateAnswers(q, p.answers);
        }
      }
    }
    const p = prefillFromProject(q, { id: "x", title: "t", category: "surveillance", mechanism: "donation", procurementRoute: null, vendors: ["Huawei"], evidence: ["cámaras con reconocimiento facial"] }, "CN");
    assert.deepEqual(p.answers["data.categories"], ["video_public_space", "face_recognition"]);
    assert.equal(p.answers["procurement.route"], "donation");
    assert.match(p.provenance["data.categories"] ?? "", /reconocimiento facial/);
  });

  it("matches capability words whole, so '1100 cameras' is not the 110 emergency line", () => {
    const p = prefillFromProject(q, { id: "x", title: "t", category: "surveillance", mechanism: null, procurementRoute: null, vendors: [], evidence: ["1100 cameras were installed"] }, null);
    assert.deepEqual(p.answers["system.purpose"], ["public_safety"]);
  });

  it("refuses a questionnaire file with a broken rule, naming the file", () => {
    const dir = tempDir();
    for (const f of ["laws.json", "jurisdictions.json"]) copyFileSync(join(DEFAULT_ASSESS_DIR, f), join(dir, f));
    const raw = readFileSync(join(DEFAULT_ASSESS_DIR, "questionnaire.json"), "utf8").replace('"in": ["face_recognition"] }, "likelihood": 1, "severity": 1', '"in": ["face_recognitio"] }, "likelihood": 1, "severity": 1');
    writeFileSync(join(dir, "questionnaire.json"), raw);
    assert.throws(() => readQuestionnaire(dir), (err: Error) => /questionnaire\.json: .*data\.categories has no option face_recognitio/.test(err.message));
  });
});
