// `dsr extract` end to end: the deal contract on stdout, one clear line per unreadable input on
// stderr, and the exit status saying whether some or all inputs failed.
import assert from "node:assert/strict";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, it } from "node:test";
import { Ajv2020 } from "ajv/dist/2020.js";
import { runCli } from "../../src/cli/main.js";
import { SHARED_DIR, captureIo, tempDir } from "../helpers.js";
import { docxFile, minimalPdf } from "../ingest/document-fixtures.js";

const schemaFile = new URL("contracts/deal.schema.json", SHARED_DIR);

async function dsr(args: string[]) {
  const io = captureIo();
  const code = await runCli(args, io, { DSR_DB: ":memory:" });
  return { code, out: io.out(), err: io.err() };
}

describe("dsr extract", () => {
  const dir = tempDir();
  const es = join(dir, "nota.txt");
  writeFileSync(es, "LIMA, 3 de marzo de 2021 – El gobierno regional de Cusco firmó un contrato de US$ 8 millones con Hikvision para instalar 900 cámaras de videovigilancia.\n");
  const html = join(dir, "page.html");
  writeFileSync(
    html,
    `<!doctype html><html lang="pt"><head><title>Notícia</title><meta property="article:published_time" content="2022-05-10T10:00:00Z"></head>
     <body><nav>menu</nav><article><h1>ZTE e Telebras</h1><p>A ZTE assinou em abril um contrato de R$ 300 milhões com a Telebras para ampliar a rede 5G no Brasil.</p></article><footer>rodapé</footer></body></html>`,
  );

  it("prints one contract line per deal, with evidence offsets into the document's text", async () => {
    const r = await dsr(["extract", "--json", es]);
    assert.equal(r.code, 0, r.err);
    const lines = r.out.trim().split("\n").map((l) => JSON.parse(l));
    assert.equal(lines.length, 1);
    const d = lines[0];
    assert.equal(d.source, es);
    assert.deepEqual(d.vendors, ["Hikvision"]);
    assert.equal(d.country, "PE");
    const text = readFileSync(es, "utf8");
    assert.equal(text.slice(d.evidence.start, d.evidence.end), d.evidence.text);
  });

  it("reads HTML through its main text and dates relative months by the page's date", async () => {
    const r = await dsr(["extract", "--json", html]);
    assert.equal(r.code, 0, r.err);
    const d = JSON.parse(r.out.trim().split("\n")[0] ?? "{}");
    assert.deepEqual(d.vendors, ["ZTE"]);
    assert.equal(d.country, "BR");
    assert.equal(d.year, 2022);
    assert.deepEqual(d.amount, { value: 300_000_000, currency: "BRL", approximate: false });
  });

  it("follows the deal contract exactly", { skip: !existsSync(schemaFile) && "../shared/contracts is absent" }, async () => {
    const ajv = new Ajv2020({ strict: false });
    const validate = ajv.compile(JSON.parse(readFileSync(schemaFile, "utf8")));
    const r = await dsr(["extract", "--json", es, html]);
    for (const line of r.out.trim().split("\n")) {
      const d = JSON.parse(line) as { evidence: unknown };
      assert.ok(validate(d), JSON.stringify(validate.errors));
      assert.equal(typeof d.evidence, "object");
    }
  });

  it("prints a readable summary without --json", async () => {
    const r = await dsr(["extract", es]);
    assert.equal(r.code, 0);
    assert.match(r.out, /nota\.txt \(txt\): 1 deal\n {2}Hikvision → .*\(PE, Cusco\)/);
  });

  it("reports an unreadable input by name, goes on with the rest and exits 2", async () => {
    const pdf = join(dir, "scan.pdf");
    writeFileSync(pdf, Buffer.from("%PDF-1.4\n%\u00e2\u00e3\n1 0 obj\n", "latin1"));
    const r = await dsr(["extract", "--json", join(dir, "missing.txt"), pdf, es]);
    assert.equal(r.code, 2);
    assert.match(r.err, /missing\.txt: no such file/);
    assert.match(r.err, /scan\.pdf: not a readable PDF \(invalid PDF structure\)/);
    assert.equal(r.out.trim().split("\n").length, 1, "the readable file still gave its deal");
  });

  it("exits 1 when no input could be read, and on a missing argument", async () => {
    assert.equal((await dsr(["extract", join(dir, "nope.txt")])).code, 1);
    const usage = await dsr(["extract"]);
    assert.equal(usage.code, 1);
    assert.match(usage.err, /missing required argument/);
  });

  it("reads a Latin-1 page without mojibake", async () => {
    const latin = join(dir, "latin1.txt");
    writeFileSync(latin, Buffer.from("El Ministerio de Educación de Paraguay firmó un contrato de US$ 2 millones con Huawei en 2020 para conectar 400 escuelas a la red de fibra óptica.", "latin1"));
    const r = await dsr(["extract", "--json", latin]);
    const d = JSON.parse(r.out.trim());
    assert.match(d.evidence.text, /Educación/);
    assert.equal(d.country, "PY");
  });

  it("reads a folder of PDF and DOCX documents, each deal citing its file", async () => {
    const folder = join(dir, "carpeta");
    mkdirSync(folder);
    writeFileSync(
      join(folder, "informe.pdf"),
      minimalPdf(["LIMA, 3 de marzo de 2021. El gobierno regional de Cusco firm\xf3 un contrato de US$ 8 millones\ncon Hikvision para instalar 900 c\xe1maras de videovigilancia."]),
    );
    writeFileSync(join(folder, "acta.docx"), await docxFile(["A ZTE assinou em abril de 2022 um contrato de R$ 300 milhões com a Telebras para ampliar a rede 5G no Brasil."]));
    const r = await dsr(["extract", "--json", folder]);
    assert.equal(r.code, 0, r.err);
    const sources = r.out.trim().split("\n").map((l) => (JSON.parse(l) as { source: string; vendors: string[] }));
    assert.deepEqual(sources.map((d) => [d.source, d.vendors]), [
      [join(folder, "acta.docx"), ["ZTE"]],
      [join(folder, "informe.pdf"), ["Hikvision"]],
    ]);
  });

  it("with --no-ocr reports a scanned PDF as unreadable instead of reading nothing", async () => {
    const scan = join(dir, "escaneo.pdf");
    writeFileSync(scan, minimalPdf([""]));
    const r = await dsr(["extract", "--no-ocr", scan]);
    assert.equal(r.code, 1);
    assert.match(r.err, /escaneo\.pdf: image-only PDF \(scanned pages, no text layer\) and OCR is turned off/);
  });
});
