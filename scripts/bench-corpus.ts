// Builds a deterministic multi-language corpus for the extraction benchmark: the seed documents
// and the development articles when present, plus articles generated from templates in Spanish,
// Portuguese and English, with their numbers varied by a seeded generator so no two copies match.
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";

/** Mulberry32: a small seeded generator, so every run builds the same corpus. */
export function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const VENDORS = ["Huawei", "ZTE", "Hikvision", "Dahua", "Nuctech", "Inspur", "China Unicom", "Alibaba Cloud", "Tencent", "Ericsson", "Nokia", "Samsung", "NEC"];
const LENDERS = ["China Development Bank", "China Eximbank", "ICBC", "Bank of China"];
const PLACES: [string, string, string][] = [
  ["Jujuy", "Argentina", "provincia"], ["Mendoza", "Argentina", "provincia"], ["Guayas", "Ecuador", "provincia"], ["La Paz", "Bolivia", "departamento"],
  ["São Paulo", "Brasil", "estado"], ["Bahia", "Brasil", "estado"], ["Nuevo León", "México", "estado"], ["Antioquia", "Colombia", "departamento"],
  ["Valparaíso", "Chile", "región"], ["Cusco", "Perú", "región"], ["Montevideo", "Uruguay", "departamento"], ["Panamá", "Panamá", "provincia"],
];
const THINGS = {
  es: ["cámaras de videovigilancia", "una red 5G", "un centro de datos", "un cable submarino", "un sistema de reconocimiento facial", "una red de fibra óptica"],
  pt: ["câmeras de segurança", "uma rede 5G", "um data center", "um cabo submarino", "um sistema de reconhecimento facial", "uma rede de fibra óptica"],
  en: ["surveillance cameras", "a 5G network", "a data center", "a submarine cable", "a facial recognition system", "a fiber-optic backbone"],
};
const MONTHS = {
  es: ["enero", "marzo", "mayo", "julio", "septiembre", "noviembre"],
  pt: ["janeiro", "março", "maio", "julho", "setembro", "novembro"],
  en: ["January", "March", "May", "July", "September", "November"],
};

type Lang = keyof typeof THINGS;

function pick<T>(rnd: () => number, list: readonly T[]): T {
  return list[Math.floor(rnd() * list.length)] as T;
}

function generated(rnd: () => number, lang: Lang): string {
  const v = pick(rnd, VENDORS);
  const l = pick(rnd, LENDERS);
  const [place, country, unit] = pick(rnd, PLACES);
  const thing = pick(rnd, THINGS[lang]);
  const month = pick(rnd, MONTHS[lang]);
  const year = 2008 + Math.floor(rnd() * 17);
  const amount = 5 + Math.floor(rnd() * 900);
  const count = 100 + Math.floor(rnd() * 9000);
  const filler = {
    es: `Según fuentes oficiales, el proyecto forma parte de un plan más amplio de modernización. Los críticos advierten sobre los riesgos para la privacidad de los datos de los ciudadanos. El ministro dijo que la iniciativa mejorará la seguridad y la conectividad en las zonas rurales.`,
    pt: `Segundo fontes oficiais, o projeto faz parte de um plano mais amplo de modernização. Os críticos alertam para os riscos à privacidade dos dados dos cidadãos. O ministro disse que a iniciativa vai melhorar a segurança e a conectividade nas áreas rurais.`,
    en: `According to officials, the project is part of a broader modernization plan. Critics warn about the risks to citizens' data privacy. The minister said the initiative would improve security and connectivity in rural areas.`,
  }[lang];
  const body = {
    es: `${v} firma acuerdo en ${country}\n\n${place.toUpperCase()}, ${country} – El gobierno de la ${unit} de ${place} firmó en ${month} de ${year} un contrato de US$ ${amount} millones con ${v} para instalar ${thing}. El acuerdo incluye ${count.toLocaleString("es")} cámaras y un centro de monitoreo. ${filler}\n\nEl ${l} financió parte del proyecto con un préstamo de ${amount * 2} millones de dólares. ${filler}`,
    pt: `${v} fecha contrato no ${country}\n\n${place.toUpperCase()} — O governo do ${unit} de ${place} assinou em ${month} de ${year} um contrato de R$ ${(amount / 10).toFixed(1).replace(".", ",")} bilhão com a ${v} para instalar ${thing}. O acordo prevê ${count.toLocaleString("pt")} câmeras e um centro de controle. ${filler}\n\nO ${l} financiou parte do projeto com um empréstimo de US$ ${amount} milhões. ${filler}`,
    en: `${v} wins deal in ${country}\n\n${place.toUpperCase()}, ${country} (Reuters) – The ${unit} government of ${place} signed a $${amount} million contract with ${v} in ${month} ${year} to deploy ${thing}, including ${count.toLocaleString("en")} cameras and a command center. ${filler}\n\n${l} provided a $${amount * 2} million loan for the project. ${filler}`,
  }[lang];
  return body;
}

/** Replaces some digits with others, keeping every number's shape ("4,000" stays n,nnn). */
function vary(rnd: () => number, text: string): string {
  return text.replace(/\d/g, (d) => (rnd() < 0.3 ? String(Math.floor(rnd() * 10)) : d));
}

/** Articles (separate strings) adding up to at least `minBytes` of UTF-8. */
export function benchCorpus(minBytes: number, seed = 20261125): string[] {
  const rnd = seeded(seed);
  const pool: string[] = [];
  for (const dir of [new URL("../../shared/seeds/", import.meta.url), new URL("../test/fixtures/dev-articles/", import.meta.url)]) {
    const path = dir.pathname;
    if (!existsSync(path)) continue;
    for (const f of readdirSync(path).filter((x) => x.endsWith(".txt")).sort()) pool.push(readFileSync(join(path, f), "utf8"));
  }
  const out: string[] = [];
  let bytes = 0;
  const langs: Lang[] = ["es", "pt", "en"];
  while (bytes < minBytes) {
    const article = pool.length && rnd() < 0.5 ? vary(rnd, pick(rnd, pool)) : generated(rnd, pick(rnd, langs));
    out.push(article);
    bytes += Buffer.byteLength(article) + 3;
  }
  return out;
}
