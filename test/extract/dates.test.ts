// Dates and years in en/es/pt/zh text: explicit and relative forms, years that are not years, the
// document's own date, and robustness (garbage, huge input, time linear in size).
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { documentDateFromText, findDates } from "../../src/extract/dates.js";
import type { DateMention, DocumentDate, Lang } from "../../src/extract/types.js";
import { medianMs } from "../helpers.js";

const DOC: DocumentDate = { year: 2020, month: 6, day: 15 };

/** The mentions as compact tuples, after checking every span cites its text. */
function dates(text: string, lang: Lang, doc: DocumentDate | null = DOC): [string, number | null, number | null, number | null, boolean][] {
  const found = findDates(text, lang, doc);
  for (const m of found) assert.equal(text.slice(m.start, m.end), m.text, `span of ${m.text}`);
  return found.map((m: DateMention) => [m.text, m.year, m.month, m.day, m.relative]);
}


describe("findDates: explicit dates", () => {
  it("reads English months with years, abbreviations, periods and bare years", () => {
    assert.deepEqual(dates("Signed in March 2019; by mid-2008 and Jan. 2009, in 2017, Sept. 2018 and late 2019.", "en"), [
      ["March 2019", 2019, 3, null, false],
      ["mid-2008", 2008, null, null, false],
      ["Jan. 2009", 2009, 1, null, false],
      ["2017", 2017, null, null, false],
      ["Sept. 2018", 2018, 9, null, false],
      ["late 2019", 2019, null, null, false],
    ]);
  });

  it("reads full dates with day precision", () => {
    assert.deepEqual(dates("On July 5, 2019 the loan was signed.", "en"), [["July 5, 2019", 2019, 7, 5, false]]);
    assert.deepEqual(dates("El 5 de julio de 2019 se firmó.", "es"), [["5 de julio de 2019", 2019, 7, 5, false]]);
    assert.deepEqual(dates("Em 1 de setembro de 2018 foi assinado.", "pt"), [["1 de setembro de 2018", 2018, 9, 1, false]]);
    assert.deepEqual(dates("Approved 2019-07-05.", "en"), [["2019-07-05", 2019, 7, 5, false]]);
  });

  it("reads Spanish month-year and period forms", () => {
    assert.deepEqual(dates("en marzo de 2019 y a finales de 2019, fines de 2018, mediados de 2017", "es"), [
      ["marzo de 2019", 2019, 3, null, false],
      ["finales de 2019", 2019, null, null, false],
      ["fines de 2018", 2018, null, null, false],
      ["mediados de 2017", 2017, null, null, false],
    ]);
  });

  it("reads Portuguese month-year forms that chrono's pt locale misses", () => {
    assert.deepEqual(dates("O acordo foi assinado em setembro de 2018; setembro 2018; set. 2018; no final de 2019 e meados de 2016.", "pt"), [
      ["setembro de 2018", 2018, 9, null, false],
      ["setembro 2018", 2018, 9, null, false],
      ["set. 2018", 2018, 9, null, false],
      ["final de 2019", 2019, null, null, false],
      ["meados de 2016", 2016, null, null, false],
    ]);
  });

  it("reads Chinese year, month and day forms", () => {
    assert.deepEqual(dates("华为于2019年3月签署协议，2019年开始，2018年7月5日交付", "zh"), [
      ["2019年3月", 2019, 3, null, false],
      ["2019年", 2019, null, null, false],
      ["2018年7月5日", 2018, 7, 5, false],
    ]);
  });

  it("gives a range of years as two mentions", () => {
    assert.deepEqual(dates("the 2019-2020 plan and the 2017–2018 budget", "en"), [
      ["2019", 2019, null, null, false],
      ["2020", 2020, null, null, false],
      ["2017", 2017, null, null, false],
      ["2018", 2018, null, null, false],
    ]);
  });

  it("keeps only the year of an ambiguous numeric day/month date", () => {
    assert.deepEqual(dates("dated 05/07/2019", "en"), [["05/07/2019", 2019, null, null, false]]);
  });
});

describe("findDates: relative dates", () => {
  it("reads a month without a year against the document date, stepping back a year for months to come", () => {
    assert.deepEqual(dates("In March the ministry signed; in September it paid.", "en"), [
      ["March", 2020, 3, null, true],
      ["September", 2019, 9, null, true],
    ]);
    assert.deepEqual(dates("Se firmó en marzo y se pagó en diciembre.", "es"), [
      ["marzo", 2020, 3, null, true],
      ["diciembre", 2019, 12, null, true],
    ]);
    assert.deepEqual(dates("Foi assinado em setembro.", "pt"), [["setembro", 2019, 9, null, true]]);
  });

  it("reads last year, this year and earlier this month in three languages", () => {
    assert.deepEqual(dates("last year, this year and earlier this month", "en"), [
      ["last year", 2019, null, null, true],
      ["this year", 2020, null, null, true],
      ["earlier this month", 2020, 6, null, true],
    ]);
    assert.deepEqual(dates("el año pasado y este año", "es"), [
      ["el año pasado", 2019, null, null, true],
      ["este año", 2020, null, null, true],
    ]);
    assert.deepEqual(dates("no ano passado", "pt"), [["no ano passado", 2019, null, null, true]]);
    assert.deepEqual(dates("去年签署", "zh"), [["去年", 2019, null, null, true]]);
  });

  it("still returns relative mentions without a document date, with the year unknown", () => {
    assert.deepEqual(dates("In March, last year, em setembro", "en", null).slice(0, 2), [
      ["March", null, 3, null, true],
      ["last year", null, null, null, true],
    ]);
    assert.deepEqual(dates("Foi em setembro, no ano passado.", "pt", null), [
      ["setembro", null, 9, null, true],
      ["no ano passado", null, null, null, true],
    ]);
  });

  it("keeps relative months no more precise than the document date", () => {
    assert.deepEqual(dates("earlier this month", "en", { year: 2020, month: null, day: null }), [["earlier this month", 2020, null, null, true]]);
    assert.deepEqual(dates("last month", "en", { year: 2020, month: 1, day: null }), [["last month", 2019, 12, null, true]]);
  });

  it("drops durations and offsets from other events", () => {
    assert.deepEqual(dates("a loan for five years, repaid eight days after, over the next few years", "en"), []);
    assert.deepEqual(dates("3 years ago", "en"), [["3 years ago", 2017, null, null, true]]);
  });

  it("does not read the verb 'may' as a month", () => {
    assert.deepEqual(dates("The company may sign the contract.", "en"), []);
  });
});

describe("findDates: numbers that are not years", () => {
  const notYears = [
    "2,100 cameras were installed",
    "it cost $2019 in fees",
    "a fee of US$ 2019",
    "call 555-2019 please",
    "call +54 11 2019 4455",
    "the ID 12019 and v2019",
    "a ratio of 2019.5",
    "2000 cameras and 2019 million users",
    "2019 600",
    "1.5 million and 24/7 service",
    "the 1850 census and 2077 plans",
  ];
  for (const text of notYears) {
    it(`finds no year in "${text}"`, () => {
      assert.deepEqual(dates(text, "en"), []);
    });
  }

  it("takes a year followed by a number when a year word comes first", () => {
    assert.deepEqual(dates("In 2019 600 cameras were installed", "en"), [["2019", 2019, null, null, false]]);
  });
});

describe("documentDateFromText", () => {
  it("reads ISO, English and Spanish header dates with their offsets", () => {
    const cases: [string, DocumentDate, string][] = [
      ["Published: 2019-07-05\nHuawei signs deal", { year: 2019, month: 7, day: 5 }, "2019-07-05"],
      ["By Jane Doe | July 5, 2019\nText follows.", { year: 2019, month: 7, day: 5 }, "July 5, 2019"],
      ["Updated 12 Mar 2021\nLima — text.", { year: 2021, month: 3, day: 12 }, "12 Mar 2021"],
      ["BUENOS AIRES, 5 de julio de 2019 — El gobierno firmó un acuerdo con Huawei para instalar cámaras en la ciudad y en la provincia entera durante los próximos años.", { year: 2019, month: 7, day: 5 }, "5 de julio de 2019"],
    ];
    for (const [text, want, span] of cases) {
      const got = documentDateFromText(text);
      assert.ok(got, text);
      assert.deepEqual({ year: got.year, month: got.month, day: got.day }, want);
      assert.equal(text.slice(got.start, got.end), span);
    }
  });

  it("skips ambiguous numeric dates and dates inside body paragraphs or past the header", () => {
    assert.equal(documentDateFromText("05/07/2019 headline"), null);
    const body = `${"Some words here. ".repeat(10)}The deal was signed on July 5, 2019 by the ministry and ${"more words. ".repeat(10)}`;
    assert.equal(documentDateFromText(body), null);
    assert.equal(documentDateFromText(`Title\n\n${"word ".repeat(400)}\nJuly 5, 2019`), null);
    assert.equal(documentDateFromText("Signed in March 2019."), null);
  });
});

describe("findDates: robustness", () => {
  it("never throws on binary garbage, mixed scripts or numbers only", () => {
    let garbage = "";
    let seed = 7;
    for (let i = 0; i < 20_000; i++) {
      seed = (seed * 1103515245 + 12345) & 0x7fffffff;
      garbage += String.fromCharCode(seed % 0xffff);
    }
    for (const lang of ["en", "es", "pt", "zh", "other"] as const) {
      for (const text of [garbage, "وقعت هواوي اتفاقا في مارس 2019 مع الحكومة", "0123456789 ".repeat(500), "", "\u0000\uffff\ud800"]) {
        const found = findDates(text, lang, DOC);
        for (const m of found) assert.equal(text.slice(m.start, m.end), m.text);
      }
    }
    assert.deepEqual(dates("وقعت هواوي اتفاقا في مارس 2019", "other").map((m) => m[1]), [2019]);
  });

  it("handles a 20 MB single line", () => {
    const line = "Huawei signed in March 2019 with the ministry; the network opened later. ".repeat(Math.ceil(20e6 / 73));
    const found = findDates(line.slice(0, 20e6), "en", DOC);
    assert.ok(found.length > 200_000);
    const last = found.at(-1);
    assert.ok(last && line.slice(last.start, last.end) === last.text);
  });

  const adversarial: [string, string][] = [
    ["repeated years", "2019 "],
    ["dotted digits", "1.1."],
    ["repeated counts", "600 "],
    ["repeated month names", "marzo de "],
    ["month-year pairs without spaces", "March2019"],
    ["dashes and digits", "2019-"],
  ];
  for (const [name, unit] of adversarial) {
    it(`takes time linear in input size on ${name}`, () => {
      const small = unit.repeat(Math.ceil(20_000 / unit.length));
      // 16× the input: linear costs ~16×, quadratic ~256×; 64 leaves room for a busy machine.
      const large = small.repeat(16);
      findDates(small, "es", DOC); // warm up the matchers and the JIT
      const ratio = medianMs(() => findDates(large, "es", DOC)) / Math.max(0.5, medianMs(() => findDates(small, "es", DOC)));
      assert.ok(ratio < 64, `16× input took ${ratio.toFixed(1)}× the time`);
    });
  }
});
