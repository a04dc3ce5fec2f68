// Counted things in en/es/pt text: number formats, number words, articles, multipliers, what is not a
// quantity (percentages, years, money), offsets, and robustness (garbage, huge input, linear time).
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { findQuantities } from "../../src/extract/quantities.js";
import type { Lang } from "../../src/extract/types.js";
import { medianMs } from "../helpers.js";

/** The mentions as [text, key, value], after checking every span cites its text. */
function qs(text: string, lang: Lang): [string, string, number][] {
  const found = findQuantities(text, lang);
  for (const q of found) assert.equal(text.slice(q.start, q.end), q.text, `span of ${q.text}`);
  return found.map((q) => [q.text, q.key, q.value]);
}


describe("findQuantities", () => {
  it("reads English counts with comma thousands, hyphenated units and words between", () => {
    assert.deepEqual(qs("Huawei installed 600 cameras, 4,000 cameras and 600 facial recognition cameras; 2,000 units already in service.", "en"), [
      ["600 cameras", "cameras", 600],
      ["4,000 cameras", "cameras", 4000],
      ["600 facial recognition cameras", "cameras", 600],
      ["2,000 units", "units", 2000],
    ]);
    assert.deepEqual(qs("a 9,600-kilometer cable, 22,800 kilometers, 5,000 km of fiber optic and 16 regional centers", "en"), [
      ["9,600-kilometer", "km", 9600],
      ["22,800 kilometers", "km", 22800],
      ["5,000 km", "km", 5000],
      ["16 regional centers", "centers", 16],
    ]);
  });

  it("reads Spanish and Portuguese dot thousands", () => {
    assert.deepEqual(qs("Se instalaron 4.300 cámaras y 1.200 cámaras de videovigilancia en 300 escuelas.", "es"), [
      ["4.300 cámaras", "cameras", 4300],
      ["1.200 cámaras", "cameras", 1200],
      ["300 escuelas", "schools", 300],
    ]);
    assert.deepEqual(qs("Foram 2.100 câmeras e 22.800 km de cabo em 40 escolas.", "pt"), [
      ["2.100 câmeras", "cameras", 2100],
      ["22.800 km", "km", 22800],
      ["40 escolas", "schools", 40],
    ]);
  });

  it("reads number words, articles and multipliers", () => {
    assert.deepEqual(qs("two satellites, a satellite, a new satellite and 1 million users", "en"), [
      ["two satellites", "satellites", 2],
      ["a satellite", "satellites", 1],
      ["a new satellite", "satellites", 1],
      ["1 million users", "users", 1_000_000],
    ]);
    assert.deepEqual(qs("dos satélites, un satélite, mil cámaras y 10 millones de usuarios", "es"), [
      ["dos satélites", "satellites", 2],
      ["un satélite", "satellites", 1],
      ["mil cámaras", "cameras", 1000],
      ["10 millones de usuarios", "users", 10_000_000],
    ]);
    assert.deepEqual(qs("um satélite e 1,5 milhão de assinantes", "pt"), [
      ["um satélite", "satellites", 1],
      ["1,5 milhão de assinantes", "users", 1_500_000],
    ]);
  });

  it("maps every unit family to its key", () => {
    assert.deepEqual(
      qs("300 base stations, 40 estaciones base, 12 radiobases, 5 torres, 3 command centers, 8 centrais, 20 equipos, 9 abonados, 4 colegios", "en").map((q) => q[1]),
      ["sites", "sites", "sites", "sites", "centers", "centers", "units", "users", "schools"],
    );
  });

  it("does not count percentages, years or money", () => {
    assert.deepEqual(qs("60 percent of cameras, 40% cameras, $600 cameras, US$ 300 units, in 2019 Huawei cameras", "en"), []);
    assert.deepEqual(qs("el 60 por ciento de las cámaras y US$ 240 millones", "es"), []);
  });

  it("counts an article only right before the unit or with one word between", () => {
    assert.deepEqual(qs("a big new Chinese satellite", "en"), []);
    assert.deepEqual(qs("3 companies and cameras", "en"), []);
  });
});

describe("findQuantities: robustness", () => {
  it("never throws on binary garbage, mixed scripts or numbers only", () => {
    let garbage = "";
    let seed = 11;
    for (let i = 0; i < 50_000; i++) {
      seed = (seed * 1103515245 + 12345) & 0x7fffffff;
      garbage += String.fromCharCode(seed % 0xffff);
    }
    for (const lang of ["en", "es", "pt", "zh", "other"] as const) {
      for (const text of [garbage, "هواوي ركبت 600 cameras في المدينة", "0123456789 ".repeat(1000), "", "\u0000\ud800"]) {
        for (const q of findQuantities(text, lang)) assert.equal(text.slice(q.start, q.end), q.text);
      }
    }
    assert.deepEqual(qs("هواوي ركبت 600 cameras في المدينة", "other"), [["600 cameras", "cameras", 600]]);
  });

  it("handles a 20 MB single line", () => {
    const unit = "Huawei installed 600 cameras and two satellites for the ministry. ";
    const line = unit.repeat(Math.ceil(20e6 / unit.length)).slice(0, 20e6);
    const found = findQuantities(line, "en");
    assert.ok(found.length > 500_000);
  });

  const adversarial: [string, string][] = [
    ["repeated counts", "600 "],
    ["dotted digits", "1.1."],
    ["repeated years", "2019 "],
    ["articles without units", "a new big "],
    ["counts with long gaps", "600 facial recognition smart "],
    ["digits and hyphens", "9-"],
  ];
  for (const [name, unit] of adversarial) {
    it(`takes time linear in input size on ${name}`, () => {
      const small = unit.repeat(Math.ceil(100_000 / unit.length));
      // 16× the input: linear costs ~16×, quadratic ~256×; 64 leaves room for a busy machine.
      const large = small.repeat(16);
      findQuantities(small, "en");
      const ratio = medianMs(() => findQuantities(large, "en")) / Math.max(0.5, medianMs(() => findQuantities(small, "en")));
      assert.ok(ratio < 64, `16× input took ${ratio.toFixed(1)}× the time`);
    });
  }
});
