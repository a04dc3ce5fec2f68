// Document fixtures the ingest tests make on the fly: a tiny hand-written PDF, PDFs from ghostscript
// (image-only, password-protected), DOCX from the `docx` package, and ZIPs with chosen (false) sizes.
import { execFileSync } from "node:child_process";
import { accessSync, constants, readFileSync, writeFileSync } from "node:fs";
import { delimiter, join } from "node:path";
import { crc32, deflateRawSync } from "node:zlib";
import { Document, Packer, Paragraph } from "docx";

/** Full path of a command on PATH, or null. */
export function commandPath(command: string): string | null {
  for (const dir of (process.env.PATH ?? "").split(delimiter)) {
    if (dir === "") continue;
    try {
      accessSync(join(dir, command), constants.X_OK);
      return join(dir, command);
    } catch {
      // not in this directory
    }
  }
  return null;
}

export interface PdfInfo {
  Title?: string;
  Author?: string;
  CreationDate?: string;
}

/**
 * A minimal valid PDF: one Helvetica font (WinAnsi, so Latin-1 accents work), one content stream
 * per page with one text line per "\n"-separated line, an xref table with exact offsets.
 */
export function minimalPdf(pages: readonly string[], info: PdfInfo = {}, lang?: string): Buffer {
  const literal = (s: string): string => `(${s.replace(/[\\()]/g, (c) => `\\${c}`)})`;
  const objects: string[] = [];
  const pageIds = pages.map((_, i) => 4 + 2 * i);
  const infoId = 4 + 2 * pages.length;
  objects[1] = `<< /Type /Catalog /Pages 2 0 R${lang === undefined ? "" : ` /Lang ${literal(lang)}`} >>`;
  objects[2] = `<< /Type /Pages /Kids [${pageIds.map((id) => `${id} 0 R`).join(" ")}] /Count ${pages.length} >>`;
  objects[3] = "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>";
  pages.forEach((text, i) => {
    const lines = text === "" ? [] : text.split("\n");
    const stream = `BT /F1 12 Tf 14 TL 72 720 Td ${lines.map((l) => `${literal(l)} Tj T*`).join(" ")} ET`;
    objects[4 + 2 * i] = `<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << /Font << /F1 3 0 R >> >> /Contents ${5 + 2 * i} 0 R >>`;
    objects[5 + 2 * i] = `<< /Length ${Buffer.byteLength(stream, "latin1")} >>\nstream\n${stream}\nendstream`;
  });
  objects[infoId] = `<< ${Object.entries(info).map(([k, v]) => `/${k} ${literal(v)}`).join(" ")} >>`;

  let pdf = "%PDF-1.4\n%\xe2\xe3\xcf\xd3\n";
  const offsets: number[] = [];
  for (let id = 1; id < objects.length; id++) {
    offsets[id] = pdf.length;
    pdf += `${id} 0 obj\n${objects[id]}\nendobj\n`;
  }
  const xref = pdf.length;
  pdf += `xref\n0 ${objects.length}\n0000000000 65535 f \n`;
  for (let id = 1; id < objects.length; id++) pdf += `${String(offsets[id]).padStart(10, "0")} 00000 n \n`;
  pdf += `trailer\n<< /Size ${objects.length} /Root 1 0 R /Info ${infoId} 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(pdf, "latin1");
}

/** A PostScript page per entry, each line of 20 pt Helvetica: big enough for tesseract to read reliably. */
function postscript(pages: readonly string[]): string {
  const body = pages
    .map((page) => page.split("\n").map((line, i) => `72 ${700 - 30 * i} moveto (${line}) show`).join("\n") + "\nshowpage")
    .join("\n");
  return `%!PS\n/Helvetica findfont 20 scalefont setfont\n${body}\n`;
}

/** Runs ghostscript on PostScript pages; `device` args pick the output. */
function ghostscript(dir: string, pages: readonly string[], name: string, args: readonly string[]): Buffer {
  const ps = join(dir, `${name}.ps`);
  const out = join(dir, name);
  writeFileSync(ps, postscript(pages));
  execFileSync("gs", ["-q", "-dNOPAUSE", "-dBATCH", "-dSAFER", ...args, `-sOutputFile=${out}`, ps]);
  return readFileSync(out);
}

/** Pages rendered to pictures: a PDF with no text layer, as a scanner makes. Needs ghostscript. */
export function imageOnlyPdf(dir: string, pages: readonly string[]): Buffer {
  return ghostscript(dir, pages, "scan.pdf", ["-sDEVICE=pdfimage24", "-r150"]);
}

/** A text PDF encrypted with an owner password and, when given, a user (open) password. Needs ghostscript. */
export function encryptedPdf(dir: string, pages: readonly string[], userPassword: string | null): Buffer {
  const name = userPassword === null ? "owner-only.pdf" : "locked.pdf";
  const passwords = ["-sOwnerPassword=owner", ...(userPassword === null ? [] : [`-sUserPassword=${userPassword}`])];
  return ghostscript(dir, pages, name, ["-sDEVICE=pdfwrite", ...passwords]);
}

/** A .docx made by the `docx` package, with core properties. */
export async function docxFile(paragraphs: readonly string[], props: { title?: string; creator?: string } = {}): Promise<Buffer> {
  const doc = new Document({ ...props, sections: [{ children: paragraphs.map((p) => new Paragraph(p)) }] });
  return Packer.toBuffer(doc);
}

export interface ZipSpec {
  name: string;
  data: Uint8Array;
  deflate?: boolean;
  /** The uncompressed size the central directory claims; default the true size. ≥ 4 GiB is written as ZIP64. */
  declaredSize?: number;
}

/** A ZIP archive written by hand, so its directory can claim sizes its data does not have. */
export function zipArchive(entries: readonly ZipSpec[]): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const entry of entries) {
    const name = Buffer.from(entry.name, "utf8");
    const data = entry.deflate ? deflateRawSync(entry.data) : Buffer.from(entry.data);
    const crc = crc32(entry.data);
    const method = entry.deflate ? 8 : 0;
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(method, 8);
    local.writeUInt16LE(0x21, 12); // 1980-01-01
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(data.length, 18);
    local.writeUInt32LE(entry.data.length, 22);
    local.writeUInt16LE(name.length, 26);
    locals.push(local, name, data);

    const declared = entry.declaredSize ?? entry.data.length;
    const zip64 = declared >= 0xffffffff;
    const extra = Buffer.alloc(zip64 ? 12 : 0);
    if (zip64) {
      extra.writeUInt16LE(1, 0);
      extra.writeUInt16LE(8, 2);
      extra.writeBigUInt64LE(BigInt(declared), 4);
    }
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(zip64 ? 45 : 20, 4);
    central.writeUInt16LE(zip64 ? 45 : 20, 6);
    central.writeUInt16LE(method, 10);
    central.writeUInt16LE(0x21, 14);
    central.writeUInt32LE(crc, 16);
    central.writeUInt32LE(data.length, 20);
    central.writeUInt32LE(zip64 ? 0xffffffff : declared, 24);
    central.writeUInt16LE(name.length, 28);
    central.writeUInt16LE(extra.length, 30);
    central.writeUInt32LE(offset, 42);
    centrals.push(central, name, extra);
    offset += local.length + name.length + data.length;
  }
  const directory = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, directory, end]);
}
