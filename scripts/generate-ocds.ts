// Writes deterministic OCDS 1.1 data for the importer's tests and benchmark: release packages,
// record packages and JSON lines, in Spanish and Portuguese, with the quirks real publishers have
// (amounts missing, suppliers only in `parties`, 1.0-style `suppliers` without ids, several
// releases of one ocid). About `matchShare` of processes buy from a vendor the gazetteer knows
// (Huawei, ZTE, Hikvision, Dahua… and local subsidiaries) or buy cameras and fibre; the rest buy
// office supplies, fuel or cleaning services, as most procurement does.
//
//   npx tsx scripts/generate-ocds.ts FILE [--releases N] [--seed S] [--format package|records|jsonl]
import { createWriteStream } from "node:fs";
import { once } from "node:events";
import { fileURLToPath } from "node:url";
import { seeded } from "./bench-corpus.js";

type Rnd = () => number;
type Lang = "es" | "pt";

export interface OcdsGenOptions {
  releases?: number;
  seed?: number;
  format?: "package" | "records" | "jsonl";
  /** Share of processes that should match the observatory's vendors or categories (default 0.05). */
  matchShare?: number;
  /** Pad each release with item rows to about this many bytes (default 2,000). */
  targetBytes?: number;
}

export interface OcdsGenStats {
  releases: number;
  bytes: number;
  /** ocids of the processes generated to match. */
  matching: string[];
}

const pick = <T>(rnd: Rnd, list: readonly T[]): T => list[Math.floor(rnd() * list.length)] as T;

const BUYERS: Record<Lang, { name: string; country: string; currency: string; region: string }[]> = {
  es: [
    { name: "Municipalidad de Asunción", country: "Paraguay", currency: "PYG", region: "Asunción" },
    { name: "Compañía Paraguaya de Comunicaciones S.A.", country: "Paraguay", currency: "PYG", region: "Central" },
    { name: "Secretaría de Seguridad Pública de Jalisco", country: "México", currency: "MXN", region: "Jalisco" },
    { name: "Gobierno Autónomo Departamental de Santa Cruz", country: "Bolivia", currency: "BOB", region: "Santa Cruz" },
    { name: "Ministerio del Interior", country: "Ecuador", currency: "USD", region: "Pichincha" },
    { name: "Alcaldía de Medellín", country: "Colombia", currency: "COP", region: "Antioquia" },
  ],
  pt: [
    { name: "Prefeitura Municipal de Curitiba", country: "Brasil", currency: "BRL", region: "Paraná" },
    { name: "Secretaria de Segurança Pública do Estado da Bahia", country: "Brasil", currency: "BRL", region: "Bahia" },
    { name: "Telecomunicações Brasileiras S.A. - Telebras", country: "Brasil", currency: "BRL", region: "Distrito Federal" },
  ],
};

const MATCHING_SUPPLIERS = [
  "Huawei Technologies Paraguay S.A.", "ZTE Corporation", "Hikvision Digital Technology Co., Ltd.", "Dahua Technology",
  "Huawei do Brasil Telecomunicações Ltda.", "ZTE do Brasil Ltda.", "Inspur", "Lenovo", "Nuctech",
];
const OTHER_SUPPLIERS = ["Distribuidora Central S.A.", "Comercial Los Andes Ltda.", "Servicios Integrales del Sur S.R.L.", "Papelaria Nacional Ltda.", "Combustibles del Este S.A.", "Limpieza Total S.A.", "Construtora Horizonte Ltda."];

const MATCHING_ITEMS: Record<Lang, string[]> = {
  es: ["Cámara IP de videovigilancia tipo domo", "Sistema de reconocimiento facial", "Cable de fibra óptica monomodo 48 hilos", "Estación base 4G LTE", "Servidor para centro de datos", "Grabador de video en red para cámaras de CCTV"],
  pt: ["Câmera de videomonitoramento tipo bullet", "Sistema de reconhecimento facial", "Cabo de fibra óptica monomodo", "Estação rádio base 4G", "Servidor para data center"],
};
const OTHER_ITEMS: Record<Lang, string[]> = {
  es: ["Resma de papel tamaño oficio", "Combustible diésel", "Servicio de limpieza de oficinas", "Tóner para impresora", "Sillas ergonómicas", "Mantenimiento de vehículos", "Agua mineral en bidones"],
  pt: ["Papel sulfite A4", "Óleo diesel S10", "Serviço de limpeza predial", "Cartucho de toner", "Cadeiras giratórias", "Manutenção de veículos"],
};
const METHODS: { method: string; details: Record<Lang, string> }[] = [
  { method: "open", details: { es: "Licitación Pública Nacional", pt: "Pregão Eletrônico" } },
  { method: "selective", details: { es: "Concurso de Ofertas", pt: "Tomada de Preços" } },
  { method: "limited", details: { es: "Contratación por Vía de la Excepción", pt: "Dispensa de Licitação" } },
  { method: "direct", details: { es: "Contratación Directa", pt: "Inexigibilidade" } },
];

function isoDate(rnd: Rnd): string {
  const y = 2015 + Math.floor(rnd() * 9);
  const m = 1 + Math.floor(rnd() * 12);
  const d = 1 + Math.floor(rnd() * 28);
  return `${y}-${String(m).padStart(2, "0")}-${String(d).padStart(2, "0")}T10:00:00-04:00`;
}

/** One contracting process's release; `stage` picks which parts it carries. */
export function generateRelease(rnd: Rnd, n: number, options: { match: boolean; targetBytes: number; stage?: "tender" | "award" | "contract" }): Record<string, unknown> {
  const lang: Lang = rnd() < 0.7 ? "es" : "pt";
  const buyer = pick(rnd, BUYERS[lang]);
  const ocid = `ocds-gen000-${String(n).padStart(8, "0")}`;
  const method = pick(rnd, METHODS);
  const supplierName = options.match && rnd() < 0.8 ? pick(rnd, MATCHING_SUPPLIERS) : pick(rnd, OTHER_SUPPLIERS);
  const itemNames = options.match ? MATCHING_ITEMS[lang] : OTHER_ITEMS[lang];
  const title = options.match
    ? lang === "es" ? `Adquisición de ${pick(rnd, ["cámaras de videovigilancia", "equipos de red de fibra óptica", "equipamiento para centro de datos", "sistema de seguridad ciudadana"])}` : `Aquisição de ${pick(rnd, ["câmeras de videomonitoramento", "equipamentos de rede de fibra óptica", "servidores para data center"])}`
    : lang === "es" ? `Adquisición de ${pick(rnd, ["útiles de oficina", "combustible", "servicios de limpieza", "mobiliario"])}` : `Aquisição de ${pick(rnd, ["material de escritório", "combustível", "serviços de limpeza", "mobiliário"])}`;
  const date = isoDate(rnd);
  const amount = Math.round(10_000 + rnd() * 5_000_000) * (buyer.currency === "PYG" ? 1000 : 1);
  const missingAmount = rnd() < 0.1;
  const supplierInPartiesOnly = rnd() < 0.2;
  const oldStyleSupplier = rnd() < 0.2;
  const supplierId = `${buyer.country.slice(0, 2).toUpperCase()}-RUC-${Math.floor(rnd() * 1e8)}`;
  const items: Record<string, unknown>[] = [];
  const release: Record<string, unknown> = {
    ocid,
    id: `${ocid}-${options.stage ?? "compiled"}-${Math.floor(rnd() * 1e6)}`,
    date,
    tag: [options.stage ?? "award"],
    initiationType: "tender",
    language: lang,
    parties: [
      { id: `buyer-${buyer.name.length}`, name: buyer.name, roles: ["buyer", "procuringEntity"], address: { countryName: buyer.country, region: buyer.region } },
      ...(oldStyleSupplier ? [] : [{ id: supplierId, name: supplierName, roles: ["supplier", "tenderer"], address: { countryName: buyer.country } }]),
    ],
    buyer: { id: `buyer-${buyer.name.length}`, name: buyer.name },
    tender: {
      id: `${ocid}-tender`,
      title,
      description: `${title} — ${lang === "es" ? "según especificaciones técnicas del pliego de bases y condiciones" : "conforme especificações técnicas do termo de referência"}.`,
      status: options.stage === "tender" ? "active" : "complete",
      procurementMethod: method.method,
      procurementMethodDetails: method.details[lang],
      ...(missingAmount ? {} : { value: { amount: Math.round(amount * 1.1), currency: buyer.currency } }),
      tenderPeriod: { startDate: date },
      items,
    },
  };
  let bytes = JSON.stringify(release).length;
  let i = 0;
  while (bytes < options.targetBytes - 200 || i === 0) {
    const name = pick(rnd, itemNames);
    const item = {
      id: String(++i),
      description: name,
      classification: { scheme: "UNSPSC", id: options.match ? pick(rnd, ["46171610", "43222609", "26121609", "43211501"]) : pick(rnd, ["14111507", "15101505", "76111501", "56101504"]), description: name },
      quantity: 1 + Math.floor(rnd() * 200),
      unit: { name: lang === "es" ? "Unidad" : "Unidade", value: { amount: Math.round(rnd() * 100000), currency: buyer.currency } },
    };
    items.push(item);
    bytes += JSON.stringify(item).length + 1;
  }
  if (options.stage !== "tender") {
    const supplier = oldStyleSupplier ? { name: supplierName } : { id: supplierId, name: supplierName };
    release.awards = [
      {
        id: `${ocid}-award-1`,
        title,
        status: "active",
        date,
        ...(missingAmount ? {} : { value: { amount, currency: buyer.currency } }),
        ...(supplierInPartiesOnly && !oldStyleSupplier ? {} : { suppliers: [supplier] }),
      },
    ];
  }
  if (options.stage === "contract" || (options.stage === undefined && rnd() < 0.5)) {
    release.contracts = [{ id: `${ocid}-contract-1`, awardID: `${ocid}-award-1`, status: "active", dateSigned: date, ...(missingAmount ? {} : { value: { amount, currency: buyer.currency } }) }];
  }
  return release;
}

/**
 * Writes `releases` releases as one release package (default), a record package or JSON lines.
 * @example await generateOcds("/tmp/big.json", { releases: 250_000 })
 */
export async function generateOcds(file: string, options: OcdsGenOptions = {}): Promise<OcdsGenStats> {
  const total = options.releases ?? 10_000;
  const rnd = seeded(options.seed ?? 1);
  const format = options.format ?? "package";
  const matchShare = options.matchShare ?? 0.05;
  const targetBytes = options.targetBytes ?? 2000;
  const out = createWriteStream(file);
  let bytes = 0;
  const write = async (s: string) => {
    bytes += Buffer.byteLength(s);
    if (!out.write(s)) await once(out, "drain");
  };
  const matching: string[] = [];
  const head = { uri: "https://example.test/ocds/generated", version: "1.1", publishedDate: "2024-01-01T00:00:00Z", publisher: { name: "Generated publisher (test data)" }, license: "https://creativecommons.org/licenses/by/4.0/" };
  if (format === "package") await write(`${JSON.stringify(head).slice(0, -1)},"releases":[\n`);
  if (format === "records") await write(`${JSON.stringify(head).slice(0, -1)},"records":[\n`);
  for (let n = 0; n < total; n++) {
    const match = rnd() < matchShare;
    const release = generateRelease(rnd, n, { match, targetBytes });
    if (match) matching.push(release.ocid as string);
    const body = format === "records" ? JSON.stringify({ ocid: release.ocid, releases: [{ url: `https://example.test/ocds/${String(release.ocid)}.json`, date: release.date, tag: release.tag }], compiledRelease: release }) : JSON.stringify(release);
    await write(format === "jsonl" ? `${body}\n` : `${n ? ",\n" : ""}${body}`);
  }
  if (format !== "jsonl") await write("\n]}\n");
  out.end();
  await once(out, "finish");
  return { releases: total, bytes, matching };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const args = process.argv.slice(2);
  const file = args[0];
  const opt = (name: string) => {
    const i = args.indexOf(name);
    return i >= 0 ? args[i + 1] : undefined;
  };
  if (!file) {
    process.stderr.write("usage: tsx scripts/generate-ocds.ts FILE [--releases N] [--seed S] [--format package|records|jsonl]\n");
    process.exit(1);
  }
  const stats = await generateOcds(file, { releases: Number(opt("--releases") ?? 10000), seed: Number(opt("--seed") ?? 1), format: (opt("--format") as OcdsGenOptions["format"]) ?? "package" });
  process.stderr.write(`wrote ${stats.releases} releases, ${(stats.bytes / 1e6).toFixed(1)} MB, ${stats.matching.length} matching, to ${file}\n`);
}
