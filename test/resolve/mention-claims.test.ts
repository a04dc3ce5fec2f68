import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { extractDeals } from "../../src/extract/extract-deals.js";
import { mentionClaims, sentenceAround } from "../../src/resolve/mention-claims.js";
import { projectTitle } from "../../src/resolve/project-title.js";

describe("claims of a mention", () => {
  const text =
    "Jujuy, 5 de julio de 2019. El gobierno de Jujuy firmó un contrato con ZTE por US$ 30 millones para instalar 1.200 cámaras de videovigilancia en la provincia.\n\nEl proyecto incluye un centro de monitoreo.";
  const deals = extractDeals(text, { documentDate: { year: 2019, month: 7, day: 5 } });

  it("gives each field a quote that is exactly the text at its offsets", () => {
    assert.ok(deals.length >= 1);
    const claims = mentionClaims(deals[0]!, text);
    const fields = claims.map((c) => c.field);
    for (const f of ["vendors", "country", "amount", "category"]) assert.ok(fields.includes(f as never), `missing ${f} in ${fields}`);
    for (const c of claims) assert.equal(text.slice(c.start, c.end), c.text);
    const amount = claims.find((c) => c.field === "amount");
    assert.deepEqual(amount?.value, { value: 30e6, currency: "USD", year: 2019 });
  });

  it("finds the sentence around a span", () => {
    const at = text.indexOf("centro");
    const s = sentenceAround(text, { start: at, end: at + 6 });
    assert.equal(s.text, "El proyecto incluye un centro de monitoreo.");
    assert.equal(text.slice(s.start, s.end), s.text);
  });
});

describe("machine titles", () => {
  it("say who, what, how and where", () => {
    assert.equal(
      projectTitle({ supplier: "ZTE", category: "surveillance", mechanism: "contract", country: "AR", subdivision: "Jujuy", city: null }),
      "ZTE surveillance and public security contract in Jujuy, Argentina",
    );
    assert.equal(projectTitle({ supplier: null, category: "other", mechanism: null, country: null, subdivision: null, city: null }), "Unnamed supplier digital infrastructure deal");
  });
});
