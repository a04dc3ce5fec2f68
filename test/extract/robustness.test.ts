// Bad input never throws, never hangs, and costs time in proportion to its size: each adversarial
// input is timed at N and 4N characters and the ratio is checked (never a wall-clock limit).
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { extractDeals } from "../../src/extract/extract-deals.js";
import { medianMs } from "../helpers.js";


const ADVERSARIAL: [string, string][] = [
  ["one org after another", "Huawei ZTE Hikvision Dahua China Eximbank "],
  ["a deal in every clause, no full stop", "ZTE firmó un contrato de US$ 30 millones con la provincia de Jujuy en 2019 para 600 cámaras, "],
  ["numbers and currency signs", "$1,1 1.1.1 US$ 2019 R$ 1,5 bilhão 4.300 "],
  ["month names and years", "marzo de 2019 March 2019 em setembro de 2018 "],
  ["mixed scripts", "华为 هواوي Huawei 中兴 ZTE 1.2亿美元 "],
  ["tables without end", "2019\tHuawei\t$240\tn/a\tCosta Rica\n"],
];

describe("extraction on adversarial input", () => {
  for (const [name, unit] of ADVERSARIAL) {
    it(`stays linear: ${name}`, () => {
      const small = unit.repeat(Math.ceil(20_000 / unit.length));
      const large = unit.repeat(Math.ceil(320_000 / unit.length));
      extractDeals(small); // warm the matchers and the JIT
      const t1 = medianMs(() => extractDeals(small));
      const t16 = medianMs(() => extractDeals(large));
      // 16× the input costs ~16× the time if linear, ~256× if quadratic; 64 leaves room for a busy machine.
      assert.ok(t16 / Math.max(t1, 1) < 64, `${name}: ${t1.toFixed(1)} ms → ${t16.toFixed(1)} ms`);
    });
  }

  it("reads a 5 MB single line and binary garbage without throwing", () => {
    const line = "Huawei firmó un contrato con la provincia de Jujuy por US$ 30 millones en 2019 ".repeat(62_500);
    assert.ok(extractDeals(line).length >= 1);
    let seed = 7;
    const garbage = Array.from({ length: 200_000 }, () => String.fromCharCode((seed = (seed * 1103515245 + 12345) & 0xffff))).join("");
    assert.ok(Array.isArray(extractDeals(garbage)));
  });
});
