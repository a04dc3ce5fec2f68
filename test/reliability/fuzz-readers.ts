// The readers' fuzzing, run as its own process: `readDocument` on random bytes and on mutated PDF,
// DOCX, ZIP, HTML and text fixtures. It runs apart because pdf.js leaves stray rejections that
// src/ingest/pdfjs-rejections.ts absorbs, and under node:test the runner's own listener would see
// them too; here, as in `dsr`, only the absorber listens, so a rejection that escapes it ends this
// process with an error, as it would end an ingest.
//
//   node --import tsx test/reliability/fuzz-readers.ts RUNS SEED   → prints { ok, refused } as JSON
import assert from "node:assert/strict";
import { fileURLToPath } from "node:url";
import fc from "fast-check";
import { PAGE_SEPARATOR } from "../../src/ingest/pages.js";
import { readDocument } from "../../src/ingest/read-document.js";
import { minimalPdf, zipArchive } from "../ingest/document-fixtures.js";

const DEAL = "Huawei firmó un contrato con la provincia de Jujuy, Argentina, por US$ 30 millones en 2019 para instalar 600 cámaras.";


type Mutation = { op: "flip"; at: number; byte: number } | { op: "truncate"; at: number } | { op: "insert"; at: number; bytes: Uint8Array } | { op: "delete"; at: number; length: number };

const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({ op: fc.constant("flip" as const), at: fc.nat(), byte: fc.integer({ min: 0, max: 255 }) }),
  fc.record({ op: fc.constant("truncate" as const), at: fc.nat() }),
  fc.record({ op: fc.constant("insert" as const), at: fc.nat(), bytes: fc.uint8Array({ maxLength: 64 }) }),
  fc.record({ op: fc.constant("delete" as const), at: fc.nat(), length: fc.integer({ min: 1, max: 256 }) }),
);

function mutate(base: Uint8Array, ops: readonly Mutation[]): Uint8Array {
  let bytes = Buffer.from(base);
  for (const m of ops) {
    const at = bytes.length ? m.at % (bytes.length + 1) : 0;
    if (m.op === "flip" && at < bytes.length) bytes[at] = m.byte;
    else if (m.op === "truncate") bytes = bytes.subarray(0, at);
    else if (m.op === "insert") bytes = Buffer.concat([bytes.subarray(0, at), m.bytes, bytes.subarray(at)]);
    else if (m.op === "delete") bytes = Buffer.concat([bytes.subarray(0, at), bytes.subarray(at + m.length)]);
  }
  return bytes;
}

const NAMES = ["doc.pdf", "doc.docx", "page.html", "note.txt", "notes.md", "data.bin", "noextension", "page.htm", "weird.PDF"];
const HEADERS = ["%PDF-1.7\n", "%PDF-", "PK\u0003\u0004", "<!DOCTYPE html><html><head><title>", "\ufeff", "\u00ef\u00bb\u00bf", "\u00ff\u00fe", "<?xml version=\"1.0\"?>", "{\\rtf1", "GIF89a"];

/**
 * A .docx of fixed bytes (the `docx` package stamps the time into it, and a seed must replay the
 * same inputs): the parts Word needs, zipped with fixed dates.
 */
function docx(paragraphs: readonly string[], deflate: boolean): Uint8Array {
  const part = (name: string, xml: string) => ({ name, data: Buffer.from(`<?xml version="1.0" encoding="UTF-8" standalone="yes"?>${xml}`), deflate });
  const body = paragraphs.map((p) => `<w:p><w:r><w:t xml:space="preserve">${p}</w:t></w:r></w:p>`).join("");
  return zipArchive([
    part("[Content_Types].xml", '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/><Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/></Types>'),
    part("_rels/.rels", '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="docProps/core.xml"/></Relationships>'),
    part("word/document.xml", `<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>${body}</w:body></w:document>`),
    part("docProps/core.xml", '<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"><dc:title>Contrato</dc:title><dc:creator>Redacción</dc:creator><dcterms:created xsi:type="dcterms:W3CDTF">2019-03-01T00:00:00Z</dcterms:created></cp:coreProperties>'),
  ]);
}

async function readerBases(): Promise<Uint8Array[]> {
  const html = `<!DOCTYPE html><html lang="es"><head><meta charset="utf-8"><title>ZTE en Jujuy</title><meta name="author" content="Redacción"></head><body><nav>Inicio</nav><article><h1>ZTE en Jujuy</h1><p>${DEAL}</p><table><tr><td>2019</td><td>US$ 30</td></tr></table></article></body></html>`;
  return [
    minimalPdf([DEAL, "Segunda página: fibra óptica."], { Title: "Contrato", Author: "Redacción", CreationDate: "D:20190301000000Z" }),
    docx([DEAL, "Otro párrafo."], true),
    // Stored, not deflated: a mutation lands in the XML itself and the archive stays readable.
    docx([DEAL, "Otro párrafo.", "Tercer párrafo con <b>etiquetas</b> &amp; entidades."].map((p) => p.replaceAll("<", "&lt;")), false),
    zipArchive([{ name: "word/document.xml", data: Buffer.from(`<w:document><w:body><w:p><w:r><w:t>${DEAL}</w:t></w:r></w:p></w:body></w:document>`), deflate: true }, { name: "[Content_Types].xml", data: Buffer.from("<Types/>") }]),
    Buffer.from(html),
    Buffer.from(`${"<div>".repeat(3000)}${DEAL}${"</div>".repeat(3000)}`),
    Buffer.from(DEAL, "utf16le"),
    Buffer.from(`Título\r\n\r\n${DEAL}\r\n`, "latin1"),
  ];
}

const readerInput = (bases: readonly Uint8Array[]): fc.Arbitrary<{ bytes: Uint8Array; name: string }> =>
  fc.record({
    name: fc.constantFrom(...NAMES),
    bytes: fc.oneof(
      { arbitrary: fc.uint8Array({ minLength: 0, maxLength: 4096 }), weight: 2 },
      { arbitrary: fc.tuple(fc.constantFrom(...HEADERS), fc.uint8Array({ maxLength: 2048 })).map(([h, rest]) => Buffer.concat([Buffer.from(h, "latin1"), rest])), weight: 2 },
      { arbitrary: fc.tuple(fc.constantFrom(...bases), fc.array(mutation, { minLength: 1, maxLength: 6 })).map(([base, ops]) => mutate(base, ops)), weight: 5 },
      { arbitrary: fc.string({ unit: "binary", maxLength: 2000 }).map((s) => Buffer.from(s)), weight: 1 },
    ),
  });

async function checkRead(input: { bytes: Uint8Array; name: string }): Promise<"ok" | "refused"> {
  const r = await readDocument(input.bytes, input.name, { ocr: "off", timeoutMs: 20_000 });
  if (!r.ok) {
    assert.ok(r.error.startsWith(`${input.name}: `) && r.error.length > input.name.length + 3, `the error names the input: ${r.error}`);
    return "refused";
  }
  assert.equal(typeof r.doc.text, "string");
  assert.ok(["txt", "html", "pdf", "docx"].includes(r.doc.readAs));
  if (r.doc.pageStarts) {
    for (let i = 0; i < r.doc.pageStarts.length; i++) {
      const at = r.doc.pageStarts[i] as number;
      // Empty pages at the end start where a next page would (joinPages): one separator past the end.
      assert.ok(at >= 0 && at <= r.doc.text.length + PAGE_SEPARATOR.length && (i === 0 || at >= (r.doc.pageStarts[i - 1] as number)), "page starts inside the text, in order");
    }
  }
  return "ok";
}

/** Runs the property; throws fast-check's report (seed, path, shrunk counterexample) on a failure. */
export async function fuzzReaders(runs: number, seed: number): Promise<{ ok: number; refused: number }> {
  const bases = await readerBases();
  for (const base of bases.slice(0, 2)) assert.equal(await checkRead({ bytes: base, name: "base" }), "ok", "the unmutated fixtures read");
  const outcomes = { ok: 0, refused: 0 };
  await fc.assert(
    fc.asyncProperty(readerInput(bases), async (input) => {
      outcomes[await checkRead(input)]++;
    }),
    { seed, numRuns: runs },
  );
  return outcomes;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const outcomes = await fuzzReaders(Number(process.argv[2] ?? 100), Number(process.argv[3] ?? 1));
  process.stdout.write(`${JSON.stringify(outcomes)}\n`);
}
