// Scoring rules: base plus raisers, clamped to 1–4; measures in place lower the initial risk and
// planned ones only the residual; not knowing counts where a rule says so; every jurisdiction is
// rated by the same rules; the law knowledge base feeds derived facts.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { assessKit } from "../../src/assess/kit.js";
import { type KnowledgeBase, vendorJurisdiction } from "../../src/assess/laws.js";
import { type Questionnaire, QuestionnaireFile, checkReferences } from "../../src/assess/questionnaire.js";
import { holds, scoreAssessment, topRisks, zoneOf } from "../../src/assess/scoring.js";

const { questionnaire: shipped, kb } = assessKit();

/** A two-question questionnaire with one risk, to test the rules apart from the shipped data. */
function tiny(): Questionnaire {
  return QuestionnaireFile.parse({
    version: "0.0.1",
    title: "t",
    method: "m",
    scales: { likelihood: ["1", "2", "3", "4"], severity: ["1", "2", "3", "4"] },
    sections: [
      {
        id: "s",
        title: "S",
        questions: [
          { id: "data.kinds", type: "multi", text: "kinds", options: [{ id: "faces", label: "Faces" }, { id: "plates", label: "Plates" }] },
          { id: "storage.where", type: "single", text: "where", options: [{ id: "here", label: "Here" }, { id: "abroad", label: "Abroad" }, { id: "unknown", label: "?" }] },
          { id: "controls.logs", type: "control", text: "logs" },
          { id: "controls.keys", type: "control", text: "keys" },
        ],
      },
    ],
    derived: [],
    risks: [
      {
        id: "leak",
        title: "Leak",
        description: "d",
        base: { likelihood: 1, severity: 2 },
        raisedBy: [
          { when: { q: "data.kinds", in: ["faces"] }, severity: 1, likelihood: 1, why: "faces" },
          { when: { q: "storage.where", in: ["abroad"], unanswered: true }, likelihood: 2, why: "abroad or unknown" },
        ],
        measures: [
          { control: "controls.logs", likelihood: -1, label: "logs" },
          { control: "controls.keys", likelihood: -1, severity: -1, label: "keys" },
        ],
      },
    ],
    legalChecks: [],
    prefill: { byCategory: {}, byRoute: {}, byMechanism: {}, byTerms: [] },
  });
}

const risk = (q: Questionnaire, answers: Record<string, string | string[]>, country = "AR") => {
  const r = scoreAssessment(q, kb, country, answers).risks[0];
  assert.ok(r);
  return r;
};

describe("scoring", () => {
  it("starts from the base and adds what matching answers raise", () => {
    const r = risk(tiny(), { "storage.where": "here" });
    assert.deepEqual([r.initial.likelihood, r.initial.severity], [1, 2]);
    const raised = risk(tiny(), { "storage.where": "here", "data.kinds": ["plates", "faces"] });
    assert.deepEqual([raised.initial.likelihood, raised.initial.severity], [2, 3]);
    assert.deepEqual(raised.raisedBy.map((x) => x.why), ["faces"]);
  });

  it("counts an unanswered or 'unknown' answer as raising when the rule says so", () => {
    assert.equal(risk(tiny(), {}).initial.likelihood, 3);
    assert.equal(risk(tiny(), { "storage.where": "unknown" }).initial.likelihood, 3);
    assert.equal(risk(tiny(), { "storage.where": "here" }).initial.likelihood, 1);
  });

  it("clamps to the 1–4 scales, then applies measures from where the risk really is", () => {
    const r = risk(tiny(), { "data.kinds": ["faces"], "storage.where": "abroad", "controls.logs": "in_place" });
    // 1 + 1 + 2 = 4 (clamped at 4), minus 1 for logs in place.
    assert.equal(r.initial.likelihood, 3);
    const low = risk(tiny(), { "storage.where": "here", "controls.logs": "in_place", "controls.keys": "in_place" });
    assert.deepEqual([low.initial.likelihood, low.initial.severity], [1, 1]);
  });

  it("lowers the initial risk only for measures in place, the residual one for planned ones too", () => {
    const r = risk(tiny(), { "data.kinds": ["faces"], "storage.where": "abroad", "controls.logs": "in_place", "controls.keys": "planned" });
    assert.deepEqual([r.initial.likelihood, r.initial.severity], [3, 3]);
    assert.deepEqual([r.residual.likelihood, r.residual.severity], [2, 2]);
    assert.deepEqual(r.measures.map((m) => m.state), ["in_place", "planned"]);
    const none = risk(tiny(), { "data.kinds": ["faces"], "controls.logs": "none", "controls.keys": "unknown" });
    assert.deepEqual(none.initial, none.residual);
  });

  it("puts a point in the high zone only when likelihood and severity are both 3 or more", () => {
    assert.equal(zoneOf(3, 3), "high");
    assert.equal(zoneOf(4, 2), "medium");
    assert.equal(zoneOf(2, 3), "medium");
    assert.equal(zoneOf(2, 2), "low");
  });

  it("combines conditions with all and any", () => {
    const answers = { "data.kinds": ["faces"], "storage.where": "here" };
    assert.equal(holds({ all: [{ q: "data.kinds", in: ["faces"] }, { q: "storage.where", in: ["here"] }] }, answers, {}), true);
    assert.equal(holds({ all: [{ q: "data.kinds", in: ["faces"] }, { q: "storage.where", in: ["abroad"] }] }, answers, {}), false);
    assert.equal(holds({ any: [{ q: "data.kinds", in: ["plates"] }, { q: "storage.where", in: ["here"] }] }, answers, {}), true);
    assert.equal(holds({ q: "derived.x", in: [true] }, answers, { "derived.x": true }), true);
  });

  it("rejects a questionnaire whose rules name a question or option that does not exist", () => {
    const q = tiny();
    const broken = { ...q, risks: [{ ...q.risks[0]!, raisedBy: [{ when: { q: "data.kinds", in: ["voices"] }, likelihood: 1, severity: 0, why: "x" }, { when: { q: "nope", in: ["x"] }, likelihood: 1, severity: 0, why: "y" }] }] };
    const problems = checkReferences(broken);
    assert.ok(problems.some((p) => p.includes("data.kinds has no option voices")), problems.join("; "));
    assert.ok(problems.some((p) => p.includes("unknown question nope")), problems.join("; "));
    assert.deepEqual(checkReferences(shipped), []);
  });
});

describe("vendor jurisdiction", () => {
  it("rates every jurisdiction by the same rules: the worst of its laws", () => {
    assert.equal(vendorJurisdiction(kb, "CN")?.exposure, "high");
    assert.equal(vendorJurisdiction(kb, "US")?.exposure, "medium");
    assert.equal(vendorJurisdiction(kb, "cn")?.laws[0]?.provisions, "arts. 7 and 14");
  });

  it("changes the rating when a law's attributes change, whatever the country", () => {
    const jurisdictions = structuredClone(kb.jurisdictions);
    const us = jurisdictions.jurisdictions.find((j) => j.country === "US");
    assert.ok(us);
    for (const law of us.laws) law.independentPriorAuthorization = "no";
    const changed: KnowledgeBase = { laws: kb.laws, jurisdictions };
    assert.equal(vendorJurisdiction(changed, "US")?.exposure, "high");
  });

  it("says unknown, not low, for a country the base does not describe", () => {
    const v = vendorJurisdiction(kb, "ZZ");
    assert.equal(v?.exposure, "unknown");
    assert.equal(vendorJurisdiction(kb, null), null);
  });
});

describe("the shipped questionnaire", () => {
  const base = {
    "system.data_subjects": ["general_public"],
    "data.categories": ["video_public_space", "face_recognition"],
    "storage.location": "vendor_premises",
    "vendor.home_country": "CN",
  };

  it("raises foreign compelled access for a high-exposure vendor that can reach the data, and not when it cannot", () => {
    const reach = scoreAssessment(shipped, kb, "AR", base).risks.find((r) => r.id === "foreign_compelled_access");
    const noReach = scoreAssessment(shipped, kb, "AR", {
      ...base,
      "storage.location": "public_premises",
      "storage.operator": "public_body",
      "storage.remote_maintenance": "none",
    }).risks.find((r) => r.id === "foreign_compelled_access");
    assert.ok(reach && noReach);
    assert.ok(reach.initial.likelihood > noReach.initial.likelihood, `${reach.initial.likelihood} > ${noReach.initial.likelihood}`);
    assert.ok(reach.raisedBy.some((r) => r.why.includes("high exposure")));
  });

  it("scores the same answers with a US vendor lower than with a Chinese one only through the jurisdiction rules", () => {
    const cn = scoreAssessment(shipped, kb, "AR", base).risks.find((r) => r.id === "foreign_compelled_access");
    const us = scoreAssessment(shipped, kb, "AR", { ...base, "vendor.home_country": "US" }).risks.find((r) => r.id === "foreign_compelled_access");
    assert.ok(cn && us);
    assert.equal(cn.initial.likelihood - us.initial.likelihood, 1);
  });

  it("makes function creep likelier where the country has no general data-protection law", () => {
    const ar = scoreAssessment(shipped, kb, "AR", base);
    const ve = scoreAssessment(shipped, kb, "VE", base);
    assert.equal(ar.facts["derived.no_general_law"], false);
    assert.equal(ve.facts["derived.no_general_law"], true);
    const creep = (s: typeof ar) => s.risks.find((r) => r.id === "function_creep")?.raisedBy.some((x) => x.why.includes("no general data-protection law"));
    assert.equal(creep(ar), false);
    assert.equal(creep(ve), true);
    assert.ok(ve.legal.some((l) => l.text.startsWith("Venezuela has no general data-protection law")));
  });

  it("fills legal findings from the country's entry, and asks for the impact assessment the law requires", () => {
    const ec = scoreAssessment(shipped, kb, "EC", { ...base, "legal.dpia": "no" });
    const dpia = ec.legal.find((l) => l.id === "dpia_required_missing");
    assert.ok(dpia, JSON.stringify(ec.legal));
    assert.match(dpia.text, /LOPDP art\. 42/);
    assert.ok(!scoreAssessment(shipped, kb, "EC", { ...base, "legal.dpia": "published" }).legal.some((l) => l.id === "dpia_required_missing"));
    assert.ok(ec.legal.some((l) => l.id === "biometrics" && l.text.includes("sensitive")));
  });

  it("lists the gravest risks first", () => {
    const top = topRisks(scoreAssessment(shipped, kb, "AR", base), 2);
    assert.equal(top.length, 2);
    assert.ok(top[0]!.initial.likelihood * top[0]!.initial.severity >= top[1]!.initial.likelihood * top[1]!.initial.severity);
  });
});
