// Reads and validates the files in data/: gazetteers, vocabularies, the money table and the
// reviewed dataset. One schema per file; an error names the file and the offending path.
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { createHash } from "node:crypto";
import { z } from "zod";
import { FIELD_SCHEMAS, FieldNameSchema } from "../domain/claims.js";
import { InvalidDataError } from "../domain/errors.js";
import { type FxTable, fxTableFromRates } from "../domain/money.js";
import { OrgKind, ProcurementRoute, ReviewState, Status } from "../domain/vocabulary.js";

/** The data/ folder shipped with the package (resolves from src/ under tsx and from dist/). */
export const DEFAULT_DATA_DIR = fileURLToPath(new URL("../../data/", import.meta.url));

const Alpha2 = z.string().regex(/^[A-Z]{2}$/);

export const OrganizationsFile = z.object({
  organizations: z.array(
    z.object({
      id: z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, "a kebab-case slug"),
      name: z.string().min(1),
      fullName: z.string().nullable().optional(),
      kind: OrgKind,
      homeCountry: Alpha2.nullable(),
      parent: z.string().nullable(),
      aliases: z.array(z.string().min(1)),
      sources: z.array(z.string()),
    }),
  ),
});
export type OrganizationsFile = z.infer<typeof OrganizationsFile>;

const Names = z.object({ en: z.string(), es: z.string(), pt: z.string() }).partial();
export const PlacesFile = z.object({
  sources: z.array(z.object({ id: z.string(), title: z.string(), url: z.string().optional(), license: z.string().optional() })),
  countries: z.array(
    z.object({ code: Alpha2, alpha3: z.string(), numeric: z.string().nullable().optional(), lac: z.boolean(), names: Names, aliases: z.array(z.string()).default([]) }),
  ),
  subdivisions: z.array(z.object({ code: z.string(), country: Alpha2, name: z.string(), aliases: z.array(z.string()).default([]) })),
  cities: z.array(
    z.object({
      name: z.string(),
      country: Alpha2,
      subdivision: z.string().nullable(),
      lat: z.number(),
      lon: z.number(),
      population: z.number().nullable().optional(),
      geonameId: z.number().int(),
      aliases: z.array(z.string()).default([]),
    }),
  ),
});
export type PlacesFile = z.infer<typeof PlacesFile>;

export const FxFile = z.object({
  source: z.string(),
  license: z.string(),
  rates: z.record(z.string().regex(/^[A-Z]{3}$/), z.record(z.string().regex(/^\d{4}$/), z.number().positive())),
});

export const SourcesFile = z.object({
  documents: z.array(
    z.object({
      id: z.string().min(1),
      seedFile: z.string().nullable().optional(),
      sha256: z.string().regex(/^[0-9a-f]{64}$/).nullable().optional(),
      title: z.string().nullable(),
      authors: z.array(z.string()),
      publisher: z.string().nullable(),
      published: z.string().regex(/^\d{4}(-\d{2}(-\d{2})?)?$/, "YYYY, YYYY-MM or YYYY-MM-DD").nullable(),
      url: z.string().url().nullable(),
      language: z.string().nullable(),
      kind: z.string().nullable().optional(),
      citation: z.string().min(1),
    }),
  ),
});
export type SourcesFile = z.infer<typeof SourcesFile>;

const ReviewedClaim = z
  .object({
    field: FieldNameSchema,
    value: z.unknown(),
    source: z.string().min(1),
    quote: z.string().min(1).max(600),
    start: z.number().int().nonnegative().nullable(),
    end: z.number().int().nonnegative().nullable(),
  })
  .superRefine((c, ctx) => {
    const r = FIELD_SCHEMAS[c.field].safeParse(c.value);
    if (!r.success) ctx.addIssue({ code: "custom", path: ["value"], message: `not a valid ${c.field}: ${z.prettifyError(r.error)}` });
  });

export const ReviewedProjectsFile = z.object({
  license: z.string(),
  projects: z.array(
    z.object({
      id: z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, "a kebab-case slug"),
      title: z.string().min(1),
      status: Status.nullable(),
      procurementRoute: ProcurementRoute.nullable(),
      review: z.object({ state: ReviewState, by: z.string().nullable(), at: z.string().nullable() }),
      claims: z.array(ReviewedClaim).min(1),
    }),
  ),
});
export type ReviewedProjectsFile = z.infer<typeof ReviewedProjectsFile>;

function readJson<T>(dir: string, name: string, schema: z.ZodType<T>): { value: T; raw: string } {
  const path = `${dir.replace(/\/$/, "")}/${name}`;
  let raw: string;
  try {
    raw = readFileSync(path, "utf8");
  } catch (err) {
    throw new InvalidDataError(`${path}: cannot be read (${(err as Error).message})`, { cause: err });
  }
  let json: unknown;
  try {
    json = JSON.parse(raw);
  } catch (err) {
    throw new InvalidDataError(`${path}: not valid JSON (${(err as Error).message})`, { cause: err });
  }
  const parsed = schema.safeParse(json);
  if (!parsed.success) throw new InvalidDataError(`${path}: ${z.prettifyError(parsed.error)}`);
  return { value: parsed.data, raw };
}

export interface BundledData {
  organizations: OrganizationsFile;
  places: PlacesFile;
  sources: SourcesFile;
  reviewed: ReviewedProjectsFile;
  /** Hash of every file's bytes: the database records it so `dsr init` can skip unchanged data. */
  hash: string;
}

/** Reads every bundled file; throws InvalidDataError naming the first bad file. */
export function readBundledData(dir: string = DEFAULT_DATA_DIR): BundledData {
  const files = [
    readJson(dir, "organizations.json", OrganizationsFile),
    readJson(dir, "places.json", PlacesFile),
    readJson(dir, "reviewed/sources.json", SourcesFile),
    readJson(dir, "reviewed/projects.json", ReviewedProjectsFile),
  ] as const;
  const hash = createHash("sha256");
  for (const f of files) hash.update(f.raw);
  return {
    organizations: files[0].value,
    places: files[1].value,
    sources: files[2].value,
    reviewed: files[3].value,
    hash: hash.digest("hex"),
  };
}

/** The annual USD money table from data/fx/usd-rates-annual.json. */
export function readFxTable(dir: string = DEFAULT_DATA_DIR): FxTable {
  const { value } = readJson(dir, "fx/usd-rates-annual.json", FxFile);
  return fxTableFromRates(value.rates, `${value.source} (${value.license})`);
}
