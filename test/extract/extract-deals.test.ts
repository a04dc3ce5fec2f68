// The extractor on sentences written for these tests (not the seed documents), in Spanish,
// Portuguese and English: what each deal's fields must be, and what is not a deal.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { extractDeals } from "../../src/extract/extract-deals.js";
import type { ExtractedDeal } from "../../src/extract/deal.js";

function one(text: string, options: Parameters<typeof extractDeals>[1] = {}): ExtractedDeal {
  const deals = extractDeals(text, options);
  assert.equal(deals.length, 1, `expected one deal, got ${deals.length}: ${JSON.stringify(deals.map((d) => d.evidence.text))}`);
  return deals[0] as ExtractedDeal;
}

function evidenceHolds(text: string, d: ExtractedDeal): void {
  assert.equal(text.slice(d.evidence.start, d.evidence.end), d.evidence.text);
  for (const [field, span] of Object.entries(d.fields)) {
    assert.ok(span && span.start >= 0 && span.end <= text.length && span.end > span.start, `${field} span inside the text`);
  }
}

describe("extracting deals in Spanish", () => {
  it("reads a signed contract with its buyer, amount, year and place", () => {
    const text = "La provincia de Mendoza firmó en abril de 2021 un contrato de US$ 12 millones con Hikvision para instalar 1.500 cámaras de videovigilancia.";
    const d = one(text);
    assert.deepEqual(d.vendors, ["Hikvision"]);
    assert.equal(d.country, "AR");
    assert.equal(d.subdivision, "Mendoza");
    assert.deepEqual(d.amount, { value: 12_000_000, currency: "USD", approximate: false });
    assert.equal(d.year, 2021);
    assert.equal(d.category, "surveillance");
    assert.equal(d.mechanism, "contract");
    assert.equal(d.quantity.cameras, 1500);
    assert.match(d.buyer ?? "", /Mendoza/);
    evidenceHolds(text, d);
  });

  it("reads a loan from a Chinese policy bank as a financier", () => {
    const text = "El Banco de Desarrollo de China otorgó un préstamo de 250 millones de dólares a Ecuador para ampliar la red de fibra óptica de CNT en 2016.";
    const d = one(text);
    assert.deepEqual(d.financiers, ["China Development Bank"]);
    assert.equal(d.country, "EC");
    assert.equal(d.mechanism, "loan");
    assert.equal(d.amount?.value, 250_000_000);
    assert.equal(d.amount?.currency, "USD");
    assert.equal(d.year, 2016);
  });

  it("reads a bare peso sign in Argentine reporting as pesos", () => {
    const text = "El municipio de Córdoba adjudicó a Dahua la provisión de cámaras de seguridad por $ 450 millones en 2022, según el Boletín Oficial de Argentina.";
    const d = one(text);
    assert.deepEqual(d.vendors, ["Dahua"]);
    assert.equal(d.country, "AR");
    assert.equal(d.amount?.currency, "ARS");
    assert.equal(d.amount?.value, 450_000_000);
  });

  it("reads a month without a year against the document's own date", () => {
    const text = "Huawei donó en marzo equipos de telecomunicaciones al gobierno de Bolivia para conectar 300 escuelas rurales.";
    const dated = one(text, { documentDate: { year: 2020, month: 6, day: 1 } });
    assert.equal(dated.year, 2020);
    assert.equal(dated.mechanism, "donation");
    assert.equal(dated.quantity.schools, 300);
    assert.equal(one(text).year, null, "no document date: no year");
  });
});

describe("extracting deals in Portuguese", () => {
  it("reads a donation of cameras with the quantity in Portuguese number format", () => {
    const text = "A Huawei doou 2.100 câmeras de segurança ao governo do estado de São Paulo em setembro de 2018.";
    const d = one(text);
    assert.deepEqual(d.vendors, ["Huawei"]);
    assert.equal(d.country, "BR");
    assert.equal(d.subdivision, "São Paulo");
    assert.equal(d.quantity.cameras, 2100);
    assert.equal(d.mechanism, "donation");
    assert.equal(d.year, 2018);
    assert.equal(d.category, "surveillance");
  });

  it("reads an amount in reais with a decimal comma", () => {
    const text = "A ZTE assinou um contrato de R$ 1,5 bilhão com a Telebras para a expansão da rede 5G em 2023.";
    const d = one(text);
    assert.deepEqual(d.vendors, ["ZTE"]);
    assert.equal(d.country, "BR");
    assert.deepEqual(d.amount, { value: 1_500_000_000, currency: "BRL", approximate: false });
    assert.equal(d.category, "5g");
    assert.equal(d.year, 2023);
  });

  it("reads an acquisition and names the company bought", () => {
    const text = "Em 2021, a Tencent adquiriu uma participação minoritária na startup brasileira de pagamentos Ebanx.";
    const d = one(text);
    assert.deepEqual(d.vendors, ["Tencent"]);
    assert.equal(d.country, "BR");
    assert.equal(d.year, 2021);
    assert.ok(d.mechanism === "acquisition" || d.mechanism === "investment");
  });
});

describe("extracting deals in English", () => {
  it("reads a submarine cable with its length, builder and landing city", () => {
    const text = "In 2022, HMN Technologies completed a 2,500-kilometer submarine cable linking Fortaleza with Cabo Verde for a Brazilian consortium.";
    const d = one(text);
    assert.deepEqual(d.vendors, ["Huawei Marine"]);
    assert.equal(d.country, "BR");
    assert.equal(d.city, "Fortaleza");
    assert.equal(d.quantity.km, 2500);
    assert.equal(d.category, "submarine_cable");
    assert.equal(d.year, 2022);
  });

  it("keeps lender and builder apart in a financed project", () => {
    const text = "China Eximbank financed the $300 million national fibre-optic backbone that Huawei built for Venezuela's CANTV in 2012.";
    const d = one(text);
    assert.deepEqual(d.financiers, ["China Eximbank"]);
    assert.deepEqual(d.vendors, ["Huawei"]);
    assert.equal(d.country, "VE");
    assert.equal(d.amount?.value, 300_000_000);
    assert.equal(d.year, 2012);
  });

  it("attaches a following sentence that only says who paid to the deal before it", () => {
    const text = "ZTE built a national data center for Bolivia's government in 2017. The project was financed by China Eximbank with a $60 million loan.";
    const d = one(text);
    assert.deepEqual(d.vendors, ["ZTE"]);
    assert.deepEqual(d.financiers, ["China Eximbank"]);
    assert.equal(d.category, "data_center");
  });

  it("reads the rows of a deal table under its header", () => {
    const text = "Year\tInvestor\tAmount (USD millions)\tPartner\tSector\tCountry\n2016\tHuawei\t45\tClaro\tTelecom\tPeru\n2018\tZTE\t120\tTelefónica\tBroadband\tChile";
    const deals = extractDeals(text);
    assert.equal(deals.length, 2);
    assert.deepEqual(deals.map((d) => [d.vendors[0], d.country, d.amount?.value, d.year, d.mechanism]), [
      ["Huawei", "PE", 45_000_000, 2016, "investment"],
      ["ZTE", "CL", 120_000_000, 2018, "investment"],
    ]);
  });

  it("tells the same deal twice in a document as one record", () => {
    const text = "Nuctech signed a $20 million contract with Panama's customs authority in 2019 to supply cargo scanners.\n\nThe $20 million contract with Nuctech covers 12 scanners for Panama's ports.";
    const deals = extractDeals(text);
    assert.equal(deals.length, 1);
  });
});

describe("parties the gazetteer does not know", () => {
  it("reads a company introduced by its nationality as a vendor, in each language", () => {
    for (const [text, name] of [
      ["La empresa china Zhongke Tiandi firmó un contrato de US$ 5 millones con la alcaldía de Cali para instalar cámaras de seguridad en 2021.", "Zhongke Tiandi"],
      ["A fabricante chinesa Tiandy Technologies assinou em 2022 um contrato de R$ 40 milhões com a prefeitura de Curitiba para fornecer câmeras de segurança.", "Tiandy Technologies"],
      ["Chinese firm Shenzhen Xunwei won a $3 million contract in 2020 to supply surveillance cameras to the city of Guayaquil, Ecuador.", "Shenzhen Xunwei"],
    ] as const) {
      const d = one(text);
      assert.deepEqual(d.vendors, [name], text);
      assert.equal(d.parties[0]?.organizationId, null);
    }
  });
});

describe("counterparts and figures around the deal's sentence", () => {
  it("reads the counterpart as the subject when the supplier is the object, by its acronym", () => {
    const d = one("QUITO, 3 de mayo de 2022 – La Corporación Nacional de Telecomunicaciones (CNT) contrató a ZTE para ampliar su red de fibra óptica en Guayaquil.");
    assert.equal(d.buyer, "CNT");
    assert.deepEqual(d.vendors, ["ZTE"]);
    assert.equal(d.city, "Guayaquil");
    assert.equal(d.year, 2022);
  });

  it("takes the figures from a paragraph that opens on the deal just told", () => {
    const text = "El Ministerio de Seguridad de Paraguay firmó un contrato con Dahua para su sistema de videovigilancia en 2021.\n\nEl proyecto contempla la instalación de 1.800 cámaras en Asunción.";
    const d = one(text);
    assert.equal(d.quantity.cameras, 1800);
  });

  it("reads a purchase of goods from a supplier as a contract, not an acquisition", () => {
    const d = one("La Agencia de Gobierno Electrónico de Uruguay cerró con Huawei la compra de servidores para su centro de datos por US$ 3 millones en 2023.");
    assert.equal(d.mechanism, "contract");
    assert.equal(d.category, "data_center");
  });

  it("reads contracts with several suppliers as one deal each", () => {
    const deals = extractDeals("CIUDAD DE MÉXICO, 2 de marzo de 2022 – Telcel firmó contratos con Ericsson y Nokia para desplegar su red 5G.");
    assert.deepEqual(deals.map((d) => d.vendors), [["Ericsson"], ["Nokia"]]);
    assert.ok(deals.every((d) => d.country === "MX" && d.category === "5g"));
  });

  it("does not take a place named after 'in the city of' for the counterpart", () => {
    const d = one("Ericsson will provide radio equipment for Claro's 5G sites in the city of Rosario, Argentina, under a contract signed in 2022.");
    assert.notEqual(d.buyer, "city of Rosario");
  });

  it("carries the headline's supplier into a lead that calls it 'la empresa china'", () => {
    const d = one("ZTE gana contrato de seguridad en Bolivia\n\nLA PAZ – La empresa china instalará 500 cámaras de videovigilancia en El Alto por US$ 5 millones, informó el Ministerio de Gobierno.");
    assert.deepEqual(d.vendors, ["ZTE"]);
    assert.equal(d.country, "BO");
    assert.equal(d.amount?.value, 5_000_000);
  });

  it("flags fields taken from around the sentence as inferred", () => {
    const text = "BOGOTÁ, 4 de octubre de 2021 – Nuevas cámaras para Antioquia.\n\nLa alcaldía de Medellín adjudicó a Hikvision la instalación de 500 cámaras de seguridad.";
    const d = one(text);
    assert.equal(d.year, 2021);
    assert.ok(d.inferred.includes("year"), "the year came from the dateline");
  });
});

describe("what is not a deal", () => {
  it("skips hypotheticals, market entries and statements about the whole region", () => {
    for (const text of [
      "Huawei could build a 5G network in Chile if the government opens a tender.",
      "ByteDance launched operations in Mexico City in 2019 with an office of 50 people.",
      "Huawei has signed contracts to build 5G networks in several countries in Latin America.",
      "Analysts say Chinese firms such as ZTE may offer cheaper cameras to Latin American cities.",
      "Chile picked Japanese firm NEC rather than Huawei; NEC did not disclose the amount.",
    ]) {
      const deals = extractDeals(text);
      assert.ok(deals.every((d) => !d.vendors.includes("Huawei") && !d.vendors.includes("ZTE") && !d.vendors.includes("ByteDance")), `${text} → ${JSON.stringify(deals.map((d) => d.vendors))}`);
    }
  });

  it("never throws and finds nothing in garbage, numbers or other scripts", () => {
    for (const text of ["", "\u0000\u0001\uFFFD".repeat(1000), "1234 5678 9012 ".repeat(500), "هواوي وقعت عقدا مع الحكومة", "$$$ 1,1,1,1 millones ".repeat(300)]) {
      assert.deepEqual(extractDeals(text), []);
    }
  });
});
