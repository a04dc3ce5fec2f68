// Places: countries (ISO 3166-1), subdivisions (ISO 3166-2) and cities, from the bundled gazetteer.
import type { Executor } from "./executor.js";

export interface PlaceInput {
  id: string;
  kind: "country" | "subdivision" | "city";
  name: string;
  country: string | null;
  parentId: string | null;
  names: Record<string, string>;
  aliases: string[];
  lat: number | null;
  lon: number | null;
  population: number | null;
  lac: boolean;
}

const CHUNK = 200;

/** Replaces every place of the given ids; written in chunks to stay under SQLite's variable limit. */
export async function upsertPlaces(db: Executor, places: readonly PlaceInput[]): Promise<void> {
  for (let i = 0; i < places.length; i += CHUNK) {
    const rows = places.slice(i, i + CHUNK).map((p) => ({
      id: p.id,
      kind: p.kind,
      name: p.name,
      country: p.country,
      parent_id: p.parentId,
      names: JSON.stringify(p.names),
      aliases: JSON.stringify(p.aliases),
      lat: p.lat,
      lon: p.lon,
      population: p.population,
      lac: p.lac ? 1 : 0,
    }));
    await db
      .insertInto("places")
      .values(rows)
      .onConflict((oc) =>
        oc.column("id").doUpdateSet((eb) => ({
          kind: eb.ref("excluded.kind"),
          name: eb.ref("excluded.name"),
          country: eb.ref("excluded.country"),
          parent_id: eb.ref("excluded.parent_id"),
          names: eb.ref("excluded.names"),
          aliases: eb.ref("excluded.aliases"),
          lat: eb.ref("excluded.lat"),
          lon: eb.ref("excluded.lon"),
          population: eb.ref("excluded.population"),
          lac: eb.ref("excluded.lac"),
        })),
      )
      .execute();
  }
}

export async function countPlaces(db: Executor): Promise<Record<string, number>> {
  const rows = await db
    .selectFrom("places")
    .select(["kind", (eb) => eb.fn.countAll<number>().as("n")])
    .groupBy("kind")
    .execute();
  return Object.fromEntries(rows.map((r) => [r.kind, Number(r.n)]));
}

/** A country (ISO 3166-1 alpha-2) or subdivision (ISO 3166-2) by its code, case-insensitive. */
export async function placeByCode(db: Executor, code: string) {
  const r = await db
    .selectFrom("places")
    .select(["id", "kind", "name", "names", "country", "lac"])
    .where("id", "=", code.toUpperCase())
    .where("kind", "in", ["country", "subdivision"])
    .executeTakeFirst();
  if (!r) return null;
  return { code: r.id, kind: r.kind as "country" | "subdivision", name: r.name, names: JSON.parse(r.names) as Record<string, string>, country: r.country, lac: r.lac === 1 };
}

/** Subdivisions and cities with what placing a project on a map needs (about 1,500 rows). */
export async function locatablePlaces(db: Executor) {
  const rows = await db
    .selectFrom("places")
    .select(["id", "kind", "name", "country", "parent_id", "aliases", "lat", "lon", "population"])
    .where("kind", "in", ["subdivision", "city"])
    .execute();
  return rows.flatMap((r) =>
    r.country && (r.kind === "subdivision" || r.kind === "city")
      ? [{ id: r.id, kind: r.kind, name: r.name, country: r.country, parentId: r.parent_id, aliases: JSON.parse(r.aliases) as string[], lat: r.lat, lon: r.lon, population: r.population }]
      : [],
  );
}
