// decodeText: encodings Latin American news pages actually arrive in, and binary files refused.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { decodeText, sniffBinaryKind } from "../../src/ingest/decode.js";

const utf16le = (s: string): Uint8Array => Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(s, "utf16le")]);
const utf16be = (s: string): Uint8Array => {
  const le = Buffer.from(s, "utf16le");
  return Buffer.concat([Buffer.from([0xfe, 0xff]), Buffer.from(le).swap16()]);
};

describe("decodeText", () => {
  it("reads valid UTF-8 as utf-8 and keeps accents", () => {
    const out = decodeText(Buffer.from("Información sobre la ação € 5G", "utf8"));
    assert.deepEqual(out, { text: "Información sobre la ação € 5G", encoding: "utf-8", binary: false });
  });

  it("strips a UTF-8 byte-order mark", () => {
    const out = decodeText(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from("Hola", "utf8")]));
    assert.equal(out.text, "Hola");
    assert.equal(out.encoding, "utf-8");
  });

  it("reads Latin-1 bytes as windows-1252 without mojibake", () => {
    const out = decodeText(Buffer.from("Informação: ação, Información, ç", "latin1"));
    assert.equal(out.encoding, "windows-1252");
    assert.equal(out.text, "Informação: ação, Información, ç");
    assert.ok(!out.text.includes("Ã"));
  });

  it("maps the Windows-1252 range 0x80–0x9F to euro sign, curly quotes and dashes", () => {
    const bytes = Buffer.concat([Buffer.from("US", "latin1"), Buffer.from([0x80, 0x20, 0x93]), Buffer.from("ação", "latin1"), Buffer.from([0x94, 0x20, 0x96])]);
    assert.equal(decodeText(bytes).text, "US€ “ação” –");
  });

  it("decodes UTF-16 little-endian and big-endian by their BOM", () => {
    assert.deepEqual(decodeText(utf16le("Ação em São Paulo")), { text: "Ação em São Paulo", encoding: "utf-16le", binary: false });
    assert.deepEqual(decodeText(utf16be("Información €")), { text: "Información €", encoding: "utf-16be", binary: false });
  });

  it("recognises UTF-16 without a BOM instead of calling its NUL bytes binary", () => {
    const out = decodeText(Buffer.from("Acuerdo con Huawei en Chile", "utf16le"));
    assert.equal(out.binary, false);
    assert.equal(out.encoding, "utf-16le");
    assert.equal(out.text, "Acuerdo con Huawei en Chile");
  });

  it("honours a meta charset declaring ISO-8859-1 on a page that is not valid UTF-8", () => {
    const page = Buffer.from('<html><head><meta http-equiv="Content-Type" content="text/html; charset=iso-8859-1"></head><body>Informação</body></html>', "latin1");
    const out = decodeText(page);
    assert.equal(out.encoding, "windows-1252");
    assert.ok(out.text.includes("Informação"));
  });

  it("keeps a declared UTF-8 page as UTF-8 when it has one stray byte, replacing only that byte", () => {
    const page = Buffer.concat([Buffer.from('<meta charset="utf-8"><p>Informação ', "utf8"), Buffer.from([0xe7]), Buffer.from(" São Paulo</p>", "utf8")]);
    const out = decodeText(page);
    assert.equal(out.encoding, "utf-8");
    assert.ok(out.text.includes("Informação \ufffd São Paulo"));
  });

  it("treats mostly-UTF-8 text with a stray byte as UTF-8 rather than Latin-1 mojibake", () => {
    const text = "Información, ação, São Paulo, México, Bogotá, Perú, Panamá, Brasília, Asunción. ";
    const bytes = Buffer.concat([Buffer.from(text, "utf8"), Buffer.from([0xff]), Buffer.from(text, "utf8")]);
    const out = decodeText(bytes);
    assert.equal(out.encoding, "utf-8");
    assert.ok(!out.text.includes("Ã"));
  });

  it("flags PDF, ZIP, PNG, GIF and JPEG magic numbers as binary", () => {
    const samples: [string, number[]][] = [
      ["PDF", [...Buffer.from("%PDF-1.7\n")]],
      ["ZIP (e.g. .docx/.xlsx)", [0x50, 0x4b, 0x03, 0x04, 0x14, 0x00]],
      ["PNG image", [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a]],
      ["GIF image", [...Buffer.from("GIF89a")]],
      ["JPEG image", [0xff, 0xd8, 0xff, 0xe0]],
    ];
    for (const [kind, bytes] of samples) {
      const out = decodeText(Uint8Array.from(bytes));
      assert.equal(out.binary, true, kind);
      assert.equal(out.text, "");
      assert.equal(sniffBinaryKind(Uint8Array.from(bytes)), kind);
    }
  });

  it("flags random bytes with NULs as binary", () => {
    let seed = 42;
    const garbage = Uint8Array.from({ length: 4096 }, () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) & 0xff);
    assert.equal(decodeText(garbage).binary, true);
  });

  it("flags control-character-heavy bytes without NULs as binary", () => {
    const bytes = Uint8Array.from({ length: 1000 }, (_, i) => (i % 4 === 0 ? 0x01 + (i % 7) : 0x41));
    assert.equal(decodeText(bytes).binary, true);
  });

  it("does not flag tabs, newlines and form feeds as control characters", () => {
    const out = decodeText(Buffer.from("a\tb\r\nc\fd\n".repeat(100), "utf8"));
    assert.equal(out.binary, false);
  });

  it("reads empty input as empty UTF-8 text", () => {
    assert.deepEqual(decodeText(new Uint8Array(0)), { text: "", encoding: "utf-8", binary: false });
  });

  it("reads a 20 MB single-line Latin-1 text", () => {
    const bytes = Buffer.alloc(20 * 1024 * 1024, "a");
    bytes[bytes.length - 1] = 0xe7; // "ç" in Latin-1 at the very end: invalid UTF-8
    const out = decodeText(bytes);
    assert.equal(out.encoding, "windows-1252");
    assert.equal(out.text.length, bytes.length);
    assert.equal(out.text.at(-1), "ç");
  });
});
