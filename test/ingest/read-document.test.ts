// readDocument / readDocumentFile: format choice, decoding, refusal of binaries and file errors.
import assert from "node:assert/strict";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, describe, it } from "node:test";
import { readDocument, readDocumentFile, readInputFile, type ReadResult } from "../../src/ingest/read-document.js";

function doc(result: ReadResult) {
  assert.ok(result.ok, result.ok ? "" : result.error);
  return result.doc;
}

const longParagraph = "<p>" + "A Telebras assinou um contrato com a ZTE para a rede de fibra no Nordeste. ".repeat(4) + "</p>";
const latin1Page = Buffer.from(
  `<!DOCTYPE html><html lang="pt-BR"><head><meta charset="iso-8859-1"><title>Ação da ZTE</title>
   <meta property="og:site_name" content="Jornal do Brasil Exemplo">
   <meta property="article:published_time" content="2019-09-10"></head>
   <body><nav>Menu</nav><article>${longParagraph}${longParagraph}${longParagraph}</article></body></html>`,
  "latin1",
);

describe("readDocument", () => {
  it("reads plain text and normalises CRLF and CR line ends to LF", async () => {
    const d = doc(await readDocument(Buffer.from("Acuerdo\r\ncon Huawei\rfirmado\n  fin  ", "utf8"), "nota.txt"));
    assert.equal(d.readAs, "txt");
    assert.equal(d.text, "Acuerdo\ncon Huawei\nfirmado\n  fin  ");
    assert.equal(d.encoding, "utf-8");
    assert.equal(d.title, null);
  });

  it("reads a Windows-1252 HTML page by its extension with title, publisher, date and language", async () => {
    const d = doc(await readDocument(latin1Page, "pagina.htm"));
    assert.equal(d.readAs, "html");
    assert.equal(d.encoding, "windows-1252");
    assert.equal(d.title, "Ação da ZTE");
    assert.equal(d.publisher, "Jornal do Brasil Exemplo");
    assert.equal(d.published, "2019-09-10");
    assert.equal(d.language, "pt-BR");
    assert.ok(d.text.startsWith("A Telebras assinou"));
    assert.ok(!d.text.includes("Menu"));
  });

  it("sniffs HTML in a file without an extension or with .txt", async () => {
    assert.equal(doc(await readDocument(Buffer.from("\n  <!doctype html><title>x</title><p>Hola</p>"), "download")).readAs, "html");
    assert.equal(doc(await readDocument(Buffer.from("<html><body>Hola</body></html>"), "nota.txt")).readAs, "html");
    assert.equal(doc(await readDocument(Buffer.from("Titular\n<p>Cuerpo</p>"), "recorte.text")).text, "Titular\n\nCuerpo");
  });

  it("keeps Markdown with an inline <p> as plain text", async () => {
    const d = doc(await readDocument(Buffer.from("# Nota\n\n<p>inline</p>\n"), "nota.md"));
    assert.equal(d.readAs, "txt");
    assert.equal(d.text, "# Nota\n\n<p>inline</p>\n");
  });

  it("reads UTF-16 text with a BOM", async () => {
    const bytes = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from("Informação\r\nLinha 2", "utf16le")]);
    const d = doc(await readDocument(bytes, "nota.txt"));
    assert.equal(d.encoding, "utf-16le");
    assert.equal(d.text, "Informação\nLinha 2");
  });

  it("hands a PDF to the PDF reader, which names the input and what is wrong", async () => {
    const result = await readDocument(Buffer.from("%PDF-1.4\n%âãÏÓ\n1 0 obj"), "informe.pdf");
    assert.deepEqual(result, { ok: false, error: "informe.pdf: not a readable PDF (invalid PDF structure)" });
  });

  it("refuses binary garbage even when named .txt", async () => {
    const garbage = Uint8Array.from({ length: 2048 }, (_, i) => (i * 37 + (i >> 3)) & 0xff);
    const result = await readDocument(garbage, "datos.txt");
    assert.equal(result.ok, false);
    assert.match(result.ok ? "" : result.error, /^datos\.txt: looks like a binary file; only text, HTML, PDF and DOCX can be read$/);
  });

  it("refuses empty input, and reads whitespace-only input as ok with empty text", async () => {
    assert.deepEqual(await readDocument(new Uint8Array(0), "vacio.txt"), { ok: false, error: "vacio.txt: empty file (0 bytes)" });
    assert.equal(doc(await readDocument(Buffer.from(" \r\n\t \n"), "blanco.txt")).text, "");
    assert.equal(doc(await readDocument(Buffer.from("  "), "blanco.html")).text, "");
  });

  it("reads a 20 MB single-line text", async () => {
    const bytes = Buffer.alloc(20 * 1024 * 1024, "x");
    const d = doc(await readDocument(bytes, "grande.txt"));
    assert.equal(d.text.length, bytes.length);
    assert.equal(d.readAs, "txt");
  });
});

describe("readDocumentFile", () => {
  const dir = mkdtempSync(join(tmpdir(), "dsr-read-document-"));
  after(() => rmSync(dir, { recursive: true, force: true }));

  it("reads a file from disk", async () => {
    const path = join(dir, "nota.html");
    writeFileSync(path, latin1Page);
    const d = doc(await readDocumentFile(path));
    assert.equal(d.title, "Ação da ZTE");
  });

  it("reports a missing file by its path", async () => {
    const path = join(dir, "no-existe.txt");
    assert.deepEqual(await readDocumentFile(path), { ok: false, error: `${path}: no such file` });
  });

  it("reports a directory by its path", async () => {
    assert.deepEqual(await readDocumentFile(dir), { ok: false, error: `${dir}: is a directory, not a file` });
  });

  it("refuses a file above the size cap, which defaults to 50 MB", async () => {
    const path = join(dir, "grande.txt");
    writeFileSync(path, "x".repeat(2 * 1024 * 1024 + 1));
    assert.deepEqual(await readDocumentFile(path, { maxBytes: 2 * 1024 * 1024 }), { ok: false, error: `${path}: larger than 2 MB` });
    assert.equal((await readDocumentFile(path)).ok, true);
  });

  it("refuses an empty file by name", async () => {
    const path = join(dir, "vacio.txt");
    writeFileSync(path, "");
    assert.deepEqual(await readDocumentFile(path), { ok: false, error: `${path}: empty file (0 bytes)` });
  });

  it("gives a file's bytes unread as a document with readInputFile, under the same cap", async () => {
    const path = join(dir, "crudo.pdf");
    writeFileSync(path, "%PDF-roto");
    const file = await readInputFile(path);
    assert.ok(file.ok);
    assert.equal(Buffer.from(file.bytes).toString(), "%PDF-roto");
    assert.deepEqual(await readInputFile(path, 4), { ok: false, error: `${path}: larger than 4 bytes` });
  });
});
