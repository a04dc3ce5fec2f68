// Fixtures for the export tests: made-up projects behind an ExportSource (no database), a sink
// that keeps every chunk, and a small RFC 4180 reader (csv-parse is not a dependency).
import { Writable } from "node:stream";
import { OWN_DATA_LICENSE } from "../../src/domain/licenses.js";
import type { Citation, ProjectSummary } from "../../src/domain/project.js";
import type { ExportContext, ExportSource, Location, OrganizationFacts } from "../../src/export/source.js";

export const CONTEXT: ExportContext = { exchangeRates: "Test rates (FRED H.10)", generatedAt: "2026-11-26T10:00:00.000Z" };

export function citation(id: string, over: Partial<Citation> = {}): Citation {
  return {
    documentId: id,
    title: `Article ${id}`,
    authors: ["Ana Pérez"],
    publisher: "Diario Ejemplo",
    published: "2021-03-04",
    url: `https://example.org/${id}`,
    citation: `Ana Pérez, “Article ${id},” Diario Ejemplo, 2021.`,
    ...over,
  };
}

/** A plausible project; `i` varies the id, country, amount and sources. */
export function project(i: number, over: Partial<ProjectSummary> = {}): ProjectSummary {
  const sources = [citation(`doc-${i % 50}`), citation(`doc-shared`)];
  return {
    id: `p-${String(i).padStart(6, "0")}`,
    title: `Synthetic surveillance contract number ${i}, with a longer title as real ones have`,
    status: "signed",
    procurementRoute: null,
    review: { state: "verified", by: "tester", at: "2026-11-25" },
    license: OWN_DATA_LICENSE,
    vendors: ["Huawei"],
    financiers: [],
    buyer: "Ministerio de Seguridad",
    country: i % 2 ? "AR" : "BR",
    subdivision: null,
    city: null,
    amount: { value: 1_000_000 + i, currency: "USD", year: 2020, usd: 1_000_000 + i },
    year: 2020,
    category: "surveillance",
    quantity: { cameras: i },
    mechanism: "contract",
    parties: [
      { name: "Huawei", role: "vendor", organizationId: "huawei" },
      { name: "Ministerio de Seguridad", role: "buyer", organizationId: null },
    ],
    sources,
    sourceCount: sources.length,
    disputedFields: [],
    ...over,
  };
}

const HUAWEI: OrganizationFacts = { id: "huawei", name: "Huawei", fullName: "Huawei Technologies Co., Ltd.", kind: "company", homeCountry: "CN", aliases: ["华为"] };

/** An ExportSource over made-up projects; `pulled()` counts how many the writer has asked for so far. */
export function syntheticSource(items: readonly ProjectSummary[] | number): ExportSource & { pulled: () => number } {
  const list = typeof items === "number" ? null : items;
  const count = list ? list.length : (items as number);
  let pulled = 0;
  async function* walk(): AsyncGenerator<ProjectSummary> {
    for (let i = 0; i < count; i++) {
      pulled++;
      yield list ? list[i]! : project(i);
    }
  }
  return {
    context: CONTEXT,
    projects: () => walk(),
    details: async function* () {
      for await (const p of walk()) yield { ...p, claims: { title: [{ value: p.title, shown: true, sources: 1, reviewed: true, evidence: [] }] } };
    },
    locate: async (p): Promise<Location | null> => (p.country === "AR" ? { lon: -58.38, lat: -34.6, precision: "country", place: "Buenos Aires" } : null),
    organization: async (id) => (id === "huawei" ? HUAWEI : null),
    pulled: () => pulled,
  };
}

/** A Writable that keeps every chunk it is given; `hold` makes it stop acknowledging writes. */
export class CollectingSink extends Writable {
  readonly chunks: Buffer[] = [];
  private held: (() => void)[] = [];
  hold = false;

  constructor() {
    super({ highWaterMark: 16 * 1024 });
  }

  override _write(chunk: Buffer, _encoding: BufferEncoding, done: (error?: Error | null) => void): void {
    this.chunks.push(chunk);
    if (this.hold) this.held.push(() => done());
    else done();
  }

  release(): void {
    this.hold = false;
    for (const done of this.held.splice(0)) done();
  }

  buffer(): Buffer {
    return Buffer.concat(this.chunks);
  }

  text(): string {
    return this.buffer().toString("utf8");
  }
}

/** Reads RFC 4180 CSV: quoted fields may hold commas, CRLF and doubled quotes. */
export function readCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = "";
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ",") {
      row.push(field);
      field = "";
    } else if (ch === "\r" && text[i + 1] === "\n") {
      row.push(field);
      rows.push(row);
      row = [];
      field = "";
      i++;
    } else field += ch;
  }
  if (field !== "" || row.length) {
    row.push(field);
    rows.push(row);
  }
  return rows;
}
