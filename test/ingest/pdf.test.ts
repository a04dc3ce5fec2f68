// Reading PDFs: text page by page with page offsets, the info dictionary, and a clear refusal of
// password-protected, damaged and mislabelled files — without pdf.js printing to the console.
import assert from "node:assert/strict";
import { execFile } from "node:child_process";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { describe, it, mock } from "node:test";
import { pageOf, readDocument, readDocumentFile, type ReadResult } from "../../src/ingest/read-document.js";
import { tempDir } from "../helpers.js";
import { commandPath, encryptedPdf, minimalPdf } from "./document-fixtures.js";

function doc(result: ReadResult) {
  assert.ok(result.ok, result.ok ? "" : result.error);
  return result.doc;
}

const noGhostscript = commandPath("gs") === null && "ghostscript (gs) is not installed; apt-get install ghostscript";

const report = minimalPdf(
  [
    "Informe anual de la Subsecretaria de Telecomunicaciones\nsobre la red de fibra y los centros de datos del Estado.",
    "El Ministerio firmo con ZTE un contrato de US$ 5 millones\npara la red de fibra optica en Chiclayo y Piura.",
    "Anexo: la Informa\xe7\xe3o de contrata\xe7\xe3o publicada en 2019 (Decreto 45/2019).",
  ],
  { Title: "Informe de Contrataciones 2019", Author: "Ana P\xe9rez", CreationDate: "D:20190315093000-05'00'" },
  "es-PE",
);

describe("reading a PDF", () => {
  it("reads each page's text, joined by blank lines, with the offset where each page starts", async () => {
    const d = doc(await readDocument(report, "informe.pdf"));
    assert.equal(d.readAs, "pdf");
    assert.equal(d.encoding, null);
    assert.equal(d.ocr, false);
    assert.deepEqual(d.warnings, []);
    const pages = d.text.split("\n\n");
    assert.equal(pages.length, 3);
    assert.ok(pages[0]?.startsWith("Informe anual de la Subsecretaria"), pages[0]);
    assert.ok(d.pageStarts !== null);
    assert.equal(d.pageStarts.length, 3);
    const zte = d.text.indexOf("ZTE");
    assert.ok(zte > 0);
    assert.equal(pageOf(d.pageStarts, zte), 2);
    assert.equal(d.text.slice(d.pageStarts[1], d.pageStarts[1]! + 12), "El Ministeri");
    assert.equal(pageOf(d.pageStarts, d.text.indexOf("Anexo")), 3);
  });

  it("decodes WinAnsi accents", async () => {
    const d = doc(await readDocument(report, "informe.pdf"));
    assert.match(d.text, /Informação de contratação/);
  });

  it("takes title, author, creation date and language from the PDF itself", async () => {
    const d = doc(await readDocument(report, "informe.pdf"));
    assert.equal(d.title, "Informe de Contrataciones 2019");
    assert.equal(d.author, "Ana Pérez");
    assert.equal(d.published, "2019-03-15");
    assert.equal(d.language, "es-PE");
  });

  it("drops a title that is only the source file's name, and a zero creation date", async () => {
    const pdf = minimalPdf(["Texto suficiente para ser una pagina con texto de verdad, no un escaneo."], {
      Title: "Microsoft Word - contrato_final.docx",
      CreationDate: "D:19700101000000Z",
    });
    const d = doc(await readDocument(pdf, "contrato.pdf"));
    assert.equal(d.title, null);
    assert.equal(d.published, null);
  });

  it("recognises a PDF by its header whatever the name, and reads it from disk", async () => {
    assert.equal(doc(await readDocument(report, "download")).readAs, "pdf");
    const path = join(tempDir(), "informe.bin");
    writeFileSync(path, report);
    assert.equal(doc(await readDocumentFile(path)).title, "Informe de Contrataciones 2019");
  });

  it("leaves the caller's bytes intact (pdf.js may take over the buffer it is given)", async () => {
    const bytes = new Uint8Array(report);
    await readDocument(bytes, "informe.pdf");
    assert.equal(bytes.byteLength, report.length);
    assert.equal(Buffer.from(bytes.subarray(0, 5)).toString(), "%PDF-");
  });

  it("refuses a damaged PDF, naming it and saying what is wrong", async () => {
    const result = await readDocument(report.subarray(0, 300), "roto.pdf");
    assert.equal(result.ok, false);
    assert.match(result.ok ? "" : result.error, /^roto\.pdf: not a readable PDF \(.+\)$/);
  });

  it("refuses a file named .pdf that is really an HTML page", async () => {
    const result = await readDocument(Buffer.from("<!doctype html><html><body><p>404 Not Found</p></body></html>"), "informe.pdf");
    assert.deepEqual(result, { ok: false, error: "informe.pdf: not a readable PDF (no %PDF- header; it looks like an HTML page)" });
  });

  it("prints nothing to the console while it repairs a PDF with a broken cross-reference table", async () => {
    const broken = Buffer.from(report.toString("latin1").replace(/startxref\n\d+/, "startxref\n999999"), "latin1");
    const log = mock.method(console, "log");
    const warn = mock.method(console, "warn");
    const error = mock.method(console, "error");
    try {
      const d = doc(await readDocument(broken, "reparado.pdf"));
      assert.match(d.text, /ZTE/);
    } finally {
      mock.restoreAll();
    }
    assert.deepEqual([log.mock.callCount(), warn.mock.callCount(), error.mock.callCount()], [0, 0, 0]);
  });
});

describe("a damaged PDF that makes pdf.js leave a rejection unhandled", () => {
  it("is one failed input, not the end of the process", async () => {
    // The page tree's second kid points at a broken object: pdf.js prefetches it and never awaits it.
    const pdf = minimalPdf(["Texto suficiente para ser una pagina con texto de verdad, no un escaneo.", "dos"]).toString("latin1");
    const damaged = pdf.replace("/Kids [4 0 R 6 0 R]", "/Kids [4 0 d 6 0 R]").replace("\n6 0 obj", "\n6 0 oXj");
    assert.notEqual(damaged, pdf);
    const path = join(tempDir(), "danado.pdf");
    writeFileSync(path, Buffer.from(damaged, "latin1"));
    // In a child process: Node's default is to end the process on an unhandled rejection.
    const reader = fileURLToPath(new URL("../../src/ingest/read-document.ts", import.meta.url));
    const script = `const { readDocumentFile } = await import(${JSON.stringify(reader)});
      const result = await readDocumentFile(${JSON.stringify(path)});
      await new Promise((resolve) => setTimeout(resolve, 50));
      console.log(JSON.stringify(result));`;
    const { stdout } = await promisify(execFile)(process.execPath, ["--import", "tsx", "--input-type=module", "-e", script]);
    assert.deepEqual(JSON.parse(stdout), { ok: false, error: `${path}: not a readable PDF (page dictionary kid reference points to wrong type of object)` });
  });
});

describe("reading an encrypted PDF", { skip: noGhostscript }, () => {
  const dir = tempDir();
  const pages = ["El gobierno de Ecuador firmo con Huawei\nun contrato de US$ 12 millones\npara el sistema ECU 911."];

  it("refuses a PDF that needs a password to open", async () => {
    const result = await readDocument(encryptedPdf(dir, pages, "secreto"), "cerrado.pdf");
    assert.deepEqual(result, { ok: false, error: "cerrado.pdf: the PDF is password-protected" });
  });

  it("reads a PDF that has only an owner (permissions) password", async () => {
    const d = doc(await readDocument(encryptedPdf(dir, pages, null), "permisos.pdf"));
    assert.match(d.text, /Huawei\nun contrato de US\$ 12 millones/);
  });
});
