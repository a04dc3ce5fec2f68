// Two knowledge bases as data, each entry with its sources and how sure we are of it:
// - laws.json: the data-protection law of each of the 33 Latin American and Caribbean countries
//   (law and year, authority, whether an impact assessment is required, biometric and transfer
//   rules); a country without a general law says so (generalLaw: null).
// - jurisdictions.json: laws that can compel a vendor to hand over data, per vendor home country,
//   described by the same attributes for every country and rated by one rule set.
import { z } from "zod";
import { InvalidDataError } from "../domain/errors.js";
import { DEFAULT_ASSESS_DIR, readJsonFile } from "./questionnaire.js";

/** The 33 LAC countries (ISO 3166-1 alpha-3 → alpha-2) the law knowledge base must cover. */
export const LAC_COUNTRIES: Readonly<Record<string, string>> = {
  ARG: "AR", BOL: "BO", BRA: "BR", CHL: "CL", COL: "CO", CRI: "CR", CUB: "CU", DOM: "DO", ECU: "EC", SLV: "SV",
  GTM: "GT", HND: "HN", HTI: "HT", JAM: "JM", MEX: "MX", NIC: "NI", PAN: "PA", PRY: "PY", PER: "PE", URY: "UY",
  VEN: "VE", GUY: "GY", SUR: "SR", TTO: "TT", BRB: "BB", BHS: "BS", BLZ: "BZ", GRD: "GD", DMA: "DM", ATG: "AG",
  KNA: "KN", LCA: "LC", VCT: "VC",
};

export const Confidence = z.enum(["high", "medium", "low"]);
export type Confidence = z.infer<typeof Confidence>;

export const SourceRef = z.object({
  title: z.string().min(1),
  url: z.string().url(),
  /** official: a gazette, parliament or authority page; secondary: a law firm, NGO or press summary. */
  kind: z.enum(["official", "secondary"]),
});
export type SourceRef = z.infer<typeof SourceRef>;

export const LawStatus = z.enum(["in_force", "partly_in_force", "enacted_not_in_force"]);

export const CountryLaw = z
  .object({
    country: z.string().regex(/^[A-Z]{2}$/),
    alpha3: z.string().regex(/^[A-Z]{3}$/),
    name: z.string().min(1),
    /** The general data-protection law, or null when the country has none. */
    generalLaw: z
      .object({
        title: z.string().min(1),
        year: z.number().int().min(1990).max(2100),
        status: LawStatus,
        note: z.string().optional(),
      })
      .nullable(),
    /** Constitutional rights, sectoral laws and regulations that matter where there is no general law, or beside it. */
    otherInstruments: z.array(z.object({ title: z.string().min(1), year: z.number().int().nullable(), note: z.string().optional() })),
    authority: z
      .object({
        name: z.string().min(1),
        /** Independent of the government (true), inside it (false), or not established (null). */
        independent: z.boolean().nullable(),
        operational: z.boolean().nullable(),
        url: z.string().url().nullable(),
        note: z.string().optional(),
      })
      .nullable(),
    dpia: z.object({
      required: z.enum(["yes", "conditional", "no", "no_law", "unknown"]),
      when: z.string().min(1),
      reference: z.string().nullable(),
    }),
    biometrics: z.object({
      sensitive: z.enum(["yes", "conditional", "not_specified", "no_law", "unknown"]),
      rule: z.string().min(1),
    }),
    transfers: z.object({ rule: z.string().min(1) }),
    /** Where public-security processing is exempted or treated specially: matters for surveillance systems. */
    publicSecurity: z.string().optional(),
    sources: z.array(SourceRef).min(1),
    confidence: Confidence,
    note: z.string().optional(),
  })
  .superRefine((e, ctx) => {
    if (LAC_COUNTRIES[e.alpha3] !== e.country) ctx.addIssue({ code: "custom", path: ["alpha3"], message: `${e.alpha3} is not the alpha-3 code of ${e.country} among the 33 LAC countries` });
    if (e.generalLaw === null && e.dpia.required !== "no_law") ctx.addIssue({ code: "custom", path: ["dpia", "required"], message: "a country without a general law says no_law" });
    if (e.generalLaw === null && e.biometrics.sensitive !== "no_law") ctx.addIssue({ code: "custom", path: ["biometrics", "sensitive"], message: "a country without a general law says no_law" });
  });
export type CountryLaw = z.infer<typeof CountryLaw>;

export const LawsFile = z.object({
  asOf: z.string().regex(/^\d{4}-\d{2}$/),
  note: z.string(),
  countries: z.array(CountryLaw),
});
export type LawsFile = z.infer<typeof LawsFile>;

/** One law of one vendor home country that can compel access to data, described by the shared attributes. */
export const CompellingLaw = z.object({
  title: z.string().min(1),
  provisions: z.string().min(1),
  summary: z.string().min(1),
  /** It obliges companies (or people) to hand over data or assist the state. */
  compelsDisclosure: z.boolean(),
  /** It reaches data the company controls outside its home country. */
  reachesDataAbroad: z.enum(["yes", "no", "unclear"]),
  /** A court or other independent body authorises each demand before it is made. */
  independentPriorAuthorization: z.enum(["yes", "partial", "no"]),
  /** The company may be barred from telling its customer. */
  secrecy: z.boolean(),
  source: SourceRef,
});
export type CompellingLaw = z.infer<typeof CompellingLaw>;

export const EXPOSURES = ["high", "medium", "low", "unknown"] as const;
export type Exposure = (typeof EXPOSURES)[number];

export const JurisdictionsFile = z.object({
  asOf: z.string().regex(/^\d{4}-\d{2}$/),
  note: z.string(),
  /**
   * The one rule set, applied to every law of every jurisdiction: the first rule whose attributes
   * all match gives the law's exposure; a jurisdiction's exposure is its worst law's.
   */
  rules: z.array(
    z.object({
      match: z.object({
        compelsDisclosure: z.boolean().optional(),
        reachesDataAbroad: z.array(z.enum(["yes", "no", "unclear"])).optional(),
        independentPriorAuthorization: z.array(z.enum(["yes", "partial", "no"])).optional(),
      }),
      exposure: z.enum(["high", "medium", "low"]),
      why: z.string().min(1),
    }),
  ).min(1),
  jurisdictions: z.array(
    z.object({
      country: z.string().regex(/^[A-Z]{2}$/),
      name: z.string().min(1),
      laws: z.array(CompellingLaw).min(1),
      confidence: Confidence,
      note: z.string().optional(),
    }),
  ),
});
export type JurisdictionsFile = z.infer<typeof JurisdictionsFile>;
export type Jurisdiction = JurisdictionsFile["jurisdictions"][number];

export interface KnowledgeBase {
  laws: LawsFile;
  jurisdictions: JurisdictionsFile;
}

/** Reads and validates laws.json; every one of the 33 countries must be there exactly once. */
export function readLaws(dir: string = DEFAULT_ASSESS_DIR): LawsFile {
  const path = `${dir.replace(/\/$/, "")}/laws.json`;
  const parsed = LawsFile.safeParse(readJsonFile(path));
  if (!parsed.success) throw new InvalidDataError(`${path}: ${z.prettifyError(parsed.error)}`);
  const seen = new Map<string, number>();
  for (const c of parsed.data.countries) seen.set(c.alpha3, (seen.get(c.alpha3) ?? 0) + 1);
  const missing = Object.keys(LAC_COUNTRIES).filter((a3) => !seen.has(a3));
  const twice = [...seen].filter(([, n]) => n > 1).map(([a3]) => a3);
  if (missing.length) throw new InvalidDataError(`${path}: no entry for ${missing.join(", ")}`);
  if (twice.length) throw new InvalidDataError(`${path}: more than one entry for ${twice.join(", ")}`);
  return parsed.data;
}

export function readJurisdictions(dir: string = DEFAULT_ASSESS_DIR): JurisdictionsFile {
  const path = `${dir.replace(/\/$/, "")}/jurisdictions.json`;
  const parsed = JurisdictionsFile.safeParse(readJsonFile(path));
  if (!parsed.success) throw new InvalidDataError(`${path}: ${z.prettifyError(parsed.error)}`);
  return parsed.data;
}

export function readKnowledgeBase(dir: string = DEFAULT_ASSESS_DIR): KnowledgeBase {
  return { laws: readLaws(dir), jurisdictions: readJurisdictions(dir) };
}

/** The law entry of a country by alpha-2 or alpha-3 code, or null outside the 33. */
export function lawOf(kb: Pick<KnowledgeBase, "laws">, country: string): CountryLaw | null {
  const code = country.toUpperCase();
  return kb.laws.countries.find((c) => c.country === code || c.alpha3 === code) ?? null;
}

export interface JurisdictionView {
  country: string;
  name: string | null;
  exposure: Exposure;
  laws: (CompellingLaw & { exposure: Exclude<Exposure, "unknown">; why: string })[];
  confidence: Confidence | null;
  note: string | null;
}

const RANK: Record<Exposure, number> = { unknown: -1, low: 0, medium: 1, high: 2 };

/**
 * Rates a vendor home country by the one rule set: each of its laws gets the exposure of the first
 * matching rule, the country the worst. A country the base does not describe is "unknown", not "low".
 * @example vendorJurisdiction(kb, "CN").exposure // "high"
 */
export function vendorJurisdiction(kb: Pick<KnowledgeBase, "jurisdictions">, country: string | null): JurisdictionView | null {
  if (!country) return null;
  const code = country.toUpperCase();
  const j = kb.jurisdictions.jurisdictions.find((x) => x.country === code);
  if (!j) return { country: code, name: null, exposure: "unknown", laws: [], confidence: null, note: "this country's laws on compelled access are not in the knowledge base" };
  let worst: Exposure = "unknown";
  const laws = j.laws.map((law) => {
    const rule = kb.jurisdictions.rules.find(
      (r) =>
        (r.match.compelsDisclosure === undefined || r.match.compelsDisclosure === law.compelsDisclosure) &&
        (r.match.reachesDataAbroad === undefined || r.match.reachesDataAbroad.includes(law.reachesDataAbroad)) &&
        (r.match.independentPriorAuthorization === undefined || r.match.independentPriorAuthorization.includes(law.independentPriorAuthorization)),
    );
    const exposure = rule?.exposure ?? "low";
    if (RANK[exposure] > RANK[worst]) worst = exposure;
    return { ...law, exposure, why: rule?.why ?? "no rule matched" };
  });
  return { country: code, name: j.name, exposure: worst, laws, confidence: j.confidence, note: j.note ?? null };
}
