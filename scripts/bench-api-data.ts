// The generated projects' vocabulary for scripts/bench-api-db.ts: how countries, categories,
// suppliers, mechanisms and statuses are weighted, and the words the generated quotes are made of
// (Spanish, Portuguese, English). Data only; the generator draws from it with a seeded picker.
import type { Category, Mechanism, Status } from "../src/domain/vocabulary.js";

export type Lang = "es" | "pt" | "en";

export const COUNTRY_WEIGHTS: readonly (readonly [string, number])[] = [
  ["BR", 17], ["MX", 12], ["AR", 11], ["CO", 8], ["PE", 8], ["CL", 7], ["EC", 6], ["VE", 5], ["BO", 4],
  ["UY", 3], ["PY", 2], ["CR", 2], ["PA", 2], ["DO", 2], ["GT", 2], ["CU", 1.5], ["HN", 1.5], ["SV", 1.5],
  ["NI", 1], ["JM", 1], ["TT", 1], ["GY", 0.7], ["SR", 0.5], ["BS", 0.5], ["HT", 0.5], ["BB", 0.3],
];

export const CATEGORY_WEIGHTS: readonly (readonly [Category, number])[] = [
  ["telecom_network", 22], ["surveillance", 16], ["5g", 10], ["smart_city", 9], ["ecommerce_fintech", 9],
  ["data_center", 7], ["e_government", 6], ["national_id", 4], ["mobility", 4], ["energy_tech", 4],
  ["submarine_cable", 3], ["satellite", 3], ["other", 3],
];

/** Argentina's deals lean to safe-city surveillance (Jujuy, Mendoza, Buenos Aires…). */
export const AR_SURVEILLANCE_BOOST = 1.6;

/** Suppliers by category, as gazetteer ids (ids the gazetteer lacks are skipped). */
export const VENDORS: Record<Category, readonly (readonly [string, number])[]> = {
  telecom_network: [["huawei", 40], ["zte", 25], ["fiberhome", 4], ["china-mobile", 3], ["china-telecom-americas", 3], ["china-unicom", 2], ["hengtong", 2], ["xinwei", 1], ["ericsson", 5], ["nokia", 5]],
  "5g": [["huawei", 50], ["zte", 25], ["ericsson", 10], ["nokia", 10], ["samsung", 3]],
  submarine_cable: [["huawei-marine", 30], ["hengtong", 20], ["china-telecom-global", 10], ["china-mobile-international", 10], ["china-unicom-global", 5], ["subcom", 15], ["asn", 10]],
  satellite: [["cgwic", 25], ["cast", 20], ["calt", 10], ["china-satcom", 10], ["cltc", 5], ["casc", 10], ["spacex", 5]],
  data_center: [["huawei-cloud", 30], ["alibaba-cloud", 20], ["tencent-cloud", 15], ["inspur", 15], ["huawei", 10], ["aws", 5]],
  surveillance: [["hikvision", 30], ["dahua", 25], ["huawei", 15], ["zte", 10], ["uniview", 5], ["ceiec", 5], ["nuctech", 5], ["hytera", 3], ["dji", 2]],
  national_id: [["ceiec", 30], ["cec", 20], ["huawei", 15], ["idemia", 20], ["thales", 15]],
  smart_city: [["huawei", 40], ["zte", 15], ["hikvision", 10], ["dahua", 10], ["alibaba-cloud", 10], ["inspur", 5], ["cetc", 10]],
  e_government: [["huawei", 30], ["inspur", 20], ["zte", 15], ["alibaba-cloud", 10], ["cec", 10]],
  ecommerce_fintech: [["alibaba", 20], ["ant-group", 10], ["tencent", 15], ["didi", 10], ["shein", 10], ["temu", 8], ["aliexpress", 10], ["bytedance", 5]],
  mobility: [["didi", 40], ["byd", 40], ["ofo", 10], ["mobike", 10]],
  energy_tech: [["state-grid", 40], ["state-grid-brazil", 20], ["ctg", 15], ["spic", 10], ["powerchina", 15]],
  other: [["huawei", 30], ["zte", 20], ["lenovo", 20], ["xiaomi", 20], ["dji", 10]],
};
export const FINANCIERS: readonly (readonly [string, number])[] = [["china-eximbank", 35], ["cdb", 35], ["icbc", 10], ["bank-of-china", 10], ["ccb", 5], ["sinosure", 5]];

export const MECHANISMS: readonly (readonly [Mechanism, number])[] = [
  ["contract", 45], ["loan", 15], ["investment", 12], ["donation", 8], ["partnership", 8], ["tender", 5], ["mou", 5], ["acquisition", 2],
];
export const STATUSES: readonly (readonly [Status | null, number])[] = [
  [null, 20], ["announced", 20], ["signed", 25], ["in_progress", 15], ["completed", 15], ["cancelled", 3], ["suspended", 2],
];
export const ROUTES = ["international_tender", "national_tender", "municipal_tender", "private_negotiation", "state_to_state", "donation"] as const;
export const ORIGINS: readonly (readonly [string, number])[] = [["extracted", 85], ["aiddata", 10], ["reviewed-dataset", 5]];
export const LOCAL_CURRENCY: Record<string, string> = { BR: "BRL", MX: "MXN", AR: "ARS", CO: "COP", PE: "PEN", CL: "CLP", UY: "UYU", PY: "PYG", DO: "DOP", GT: "GTQ", JM: "JMD", TT: "TTD" };
export const PUBLISHERS = ["La Nación", "Clarín", "Folha de S.Paulo", "O Globo", "El Universal", "El Tiempo", "El Comercio", "La Tercera", "Reuters", "BNamericas", "Diálogo Chino", "Infobae"];
export const AUTHORS = ["María González", "João Silva", "Carlos Pérez", "Ana Souza", "Luis Fernández", "Camila Rojas", "Pedro Oliveira", "Sofía Herrera", "James Miller", "Lucía Martínez"];
export const REVIEWERS = ["dsr-founders", "editor-ar", "editor-br", "editor-mx"];

export const CATEGORY_LABEL: Record<Category, string> = {
  telecom_network: "telecom network", "5g": "5G network", submarine_cable: "submarine cable", satellite: "satellite",
  data_center: "data centre", surveillance: "surveillance system", national_id: "national ID", smart_city: "smart city",
  e_government: "e-government platform", ecommerce_fintech: "e-commerce and payments", mobility: "electric mobility",
  energy_tech: "smart grid", other: "technology",
};

/** What each category's deal delivers, per language; {n} is its quantity. */
export const OBJECTS: Record<Category, Record<Lang, string> & { unit?: string }> = {
  surveillance: { unit: "cameras", es: "instalar {n} cámaras de videovigilancia con reconocimiento facial", pt: "instalar {n} câmeras de videomonitoramento com reconhecimento facial", en: "install {n} surveillance cameras with facial recognition" },
  telecom_network: { unit: "sites", es: "ampliar la red de fibra óptica y {n} sitios de telefonía móvil", pt: "ampliar a rede de fibra óptica e {n} torres de telefonia móvel", en: "expand the fibre network and {n} mobile sites" },
  "5g": { unit: "sites", es: "desplegar la red 5G con {n} antenas", pt: "implantar a rede 5G com {n} antenas", en: "roll out the 5G network with {n} sites" },
  data_center: { unit: "centers", es: "construir {n} centros de datos del Estado", pt: "construir {n} centros de dados do governo", en: "build {n} government data centres" },
  smart_city: { unit: "cameras", es: "un sistema de ciudad inteligente con {n} cámaras y sensores", pt: "um sistema de cidade inteligente com {n} câmeras e sensores", en: "a smart-city system with {n} cameras and sensors" },
  e_government: { es: "digitalizar los trámites del gobierno electrónico", pt: "digitalizar os serviços de governo eletrônico", en: "digitise e-government services" },
  submarine_cable: { unit: "km", es: "tender un cable submarino de {n} km", pt: "lançar um cabo submarino de {n} km", en: "lay a {n} km submarine cable" },
  satellite: { unit: "satellites", es: "fabricar y lanzar {n} satélites de comunicaciones", pt: "fabricar e lançar {n} satélites de comunicações", en: "build and launch {n} communications satellites" },
  national_id: { unit: "units", es: "emitir {n} documentos de identidad electrónicos", pt: "emitir {n} carteiras de identidade digitais", en: "issue {n} electronic identity cards" },
  ecommerce_fintech: { es: "una plataforma de pagos y comercio electrónico", pt: "uma plataforma de pagamentos e comércio eletrônico", en: "a payments and e-commerce platform" },
  mobility: { unit: "units", es: "incorporar {n} autobuses eléctricos", pt: "incorporar {n} ônibus elétricos", en: "add {n} electric buses" },
  energy_tech: { es: "modernizar la red eléctrica inteligente", pt: "modernizar a rede elétrica inteligente", en: "upgrade the smart power grid" },
  other: { unit: "schools", es: "equipar {n} escuelas con tecnología", pt: "equipar {n} escolas com tecnologia", en: "equip {n} schools with technology" },
};
export const QUANTITY_RANGE: Record<string, readonly [number, number]> = {
  cameras: [50, 20_000], sites: [10, 3_000], centers: [1, 4], km: [200, 12_000], satellites: [1, 3], units: [100, 5_000_000], schools: [20, 2_000],
};
export const MECHANISM_WORD: Record<Lang, Record<Mechanism, string>> = {
  es: { contract: "un contrato", loan: "un préstamo", investment: "una inversión", donation: "una donación", partnership: "un acuerdo", tender: "una licitación", mou: "un memorando de entendimiento", acquisition: "una compra" },
  pt: { contract: "um contrato", loan: "um empréstimo", investment: "um investimento", donation: "uma doação", partnership: "um acordo", tender: "uma licitação", mou: "um memorando de entendimento", acquisition: "uma aquisição" },
  en: { contract: "a contract", loan: "a loan", investment: "an investment", donation: "a donation", partnership: "an agreement", tender: "a tender", mou: "a memorandum of understanding", acquisition: "an acquisition" },
};
export const LOCAL_BUYER: Record<Lang, { city: string; subdivision: string }> = {
  es: { city: "Municipalidad de", subdivision: "Provincia de" },
  pt: { city: "Prefeitura de", subdivision: "Governo do Estado de" },
  en: { city: "Municipality of", subdivision: "Province of" },
};
export const AND: Record<Lang, string> = { es: " y ", pt: " e ", en: " and " };
export const SIGNED: Record<Lang, string> = { es: "firmó en {year}", pt: "assinou em {year}", en: "signed in {year}" };
