import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { type Claim, resolveClaims, resolveField, valueKey } from "../../src/domain/claims.js";

function claim(field: Claim["field"], value: unknown, doc: string, opts: Partial<Claim> = {}): Claim {
  return {
    field,
    value,
    evidence: { documentId: doc, text: `${doc} says ${JSON.stringify(value)}`, start: 0, end: 10 },
    documentDate: null,
    reviewed: false,
    ...opts,
  };
}

describe("claim selection", () => {
  it("shows the value more sources state and keeps the other as a disagreement", () => {
    const r = resolveField("quantity", [
      claim("quantity", { cameras: 4000 }, "a"),
      claim("quantity", { cameras: 4300 }, "b"),
      claim("quantity", { cameras: 4300 }, "c"),
    ]);
    assert.deepEqual(r.shown, { cameras: 4300 });
    assert.equal(r.disputed, true);
    assert.equal(r.groups.length, 2);
    assert.deepEqual(r.groups[1]?.value, { cameras: 4000 });
    assert.equal(r.groups[0]?.sources, 2);
  });

  it("prefers a reviewed claim over more sources", () => {
    const r = resolveField("year", [
      claim("year", 2018, "a"),
      claim("year", 2018, "b"),
      claim("year", 2019, "c", { reviewed: true }),
    ]);
    assert.equal(r.shown, 2019);
    assert.equal(r.disputed, true);
  });

  it("breaks a tie between equally supported values by the newest source", () => {
    const r = resolveField("buyer", [
      claim("buyer", "Province of Jujuy", "old", { documentDate: "2019-05" }),
      claim("buyer", "Gobierno de Jujuy", "new", { documentDate: "2021-01-15" }),
    ]);
    assert.equal(r.shown, "Gobierno de Jujuy");
  });

  it("counts the same document twice as one source", () => {
    const r = resolveField("year", [claim("year", 2011, "a"), claim("year", 2011, "a"), claim("year", 2016, "b"), claim("year", 2016, "c")]);
    assert.equal(r.shown, 2016);
    assert.equal(r.groups.find((g) => g.value === 2011)?.sources, 1);
  });

  it("treats values that differ only in case, accents or list order as one", () => {
    assert.equal(valueKey("Telefónica"), valueKey("TELEFONICA"));
    assert.equal(valueKey(["ZTE", "Huawei"]), valueKey(["huawei", "zte"]));
    assert.equal(valueKey({ value: 1, currency: "USD", year: null }), valueKey({ currency: "USD", value: 1 }));
    assert.notEqual(valueKey({ cameras: 4000 }), valueKey({ cameras: 4300 }));
  });

  it("is not disputed when only one value is stated, and resolves each field apart", () => {
    const all = resolveClaims([claim("country", "AR", "a"), claim("country", "AR", "b"), claim("year", 2019, "a")]);
    assert.equal(all.get("country")?.disputed, false);
    assert.equal(all.get("year")?.shown, 2019);
    assert.equal(all.has("amount"), false);
  });

  it("orders equal groups deterministically whatever the input order", () => {
    const a = [claim("city", "Quito", "x"), claim("city", "Guayaquil", "y")];
    assert.equal(resolveField("city", a).shown, resolveField("city", [...a].reverse()).shown);
  });
});

describe("amount claims", () => {
  it("agree when value and currency match, whether or not a source dates them, and show the dated one", () => {
    const r = resolveField("amount", [
      claim("amount", { value: 30e6, currency: "USD", year: null }, "a"),
      claim("amount", { value: 30e6, currency: "USD", year: 2019 }, "b"),
    ]);
    assert.equal(r.disputed, false);
    assert.deepEqual(r.shown, { value: 30e6, currency: "USD", year: 2019 });
  });

  it("disagree when the sums differ", () => {
    const r = resolveField("amount", [
      claim("amount", { value: 30e6, currency: "USD", year: null }, "a"),
      claim("amount", { value: 32e6, currency: "USD", year: null }, "b"),
    ]);
    assert.equal(r.disputed, true);
  });
});
