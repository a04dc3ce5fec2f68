import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { findAmounts } from "../../src/extract/amounts.js";
import type { AmountMention, Lang } from "../../src/extract/types.js";

interface Expected {
  text: string;
  value: number;
  currency: string | null;
  approximate?: boolean;
}

/** Asserts the mentions found in `text`, and that every span cites exactly its text. */
function expectAmounts(text: string, lang: Lang, expected: Expected[]): AmountMention[] {
  const found = findAmounts(text, lang);
  for (const m of found) assert.equal(text.slice(m.start, m.end), m.text, `span of ${JSON.stringify(m.text)}`);
  assert.deepEqual(
    found.map((m) => ({ text: m.text, value: m.value, currency: m.currency, approximate: m.approximate })),
    expected.map((e) => ({ approximate: false, ...e })),
    `in ${JSON.stringify(text)} (${lang})`,
  );
  return found;
}

describe("findAmounts in English", () => {
  it("reads a bare dollar sign as US dollars with its scale word", () => {
    expectAmounts("Tencent invested $180 million in Nubank.", "en", [{ text: "$180 million", value: 180_000_000, currency: "USD" }]);
  });

  it("marks 'nearly' as approximate and keeps it out of the span", () => {
    const [m] = expectAmounts("ZTE sealed a nearly $30 million surveillance contract", "en", [
      { text: "$30 million", value: 30_000_000, currency: "USD", approximate: true },
    ]);
    assert.deepEqual([m?.start, m?.end], [20, 31]);
  });

  it("reads a markdown-escaped dollar and leaves the backslash outside the span", () => {
    expectAmounts("for more than \\$105 million. In", "en", [{ text: "$105 million", value: 105_000_000, currency: "USD", approximate: true }]);
  });

  it("reads abbreviated scale words glued to the number", () => {
    expectAmounts("a US$240m loan, a $1.5bn fund and €50m more", "en", [
      { text: "US$240m", value: 240_000_000, currency: "USD" },
      { text: "$1.5bn", value: 1_500_000_000, currency: "USD" },
      { text: "€50m", value: 50_000_000, currency: "EUR" },
    ]);
  });

  it("reads ISO codes before and after the number", () => {
    expectAmounts("USD 1.41 million, USD 2.5 million and 50 million USD", "en", [
      { text: "USD 1.41 million", value: 1_410_000, currency: "USD" },
      { text: "USD 2.5 million", value: 2_500_000, currency: "USD" },
      { text: "50 million USD", value: 50_000_000, currency: "USD" },
    ]);
  });

  it("reads renminbi written as RMB, yuan or the yen sign", () => {
    expectAmounts("RMB 73.5 million, then 73.5 million yuan, then ¥1.2 billion", "en", [
      { text: "RMB 73.5 million", value: 73_500_000, currency: "CNY" },
      { text: "73.5 million yuan", value: 73_500_000, currency: "CNY" },
      { text: "¥1.2 billion", value: 1_200_000_000, currency: "CNY" },
    ]);
  });

  it("lets a following 'yen' decide that the yen sign means JPY", () => {
    expectAmounts("¥500 million yen", "en", [{ text: "¥500 million yen", value: 500_000_000, currency: "JPY" }]);
  });

  it("reads currency words after the scale word", () => {
    expectAmounts("30 million dollars and 200 million US dollars", "en", [
      { text: "30 million dollars", value: 30_000_000, currency: "USD" },
      { text: "200 million US dollars", value: 200_000_000, currency: "USD" },
    ]);
  });

  it("reads a hyphenated amount used as an adjective", () => {
    expectAmounts("a $200-million loan", "en", [{ text: "$200-million", value: 200_000_000, currency: "USD" }]);
  });

  it("reads comma thousands and a dot decimal", () => {
    expectAmounts("$200,000, $1,000,000 and $1,234.5", "en", [
      { text: "$200,000", value: 200_000, currency: "USD" },
      { text: "$1,000,000", value: 1_000_000, currency: "USD" },
      { text: "$1,234.5", value: 1234.5, currency: "USD" },
    ]);
  });

  it("reads a dot before three digits as a decimal point in English", () => {
    expectAmounts("1.125 billion dollars", "en", [{ text: "1.125 billion dollars", value: 1_125_000_000, currency: "USD" }]);
  });

  it("reads 'a million dollars' but no longer spelled-out numbers", () => {
    expectAmounts("a million dollars", "en", [{ text: "a million dollars", value: 1_000_000, currency: "USD" }]);
    expectAmounts("twenty one million dollars", "en", []);
  });

  it("reads a markdown-escaped dollar in a tab-separated table row", () => {
    const row = "Jan. 2009\tHuawei\t\\$240\tn/a\tCosta Rican Electricity\tTechnology - Telecom";
    const [m] = expectAmounts(row, "en", [{ text: "$240", value: 240, currency: "USD" }]);
    assert.deepEqual([m?.start, m?.end], [row.indexOf("$"), row.indexOf("$") + 4]);
  });

  it("reads a range as one approximate mention at its lower end", () => {
    expectAmounts("a $30-40 million deal", "en", [{ text: "$30-40 million", value: 30_000_000, currency: "USD", approximate: true }]);
  });

  it("does not read an adjective like 'billion-dollar' as a sum", () => {
    expectAmounts("a billion-dollar industry", "en", []);
  });
});

describe("findAmounts in Spanish", () => {
  it("leaves a bare dollar sign without currency", () => {
    expectAmounts("$ 4.300 y $4,300", "es", [
      { text: "$ 4.300", value: 4300, currency: null },
      { text: "$4,300", value: 4300, currency: null },
    ]);
  });

  it("reads US$ with millones and a dot thousands separator", () => {
    expectAmounts("un préstamo de US$ 240 millones y otro de US$ 1.000 millones", "es", [
      { text: "US$ 240 millones", value: 240_000_000, currency: "USD" },
      { text: "US$ 1.000 millones", value: 1_000_000_000, currency: "USD" },
    ]);
  });

  it("reads the currency word after 'millones de'", () => {
    expectAmounts("30 millones de dólares y 30 millones de dólares estadounidenses", "es", [
      { text: "30 millones de dólares", value: 30_000_000, currency: "USD" },
      { text: "30 millones de dólares estadounidenses", value: 30_000_000, currency: "USD" },
    ]);
  });

  it("folds accents in currency words", () => {
    expectAmounts("30 millones de dolares", "es", [{ text: "30 millones de dolares", value: 30_000_000, currency: "USD" }]);
  });

  it("reads 'mil millones' as a thousand million, with or without a number", () => {
    expectAmounts("casi mil millones de dólares; luego US$ 2 mil millones", "es", [
      { text: "mil millones de dólares", value: 1_000_000_000, currency: "USD", approximate: true },
      { text: "US$ 2 mil millones", value: 2_000_000_000, currency: "USD" },
    ]);
  });

  it("skips 'mil millones' ending a spelled-out number instead of misreading it", () => {
    expectAmounts("dos mil millones de dólares", "es", []);
  });

  it("reads 'un millón de dólares'", () => {
    expectAmounts("un millón de dólares", "es", [{ text: "un millón de dólares", value: 1_000_000, currency: "USD" }]);
  });

  it("reads billón as ten to the twelfth", () => {
    expectAmounts("1,5 billones de pesos", "es", [{ text: "1,5 billones de pesos", value: 1_500_000_000_000, currency: null }]);
  });

  it("gives pesos a currency only when the phrase names the country", () => {
    expectAmounts("2.000 millones de pesos, 2.000 millones de pesos argentinos, 5 millones de pesos mexicanos", "es", [
      { text: "2.000 millones de pesos", value: 2_000_000_000, currency: null },
      { text: "2.000 millones de pesos argentinos", value: 2_000_000_000, currency: "ARS" },
      { text: "5 millones de pesos mexicanos", value: 5_000_000, currency: "MXN" },
    ]);
    expectAmounts("$ 30 millones de pesos chilenos", "es", [{ text: "$ 30 millones de pesos chilenos", value: 30_000_000, currency: "CLP" }]);
  });

  it("reads soles, bolivianos and euros", () => {
    expectAmounts("S/ 120 millones, Bs 50 millones y 4,5 millones de euros", "es", [
      { text: "S/ 120 millones", value: 120_000_000, currency: "PEN" },
      { text: "Bs 50 millones", value: 50_000_000, currency: "BOB" },
      { text: "4,5 millones de euros", value: 4_500_000, currency: "EUR" },
    ]);
  });

  it("reads a code after the scale word", () => {
    expectAmounts("240 millones USD", "es", [{ text: "240 millones USD", value: 240_000_000, currency: "USD" }]);
  });

  it("reads both mixed separator styles", () => {
    expectAmounts("1.234,5 dólares", "es", [{ text: "1.234,5 dólares", value: 1234.5, currency: "USD" }]);
    expectAmounts("US$ 1,234.5", "es", [{ text: "US$ 1,234.5", value: 1234.5, currency: "USD" }]);
  });

  it("reads the Mexican abbreviation mdd as millions of dollars", () => {
    expectAmounts("una inversión de 500 mdd", "es", [{ text: "500 mdd", value: 500_000_000, currency: "USD" }]);
  });

  it("reads Q as quetzales only with a scale word or grouped digits, not quarters", () => {
    expectAmounts("en el Q4 2019 pagó Q5 millones y Q12.500", "es", [
      { text: "Q5 millones", value: 5_000_000, currency: "GTQ" },
      { text: "Q12.500", value: 12_500, currency: "GTQ" },
    ]);
  });

  it("marks 'más de', 'cerca de' and 'unos' as approximate", () => {
    expectAmounts("más de US$ 105 millones, cerca de 30 millones de dólares y unos $ 4.300", "es", [
      { text: "US$ 105 millones", value: 105_000_000, currency: "USD", approximate: true },
      { text: "30 millones de dólares", value: 30_000_000, currency: "USD", approximate: true },
      { text: "$ 4.300", value: 4300, currency: null, approximate: true },
    ]);
  });

  it("reads a range joined by 'a'", () => {
    expectAmounts("US$ 5 a 10 millones", "es", [{ text: "US$ 5 a 10 millones", value: 5_000_000, currency: "USD", approximate: true }]);
  });
});

describe("findAmounts in Portuguese", () => {
  it("reads reais with bilhão and a decimal comma", () => {
    expectAmounts("R$ 1,5 bilhão", "pt", [{ text: "R$ 1,5 bilhão", value: 1_500_000_000, currency: "BRL" }]);
  });

  it("reads 'mil' as thousand", () => {
    expectAmounts("R$ 500 mil", "pt", [{ text: "R$ 500 mil", value: 500_000, currency: "BRL" }]);
  });

  it("reads dollars in milhões and the connector 'de'", () => {
    expectAmounts("US$ 2,5 milhões e 30 milhões de reais", "pt", [
      { text: "US$ 2,5 milhões", value: 2_500_000, currency: "USD" },
      { text: "30 milhões de reais", value: 30_000_000, currency: "BRL" },
    ]);
  });

  it("reads 'um bilhão de reais' and 'mil milhões'", () => {
    expectAmounts("um bilhão de reais e 2 mil milhões de euros", "pt", [
      { text: "um bilhão de reais", value: 1_000_000_000, currency: "BRL" },
      { text: "2 mil milhões de euros", value: 2_000_000_000, currency: "EUR" },
    ]);
  });

  it("marks 'mais de', 'quase' and 'até' as approximate", () => {
    expectAmounts("mais de R$ 2 bilhões, quase US$ 10 milhões e até R$ 3 mi", "pt", [
      { text: "R$ 2 bilhões", value: 2_000_000_000, currency: "BRL", approximate: true },
      { text: "US$ 10 milhões", value: 10_000_000, currency: "USD", approximate: true },
      { text: "R$ 3 mi", value: 3_000_000, currency: "BRL", approximate: true },
    ]);
  });

  it("does not read spelled-out numbers other than 'um'", () => {
    expectAmounts("trinta milhões de reais", "pt", []);
  });
});

describe("findAmounts in Chinese", () => {
  it("reads 亿 and 美元 without spaces", () => {
    expectAmounts("投资1.2亿美元", "zh", [{ text: "1.2亿美元", value: 120_000_000, currency: "USD" }]);
  });

  it("reads 万元 as renminbi", () => {
    expectAmounts("合同金额5000万元。", "zh", [{ text: "5000万元", value: 50_000_000, currency: "CNY" }]);
  });

  it("reads 人民币 before the number and 元 after it as one mention", () => {
    expectAmounts("人民币5000万元的合同", "zh", [{ text: "人民币5000万元", value: 50_000_000, currency: "CNY" }]);
  });

  it("marks 约, 近 and 超过 as approximate", () => {
    expectAmounts("约1.2亿美元，近5000万元，超过3亿元", "zh", [
      { text: "1.2亿美元", value: 120_000_000, currency: "USD", approximate: true },
      { text: "5000万元", value: 50_000_000, currency: "CNY", approximate: true },
      { text: "3亿元", value: 300_000_000, currency: "CNY", approximate: true },
    ]);
  });

  it("reads the yen sign as renminbi and leaves a bare dollar without currency", () => {
    expectAmounts("¥1.2 billion and $5 million", "zh", [
      { text: "¥1.2 billion", value: 1_200_000_000, currency: "CNY" },
      { text: "$5 million", value: 5_000_000, currency: null },
    ]);
  });
});

describe("findAmounts spans", () => {
  it("cites every mention exactly and in order in a mixed paragraph", () => {
    const text = "El contrato, por US$ 240 millones (unos R$ 1,2 bilhão), se firmó en 2019; Huawei aportó 5000万元.";
    const found = findAmounts(text, "es");
    assert.deepEqual(
      found.map((m) => [m.start, m.end, m.text]),
      [
        [17, 33, "US$ 240 millones"],
        [40, 53, "R$ 1,2 bilhão"],
        [88, 94, "5000万元"],
      ],
    );
    for (const m of found) assert.equal(text.slice(m.start, m.end), m.text);
  });

  it("counts offsets in UTF-16 units after astral characters", () => {
    const text = "🚀🚀 US$ 5 millones";
    const [m] = findAmounts(text, "es");
    assert.equal(m?.start, 5);
    assert.equal(text.slice(m?.start, m?.end), "US$ 5 millones");
  });
});

describe("findAmounts non-amounts", () => {
  it("does not read years, bare numbers or phone numbers", () => {
    expectAmounts("in 2019, 600 cameras; call +54 11 4321-5678 or 0800-555-1234", "en", []);
    expectAmounts("En 2019 se instalaron 4.000 cámaras.", "es", []);
  });

  it("does not read a year followed by a currency word as a sum", () => {
    expectAmounts("in constant 2015 dollars", "en", []);
  });

  it("does not read percentages, even next to a currency sign", () => {
    expectAmounts("creció 1,5% y 30 por ciento; R$ 5% de juros", "es", []);
    expectAmounts("a 12 percent stake", "en", []);
  });

  it("reads nothing from a dollar sign without a number", () => {
    expectAmounts("costs in $ and € alike; $$$", "en", []);
  });

  it("does not read numbers glued to words such as 5G or A320", () => {
    expectAmounts("5G networks and A320 planes for $5G", "en", []);
  });

  it("reads ISO codes only in upper case, so words like 'Cup' and 'pen' stay words", () => {
    expectAmounts("the World Cup 2019 and 5 pen drives", "en", []);
    expectAmounts("CUP 2019 and 5 PEN", "en", [
      { text: "CUP 2019", value: 2019, currency: "CUP" },
      { text: "5 PEN", value: 5, currency: "PEN" },
    ]);
  });

  it("does not read a 'de' without a scale word as a connector", () => {
    expectAmounts("el 30 de dólares", "es", []);
  });
});

describe("findAmounts on hostile input", () => {
  function checkSpans(text: string, lang: Lang): AmountMention[] {
    const found = findAmounts(text, lang);
    let last = 0;
    for (const m of found) {
      assert.ok(m.start >= last && m.end > m.start && m.end <= text.length, "spans ordered, non-overlapping, inside the text");
      assert.equal(text.slice(m.start, m.end), m.text);
      assert.ok(Number.isFinite(m.value));
      last = m.end;
    }
    return found;
  }

  it("returns sane spans on binary garbage and lone surrogates", () => {
    let seed = 42;
    const rand = (): number => (seed = (seed * 1103515245 + 12345) % 2 ** 31);
    const garbage = Array.from({ length: 200_000 }, () => String.fromCharCode(rand() % 0x10000)).join("");
    checkSpans(garbage, "en");
    checkSpans("\ud800$\udfff5\ud800 millones\u0000\uffff", "es");
  });

  it("reads nothing from Arabic text with Arabic-Indic digits, and reads the Latin amount beside it", () => {
    expectAmounts("استثمرت الشركة ٣٠ مليون دولار و US$ 5 million", "en", [{ text: "US$ 5 million", value: 5_000_000, currency: "USD" }]);
  });

  it("reads nothing from a run of digits or of dollar signs", () => {
    assert.deepEqual(findAmounts("9".repeat(1_000_000), "en"), []);
    assert.deepEqual(findAmounts("$".repeat(1_000_000), "en"), []);
  });

  it("reads nothing from '1.1.1.1…' repeated a hundred thousand times, even after a dollar sign", () => {
    assert.deepEqual(findAmounts("$" + "1.".repeat(100_000) + "1", "es"), []);
  });

  it("reads only the first number of a long '$ 1 , 2 , 3 …' run", () => {
    const run = "$ " + Array.from({ length: 50_000 }, (_, i) => String(i + 1)).join(" , ");
    const found = checkSpans(run, "en");
    assert.deepEqual(found.map((m) => m.text), ["$ 1"]);
  });

  it("handles a 20 MB single line of news text", () => {
    const sentence = "Huawei signed a nearly $30 million contract in 2019 while ZTE paid US$ 1.5 bn for 600 cameras; ";
    const line = sentence.repeat(Math.ceil(20_000_000 / sentence.length));
    const found = findAmounts(line, "en");
    assert.equal(found.length, 2 * Math.ceil(20_000_000 / sentence.length));
    assert.equal(found.at(-1)?.text, "US$ 1.5 bn");
  });

  it("returns nothing for an empty string and for an unknown language it still reads codes", () => {
    assert.deepEqual(findAmounts("", "en"), []);
    expectAmounts("USD 5 million", "other", [{ text: "USD 5 million", value: 5_000_000, currency: "USD" }]);
  });
});

describe("findAmounts running time", () => {
  // Each unit exercises a different path: a long separator run, spaced numbers after a sign,
  // signs without numbers, articles and "mil" tokens, ranges, and near-miss scale words.
  const UNIT = "1.1.1.1.1.1.1.1 $ 1 , 2 , 3 US$US$$$ a un um mil 5-6-7 $1-2-3 R$ 4 mi 5 milhõesx 10% ";

  function fastest(text: string, runs: number): number {
    let best = Infinity;
    for (let i = 0; i < runs; i++) {
      const t0 = performance.now();
      findAmounts(text, "es");
      best = Math.min(best, performance.now() - t0);
    }
    return best;
  }

  it("grows linearly with the size of an adversarial input", () => {
    const n = UNIT.repeat(2_000);
    fastest(n, 3); // warm up the compiled regexes and the JIT
    const t1 = fastest(n, 7);
    const t2 = fastest(UNIT.repeat(4_000), 5);
    const t4 = fastest(UNIT.repeat(8_000), 5);
    // Linear would be 2 and 4; a quadratic scan would be 4 and 16. Generous bounds absorb noise.
    assert.ok(t2 / t1 < 4, `t(2N)/t(N) = ${(t2 / t1).toFixed(2)}`);
    console.error("ratios", t1, t2 / t1, t4 / t1);
    assert.ok(t4 / t1 < 8, `t(4N)/t(N) = ${(t4 / t1).toFixed(2)}`);
  });

  it("grows linearly on one long run of separators after a currency sign", () => {
    const make = (k: number): string => "$" + "1,".repeat(k) + "1";
    fastest(make(50_000), 3);
    const t1 = fastest(make(100_000), 7);
    const t4 = fastest(make(400_000), 5);
    assert.ok(t4 / t1 < 8, `t(4N)/t(N) = ${(t4 / t1).toFixed(2)}`);
  });
});
