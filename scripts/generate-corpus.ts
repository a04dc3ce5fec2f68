// Writes a deterministic corpus of news documents for the ingestion benchmark: about half full HTML
// pages (head metadata, navigation and footer boilerplate, an <article>) and half plain text, in
// Spanish, Portuguese and English. Each document tells one digital-infrastructure deal (sometimes
// two) from templates with varied slots, padded with paragraphs that state no deal: sentences
// taken from the development articles, kept only when the extractor finds no deal in them, plus
// templated context. Some deals recur across documents in other words and languages (so
// resolution has something to merge) and about 1% of files are exact copies (for dedup).
//
//   npx tsx scripts/generate-corpus.ts DIR [--docs N] [--seed S]
import { existsSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { extractDeals } from "../src/extract/extract-deals.js";
import { documentLanguage } from "../src/extract/language.js";
import { seeded } from "./bench-corpus.js";

type Lang = "es" | "pt" | "en";
const LANGS: readonly Lang[] = ["es", "pt", "en"];
type Localized = Record<Lang, string>;
type Rnd = () => number;

export interface CorpusOptions {
  /** Documents to write, duplicates included (default 10,000). */
  docs?: number;
  /** Same seed, same bytes (default 1). */
  seed?: number;
}

export interface CorpusStats {
  files: number;
  bytes: number;
  html: number;
  txt: number;
  /** Files whose bytes copy an earlier file. */
  duplicates: number;
  /** Documents telling a deal that another document tells too. */
  retold: number;
  byLanguage: Record<Lang, number>;
}

const c = (es: string, pt: string, en: string): Localized => ({ es, pt, en });

function pick<T>(rnd: Rnd, list: readonly T[]): T {
  return list[Math.floor(rnd() * list.length)] as T;
}

function between(rnd: Rnd, min: number, max: number): number {
  return min + Math.floor(rnd() * (max - min + 1));
}

// ---------------------------------------------------------------- the world the deals happen in

type ThingKey = "cameras" | "fiveG" | "dataCenter" | "fiber" | "scanners" | "cloud" | "cable";

interface Thing {
  /** "a video surveillance system" */
  system: Localized;
  /** What the quantity counts: "cámaras" (null when the thing is not counted). */
  unit: Localized | null;
  /** The verb phrase before the system: "instalar", "implantar"… */
  verb: Localized;
  /** The quantity's range. */
  range: [number, number];
  /** The deal's size, in millions. */
  millions: [number, number];
}

const THINGS: Record<ThingKey, Thing> = {
  cameras: {
    system: { es: "un sistema de videovigilancia", pt: "um sistema de videomonitoramento", en: "a video surveillance system" },
    unit: { es: "cámaras de seguridad", pt: "câmeras de segurança", en: "security cameras" },
    verb: { es: "instalar", pt: "instalar", en: "install" },
    range: [120, 9000],
    millions: [1, 200],
  },
  fiveG: {
    system: { es: "una red 5G", pt: "uma rede 5G", en: "a 5G network" },
    unit: { es: "antenas", pt: "antenas", en: "base stations" },
    verb: { es: "desplegar", pt: "implantar", en: "roll out" },
    range: [80, 4000],
    millions: [20, 900],
  },
  dataCenter: {
    system: { es: "un centro de datos", pt: "um data center", en: "a data center" },
    unit: { es: "servidores", pt: "servidores", en: "servers" },
    verb: { es: "construir", pt: "construir", en: "build" },
    range: [200, 6000],
    millions: [5, 400],
  },
  fiber: {
    system: { es: "una red de fibra óptica", pt: "uma rede de fibra óptica", en: "a fiber-optic backbone" },
    unit: null,
    verb: { es: "tender", pt: "construir", en: "lay" },
    range: [0, 0],
    millions: [10, 600],
  },
  scanners: {
    system: { es: "escáneres de rayos X para contenedores", pt: "escâneres de raios X para contêineres", en: "X-ray container scanners" },
    unit: { es: "escáneres", pt: "escâneres", en: "scanners" },
    verb: { es: "instalar", pt: "instalar", en: "install" },
    range: [2, 40],
    millions: [1, 40],
  },
  cloud: {
    system: { es: "una nube de gobierno electrónico", pt: "uma nuvem de governo eletrônico", en: "an e-government cloud" },
    unit: null,
    verb: { es: "implementar", pt: "implementar", en: "deploy" },
    range: [0, 0],
    millions: [2, 150],
  },
  cable: {
    system: { es: "un cable submarino", pt: "um cabo submarino", en: "a submarine cable" },
    unit: null,
    verb: { es: "tender", pt: "lançar", en: "lay" },
    range: [0, 0],
    millions: [50, 900],
  },
};

interface Vendor {
  name: string;
  things: readonly ThingKey[];
  /** How a lead introduces it: "la empresa china", "a sueca", "China's"… */
  origin: Localized;
}

const chinese = c("china", "chinesa", "China's");
const VENDORS: readonly Vendor[] = [
  { name: "Huawei", things: ["cameras", "fiveG", "dataCenter", "fiber", "cloud", "cable"], origin: chinese },
  { name: "ZTE", things: ["cameras", "fiveG", "fiber"], origin: chinese },
  { name: "Hikvision", things: ["cameras"], origin: chinese },
  { name: "Dahua", things: ["cameras"], origin: chinese },
  { name: "China Telecom", things: ["fiber", "dataCenter"], origin: chinese },
  { name: "China Unicom", things: ["fiber", "cable"], origin: chinese },
  { name: "Inspur", things: ["dataCenter", "cloud"], origin: chinese },
  { name: "Nuctech", things: ["scanners"], origin: chinese },
  { name: "CEIEC", things: ["cameras", "dataCenter"], origin: chinese },
  { name: "Alibaba Cloud", things: ["cloud", "dataCenter"], origin: chinese },
  { name: "Ericsson", things: ["fiveG"], origin: c("sueca", "sueca", "Sweden's") },
  { name: "Nokia", things: ["fiveG", "fiber"], origin: c("finlandesa", "finlandesa", "Finland's") },
  { name: "NEC", things: ["cable", "fiber"], origin: c("japonesa", "japonesa", "Japan's") },
];

const LENDERS: readonly Localized[] = [
  { es: "el Banco de Desarrollo de China", pt: "o Banco de Desenvolvimento da China", en: "China Development Bank" },
  { es: "el China Eximbank", pt: "o China Eximbank", en: "China Eximbank" },
  { es: "el ICBC", pt: "o ICBC", en: "ICBC" },
  { es: "el Bank of China", pt: "o Bank of China", en: "Bank of China" },
];

interface Place {
  country: Localized;
  /** "la provincia" / "el estado" / "o departamento"… in each language, with its article. */
  kind: Localized;
  region: string;
  city: string;
  /** Brazil's deals are often in reais. */
  brl?: boolean;
}

const province: Localized = { es: "la provincia", pt: "a província", en: "province" };
const state: Localized = { es: "el estado", pt: "o estado", en: "state" };
const department: Localized = { es: "el departamento", pt: "o departamento", en: "department" };
const region: Localized = { es: "la región", pt: "a região", en: "region" };
const ARG = c("Argentina", "Argentina", "Argentina");
const BRA = c("Brasil", "Brasil", "Brazil");
const MEX = c("México", "México", "Mexico");

const PLACES: readonly Place[] = [
  { country: ARG, kind: province, region: "Jujuy", city: "San Salvador de Jujuy" },
  { country: ARG, kind: province, region: "Mendoza", city: "Mendoza" },
  { country: ARG, kind: province, region: "Córdoba", city: "Córdoba" },
  { country: ARG, kind: province, region: "Neuquén", city: "Neuquén" },
  { country: BRA, kind: state, region: "Bahia", city: "Salvador", brl: true },
  { country: BRA, kind: state, region: "Pernambuco", city: "Recife", brl: true },
  { country: BRA, kind: state, region: "Paraná", city: "Curitiba", brl: true },
  { country: BRA, kind: state, region: "Ceará", city: "Fortaleza", brl: true },
  { country: BRA, kind: state, region: "São Paulo", city: "Campinas", brl: true },
  { country: BRA, kind: state, region: "Goiás", city: "Goiânia", brl: true },
  { country: MEX, kind: state, region: "Nuevo León", city: "Monterrey" },
  { country: MEX, kind: state, region: "Jalisco", city: "Guadalajara" },
  { country: MEX, kind: state, region: "Coahuila", city: "Saltillo" },
  { country: c("Ecuador", "Equador", "Ecuador"), kind: province, region: "Guayas", city: "Guayaquil" },
  { country: c("Ecuador", "Equador", "Ecuador"), kind: province, region: "Pichincha", city: "Quito" },
  { country: c("Perú", "Peru", "Peru"), kind: region, region: "Arequipa", city: "Arequipa" },
  { country: c("Perú", "Peru", "Peru"), kind: region, region: "Cusco", city: "Cusco" },
  { country: c("Bolivia", "Bolívia", "Bolivia"), kind: department, region: "La Paz", city: "El Alto" },
  { country: c("Bolivia", "Bolívia", "Bolivia"), kind: department, region: "Santa Cruz", city: "Santa Cruz de la Sierra" },
  { country: c("Chile", "Chile", "Chile"), kind: region, region: "Valparaíso", city: "Viña del Mar" },
  { country: c("Colombia", "Colômbia", "Colombia"), kind: department, region: "Antioquia", city: "Medellín" },
  { country: c("Colombia", "Colômbia", "Colombia"), kind: department, region: "Valle del Cauca", city: "Cali" },
  { country: c("Venezuela", "Venezuela", "Venezuela"), kind: state, region: "Zulia", city: "Maracaibo" },
  { country: c("Uruguay", "Uruguai", "Uruguay"), kind: department, region: "Canelones", city: "Las Piedras" },
  { country: c("Paraguay", "Paraguai", "Paraguay"), kind: department, region: "Alto Paraná", city: "Ciudad del Este" },
  { country: c("Panamá", "Panamá", "Panama"), kind: province, region: "Colón", city: "Colón" },
  { country: c("Honduras", "Honduras", "Honduras"), kind: department, region: "Cortés", city: "San Pedro Sula" },
  { country: c("República Dominicana", "República Dominicana", "Dominican Republic"), kind: province, region: "Santiago", city: "Santiago de los Caballeros" },
];

const MONTHS: Record<Lang, readonly string[]> = {
  es: ["enero", "febrero", "marzo", "abril", "mayo", "junio", "julio", "agosto", "septiembre", "octubre", "noviembre", "diciembre"],
  pt: ["janeiro", "fevereiro", "março", "abril", "maio", "junho", "julho", "agosto", "setembro", "outubro", "novembro", "dezembro"],
  en: ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"],
};

const PUBLISHERS: Record<Lang, readonly { site: string; domain: string; agency: string }[]> = {
  es: [
    { site: "Diario del Sur", domain: "diariodelsur.example", agency: "EFE" },
    { site: "El Observador Regional", domain: "observadorregional.example", agency: "ABI" },
    { site: "La Voz Digital", domain: "lavozdigital.example", agency: "Télam" },
    { site: "Noticias Andinas", domain: "noticiasandinas.example", agency: "Andina" },
  ],
  pt: [
    { site: "Jornal do Nordeste", domain: "jornaldonordeste.example", agency: "Agência Brasil" },
    { site: "Tecnologia em Pauta", domain: "tecnologiaempauta.example", agency: "Estadão Conteúdo" },
    { site: "Folha Regional", domain: "folharegional.example", agency: "Folhapress" },
  ],
  en: [
    { site: "Latin Tech Wire", domain: "latintechwire.example", agency: "Reuters" },
    { site: "Americas Infrastructure Review", domain: "americasinfra.example", agency: "AP" },
    { site: "The Hemisphere Report", domain: "hemispherereport.example", agency: "Bloomberg" },
  ],
};

// --------------------------------------------------------------------------------- the stories

type Mechanism = "contract" | "tender" | "loan" | "donation";

interface Story {
  vendor: Vendor;
  thing: ThingKey;
  place: Place;
  mechanism: Mechanism;
  lender: Localized | null;
  /** Millions of the currency. */
  millions: number;
  currency: "USD" | "BRL";
  quantity: number | null;
  year: number;
  month: number;
  day: number;
  /** Which buyer phrase: the region's government, the city, or a national ministry. */
  buyer: "region" | "city" | "ministry";
}

function newStory(rnd: Rnd, lang: Lang): Story {
  const vendor = pick(rnd, VENDORS);
  const thing = pick(rnd, vendor.things);
  // A Portuguese story is usually about Brazil; a Spanish one usually not.
  const brazil = PLACES.filter((p) => p.brl);
  const others = PLACES.filter((p) => !p.brl);
  const place = lang === "pt" ? pick(rnd, rnd() < 0.8 ? brazil : others) : lang === "es" ? pick(rnd, rnd() < 0.9 ? others : brazil) : pick(rnd, PLACES);
  const mechanism: Mechanism = pick(rnd, ["contract", "contract", "tender", "loan", "donation"] as const);
  const range = THINGS[thing].range;
  const [low, high] = THINGS[thing].millions;
  const size = mechanism === "donation" ? [1, Math.min(high, 15)] : [low, high];
  // A third of amounts have a decimal: "US$ 12,5 millones".
  const millions = rnd() < 0.3 ? between(rnd, (size[0] as number) * 10, (size[1] as number) * 10) / 10 : between(rnd, size[0] as number, size[1] as number);
  return {
    vendor,
    thing,
    place,
    mechanism,
    lender: mechanism === "loan" ? pick(rnd, LENDERS) : null,
    millions,
    currency: place.brl && mechanism !== "loan" && rnd() < 0.6 ? "BRL" : "USD",
    quantity: THINGS[thing].unit && rnd() < 0.75 ? between(rnd, range[0], range[1]) : null,
    year: between(rnd, 2008, 2024),
    month: between(rnd, 1, 12),
    day: between(rnd, 1, 28),
    buyer: pick(rnd, ["region", "region", "city", "ministry"] as const),
  };
}

function formatNumber(n: number, lang: Lang): string {
  const [whole, fraction] = String(n).split(".");
  const group = lang === "en" ? "," : ".";
  const grouped = (whole ?? "").replace(/\B(?=(\d{3})+(?!\d))/g, group);
  return fraction ? `${grouped}${lang === "en" ? "." : ","}${fraction}` : grouped;
}

function amountText(rnd: Rnd, s: Story, lang: Lang): string {
  const n = formatNumber(s.millions, lang);
  if (s.currency === "BRL") return { es: `R$ ${n} millones`, pt: `R$ ${n} milhões`, en: `R$${n} million` }[lang];
  return pick(rnd, {
    es: [`US$ ${n} millones`, `${n} millones de dólares`, `USD ${n} millones`],
    pt: [`US$ ${n} milhões`, `${n} milhões de dólares`],
    en: [`$${n} million`, `US$${n} million`, `${n} million dollars`],
  }[lang]);
}

function dateText(rnd: Rnd, s: Story, lang: Lang): string {
  const month = MONTHS[lang][s.month - 1] as string;
  const full = rnd() < 0.6;
  if (lang === "en") return full ? `on ${month} ${s.day}, ${s.year}` : `in ${month} ${s.year}`;
  if (lang === "pt") return full ? `em ${s.day} de ${month} de ${s.year}` : `em ${month} de ${s.year}`;
  return full ? `el ${s.day} de ${month} de ${s.year}` : `en ${month} de ${s.year}`;
}

function buyerText(s: Story, lang: Lang): string {
  const p = s.place;
  switch (s.buyer) {
    case "region":
      // "de" + article: "del estado", "do estado", "da província".
      return {
        es: `el gobierno ${p.kind.es.replace(/^el /, "del ").replace(/^la /, "de la ")} de ${p.region}`,
        pt: `o governo ${p.kind.pt.replace(/^o /, "do ").replace(/^a /, "da ")} de ${p.region}`,
        en: `the ${p.kind.en} government of ${p.region}`,
      }[lang];
    case "city":
      return { es: `la municipalidad de ${p.city}`, pt: `a prefeitura de ${p.city}`, en: `the city of ${p.city}` }[lang];
    case "ministry":
      return { es: `el Ministerio de Seguridad de ${p.country.es}`, pt: `o Ministério da Justiça do ${p.country.pt}`, en: `${p.country.en}'s Interior Ministry` }[lang];
  }
}

/** "de" + a phrase, contracted: "del gobierno", "da prefeitura", "do governo". */
function of(phrase: string, lang: Lang): string {
  if (lang === "es") return phrase.startsWith("el ") ? `del ${phrase.slice(3)}` : `de ${phrase}`;
  if (lang === "pt") return phrase.replace(/^o /, "do ").replace(/^a /, "da ").replace(/^(?!d[oa] )/, "de ");
  return `of ${phrase}`;
}

function capitalize(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

function quantityText(s: Story, lang: Lang): string | null {
  const unit = THINGS[s.thing].unit;
  return s.quantity !== null && unit ? `${formatNumber(s.quantity, lang)} ${unit[lang]}` : null;
}

function headline(rnd: Rnd, s: Story, lang: Lang): string {
  const t = THINGS[s.thing];
  const v = s.vendor.name;
  const where = s.buyer === "ministry" ? s.place.country[lang] : s.place.city;
  return pick(rnd, {
    es: [`${v} ${t.verb.es === "instalar" ? "instalará" : "llevará"} ${t.system.es} a ${where}`, `${capitalize(s.place.country.es)}: acuerdo con ${v} por ${t.system.es}`, `${where} apuesta por la tecnología china`],
    pt: [`${v} vai ${t.verb.pt} ${t.system.pt} em ${where}`, `${where} fecha acordo com a ${v}`, `Acordo com ${v} prevê ${t.system.pt}`],
    en: [`${v} to ${t.verb.en} ${t.system.en} in ${where}`, `${where} signs ${v} deal`, `${v} wins ${s.place.country.en} deal`],
  }[lang]);
}

/** The sentence that states the deal, in one of several wordings per mechanism. */
function leadSentence(rnd: Rnd, s: Story, lang: Lang): string {
  const t = THINGS[s.thing];
  const v = s.vendor.name;
  const amount = amountText(rnd, s, lang);
  const date = dateText(rnd, s, lang);
  const buyer = buyerText(s, lang);
  const qty = quantityText(s, lang);
  const what = qty && rnd() < 0.5 ? qty : t.system[lang];
  const where = { es: `en ${s.place.city}`, pt: `em ${s.place.city}`, en: `in ${s.place.city}` }[lang];
  const lender = s.lender?.[lang] ?? "";
  const es = {
    contract: [
      `${capitalize(buyer)} firmó ${date} un contrato de ${amount} con ${v} para ${t.verb.es} ${what} ${where}.`,
      `La empresa ${s.vendor.origin.es} ${v} firmó ${date} un contrato por ${amount} con ${buyer} para ${t.verb.es} ${what}.`,
    ],
    tender: [
      `${v} ganó la licitación ${of(buyer, lang)} para ${t.verb.es} ${what} ${where}, por un monto de ${amount}.`,
      `${capitalize(buyer)} adjudicó ${date} a ${v} la licitación de ${amount} para ${t.verb.es} ${what}.`,
    ],
    loan: [
      `${capitalize(lender)} otorgó ${date} un préstamo de ${amount} a ${s.place.country.es} para financiar ${t.system.es} ${where}, que será ejecutado por ${v}.`,
      `${capitalize(buyer)} firmó ${date} un crédito de ${amount} con ${lender} para ${t.verb.es} ${what}, obra a cargo de ${v}.`,
    ],
    donation: [
      `${v} donó ${qty ?? t.system.es} ${buyer.startsWith("el ") ? `al ${buyer.slice(3)}` : `a ${buyer}`} ${date}, una donación valorada en ${amount}.`,
      `${capitalize(buyer)} recibió ${date} una donación de ${v} de ${qty ?? t.system.es} por ${amount}.`,
    ],
  };
  const pt = {
    contract: [
      `${capitalize(buyer)} assinou ${date} um contrato de ${amount} com a ${v} para ${t.verb.pt} ${what} ${where}.`,
      `A ${s.vendor.origin.pt} ${v} fechou ${date} um contrato de ${amount} com ${buyer} para ${t.verb.pt} ${what}.`,
    ],
    tender: [
      `A ${v} venceu a licitação ${of(buyer, lang)} para ${t.verb.pt} ${what} ${where}, no valor de ${amount}.`,
      `${capitalize(buyer)} homologou ${date} o pregão de ${amount} vencido pela ${v} para ${t.verb.pt} ${what}.`,
    ],
    loan: [
      `${capitalize(lender)} concedeu ${date} um empréstimo de ${amount} ao ${s.place.country.pt} para financiar ${t.system.pt} ${where}, executado pela ${v}.`,
      `${capitalize(buyer)} assinou ${date} um financiamento de ${amount} com ${lender} para ${t.verb.pt} ${what}, obra a cargo da ${v}.`,
    ],
    donation: [
      `A ${v} doou ${qty ?? t.system.pt} para ${buyer} ${date}, uma doação avaliada em ${amount}.`,
      `${capitalize(buyer)} recebeu ${date} uma doação da ${v} de ${qty ?? t.system.pt}, avaliada em ${amount}.`,
    ],
  };
  const en = {
    contract: [
      `${capitalize(buyer)} signed a ${amount} contract with ${v} ${date} to ${t.verb.en} ${what} ${where}.`,
      `${s.vendor.origin.en} ${v} signed a ${amount} contract with ${buyer} ${date} to ${t.verb.en} ${what}.`,
    ],
    tender: [
      `${v} won a ${amount} tender from ${buyer} ${date} to ${t.verb.en} ${what} ${where}.`,
      `${capitalize(buyer)} awarded ${v} a ${amount} contract ${date} to ${t.verb.en} ${what} after a public tender.`,
    ],
    loan: [
      `${capitalize(lender)} extended a ${amount} loan to ${s.place.country.en} ${date} to finance ${t.system.en} ${where}, to be built by ${v}.`,
      `${capitalize(buyer)} signed a ${amount} loan agreement with ${lender} ${date} to ${t.verb.en} ${what}, with ${v} as contractor.`,
    ],
    donation: [
      `${v} donated ${qty ?? t.system.en} worth ${amount} to ${buyer} ${date}.`,
      `${capitalize(buyer)} received a donation of ${qty ?? t.system.en} from ${v} ${date}, valued at ${amount}.`,
    ],
  };
  return pick(rnd, { es, pt, en }[lang][s.mechanism]);
}

function detailSentence(rnd: Rnd, s: Story, lang: Lang): string {
  const qty = quantityText(s, lang);
  const city = s.place.city;
  const options = {
    es: [
      qty ? `El proyecto contempla ${qty} y un centro de monitoreo en ${city}.` : `El proyecto incluye la capacitación de técnicos locales y un centro de operaciones en ${city}.`,
      `Las obras comenzarán en ${s.year + 1} y deberían concluir en un plazo de dieciocho meses.`,
      `Según el pliego, la empresa deberá garantizar el mantenimiento de los equipos durante cinco años.`,
    ],
    pt: [
      qty ? `O projeto prevê ${qty} e um centro de controle em ${city}.` : `O projeto inclui o treinamento de técnicos locais e um centro de operações em ${city}.`,
      `As obras devem começar em ${s.year + 1} e terminar em dezoito meses.`,
      `Pelo edital, a empresa deverá garantir a manutenção dos equipamentos por cinco anos.`,
    ],
    en: [
      qty ? `The project includes ${qty} and a monitoring center in ${city}.` : `The project includes training for local technicians and an operations center in ${city}.`,
      `Work is due to start in ${s.year + 1} and to take eighteen months.`,
      `Under the terms of the deal, the company must maintain the equipment for five years.`,
    ],
  };
  return pick(rnd, options[lang]);
}

/** Templated context that states no deal: officials' quotes, criticism, background. */
function contextParagraph(rnd: Rnd, s: Story, lang: Lang): string {
  const country = s.place.country[lang];
  const options = {
    es: [
      `"Esta inversión nos permitirá responder más rápido a las emergencias y mejorar la calidad de vida de los vecinos", afirmó un funcionario durante la presentación del plan.`,
      `Organizaciones de la sociedad civil de ${country} pidieron conocer los términos del acuerdo y advirtieron sobre los riesgos para la privacidad de los datos de los ciudadanos.`,
      `La oposición cuestionó la falta de información pública sobre el proceso y pidió que el tema sea tratado en la legislatura.`,
      `En los últimos años, las empresas chinas de tecnología han ganado terreno en la región, en medio de la competencia con proveedores europeos y estadounidenses.`,
    ],
    pt: [
      `"Esse investimento vai permitir respostas mais rápidas às emergências e melhorar a vida da população", disse um secretário durante a apresentação do plano.`,
      `Entidades da sociedade civil do ${country} pediram acesso aos termos do acordo e alertaram para os riscos à privacidade dos dados dos cidadãos.`,
      `A oposição criticou a falta de transparência do processo e pediu que o tema seja discutido na assembleia legislativa.`,
      `Nos últimos anos, as empresas chinesas de tecnologia ganharam espaço na região, em meio à concorrência com fornecedores europeus e americanos.`,
    ],
    en: [
      `"This investment will let us respond faster to emergencies and improve residents' quality of life," an official said at the launch of the plan.`,
      `Civil society groups in ${country} asked to see the terms of the agreement and warned about the risks to citizens' data privacy.`,
      `Opposition lawmakers criticized the lack of public information about the process and asked for a hearing in the legislature.`,
      `Chinese technology companies have gained ground in the region in recent years, competing with European and American suppliers.`,
    ],
  };
  return pick(rnd, options[lang]);
}

// ------------------------------------------------------------------------------------ filler

/** Money, or a supplier or lender the templates use: a filler sentence with these could lend a deal a field. */
const DEAL_WORDS = new RegExp(
  String.raw`\d\s*(?:mil|millones|milhões|million|billion|bilhões)|US\$|R\$|\$\s?\d|` +
    [...VENDORS.map((v) => v.name), "Eximbank", "Banco de Desarrollo", "Banco de Desenvolvimento", "Development Bank", "ICBC", "Bank of China"].join("|"),
  "i",
);

/**
 * Sentences from the development articles that state no deal and name no money, supplier or
 * lender, by language; mined once per run. Empty lists when the fixtures are absent (the
 * templates still give variety).
 */
function mineFiller(): Record<Lang, string[]> {
  const out: Record<Lang, string[]> = { es: [], pt: [], en: [] };
  const dir = fileURLToPath(new URL("../test/fixtures/dev-articles/", import.meta.url));
  if (!existsSync(dir)) return out;
  const seen = new Set<string>();
  for (const file of readdirSync(dir).filter((f) => f.endsWith(".txt")).sort()) {
    const text = readFileSync(join(dir, file), "utf8");
    const lang = documentLanguage(text);
    if (lang !== "es" && lang !== "pt" && lang !== "en") continue;
    // Body paragraphs only: the first line is the headline, and datelines carry the lead's deal.
    for (const paragraph of text.split(/\n\s*\n/).slice(2)) {
      for (const sentence of paragraph.replace(/\s+/g, " ").split(/(?<=[.!?])\s+(?=[A-ZÁÉÍÓÚÑ"“«])/)) {
        const s = sentence.trim();
        if (s.length < 60 || s.length > 400 || seen.has(s) || DEAL_WORDS.test(s)) continue;
        seen.add(s);
        if (extractDeals(s).length === 0) out[lang].push(s);
      }
    }
  }
  return out;
}

/** A paragraph of 2–4 mined sentences, or a templated one; never a paragraph the document already has. */
function fillerParagraph(rnd: Rnd, pool: readonly string[], s: Story, lang: Lang, used: Set<string>): string {
  for (let attempt = 0; attempt < 5; attempt++) {
    const p = pool.length === 0 || rnd() < 0.2 ? contextParagraph(rnd, s, lang) : Array.from({ length: between(rnd, 2, 4) }, () => pick(rnd, pool)).join(" ");
    if (!used.has(p)) {
      used.add(p);
      return p;
    }
  }
  return Array.from({ length: 3 }, () => pick(rnd, pool.length ? pool : [contextParagraph(rnd, s, lang)])).join(" ");
}

// ------------------------------------------------------------------------------------ documents

interface Article {
  lang: Lang;
  title: string;
  /** The first opens with the dateline. */
  paragraphs: string[];
  published: string;
  publisher: (typeof PUBLISHERS)[Lang][number];
  slug: string;
}

function escapeHtml(s: string): string {
  return s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
}

const NAV: Localized = {
  es: ["Inicio", "Política", "Economía", "Tecnología", "Sociedad", "Opinión", "Deportes"].map((x) => `<a href="/${x.toLowerCase()}">${x}</a>`).join(" | "),
  pt: ["Início", "Política", "Economia", "Tecnologia", "Cidades", "Opinião", "Esportes"].map((x) => `<a href="/${x.toLowerCase()}">${x}</a>`).join(" | "),
  en: ["Home", "Politics", "Business", "Technology", "World", "Opinion", "Sports"].map((x) => `<a href="/${x.toLowerCase()}">${x}</a>`).join(" | "),
};
const FOOTER: Localized = {
  es: "Todos los derechos reservados. Prohibida su reproducción total o parcial sin autorización. Suscríbase a nuestro boletín para recibir las noticias del día.",
  pt: "Todos os direitos reservados. Proibida a reprodução total ou parcial sem autorização. Assine nossa newsletter e receba as notícias do dia.",
  en: "All rights reserved. No part of this site may be reproduced without permission. Sign up for our newsletter to get the day's top stories.",
};
const MORE: Localized = { es: "Más leídas", pt: "Mais lidas", en: "Most read" };

function renderHtml(a: Article, related: readonly string[]): string {
  const p = a.publisher;
  const body = a.paragraphs.map((x) => `<p>${escapeHtml(x)}</p>`).join("\n        ");
  return `<!DOCTYPE html>
<html lang="${a.lang}">
  <head>
    <meta charset="utf-8">
    <title>${escapeHtml(a.title)} | ${p.site}</title>
    <meta name="viewport" content="width=device-width, initial-scale=1">
    <meta property="og:site_name" content="${p.site}">
    <meta property="og:title" content="${escapeHtml(a.title)}">
    <meta property="og:type" content="article">
    <meta property="article:published_time" content="${a.published}T10:00:00-03:00">
    <link rel="canonical" href="https://${p.domain}/${a.slug}">
    <link rel="stylesheet" href="/static/site.css">
  </head>
  <body>
    <header><div class="logo">${p.site}</div><nav>${NAV[a.lang]}</nav></header>
    <main>
      <article>
        <h1>${escapeHtml(a.title)}</h1>
        ${body}
      </article>
      <aside><h2>${MORE[a.lang]}</h2><ul>${related.map((t) => `<li><a href="/nota">${escapeHtml(t)}</a></li>`).join("")}</ul></aside>
    </main>
    <footer><p>© ${a.published.slice(0, 4)} ${p.site}. ${FOOTER[a.lang]}</p><nav>${NAV[a.lang]}</nav></footer>
  </body>
</html>
`;
}

function renderTxt(a: Article): string {
  return `${a.title}\n\n${a.paragraphs.join("\n\n")}\n`;
}

function isoDate(year: number, month: number, day: number): string {
  return `${year}-${String(month).padStart(2, "0")}-${String(day).padStart(2, "0")}`;
}

function article(rnd: Rnd, story: Story, lang: Lang, second: Story | null, filler: Record<Lang, string[]>, target: number, overhead: number): Article {
  const publisher = pick(rnd, PUBLISHERS[lang]);
  // Published a few days after the deal.
  const day = Math.min(28, story.day + between(rnd, 0, 5));
  const published = isoDate(story.year, story.month, day);
  const month = MONTHS[lang][story.month - 1] as string;
  const date = lang === "en" ? `${month} ${day}, ${story.year}` : `${day} de ${month} de ${story.year}`;
  const dateline = `${story.place.city.toUpperCase()}, ${date} (${publisher.agency}) –`;
  const paragraphs = [`${dateline} ${leadSentence(rnd, story, lang)} ${detailSentence(rnd, story, lang)}`];
  const used = new Set<string>();
  if (rnd() < 0.5) paragraphs.push(fillerParagraph(rnd, [], story, lang, used));
  if (second) {
    const intro = { es: "En una operación similar,", pt: "Em uma operação semelhante,", en: "In a similar deal," }[lang];
    const lead = leadSentence(rnd, second, lang);
    // Lower an opening article ("El gobierno…" → "el gobierno…"), never a name.
    const joined = /^(?:El|La|O|A|The) /.test(lead) ? lead.charAt(0).toLowerCase() + lead.slice(1) : lead;
    paragraphs.push(`${intro} ${joined}`);
  }
  let length = overhead + paragraphs.reduce((n, x) => n + x.length + 10, 0);
  while (length < target) {
    const p = fillerParagraph(rnd, filler[lang], story, lang, used);
    // Insert filler after the lead, so the deal stays near the top as in news copy.
    paragraphs.splice(between(rnd, 1, paragraphs.length), 0, p);
    length += p.length + 10;
  }
  const slug = `${story.vendor.name}-${story.place.city}-${story.year}`.toLowerCase().normalize("NFD").replace(/[^a-z0-9]+/g, "-");
  return { lang, title: headline(rnd, story, lang), paragraphs, published, publisher, slug };
}

/** Bytes of an HTML page without its paragraphs, roughly: what a page adds around its text. */
const HTML_OVERHEAD = 1900;
const TXT_OVERHEAD = 80;

/**
 * Writes `docs` files (doc-00001.html, doc-00002.txt, …) into `dir`; the same seed gives the same
 * bytes. About 5 KB each on average.
 * @example generateCorpus("/tmp/corpus", { docs: 100, seed: 7 }) // { files: 100, bytes: 503211, … }
 */
export function generateCorpus(dir: string, options: CorpusOptions = {}): CorpusStats {
  const docs = options.docs ?? 10_000;
  const rnd = seeded(options.seed ?? 1);
  const filler = mineFiller();
  mkdirSync(dir, { recursive: true });
  // Deals told by several documents: about 15% of documents draw from docs/40 recurring stories.
  const recurring = Array.from({ length: Math.max(1, Math.floor(docs / 40)) }, () => newStory(rnd, pick(rnd, LANGS)));
  const told = new Set<number>();
  const written: { name: string; text: string }[] = [];
  const stats: CorpusStats = { files: 0, bytes: 0, html: 0, txt: 0, duplicates: 0, retold: 0, byLanguage: { es: 0, pt: 0, en: 0 } };
  const recentTitles: string[] = [];

  for (let i = 1; i <= docs; i++) {
    const base = `doc-${String(i).padStart(5, "0")}`;
    const earlier = written.length > 0 && rnd() < 0.01 ? pick(rnd, written) : null;
    let name: string;
    let text: string;
    if (earlier) {
      // An exact copy under another name, as when a crawl fetches one page twice.
      name = base + earlier.name.slice(earlier.name.lastIndexOf("."));
      text = earlier.text;
      stats.duplicates++;
    } else {
      const lang = pick(rnd, LANGS);
      const html = rnd() < 0.5;
      let story: Story;
      if (rnd() < 0.15) {
        const k = Math.floor(rnd() * recurring.length);
        story = recurring[k] as Story;
        if (told.has(k)) stats.retold++;
        else told.add(k);
      } else {
        story = newStory(rnd, lang);
      }
      const second = rnd() < 0.2 ? newStory(rnd, lang) : null;
      const target = between(rnd, 2800, 7000);
      const a = article(rnd, story, lang, second, filler, target, html ? HTML_OVERHEAD : TXT_OVERHEAD);
      name = `${base}.${html ? "html" : "txt"}`;
      text = html ? renderHtml(a, recentTitles.slice(-5)) : renderTxt(a);
      recentTitles.push(a.title);
      if (recentTitles.length > 20) recentTitles.splice(0, 10);
      stats.byLanguage[lang]++;
    }
    writeFileSync(join(dir, name), text);
    written.push({ name, text });
    stats.files++;
    stats.bytes += Buffer.byteLength(text);
    if (name.endsWith(".html")) stats.html++;
    else stats.txt++;
  }
  return stats;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const args = process.argv.slice(2);
  const flag = (name: string) => {
    const i = args.indexOf(name);
    return i >= 0 ? args.splice(i, 2)[1] : undefined;
  };
  const docs = Number(flag("--docs") ?? 10_000);
  const seed = Number(flag("--seed") ?? 1);
  const dir = args[0];
  if (!dir || !Number.isInteger(docs) || docs < 1) {
    process.stderr.write("usage: tsx scripts/generate-corpus.ts DIR [--docs N] [--seed S]\n");
    process.exit(1);
  }
  const started = performance.now();
  const stats = generateCorpus(dir, { docs, seed });
  const seconds = (performance.now() - started) / 1000;
  process.stdout.write(`${JSON.stringify({ dir, ...stats, seconds: Number(seconds.toFixed(2)) })}\n`);
}
