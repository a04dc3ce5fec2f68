// The small pieces under the extractor: folding, segmentation, language, phrase and gazetteer
// matching — each on its own, in Spanish, Portuguese and English.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { foldSameLength } from "../../src/extract/fold.js";
import { defaultGazetteer } from "../../src/extract/gazetteer.js";
import { documentLanguage, paragraphLanguage } from "../../src/extract/language.js";
import { PhraseMatcher, tokenize } from "../../src/extract/phrase-matcher.js";
import { segment } from "../../src/extract/segment.js";

describe("folding", () => {
  it("lower-cases and strips accents without moving any character", () => {
    const text = "Telefónica São Paulo ÁÉÍÓÚ Ñandú İstanbul 华为";
    const folded = foldSameLength(text);
    assert.equal(folded.length, text.length);
    assert.ok(folded.startsWith("telefonica sao paulo aeiou nandu"));
    assert.ok(folded.endsWith("华为"));
  });
});

describe("segmentation", () => {
  it("splits sentences inside paragraphs and keeps offsets", () => {
    const text = "ZTE Corp. firmó el contrato. Huawei no.\n\nA Huawei doou câmeras em set. 2018. Depois, mais.";
    const { paragraphs, sentences } = segment(text);
    assert.equal(paragraphs.length, 2);
    const texts = sentences.map((s) => text.slice(s.start, s.end));
    assert.deepEqual(texts, ["ZTE Corp. firmó el contrato.", "Huawei no.", "A Huawei doou câmeras em set. 2018.", "Depois, mais."]);
  });

  it("ends sentences where Intl.Segmenter does on ordinary news text", () => {
    const text =
      "El gobierno firmó el contrato en 2019. ¿Quién lo pagó? Nadie sabe… Según el ministro, \"todo está en orden.\" La obra empezó el lunes. " +
      "U.S. officials said 3.5 million dollars were paid. The deal (signed in March) was final! O acordo foi assinado. 华为签署了合同。中兴也签了。";
    const ours = segment(text).sentences.map((s) => text.slice(s.start, s.end));
    const icu = [...new Intl.Segmenter("en", { granularity: "sentence" }).segment(text)].map((x) => x.segment.trim());
    assert.deepEqual(ours, icu);
  });

  it("joins a hard-wrapped line but not a heading", () => {
    const text = "Then, in October 2008 and\nOctober 2017, China launched two satellites.\n\nSummary\nHuawei grew fast.";
    const texts = segment(text).sentences.map((s) => text.slice(s.start, s.end));
    assert.equal(texts[0], "Then, in October 2008 and\nOctober 2017, China launched two satellites.");
    assert.ok(texts.includes("Summary"));
  });

  it("ends a sentence at a footnote marker", () => {
    const text = "Brazil is a big market for TikTok.<sup>32</sup> Meanwhile, Didi bought 99.";
    assert.equal(segment(text).sentences.length, 2);
  });

  it("marks tab-separated rows as a table", () => {
    const text = "Year\tInvestor\tAmount\n2016\tHuawei\t45\n2018\tZTE\t120";
    assert.equal(segment(text).paragraphs[0]?.table, true);
  });

  it("stays linear on a 2 MB line without breaks", () => {
    const line = "palabra ".repeat(250_000);
    const { sentences } = segment(line);
    assert.ok(sentences.length >= 1);
    assert.equal(sentences.at(-1)?.end, line.trimEnd().length);
  });
});

describe("language", () => {
  it("tells Spanish, Portuguese, English and Chinese apart", () => {
    assert.equal(paragraphLanguage("El gobierno de la provincia firmó un contrato con la empresa para instalar las cámaras."), "es");
    assert.equal(paragraphLanguage("O governo do estado assinou um contrato com a empresa para instalar as câmeras."), "pt");
    assert.equal(paragraphLanguage("The government of the province signed a contract with the company to install the cameras."), "en");
    assert.equal(documentLanguage("华为与厄瓜多尔政府签署了一份价值1.2亿美元的合同，为该国建设监控系统。"), "zh");
  });

  it("gives no paragraph language when there is too little to go on", () => {
    assert.equal(paragraphLanguage("ZTE 2019"), null);
  });
});

describe("phrase matching", () => {
  it("prefers the longest phrase and folds accents and case", () => {
    const m = new PhraseMatcher<string>();
    m.add("cable", "short");
    m.add("cable submarino", "long");
    const text = "Un CABLE SUBMARINO y un cable más.";
    const found = m.match(tokenize(text)).map((x) => [text.slice(x.start, x.end), x.entries[0]]);
    assert.deepEqual(found, [["CABLE SUBMARINO", "long"], ["cable", "short"]]);
  });

  it("does not run a phrase across a full stop, and matches exact-case names only as written", () => {
    const m = new PhraseMatcher<string>();
    m.add("China Unicom", "org");
    m.add("Claro", "claro", { exactCase: true });
    const text = "Está claro. Trabaja con China. Unicom no. Claro firmó.";
    const found = m.match(tokenize(text)).map((x) => text.slice(x.start, x.end));
    assert.deepEqual(found, ["Claro"]);
  });

  it("reads & as and", () => {
    const m = new PhraseMatcher<string>();
    m.add("China Aerospace Science and Technology", "casc");
    assert.equal(m.match(tokenize("China Aerospace Science & Technology won")).length, 1);
  });
});

describe("the gazetteer", () => {
  const g = defaultGazetteer();
  const names = (text: string) =>
    g.find(tokenize(text)).map((m) => [text.slice(m.start, m.end), m.entries.map((e) => (e.kind === "org" ? e.name : e.kind === "country" ? e.code : e.kind === "demonym" ? `demonym:${e.country}` : e.kind)).join("|")]);

  it("finds organizations by their aliases in three languages and Chinese", () => {
    const found = names("El Banco de Desarrollo de China y 中兴 con Huawei Marine Networks y la Export-Import Bank of China.");
    const orgs = found.map(([, e]) => e);
    assert.ok(orgs.includes("China Development Bank"), JSON.stringify(found));
    assert.ok(orgs.includes("ZTE"));
    assert.ok(orgs.includes("Huawei Marine"));
    assert.ok(orgs.includes("China Eximbank"));
  });

  it("reads places only when capitalised, and demonyms in lower case", () => {
    const found = names("la empresa argentina opera en Jujuy; la florida es una flor; Bolivia");
    assert.deepEqual(found.map(([s]) => s), ["argentina", "Jujuy", "Bolivia"]);
  });

  it("does not read 'Latin American' as American", () => {
    assert.ok(names("a Latin American fintech").every(([, e]) => e !== "demonym:US"));
  });
});
