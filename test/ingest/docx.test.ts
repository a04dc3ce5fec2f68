// Reading DOCX: text and core properties, recognition by content, and refusal of zip bombs (by the
// sizes the archive declares, by absurd ratios and by sizes it understates) before anything unpacks.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { readDocument, type ReadResult } from "../../src/ingest/read-document.js";
import { readZipDirectory } from "../../src/ingest/zip-directory.js";
import { docxFile, zipArchive } from "./document-fixtures.js";

function doc(result: ReadResult) {
  assert.ok(result.ok, result.ok ? "" : result.error);
  return result.doc;
}

const MB = 1024 * 1024;
const paragraphs = [
  "Resolución 12/2021",
  "La Empresa Nacional de Telecomunicaciones firmó con ZTE un contrato de US$ 30 millones   para ampliar la red 4G en Bolivia.",
];

describe("reading a DOCX", () => {
  it("reads the paragraphs as blank-line-separated text, with title, author and creation date", async () => {
    const d = doc(await readDocument(await docxFile(paragraphs, { title: "Contrato ENTEL–ZTE", creator: "María Quispe" }), "acta.docx"));
    assert.equal(d.readAs, "docx");
    assert.equal(d.encoding, null);
    assert.equal(d.pageStarts, null);
    assert.equal(d.ocr, false);
    assert.equal(d.text, "Resolución 12/2021\n\nLa Empresa Nacional de Telecomunicaciones firmó con ZTE un contrato de US$ 30 millones para ampliar la red 4G en Bolivia.");
    assert.equal(d.title, "Contrato ENTEL–ZTE");
    assert.equal(d.author, "María Quispe");
    assert.match(d.published ?? "", /^\d{4}-\d{2}-\d{2}$/);
  });

  it("recognises a DOCX by its content whatever the name", async () => {
    assert.equal(doc(await readDocument(await docxFile(paragraphs), "download")).readAs, "docx");
  });

  it("refuses a .docx that is not a ZIP archive, saying what it looks like", async () => {
    assert.deepEqual(await readDocument(Buffer.from("Acta de la reunión con Huawei"), "acta.docx"), {
      ok: false,
      error: "acta.docx: not a readable DOCX (not a ZIP archive; it looks like plain text)",
    });
  });

  it("says an encrypted Word file needs its password removed", async () => {
    const ole = Buffer.concat([Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]), Buffer.alloc(504)]);
    const result = await readDocument(ole, "cifrado.docx");
    assert.match(result.ok ? "" : result.error, /^cifrado\.docx: not a readable DOCX \(an encrypted \(password-protected\) or old-format Word file; save it as \.docx without a password\)$/);
  });

  it("refuses a truncated DOCX as not readable", async () => {
    const bytes = await docxFile(paragraphs);
    const result = await readDocument(bytes.subarray(0, bytes.length - 40), "cortado.docx");
    assert.deepEqual(result, { ok: false, error: "cortado.docx: not a readable DOCX (no ZIP end record: truncated, or not a ZIP archive)" });
  });

  it("refuses a ZIP named .docx that holds no Word document", async () => {
    const zip = zipArchive([{ name: "xl/workbook.xml", data: Buffer.from("<workbook/>") }]);
    const result = await readDocument(zip, "hoja.docx");
    assert.match(result.ok ? "" : result.error, /^hoja\.docx: not a readable DOCX \(the archive has no word\/document\.xml/);
  });

  it("leaves other ZIP archives to the binary refusal", async () => {
    const zip = zipArchive([{ name: "datos.csv", data: Buffer.from("a,b\n") }]);
    const result = await readDocument(zip, "datos.zip");
    assert.match(result.ok ? "" : result.error, /^datos\.zip: looks like a binary file \(ZIP/);
  });
});

describe("zip bombs", () => {
  it("refuses an archive whose directory claims 10 GB, without unpacking it", async () => {
    const zip = zipArchive([{ name: "word/document.xml", data: Buffer.from("<w:document/>"), declaredSize: 10 * 1024 * MB }]);
    assert.deepEqual(await readDocument(zip, "bomba.docx"), { ok: false, error: "bomba.docx: refused: the archive would expand to 10240 MB (zip bomb?)" });
  });

  it("refuses 30 MB of zeros squeezed into a few kilobytes", async () => {
    const zip = zipArchive([{ name: "word/document.xml", data: Buffer.alloc(30 * MB), deflate: true }]);
    assert.ok(zip.length < 100_000);
    assert.deepEqual(await readDocument(zip, "ceros.docx"), { ok: false, error: "ceros.docx: refused: the archive would expand to 30 MB (zip bomb?)" });
  });

  it("refuses one entry that compresses at an absurd ratio, even when the total is small", async () => {
    const zip = zipArchive([{ name: "word/document.xml", data: Buffer.alloc(4 * MB), deflate: true }]);
    const result = await readDocument(zip, "ratio.docx");
    assert.match(result.ok ? "" : result.error, /^ratio\.docx: refused: the archive would expand to 4 MB, word\/document\.xml at \d+:1 \(zip bomb\?\)$/);
  });

  it("refuses an entry that expands beyond the size the directory declares", async () => {
    const zip = zipArchive([{ name: "word/document.xml", data: Buffer.alloc(5 * MB, "<w:p/>"), deflate: true, declaredSize: 100 }]);
    assert.deepEqual(await readDocument(zip, "miente.docx"), {
      ok: false,
      error: "miente.docx: refused: word/document.xml expands beyond the size the archive declares (damaged, or a zip bomb?)",
    });
  });
});

describe("readZipDirectory", () => {
  it("lists names and declared sizes, ZIP64 sizes included", () => {
    const zip = zipArchive([
      { name: "a.txt", data: Buffer.from("hola") },
      { name: "b.bin", data: Buffer.from("x"), declaredSize: 5 * 1024 * MB },
    ]);
    const directory = readZipDirectory(zip);
    assert.ok(directory.ok);
    assert.deepEqual(
      directory.value.map((e) => [e.name, e.compressedSize, e.uncompressedSize]),
      [
        ["a.txt", 4, 4],
        ["b.bin", 1, 5 * 1024 * MB],
      ],
    );
  });

  it("finds the end record behind an archive comment", () => {
    const zip = zipArchive([{ name: "a.txt", data: Buffer.from("hola") }]);
    const comment = Buffer.from("comentario del archivo");
    zip.writeUInt16LE(comment.length, zip.length - 2);
    const directory = readZipDirectory(Buffer.concat([zip, comment]));
    assert.ok(directory.ok);
    assert.equal(directory.value[0]?.name, "a.txt");
  });

  it("reports a damaged directory instead of throwing", () => {
    const zip = zipArchive([{ name: "a.txt", data: Buffer.from("hola") }]);
    zip.writeUInt32LE(0, zip.length - 22 - 46 - 5); // the central entry's signature
    assert.deepEqual(readZipDirectory(zip), { ok: false, reason: "damaged central directory" });
  });
});
