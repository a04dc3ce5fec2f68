// Text as people paste it: one paragraph, perhaps with a stray fragment after the last stop (a
// caption, a bit of markup), and too short for a language model to be sure of the language.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { extractDeals } from "../../src/extract/extract-deals.js";
import { documentLanguage } from "../../src/extract/language.js";

const sentence = "Dahua firmó un contrato con la Municipalidad de Lima, Perú, por US$ 5 millones en 2021 para instalar cámaras.";

describe("pasted text", () => {
  it("reads the deal of a lone paragraph whatever trails its last sentence", () => {
    for (const tail of ["", " Fin.", " <script>alert(1)</script>", " Foto: archivo", " alert(1)"]) {
      const deals = extractDeals(sentence + tail);
      assert.equal(deals.length, 1, JSON.stringify(tail));
      assert.deepEqual(deals[0]?.vendors, ["Dahua"]);
      assert.equal(deals[0]?.country, "PE");
    }
  });

  it("still treats a one-line title above a story as a headline", () => {
    const text = `Dahua y Lima firman acuerdo de cámaras\n\n${sentence}`;
    const deals = extractDeals(text);
    assert.equal(deals.length, 1);
    assert.ok(deals[0]!.evidence.start > 30, "the deal is read from the body, not the title");
  });

  it("takes a short text's language from its function words when they are clear", () => {
    assert.equal(documentLanguage(sentence), "es");
    assert.equal(documentLanguage("A Huawei assinou um contrato com o governo do Brasil para uma rede."), "pt");
  });
});
