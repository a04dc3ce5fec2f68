// Writes deterministic AidData GCDF 3.0 rows in the shape of the full 126-column release, for the
// importer's benchmark: the header is read from the one real row of that release we hold
// (../shared/data/gcdf3/gcdf3_full_schema_sample.csv), so it is exactly AidData's (curly
// apostrophes included), and every value this script fills names a column of that header (a
// renamed column fails loudly instead of leaving a column empty).
//
// Rows vary as the real table does: unique record ids; recipients in Latin America and the
// Caribbean (about a quarter of rows, against about a tenth in the real release: the observatory's
// region is slightly over-weighted) and in Africa, Asia, Europe and Oceania with their ISO-3
// codes; sectors weighted like the geocoded table, with COMMUNICATIONS at about 8 % (about 3 % in
// the real one); loans from China Eximbank, China Development Bank, ICBC and Bank of China and
// grants or in-kind donations from the Chinese Government, the Ministry of Commerce or an
// embassy; statuses Pipeline: Pledge / Pipeline: Commitment / Implementation / Completion;
// amounts in USD, CNY or EUR; commitment years 2000–2021 with ISO dates (as AidData writes them,
// despite the "(MM/DD/YYYY)" in the headers); implementing agencies such as Huawei, ZTE, CEIEC,
// Sinohydro or CHEC, a named local agency, or none (the contractor unnamed); titles and
// descriptions written as AidData writes them ("China Eximbank provides $120 million loan for …"),
// and source URLs, titles, publishers and resource types joined with "|".
//
//   npx tsx scripts/generate-aiddata.ts FILE [--rows N] [--seed S]
import { createWriteStream, readFileSync } from "node:fs";
import { once } from "node:events";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { parse } from "csv-parse/sync";
import { stringify } from "csv-stringify";
import { seeded } from "./bench-corpus.js";

type Rnd = () => number;

const root = fileURLToPath(new URL("..", import.meta.url));
/** The real full-release row whose header the generated file copies. */
export const FULL_SCHEMA_SAMPLE = join(root, "..", "shared", "data", "gcdf3", "gcdf3_full_schema_sample.csv");

export interface AidDataGenOptions {
  rows?: number;
  seed?: number;
  /** The CSV whose header row is copied (default: the full-release sample in ../shared/data/gcdf3). */
  headerFrom?: string;
}

export interface AidDataGenStats {
  rows: number;
  bytes: number;
  columns: number;
  /** Rows whose recipient is in Latin America and the Caribbean. */
  lac: number;
  /** Rows in the COMMUNICATIONS sector. */
  communications: number;
  /** Rows with Huawei or ZTE among the implementing agencies. */
  huaweiOrZte: number;
}

const pick = <T>(rnd: Rnd, list: readonly T[]): T => list[Math.floor(rnd() * list.length)] as T;
const chance = (rnd: Rnd, p: number) => rnd() < p;
const int = (rnd: Rnd, lo: number, hi: number) => lo + Math.floor(rnd() * (hi - lo + 1));
function weighted<T>(rnd: Rnd, list: readonly (readonly [T, number])[]): T {
  const sum = list.reduce((s, [, w]) => s + w, 0);
  let x = rnd() * sum;
  for (const [v, w] of list) if ((x -= w) < 0) return v;
  return (list.at(-1) as readonly [T, number])[0];
}

interface Recipient {
  name: string;
  iso3: string;
  region: "America" | "Africa" | "Asia" | "Europe" | "Oceania" | "Middle East";
  income: string;
  lac: boolean;
  cities: readonly string[];
  /** Its state-owned telecom operator, when it has one known by name. */
  telecom?: string;
  /** Its state-owned power utility. */
  power?: string;
}

const UMI = "Upper middle income";
const LMI = "Lower middle income";
const LI = "Low income";
const RECIPIENTS: readonly Recipient[] = [
  { name: "Ecuador", iso3: "ECU", region: "America", income: UMI, lac: true, cities: ["Quito", "Guayaquil", "Cuenca"], telecom: "Corporación Nacional de Telecomunicaciones (CNT EP)", power: "Corporación Eléctrica del Ecuador (CELEC EP)" },
  { name: "Venezuela", iso3: "VEN", region: "America", income: UMI, lac: true, cities: ["Caracas", "Maracaibo", "Valencia"], telecom: "Compañía Anónima Nacional Teléfonos de Venezuela (CANTV)", power: "Corporación Eléctrica Nacional (CORPOELEC)" },
  { name: "Bolivia", iso3: "BOL", region: "America", income: LMI, lac: true, cities: ["La Paz", "Santa Cruz de la Sierra", "Cochabamba"], telecom: "Empresa Nacional de Telecomunicaciones (ENTEL)", power: "Empresa Nacional de Electricidad (ENDE)" },
  { name: "Argentina", iso3: "ARG", region: "America", income: UMI, lac: true, cities: ["Buenos Aires", "Córdoba", "Jujuy"], telecom: "Empresa Argentina de Soluciones Satelitales (ARSAT)" },
  { name: "Brazil", iso3: "BRA", region: "America", income: UMI, lac: true, cities: ["São Paulo", "Rio de Janeiro", "Salvador"], telecom: "Telecomunicações Brasileiras S.A. (Telebras)" },
  { name: "Peru", iso3: "PER", region: "America", income: UMI, lac: true, cities: ["Lima", "Arequipa", "Cusco"] },
  { name: "Costa Rica", iso3: "CRI", region: "America", income: UMI, lac: true, cities: ["San José", "Limón"], telecom: "Instituto Costarricense de Electricidad (ICE)", power: "Instituto Costarricense de Electricidad (ICE)" },
  { name: "Jamaica", iso3: "JAM", region: "America", income: UMI, lac: true, cities: ["Kingston", "Montego Bay"] },
  { name: "Trinidad and Tobago", iso3: "TTO", region: "America", income: "High income", lac: true, cities: ["Port of Spain", "San Fernando"], telecom: "Telecommunications Services of Trinidad and Tobago (TSTT)" },
  { name: "Cuba", iso3: "CUB", region: "America", income: UMI, lac: true, cities: ["Havana", "Santiago de Cuba"], telecom: "Empresa de Telecomunicaciones de Cuba S.A. (ETECSA)" },
  { name: "El Salvador", iso3: "SLV", region: "America", income: LMI, lac: true, cities: ["San Salvador", "La Libertad"] },
  { name: "Guyana", iso3: "GUY", region: "America", income: UMI, lac: true, cities: ["Georgetown", "Linden"] },
  { name: "Suriname", iso3: "SUR", region: "America", income: UMI, lac: true, cities: ["Paramaribo"] },
  { name: "Dominica", iso3: "DMA", region: "America", income: UMI, lac: true, cities: ["Roseau"] },
  { name: "Grenada", iso3: "GRD", region: "America", income: UMI, lac: true, cities: ["St. George's"] },
  { name: "Uruguay", iso3: "URY", region: "America", income: "High income", lac: true, cities: ["Montevideo"], telecom: "Administración Nacional de Telecomunicaciones (ANTEL)" },
  { name: "Panama", iso3: "PAN", region: "America", income: UMI, lac: true, cities: ["Panama City", "Colón"] },
  { name: "Angola", iso3: "AGO", region: "Africa", income: LMI, lac: false, cities: ["Luanda", "Benguela", "Lubango"], telecom: "Angola Telecom", power: "Empresa Nacional de Distribuição de Electricidade (ENDE)" },
  { name: "Kenya", iso3: "KEN", region: "Africa", income: LMI, lac: false, cities: ["Nairobi", "Mombasa", "Kisumu"], power: "Kenya Power and Lighting Company (KPLC)" },
  { name: "Ethiopia", iso3: "ETH", region: "Africa", income: LI, lac: false, cities: ["Addis Ababa", "Dire Dawa"], telecom: "Ethio Telecom", power: "Ethiopian Electric Power (EEP)" },
  { name: "Zambia", iso3: "ZMB", region: "Africa", income: LMI, lac: false, cities: ["Lusaka", "Ndola"], telecom: "Zambia Telecommunications Company (ZAMTEL)", power: "ZESCO Limited" },
  { name: "Nigeria", iso3: "NGA", region: "Africa", income: LMI, lac: false, cities: ["Abuja", "Lagos", "Kano"], telecom: "Galaxy Backbone Limited" },
  { name: "Zimbabwe", iso3: "ZWE", region: "Africa", income: LMI, lac: false, cities: ["Harare", "Bulawayo"], telecom: "TelOne" },
  { name: "Cameroon", iso3: "CMR", region: "Africa", income: LMI, lac: false, cities: ["Yaoundé", "Douala"], telecom: "Cameroon Telecommunications (CAMTEL)" },
  { name: "Egypt", iso3: "EGY", region: "Middle East", income: LMI, lac: false, cities: ["Cairo", "Alexandria"] },
  { name: "Cambodia", iso3: "KHM", region: "Asia", income: LMI, lac: false, cities: ["Phnom Penh", "Siem Reap"], power: "Electricité du Cambodge (EDC)" },
  { name: "Lao People's Democratic Republic", iso3: "LAO", region: "Asia", income: LMI, lac: false, cities: ["Vientiane", "Luang Prabang"], telecom: "Lao Telecommunications Company" },
  { name: "Pakistan", iso3: "PAK", region: "Asia", income: LMI, lac: false, cities: ["Islamabad", "Lahore", "Karachi"] },
  { name: "Sri Lanka", iso3: "LKA", region: "Asia", income: LMI, lac: false, cities: ["Colombo", "Hambantota"], telecom: "Sri Lanka Telecom" },
  { name: "Indonesia", iso3: "IDN", region: "Asia", income: UMI, lac: false, cities: ["Jakarta", "Bandung", "Surabaya"] },
  { name: "Serbia", iso3: "SRB", region: "Europe", income: UMI, lac: false, cities: ["Belgrade", "Novi Sad"] },
  { name: "Papua New Guinea", iso3: "PNG", region: "Oceania", income: LMI, lac: false, cities: ["Port Moresby", "Lae"], telecom: "PNG DataCo Limited" },
  { name: "Fiji", iso3: "FJI", region: "Oceania", income: UMI, lac: false, cities: ["Suva", "Nadi"] },
];
const LAC_RECIPIENTS = RECIPIENTS.filter((r) => r.lac);
const OTHER_RECIPIENTS = RECIPIENTS.filter((r) => !r.lac);
const LAC_SHARE = 0.25;

type Sector =
  | "COMMUNICATIONS" | "HEALTH" | "EDUCATION" | "TRANSPORT AND STORAGE" | "ENERGY" | "GOVERNMENT AND CIVIL SOCIETY"
  | "OTHER SOCIAL INFRASTRUCTURE AND SERVICES" | "INDUSTRY, MINING, CONSTRUCTION" | "EMERGENCY RESPONSE"
  | "AGRICULTURE, FORESTRY, FISHING" | "WATER SUPPLY AND SANITATION";
/** Weights close to the geocoded table's (final_input.csv), with COMMUNICATIONS raised to about 8 %. */
const SECTORS: readonly (readonly [Sector, number])[] = [
  ["HEALTH", 17], ["EDUCATION", 16], ["TRANSPORT AND STORAGE", 10], ["ENERGY", 9], ["GOVERNMENT AND CIVIL SOCIETY", 9],
  ["COMMUNICATIONS", 8.5], ["OTHER SOCIAL INFRASTRUCTURE AND SERVICES", 8], ["INDUSTRY, MINING, CONSTRUCTION", 6],
  ["EMERGENCY RESPONSE", 5], ["AGRICULTURE, FORESTRY, FISHING", 4.5], ["WATER SUPPLY AND SANITATION", 3],
];
const SECTOR_CODES: Record<Sector, string> = {
  "EDUCATION": "110", "HEALTH": "120", "WATER SUPPLY AND SANITATION": "140", "GOVERNMENT AND CIVIL SOCIETY": "150",
  "OTHER SOCIAL INFRASTRUCTURE AND SERVICES": "160", "TRANSPORT AND STORAGE": "210", "COMMUNICATIONS": "220", "ENERGY": "230",
  "AGRICULTURE, FORESTRY, FISHING": "310", "INDUSTRY, MINING, CONSTRUCTION": "320", "EMERGENCY RESPONSE": "700",
};

/** Projects of each sector: a title ({city} is one of the recipient's) and what it is for. */
/** `inKind`: goods handed over (titles say "donates … worth …"); other projects that are not infrastructure are grants for a programme. */
const PROJECTS: Record<Sector, readonly { title: string; purpose: string; infrastructure: boolean; inKind?: boolean }[]> = {
  "COMMUNICATIONS": [
    { title: "National Broadband Network Expansion Project", purpose: "extend the national fibre-optic backbone and bring broadband internet to unserved municipalities", infrastructure: true },
    { title: "{city} Safe City Project", purpose: "install a video surveillance network with an integrated command and control centre for the police and emergency services", infrastructure: true },
    { title: "4G LTE Mobile Network Expansion Project", purpose: "build 4G LTE base stations and upgrade the core network of the state-owned operator", infrastructure: true },
    { title: "E-Government Network and National Data Center Project", purpose: "connect government ministries through a secure network and build a Tier III national data centre", infrastructure: true },
    { title: "Digital Terrestrial Television Project", purpose: "replace analogue transmitters with digital terrestrial television under the DTMB standard", infrastructure: true },
    { title: "Rural Telecommunications Project", purpose: "provide mobile coverage and internet access points to rural communities", infrastructure: true },
    { title: "Integrated Emergency Response and Video Surveillance System Project", purpose: "install surveillance cameras and an emergency call centre linking police, fire and ambulance services", infrastructure: true },
    { title: "Submarine Cable Landing Station Project", purpose: "build a submarine cable landing station and connect it to the national backbone", infrastructure: true },
    { title: "computers and videoconferencing equipment", purpose: "equip government offices with computers, servers and videoconferencing systems", infrastructure: false, inKind: true },
  ],
  "HEALTH": [
    { title: "{city} General Hospital Construction Project", purpose: "build and equip a general hospital with 200 beds", infrastructure: true },
    { title: "medical supplies and equipment", inKind: true, purpose: "supply the Ministry of Health with ventilators, test kits and protective equipment", infrastructure: false },
    { title: "the dispatch of a Chinese Medical Team", purpose: "send a team of Chinese doctors to work in public hospitals for two years", infrastructure: false },
  ],
  "EDUCATION": [
    { title: "{city} Primary School Construction Project", purpose: "build a primary school with 24 classrooms, a library and a computer laboratory", infrastructure: true },
    { title: "Confucius Institute at the University of {city}", purpose: "teach Chinese language and culture at the university", infrastructure: false },
    { title: "government scholarships for study in China", purpose: "fund scholarships for students to study at Chinese universities", infrastructure: false },
  ],
  "TRANSPORT AND STORAGE": [
    { title: "{city} Highway Rehabilitation Project", purpose: "rehabilitate and widen the highway to four lanes", infrastructure: true },
    { title: "{city} Port Expansion Project", purpose: "expand the container terminal and dredge the access channel", infrastructure: true },
    { title: "{city} International Airport Terminal Expansion Project", purpose: "build a new passenger terminal and extend the runway", infrastructure: true },
  ],
  "ENERGY": [
    { title: "{mw} MW Hydropower Dam Project", purpose: "build a hydroelectric dam and power station and connect it to the national grid", infrastructure: true },
    { title: "{city} Solar Photovoltaic Power Plant Project", purpose: "build a solar photovoltaic plant and its substation", infrastructure: true },
    { title: "{city} Transmission Line and Substation Project", purpose: "build a high-voltage transmission line and two substations", infrastructure: true },
  ],
  "GOVERNMENT AND CIVIL SOCIETY": [
    { title: "office equipment and vehicles", inKind: true, purpose: "supply the ministry with computers, printers and vehicles", infrastructure: false },
    { title: "National Assembly Building Construction Project", purpose: "build a new building for the national legislature", infrastructure: true },
    { title: "police patrol vehicles and radios", inKind: true, purpose: "supply the national police with patrol vehicles, radios and uniforms", infrastructure: false },
  ],
  "OTHER SOCIAL INFRASTRUCTURE AND SERVICES": [
    { title: "{city} National Stadium Construction Project", purpose: "build a multi-purpose stadium with 30,000 seats", infrastructure: true },
    { title: "{city} Social Housing Project", purpose: "build 2,000 social housing units with roads and utilities", infrastructure: true },
  ],
  "INDUSTRY, MINING, CONSTRUCTION": [
    { title: "{city} Industrial Park Project", purpose: "develop an industrial park with roads, power and water supply for manufacturers", infrastructure: true },
    { title: "Cement Plant Construction Project", purpose: "build a cement plant with a capacity of one million tonnes a year", infrastructure: true },
  ],
  "EMERGENCY RESPONSE": [
    { title: "emergency humanitarian assistance for flood victims", purpose: "provide food, tents and cash to families affected by floods", infrastructure: false },
    { title: "emergency relief supplies", inKind: true, purpose: "provide tents, blankets and food to the population affected by the earthquake", infrastructure: false },
  ],
  "AGRICULTURE, FORESTRY, FISHING": [
    { title: "Agricultural Technology Demonstration Center Project", purpose: "build a demonstration centre that trains farmers in rice and vegetable cultivation", infrastructure: true },
    { title: "{city} Irrigation Project", purpose: "build irrigation canals serving 5,000 hectares", infrastructure: true },
  ],
  "WATER SUPPLY AND SANITATION": [
    { title: "{city} Water Supply Project", purpose: "build a water treatment plant and distribution network", infrastructure: true },
    { title: "{city} Sewerage and Drainage Project", purpose: "build sewers and a wastewater treatment plant", infrastructure: true },
  ],
};

interface Agency {
  name: string;
  /** How titles name it. */
  short: string;
  type: string;
}
const LENDERS: readonly (readonly [Agency, number])[] = [
  [{ name: "China Eximbank", short: "China Eximbank", type: "State-owned Policy Bank" }, 45],
  [{ name: "China Development Bank", short: "China Development Bank", type: "State-owned Policy Bank" }, 30],
  [{ name: "Industrial and Commercial Bank of China (ICBC)", short: "ICBC", type: "State-owned Commercial Bank" }, 12],
  [{ name: "Bank of China (BOC)", short: "Bank of China", type: "State-owned Commercial Bank" }, 8],
  [{ name: "Chinese Government", short: "Chinese Government", type: "Government Agency" }, 5],
];
const DONORS: readonly (readonly [Agency, number])[] = [
  [{ name: "Chinese Government", short: "Chinese Government", type: "Government Agency" }, 50],
  [{ name: "China Ministry of Commerce", short: "China's Ministry of Commerce", type: "Government Agency" }, 25],
  [{ name: "Chinese Embassy in {country}", short: "Chinese Embassy", type: "Government Agency" }, 25],
];
const DIGITAL_CONTRACTORS: readonly (readonly [Agency, number])[] = [
  [{ name: "Huawei Technologies Co., Ltd.", short: "Huawei", type: "Private Sector" }, 40],
  [{ name: "ZTE Corporation", short: "ZTE", type: "State-owned Company" }, 25],
  [{ name: "China National Electronics Import & Export Corporation (CEIEC)", short: "CEIEC", type: "State-owned Company" }, 15],
  [{ name: "China Great Wall Industry Corporation (CGWIC)", short: "CGWIC", type: "State-owned Company" }, 5],
];
const BUILDERS: readonly Agency[] = [
  { name: "China Harbour Engineering Company (CHEC)", short: "CHEC", type: "State-owned Company" },
  { name: "China Road and Bridge Corporation (CRBC)", short: "CRBC", type: "State-owned Company" },
  { name: "Sinohydro Corporation Limited", short: "Sinohydro", type: "State-owned Company" },
  { name: "China Railway Construction Corporation (CRCC)", short: "CRCC", type: "State-owned Company" },
  { name: "China Jiangxi Corporation for International Economic and Technical Cooperation", short: "China Jiangxi", type: "State-owned Company" },
  { name: "Shanghai Construction Group", short: "Shanghai Construction Group", type: "State-owned Company" },
];
const MINISTRIES: Record<Sector, string> = {
  "COMMUNICATIONS": "Ministry of Telecommunications", "HEALTH": "Ministry of Health", "EDUCATION": "Ministry of Education",
  "TRANSPORT AND STORAGE": "Ministry of Transport and Public Works", "ENERGY": "Ministry of Energy", "GOVERNMENT AND CIVIL SOCIETY": "Ministry of Foreign Affairs",
  "OTHER SOCIAL INFRASTRUCTURE AND SERVICES": "Ministry of Housing", "INDUSTRY, MINING, CONSTRUCTION": "Ministry of Industry",
  "EMERGENCY RESPONSE": "National Disaster Management Agency", "AGRICULTURE, FORESTRY, FISHING": "Ministry of Agriculture",
  "WATER SUPPLY AND SANITATION": "National Water Authority",
};

const SOURCES: readonly { publisher: string; type: string; official: boolean; url: (id: number, k: number, year: number) => string; title: string }[] = [
  { publisher: "Ministry of Commerce of the People's Republic of China", type: "Donor/Recipient Official Source", official: true, url: (id, k, y) => `http://www.mofcom.gov.cn/article/i/jyjl/l/${y}${String(1 + (id % 12)).padStart(2, "0")}/${y}0${id}${k}.shtml`, title: "Signing ceremony of the agreement on economic and technical cooperation" },
  { publisher: "Chinese Embassy", type: "Donor/Recipient Official Source", official: true, url: (id, k) => `http://www.chinaembassy.example.org/eng/zgyw/t${id}${k}.htm`, title: "Ambassador attends the handover ceremony of the project" },
  { publisher: "Reuters", type: "Media Report", official: false, url: (id, k, y) => `https://www.reuters.com/article/china-loan-${y}-idUSL${id}${k}`, title: "China lends for infrastructure as ties deepen" },
  { publisher: "BNamericas", type: "Media Report", official: false, url: (id, k) => `https://www.bnamericas.com/en/news/project-${id}-${k}`, title: "Chinese firm to build project with state financing" },
  { publisher: "Xinhua", type: "Media Report", official: false, url: (id, k, y) => `http://www.xinhuanet.com/english/${y}-0${1 + (k % 9)}/1${id}/c_13${id}${k}.htm`, title: "China, partner country sign deal on cooperation project" },
  { publisher: "Government of the recipient country", type: "Donor/Recipient Official Source", official: true, url: (id, k) => `https://www.gob.example.gov/noticias/${id}-${k}`, title: "Gobierno firma convenio de financiamiento con China" },
  { publisher: "China Eximbank", type: "Donor/Recipient Official Source", official: true, url: (id, k) => `http://www.eximbank.gov.cn/info/news/${id}${k}.html`, title: "Eximbank signs loan agreement" },
  { publisher: "Twitter", type: "Social Media, including Blogs", official: false, url: (id, k) => `https://twitter.com/embajadachina/status/1${id}${k}00000000`, title: "Firma del acuerdo" },
];

const MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"];
const iso = (y: number, m: number, d: number) => `${y}-${String(m).padStart(2, "0")}-${String(d).padStart(2, "0")}`;
const longDate = (y: number, m: number, d: number) => `${MONTHS[m - 1]} ${d}, ${y}`;
/** Amounts as AidData writes them: floats with at least one decimal ("1500000.0"). */
const float = (x: number, decimals = 1) => (Number.isInteger(x) && decimals === 1 ? `${x}.0` : x.toFixed(decimals));
/** "$120 million", "RMB 245 million", "EUR 30 million", "$78,000". */
function moneyWords(amount: number, currency: string): string {
  const prefix = currency === "USD" ? "$" : currency === "CNY" ? "RMB " : "EUR ";
  if (amount >= 1e9) return `${prefix}${+(amount / 1e9).toFixed(2)} billion`;
  if (amount >= 1e6) return `${prefix}${+(amount / 1e6).toFixed(1)} million`;
  return `${prefix}${Math.round(amount).toLocaleString("en-US")}`;
}
/** Rough average rates to USD and a 2 %-a-year deflator to 2021 dollars: enough for plausible columns. */
const TO_USD: Record<string, number> = { USD: 1, CNY: 0.148, EUR: 1.16 };

/** "the Government of Peru", "the Chinese Government", but "China Eximbank", "ZESCO Limited". */
const the = (name: string) => (/^(Government|Ministry|National|Chinese Government|Chinese Embassy|China Ministry)\b/.test(name) ? `the ${name}` : name);
const capital = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

type Flow = "Loan" | "Grant" | "Export Buyer's Credit" | "In-kind Grant";

/** One row, as column name → value; the caller checks every name is a column of the header. */
function generateRow(rnd: Rnd, recordId: number): Record<string, string> {
  const recipient = chance(rnd, LAC_SHARE) ? pick(rnd, LAC_RECIPIENTS) : pick(rnd, OTHER_RECIPIENTS);
  const sector = weighted(rnd, SECTORS);
  const project = pick(rnd, PROJECTS[sector]);
  const city = pick(rnd, recipient.cities);
  const projectTitle = project.title.replace("{city}", city).replace("{mw}", String(int(rnd, 2, 80) * 10));
  const donation = !project.infrastructure;
  const flow: Flow = project.inKind ? "In-kind Grant" : donation ? "Grant" : chance(rnd, 0.65) ? (chance(rnd, 0.2) ? "Export Buyer's Credit" : "Loan") : "Grant";
  const loan = flow === "Loan" || flow === "Export Buyer's Credit";
  // Embassies hand over goods and small grants; works are financed from Beijing.
  const funder = { ...(loan ? weighted(rnd, LENDERS) : weighted(rnd, project.infrastructure ? DONORS.filter(([d]) => !d.name.startsWith("Chinese Embassy")) : DONORS)) };
  funder.name = funder.name.replace("{country}", recipient.name);

  const year = int(rnd, 2000, 2021);
  const month = int(rnd, 1, 12);
  const day = int(rnd, 1, 28);
  const status = weighted(rnd, [["Completion", year < 2012 ? 90 : year < 2018 ? 70 : 35], ["Implementation", year < 2012 ? 3 : year < 2018 ? 20 : 45], ["Pipeline: Commitment", year < 2012 ? 6 : 10], ["Pipeline: Pledge", year < 2018 ? 1 : 5]] as const);
  const pipeline = status.startsWith("Pipeline");
  const startYear = pipeline ? null : Math.min(2023, year + int(rnd, 0, 2));
  const startMonth = int(rnd, 1, 12);
  const startDay = int(rnd, 1, 28);
  const endYear = startYear === null ? null : Math.min(2023, startYear + (donation ? 0 : int(rnd, 1, 4)));
  let endMonth = int(rnd, 1, 12);
  let endDay = int(rnd, 1, 28);
  if (endYear === startYear && (endMonth < startMonth || (endMonth === startMonth && endDay < startDay))) [endMonth, endDay] = [startMonth, startDay];

  // Loans are big and mostly in dollars; grants mostly in renminbi; donations in kind are small.
  const currency = loan ? weighted(rnd, [["USD", 80], ["CNY", 12], ["EUR", 8]] as const) : weighted(rnd, [["CNY", 55], ["USD", 40], ["EUR", 5]] as const);
  const magnitude = loan ? 10 ** (6.7 + rnd() * 2.5) : project.inKind ? 10 ** (3.5 + rnd() * 2.5) : project.infrastructure ? 10 ** (6.3 + rnd() * 2) : 10 ** (5 + rnd() * 2);
  const step = magnitude >= 1e7 ? 1e5 : magnitude >= 1e5 ? 1e3 : 10;
  const amount = Math.max(step, Math.round(magnitude / step) * step);
  const nominalUsd = amount * (TO_USD[currency] ?? 1);
  const constantUsd = nominalUsd * (1 + (2021 - year) * 0.021);
  const amountKnown = !chance(rnd, 0.08);

  // Who carries it out: for digital projects Huawei, ZTE, CEIEC…; for works a Chinese builder; or a local agency; or unnamed.
  const implementing: Agency[] = [];
  const who = rnd();
  if (sector === "COMMUNICATIONS" && who < 0.7) implementing.push(weighted(rnd, DIGITAL_CONTRACTORS));
  else if (project.infrastructure && who < 0.6) implementing.push(pick(rnd, BUILDERS));
  else if (who < 0.8) implementing.push({ name: `${MINISTRIES[sector]} of ${recipient.name}`, short: MINISTRIES[sector], type: "Recipient Government Agency" });
  if (implementing.length && implementing[0]?.type !== "Recipient Government Agency" && chance(rnd, 0.2)) implementing.push({ name: `${MINISTRIES[sector]} of ${recipient.name}`, short: MINISTRIES[sector], type: "Recipient Government Agency" });
  const stateCompany = sector === "COMMUNICATIONS" ? recipient.telecom : sector === "ENERGY" ? recipient.power : undefined;
  const receiving: Agency = stateCompany && chance(rnd, 0.6)
    ? { name: stateCompany, short: stateCompany, type: "Recipient State-Owned Company" }
    : loan ? { name: `Ministry of Finance of ${recipient.name}`, short: "Ministry of Finance", type: "Recipient Government Agency" }
    : { name: `Government of ${recipient.name}`, short: `Government of ${recipient.name}`, type: "Recipient Government Agency" };

  const words = moneyWords(amount, currency);
  const linked = chance(rnd, 0.15) ? ` (Linked to Project ID#${int(rnd, 30000, 99000)})` : "";
  const contractor = implementing[0] && implementing[0].type !== "Recipient Government Agency" ? implementing[0] : null;
  let title: string;
  if (flow === "In-kind Grant") {
    title = `${funder.short} donates ${projectTitle} worth ${words} to ${the(receiving.name)}`;
  } else if (loan) {
    const kind = flow === "Export Buyer's Credit" ? "buyer's credit loan" : pick(rnd, ["loan", "loan", "government concessional loan", "preferential buyer's credit"]);
    title = `${funder.short} provides ${words} ${kind} for ${projectTitle}`;
    if (contractor && sector === "COMMUNICATIONS" && chance(rnd, 0.5)) title += ` (${contractor.short} as contractor)`;
  } else {
    title = `${funder.short} provides ${words} grant for ${projectTitle}`;
  }
  title += linked;

  // Loan terms, stated alike in the description and the columns (a LIBOR-based rate leaves the column empty).
  const rate = pick(rnd, [{ text: "2%", value: 2 }, { text: "2.5%", value: 2.5 }, { text: "3%", value: 3 }, { text: "6-month LIBOR plus a 3.5% margin", value: null }, { text: "6-month LIBOR plus a 4% margin", value: null }]);
  const maturity = pick(rnd, [15, 20, 20, 25]);
  const grace = pick(rnd, [3, 5, 5, 7]);
  const flowWord = loan ? (flow === "Export Buyer's Credit" ? "preferential buyer's credit agreement" : "loan agreement") : flow === "In-kind Grant" ? "handover certificate" : "economic and technical cooperation agreement";
  const sentences = [
    `On ${longDate(year, month, day)}, ${the(funder.name)} and ${the(receiving.name)} signed a ${words} ${flowWord} for ${flow === "In-kind Grant" ? "" : "the "}${projectTitle}.`,
    `The purpose of the project is to ${project.purpose}${project.infrastructure ? ` in ${city}` : ""}.`,
  ];
  if (loan) {
    sentences.push(`The loan carries an interest rate of ${rate.text}, a ${maturity}-year maturity and a ${grace}-year grace period.`);
    if (chance(rnd, 0.4)) sentences.push(`The Government of ${recipient.name} provided a sovereign guarantee for the loan.`);
  }
  if (contractor) sentences.push(`${contractor.name} was the contractor responsible for implementation.`);
  else if (!implementing.length) sentences.push("The contractor responsible for implementation is not named in the sources AidData found.");
  else sentences.push(`${capital(the(implementing[0]?.name ?? ""))} was responsible for implementation.`);
  if (status === "Completion" && endYear !== null) sentences.push(`The project was completed on ${longDate(endYear, endMonth, endDay)}${chance(rnd, 0.5) ? `, and a handover ceremony took place in ${city}` : ""}.`);
  else if (status === "Implementation" && startYear !== null) sentences.push(`Implementation began on ${longDate(startYear, startMonth, startDay)} and was ongoing as of 2021.`);
  else sentences.push("The project had not entered implementation as of 2021.");

  const sourceCount = int(rnd, 1, 7);
  const sources = Array.from({ length: sourceCount }, () => pick(rnd, SOURCES)).map((s, k) => ({ ...s, link: s.url(recordId, k, year) }));
  const yn = (p: number) => (chance(rnd, p) ? "Yes" : "No");
  const coFinanced = loan && chance(rnd, 0.08);

  return {
    "AidData Record ID": String(recordId),
    "Recommended For Aggregates": chance(rnd, 0.86) ? "Yes" : "No",
    "AidData Parent ID": chance(rnd, 0.2) ? String(int(rnd, 100, 9000)) : "",
    "Umbrella": chance(rnd, 0.04) ? "Yes" : "No",
    "Financier Country": "China (People's Republic of)",
    "Recipient": recipient.name,
    "Recipient ISO-3": recipient.iso3,
    "Recipient Region": recipient.region,
    "Commitment Year": String(year),
    "Implementation Start Year": startYear === null ? "" : float(startYear),
    "Completion Year": status === "Completion" && endYear !== null ? float(endYear) : "",
    "Title": title,
    "Description": sentences.join(" "),
    "Staff Comments": chance(rnd, 0.3) ? `1. The ${recipient.lac && recipient.iso3 !== "BRA" && recipient.iso3 !== "GUY" && recipient.iso3 !== "JAM" && recipient.iso3 !== "TTO" ? "Spanish" : "local"} project title is ${projectTitle} (${recipient.name}). 2. AidData has estimated the commitment date from the date of the signing ceremony.` : "",
    "Status": status,
    "Intent": loan ? weighted(rnd, [["Development", 60], ["Mixed", 30], ["Commercial", 10]] as const) : "Development",
    "Flow Type": flow,
    "Flow Type Simplified": loan ? "Loan" : "Grant",
    "OECD ODA Concessionality Threshold": loan ? (chance(rnd, 0.5) ? "Above" : "Below") : "",
    "Flow Class": loan ? (chance(rnd, 0.4) ? "ODA-like" : "OOF-like") : "ODA-like",
    "Sector Code": SECTOR_CODES[sector],
    "Sector Name": sector,
    "Infrastructure": project.infrastructure ? "Yes" : "",
    "COVID": sector === "HEALTH" && year >= 2020 && donation ? "Yes" : "",
    "Funding Agencies": funder.name,
    "Funding Agencies Type": funder.type,
    "Co-financed": coFinanced ? "Yes" : "No",
    "Co-financing Agencies": coFinanced ? "Inter-American Development Bank (IDB)" : "",
    "Co-financing Agencies Type": coFinanced ? "Multilateral" : "",
    "Direct Receiving Agencies": receiving.name,
    "Direct Receiving Agencies Type": receiving.type,
    "Indirect Receiving Agencies": "",
    "Indirect Receiving Agencies Type": "",
    "On-lending": loan && receiving.type === "Recipient State-Owned Company" ? "Yes" : "",
    "Implementing Agencies": implementing.map((a) => a.name).join("|"),
    "Implementing Agencies Type": implementing.map((a) => a.type).join("|"),
    "Guarantee Provided": loan ? yn(0.4) : "",
    "Guarantor": "",
    "Guarantor Agency Type": "",
    "Insurance Provided": loan && chance(rnd, 0.2) ? "Yes" : "",
    "Insurance Provider": "",
    "Insurance Provider Agency Type": "",
    "Collateralized": loan ? yn(0.1) : "",
    "Collateral Provider": "",
    "Collateral Provider Agency Type": "",
    "Security Agent/Collateral Agent": "",
    "Security Agent/Collateral Agent Type": "",
    "Collateral": "",
    "Amount (Original Currency)": amountKnown ? float(amount) : "",
    "Original Currency": amountKnown ? currency : "",
    "Amount Estimated": amountKnown ? yn(0.1) : "",
    "Amount (Constant USD 2021)": amountKnown ? constantUsd.toFixed(7) : "",
    "Amount (Nominal USD)": amountKnown ? float(Math.round(nominalUsd)) : "",
    "Adjusted Amount (Original Currency)": amountKnown ? float(amount) : "",
    "Adjusted Amount (Constant USD 2021)": amountKnown ? constantUsd.toFixed(7) : "",
    "Adjusted Amount (Nominal USD)": amountKnown ? float(Math.round(nominalUsd)) : "",
    "Financial Distress": "",
    "Commitment Date (MM/DD/YYYY)": iso(year, month, day),
    "Commitment Date Estimated": yn(0.2),
    "Planned Implementation Start Date (MM/DD/YYYY)": "",
    "Actual Implementation Start Date (MM/DD/YYYY)": startYear === null ? "" : iso(startYear, startMonth, startDay),
    "Actual Implementation Start Date Estimated": startYear === null ? "" : yn(0.3),
    "Deviation from Planned Implementation Start Date": "",
    "Planned Completion Date (MM/DD/YYYY)": endYear === null ? "" : iso(endYear, 12, 31),
    "Actual Completion Date (MM/DD/YYYY)": status === "Completion" && endYear !== null ? iso(endYear, endMonth, endDay) : "",
    "Actual Completion Date Estimated": "",
    "Deviation from Planned Completion Date": "",
    "Maturity": loan ? float(maturity) : "",
    "Interest Rate": loan && rate.value !== null ? float(rate.value) : "",
    "Grace Period": loan ? float(grace) : "",
    "Management Fee": loan && chance(rnd, 0.5) ? "0.5" : "",
    "Commitment Fee": loan && chance(rnd, 0.5) ? "0.5" : "",
    "Insurance Fee (Percent)": "",
    "Insurance Fee (Nominal USD)": "",
    "Default Interest Rate": "",
    "First Loan Repayment Date": "",
    "Last Loan Repayment Date": "",
    "Grant Element (OECD Cash-Flow)": loan ? (20 + rnd() * 40).toFixed(4) : "",
    "Grant Element (OECD Grant-Equiv)": loan ? (10 + rnd() * 40).toFixed(4) : "",
    "Grant Element (IMF)": loan ? (15 + rnd() * 40).toFixed(4) : "",
    "Number of Lenders": loan ? String(coFinanced ? 2 : 1) : "",
    "Export Buyer's Credit": flow === "Export Buyer's Credit" ? "Yes" : "",
    "Supplier’s Credit/Export Seller’s Credit": "",
    "Interest-Free Loan": "",
    "Refinancing": "",
    "Investment Project Loan": loan ? "Yes" : "",
    "M&A": "",
    "Working Capital": "",
    "EPCF": loan && contractor ? "Yes" : "",
    "Lease": "",
    "FXSL/BOP": "",
    "CC IRS": "",
    "RCF": "",
    "GCL": "",
    "PBC": "",
    "PxF/Commodity Prepayment": "",
    "Inter-Bank Loan": "",
    "Overseas Project Contracting Loan": "",
    "DPA": "",
    "Project Finance": "",
    "Involving Multilateral": coFinanced ? "Yes" : "",
    "Non-Chinese Financier": coFinanced ? "Yes" : "No",
    "Short-Term": "",
    "Rescue": "",
    "Project JV/SPV Host Government Ownership": "",
    "Project JV/SPV Chinese Government Ownership": "",
    "Level of Public Liability": loan ? pick(rnd, ["Central government debt", "Central government-guaranteed debt", "State-owned company debt"]) : "",
    "Total Source Count": String(sourceCount),
    "Official Source Count": String(sources.filter((s) => s.official).length),
    "Source URLs": sources.map((s) => s.link).join("|"),
    "Source Titles": sources.map((s) => s.title).join("|"),
    "Source Publishers": sources.map((s) => s.publisher).join("|"),
    "Source Resource Types": sources.map((s) => s.type).join("|"),
    "Contact Name": "",
    "Contact Position": "",
    "ODA Eligible Recipient": recipient.income === "High income" ? "No" : "Yes",
    "OECD ODA Income Group": recipient.income,
    "Location Narrative": project.infrastructure && chance(rnd, 0.7) ? `The project is located in ${city}, ${recipient.name}.` : "",
    "Geographic Level of Precision Available": project.infrastructure ? pick(rnd, ["Precise", "Precise", "Approximate"]) : "",
    "ADM1 Level Available": project.infrastructure ? "Yes" : "No",
    "ADM2 Level Available": project.infrastructure ? yn(0.8) : "No",
    "Geospatial Feature Available": project.infrastructure ? yn(0.7) : "No",
    "Source Quality Score": String(int(rnd, 1, 5)),
    "Data Completeness Score": String(int(rnd, 1, 5)),
    "Implementation Detail Score": float(int(rnd, 1, 5)),
    "Loan Detail Score": loan ? float(int(rnd, 1, 5)) : "",
  };
}

/** The header row of a CSV file. */
export function headerOf(file: string): string[] {
  const head = readFileSync(file, "utf8");
  const rows = parse(head, { bom: true, to_line: 1, relax_column_count: true }) as string[][];
  const header = rows[0];
  if (!header?.length) throw new Error(`${file}: no header row`);
  return header;
}

/**
 * Writes a CSV with the full release's header and `rows` generated rows.
 * @example await generateAidDataFullRelease("/tmp/gcdf.csv", { rows: 20_000 })
 */
export async function generateAidDataFullRelease(file: string, options: AidDataGenOptions = {}): Promise<AidDataGenStats> {
  const total = options.rows ?? 20_000;
  const header = headerOf(options.headerFrom ?? FULL_SCHEMA_SAMPLE);
  const columns = new Set(header);
  const rnd = seeded(options.seed ?? 1);
  const stats: AidDataGenStats = { rows: total, bytes: 0, columns: header.length, lac: 0, communications: 0, huaweiOrZte: 0 };
  const out = createWriteStream(file);
  const csv = stringify({ header: false });
  csv.on("data", (chunk: Buffer | string) => {
    stats.bytes += Buffer.byteLength(chunk);
  });
  csv.pipe(out);
  const write = async (cells: string[]) => {
    if (!csv.write(cells)) await once(csv, "drain");
  };
  await write(header);
  // Ids above AidData's own (which stop below 100,000), increasing by 1–3 so they are unique.
  let id = 200_000;
  for (let n = 0; n < total; n++) {
    id += 1 + Math.floor(rnd() * 3);
    const row = generateRow(rnd, id);
    for (const name of Object.keys(row)) if (!columns.has(name)) throw new Error(`generate-aiddata: "${name}" is not a column of the full release's header (${options.headerFrom ?? FULL_SCHEMA_SAMPLE})`);
    if (RECIPIENTS.find((r) => r.iso3 === row["Recipient ISO-3"])?.lac) stats.lac++;
    if (row["Sector Name"] === "COMMUNICATIONS") stats.communications++;
    if (/Huawei|ZTE/.test(row["Implementing Agencies"] ?? "")) stats.huaweiOrZte++;
    await write(header.map((h) => row[h] ?? ""));
  }
  csv.end();
  await once(out, "finish");
  return stats;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const args = process.argv.slice(2);
  const file = args[0];
  const opt = (name: string) => {
    const i = args.indexOf(name);
    return i >= 0 ? args[i + 1] : undefined;
  };
  if (!file || file.startsWith("--")) {
    process.stderr.write("usage: tsx scripts/generate-aiddata.ts FILE [--rows N] [--seed S]\n");
    process.exit(1);
  }
  const stats = await generateAidDataFullRelease(file, { rows: Number(opt("--rows") ?? 20000), seed: Number(opt("--seed") ?? 1) });
  process.stderr.write(
    `wrote ${stats.rows} rows × ${stats.columns} columns, ${(stats.bytes / 1e6).toFixed(1)} MB (${stats.lac} in LAC, ${stats.communications} COMMUNICATIONS, ${stats.huaweiOrZte} with Huawei or ZTE implementing), to ${file}\n`,
  );
}
