// readDocument / readDocumentFile: format choice, decoding, refusal of binaries and file errors.
import assert from "node:assert/strict";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, describe, it } from "node:test";
import { readDocument, readDocumentFile, type ReadResult } from "../../src/ingest/read-document.js";

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
  it("reads plain text and normalises CRLF and CR line ends to LF", () => {
    const d = doc(readDocument(Buffer.from("Acuerdo\r\ncon Huawei\rfirmado\n  fin  ", "utf8"), "nota.txt"));
    assert.equal(d.readAs, "txt");
    assert.equal(d.text, "Acuerdo\ncon Huawei\nfirmado\n  fin  ");
    assert.equal(d.encoding, "utf-8");
    assert.equal(d.title, null);
  });

  it("reads a Windows-1252 HTML page by its extension with title, publisher, date and language", () => {
    const d = doc(readDocument(latin1Page, "pagina.htm"));
    assert.equal(d.readAs, "html");
    assert.equal(d.encoding, "windows-1252");
    assert.equal(d.title, "Ação da ZTE");
    assert.equal(d.publisher, "Jornal do Brasil Exemplo");
    assert.equal(d.published, "2019-09-10");
    assert.equal(d.language, "pt-BR");
    assert.ok(d.text.startsWith("A Telebras assinou"));
    assert.ok(!d.text.includes("Menu"));
  });

  it("sniffs HTML in a file without an extension or with .txt", () => {
    assert.equal(doc(readDocument(Buffer.from("\n  <!doctype html><title>x</title><p>Hola</p>"), "download")).readAs, "html");
    assert.equal(doc(readDocument(Buffer.from("<html><body>Hola</body></html>"), "nota.txt")).readAs, "html");
    assert.equal(doc(readDocument(Buffer.from("Titular\n<p>Cuerpo</p>"), "recorte.text")).text, "Titular\n\nCuerpo");
  });

  it("keeps Markdown with an inline <p> as plain text", () => {
    const d = doc(readDocument(Buffer.from("# Nota\n\n<p>inline</p>\n"), "nota.md"));
    assert.equal(d.readAs, "txt");
    assert.equal(d.text, "# Nota\n\n<p>inline</p>\n");
  });

  it("reads UTF-16 text with a BOM", () => {
    const bytes = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from("Informação\r\nLinha 2", "utf16le")]);
    const d = doc(readDocument(bytes, "nota.txt"));
    assert.equal(d.encoding, "utf-16le");
    assert.equal(d.text, "Informação\nLinha 2");
  });

  it("refuses a PDF with a message naming the input and what is wrong", () => {
    const result = readDocument(Buffer.from("%PDF-1.4\n%âãÏÓ\n1 0 obj"), "informe.pdf");
    assert.deepEqual(result, {
      ok: false,
      error: "informe.pdf: looks like a binary file (PDF); only plain text and HTML can be read yet",
    });
  });

  it("refuses binary garbage even when named .txt", () => {
    const garbage = Uint8Array.from({ length: 2048 }, (_, i) => (i * 37 + (i >> 3)) & 0xff);
    const result = readDocument(garbage, "datos.txt");
    assert.equal(result.ok, false);
    assert.match(result.ok ? "" : result.error, /^datos\.txt: looks like a binary file; only plain text and HTML/);
  });

  it("reads empty and whitespace-only input as ok with empty text", () => {
    assert.equal(doc(readDocument(new Uint8Array(0), "vacio.txt")).text, "");
    assert.equal(doc(readDocument(Buffer.from(" \r\n\t \n"), "blanco.txt")).text, "");
    assert.equal(doc(readDocument(Buffer.from("  "), "blanco.html")).text, "");
  });

  it("reads a 20 MB single-line text", () => {
    const bytes = Buffer.alloc(20 * 1024 * 1024, "x");
    const d = doc(readDocument(bytes, "grande.txt"));
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
    assert.deepEqual(await readDocumentFile(path, 2 * 1024 * 1024), { ok: false, error: `${path}: larger than 2 MB` });
    assert.equal((await readDocumentFile(path)).ok, true);
  });
});
