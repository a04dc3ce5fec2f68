import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { type Candidate, type DealProfile, compareProfiles, matchProject } from "../../src/resolve/cluster.js";

function profile(over: Partial<DealProfile> = {}): DealProfile {
  return {
    country: "AR", subdivision: "Jujuy", city: null, category: "surveillance", year: 2019, yearInferred: false,
    amount: null, quantity: {}, vendors: new Set(["zte"]), financiers: new Set(), buyers: new Set(),
    documentIds: new Set(["doc-a"]), names: new Map([["zte", "ZTE"]]), ...over,
  };
}
const candidate = (id: string, over: Partial<DealProfile> = {}): Candidate => ({ ...profile({ documentIds: new Set(["doc-b"]), ...over }), id });

describe("clustering mentions into projects", () => {
  it("joins the same vendor, country and province, and says why", () => {
    const m = matchProject(profile(), [candidate("p1")]);
    assert.equal(m?.projectId, "p1");
    assert.match(m?.rule ?? "", /same country AR; shared vendor ZTE; same subdivision Jujuy; category surveillance; year 2019/);
  });

  it("keeps apart different countries, provinces, vendors and categories", () => {
    assert.equal(matchProject(profile(), [candidate("p", { country: "BO" })]), null);
    assert.equal(matchProject(profile(), [candidate("p", { subdivision: "Salta" })]), null);
    assert.equal(matchProject(profile(), [candidate("p", { vendors: new Set(["huawei"]) })]), null);
    assert.equal(matchProject(profile(), [candidate("p", { category: "submarine_cable" })]), null);
  });

  it("accepts compatible categories and years within the tolerance", () => {
    assert.equal(matchProject(profile(), [candidate("p", { category: "smart_city", year: 2018 })])?.projectId, "p");
    assert.equal(matchProject(profile(), [candidate("p", { year: 2015 })]), null);
    // A year taken from the article's date does not veto.
    assert.equal(matchProject(profile({ year: 2023, yearInferred: true }), [candidate("p")])?.projectId, "p");
  });

  it("vetoes amounts that disagree beyond the tolerance and rewards ones that agree", () => {
    const usd = (value: number) => ({ value, currency: "USD", usd: value });
    assert.equal(matchProject(profile({ amount: usd(30e6) }), [candidate("p", { amount: usd(90e6) })]), null);
    const agree = compareProfiles(profile({ amount: usd(30e6) }), candidate("p", { amount: usd(32e6) }));
    const silent = compareProfiles(profile(), candidate("p"));
    assert.ok(agree && silent && agree.score > silent.score);
    // Different currencies without rates cannot be compared, so they do not veto.
    const ars = { value: 2e9, currency: "ARS", usd: null };
    assert.equal(matchProject(profile({ amount: ars }), [candidate("p", { amount: usd(30e6) })])?.projectId, "p");
  });

  it("never joins two deals of one document", () => {
    assert.equal(matchProject(profile(), [candidate("p", { documentIds: new Set(["doc-a"]) })]), null);
  });

  it("needs a shared party, and a mention without a country starts its own project", () => {
    assert.equal(matchProject(profile({ vendors: new Set(), financiers: new Set(["cdb"]) }), [candidate("p")]), null);
    assert.equal(matchProject(profile({ country: null }), [candidate("p", { country: null })]), null);
  });

  it("picks the best-scoring candidate, ties to the smaller id", () => {
    const best = matchProject(profile({ city: "San Salvador de Jujuy" }), [candidate("b"), candidate("c", { city: "San Salvador de Jujuy" }), candidate("a")]);
    assert.equal(best?.projectId, "c");
    assert.equal(matchProject(profile(), [candidate("b"), candidate("a")])?.projectId, "a");
  });
});
