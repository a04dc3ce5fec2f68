// Scanned PDFs: OCR with tesseract when it is installed, a clear error (never an empty document)
// when it is not or OCR is off, the page cap, and the temporary page images always removed.
import assert from "node:assert/strict";
import { mkdirSync, readdirSync, symlinkSync } from "node:fs";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import { findOcrTools, ocrPdf } from "../../src/ingest/ocr.js";
import { readDocument, type ReadResult } from "../../src/ingest/read-document.js";
import { tempDir } from "../helpers.js";
import { commandPath, imageOnlyPdf, minimalPdf } from "./document-fixtures.js";

function doc(result: ReadResult) {
  assert.ok(result.ok, result.ok ? "" : result.error);
  return result.doc;
}

const tesseract = commandPath("tesseract");
const pdftoppm = commandPath("pdftoppm");
const gs = commandPath("gs");
const noOcr =
  (tesseract === null && "tesseract is not installed (apt-get install tesseract-ocr tesseract-ocr-spa)") ||
  (pdftoppm === null && "pdftoppm is not installed (apt-get install poppler-utils)") ||
  false;
const noScan = noOcr || (gs === null && "ghostscript (gs) is not installed; it makes the scanned-PDF fixture");

/** A folder of tools holding only pdftoppm: as if tesseract were not installed. */
function pathWithoutTesseract(): string {
  const dir = join(tempDir(), "bin");
  mkdirSync(dir);
  if (pdftoppm !== null) symlinkSync(pdftoppm, join(dir, "pdftoppm"));
  return dir;
}

const blank = minimalPdf([""]);
const text = "La Secretaria de Comunicaciones firmo con Huawei un contrato para la red troncal de fibra optica.";

describe("a PDF without a text layer", () => {
  it("is an error naming the file and the fix when tesseract is not installed", async () => {
    const result = await readDocument(blank, "escaneo.pdf", { toolPath: pathWithoutTesseract() });
    assert.deepEqual(result, {
      ok: false,
      error: "escaneo.pdf: image-only PDF (scanned pages, no text layer) and tesseract is not installed; install tesseract-ocr to read it",
    });
  });

  it("is an error saying OCR is off when it is turned off", async () => {
    const result = await readDocument(blank, "escaneo.pdf", { ocr: "off" });
    assert.deepEqual(result, { ok: false, error: "escaneo.pdf: image-only PDF (scanned pages, no text layer) and OCR is turned off" });
  });

  it("keeps the text pages of a partly scanned PDF and warns about the others when OCR cannot run", async () => {
    const d = doc(await readDocument(minimalPdf([text, ""]), "mixto.pdf", { toolPath: pathWithoutTesseract() }));
    assert.equal(d.text, text);
    assert.equal(d.ocr, false);
    assert.deepEqual(d.warnings, ["mixto.pdf: page 2 without a text layer not read: tesseract is not installed; install tesseract-ocr to read it"]);
  });
});

describe("findOcrTools", () => {
  it("finds nothing in an empty search path, and looks each path up once", async () => {
    const empty = join(tempDir(), "empty");
    mkdirSync(empty);
    const first = findOcrTools(empty);
    assert.equal(findOcrTools(empty), first);
    assert.deepEqual(await first, { tesseract: null, pdftoppm: null, languages: new Set() });
  });

  it("finds tesseract and its Spanish data on PATH", { skip: noOcr }, async () => {
    const tools = await findOcrTools();
    assert.equal(tools.tesseract, tesseract);
    assert.ok(tools.languages.has("spa"), [...tools.languages].join(","));
  });
});

describe("OCR of scanned pages", { skip: noScan }, () => {
  // The reader's temporary folders go under TMPDIR; a private one shows whether they are removed.
  const ownTmp = tempDir();
  const savedTmp = process.env.TMPDIR;
  before(() => {
    process.env.TMPDIR = ownTmp;
  });
  after(() => {
    if (savedTmp === undefined) delete process.env.TMPDIR;
    else process.env.TMPDIR = savedTmp;
  });
  const fixtures = tempDir();

  it("reads an image-only PDF with tesseract and says the text came from OCR", async () => {
    const scan = imageOnlyPdf(fixtures, ["El gobierno firmo un contrato con Huawei", "por 5 millones de dolares para la red."]);
    const d = doc(await readDocument(scan, "escaneo.pdf"));
    assert.equal(d.readAs, "pdf");
    assert.equal(d.ocr, true);
    assert.match(d.text, /Huawei/);
    assert.deepEqual(d.pageStarts, [0, d.text.indexOf("por 5")]);
    assert.deepEqual(readdirSync(ownTmp), [], "the page images and the PDF copy were removed");
  });

  it("OCRs only the first pages up to the cap, and says so", async () => {
    const tools = await findOcrTools();
    assert.ok(tools.tesseract !== null && tools.pdftoppm !== null);
    const result = await ocrPdf(minimalPdf(["", ""]), {
      tools: { ...tools, tesseract: tools.tesseract, pdftoppm: tools.pdftoppm },
      pages: [1, 2],
      maxPages: 1,
      languages: "spa",
      deadline: Date.now() + 60_000,
    });
    assert.ok(result.ok, result.ok ? "" : result.error);
    assert.equal(result.texts.length, 1);
    assert.deepEqual(result.warnings, ["only the first 1 of 2 scanned pages were OCRed"]);
    assert.deepEqual(readdirSync(ownTmp), []);
  });

  it("gives up when the time is out, and still removes its temporary folder", async () => {
    const tools = await findOcrTools();
    assert.ok(tools.tesseract !== null && tools.pdftoppm !== null);
    const result = await ocrPdf(blank, {
      tools: { ...tools, tesseract: tools.tesseract, pdftoppm: tools.pdftoppm },
      pages: [1],
      languages: "spa",
      deadline: Date.now() - 1,
    });
    assert.deepEqual(result, { ok: false, error: "ran out of time for OCR at page 1 (0 of 1 scanned pages read)" });
    assert.deepEqual(readdirSync(ownTmp), []);
  });

  it("reports a language tesseract has no data for", async () => {
    const result = await readDocument(blank, "escaneo.pdf", { ocrLanguages: "xyz" });
    assert.deepEqual(result, { ok: false, error: "escaneo.pdf: tesseract has no data for the languages xyz; install tesseract-ocr-xyz" });
  });
});
