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
