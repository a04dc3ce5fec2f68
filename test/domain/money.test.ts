import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { amountView, fxTableFromRates, toUsd, totalUsd } from "../../src/domain/money.js";
import { readFxTable } from "../../src/importers/bundled-files.js";

const fx = fxTableFromRates({ CNY: { "2019": 6.9 }, BRL: { "2020": 5.0 } }, "test");

describe("money", () => {
  it("converts through the annual rate of the amount's year", () => {
    assert.equal(toUsd({ value: 69_000_000, currency: "CNY", year: 2019 }, fx), 10_000_000);
  });

  it("falls back to the deal's year when the amount has none", () => {
    assert.equal(toUsd({ value: 5_000, currency: "BRL", year: null }, fx, 2020), 1_000);
    assert.equal(toUsd({ value: 5_000, currency: "BRL", year: null }, fx), null);
  });

  it("keeps USD as it is, with or without a year", () => {
    assert.equal(toUsd({ value: 30_000_000, currency: "USD", year: null }, fx), 30_000_000);
  });

  it("leaves a currency or a year the table lacks unconverted, never guessing", () => {
    assert.equal(toUsd({ value: 975_000_000, currency: "ARS", year: 2019 }, fx), null);
    assert.equal(toUsd({ value: 1, currency: "CNY", year: 2031 }, fx), null);
    assert.deepEqual(amountView({ value: 7, currency: "PEN", year: 2015 }, fx), { value: 7, currency: "PEN", year: 2015, usd: null });
  });

  it("says what a total leaves out, by currency", () => {
    const t = totalUsd([
      { value: 1, currency: "USD", year: null, usd: 1 },
      { value: 10, currency: "ARS", year: 2019, usd: null },
      { value: 5, currency: "ARS", year: 2020, usd: null },
      { value: 2, currency: "CLP", year: 2020, usd: null },
    ]);
    assert.equal(t.usd, 1);
    assert.equal(t.counted, 1);
    assert.deepEqual(t.leftOut, [
      { currency: "ARS", value: 15, count: 2 },
      { currency: "CLP", value: 2, count: 1 },
    ]);
  });

  it("reads the bundled Federal Reserve table in units per US dollar", () => {
    const real = readFxTable();
    const cny2019 = real.rate("CNY", 2019);
    assert.ok(cny2019 !== null && cny2019 > 6 && cny2019 < 8, `CNY 2019 = ${cny2019}`);
    const eur2008 = real.rate("EUR", 2008);
    assert.ok(eur2008 !== null && eur2008 < 1, "EUR is quoted per USD too (0.68 in 2008)");
    assert.equal(real.rate("VEF", 2015), null, "the bolívar series is excluded");
    assert.equal(real.rate("ARS", 2019), null);
  });
});
