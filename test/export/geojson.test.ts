// GeoJSON export: a valid FeatureCollection whose points lie in Latin America and the Caribbean,
// at the project's city, or at a representative city of its subdivision or country, said so.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { OWN_DATA_LICENSE } from "../../src/domain/licenses.js";
import { COORDINATES_ATTRIBUTION, type LocatablePlace, createLocator } from "../../src/export/geojson.js";
import { exportProjects } from "../../src/services/export.service.js";
import { findProjects } from "../../src/services/projects.service.js";
import { memoryApp } from "../helpers.js";
import { CollectingSink, project } from "./synthetic.js";

interface Feature {
  type: string;
  id: string;
  geometry: { type: string; coordinates: [number, number] } | null;
  properties: Record<string, unknown>;
}
interface Collection {
  type: string;
  features: Feature[];
  license: string;
  exchangeRates: string;
  attribution: string;
}

const place = (p: Partial<LocatablePlace> & Pick<LocatablePlace, "id" | "name">): LocatablePlace => ({
  kind: "city", country: "AR", parentId: null, aliases: [], lat: null, lon: null, population: null, ...p,
});

describe("GeoJSON export", () => {
  it("is a FeatureCollection of LAC points with flattened properties, licence, rates and attribution", async () => {
    const app = await memoryApp();
    const sink = new CollectingSink();
    await exportProjects(app, {}, "geojson", sink);
    const fc = JSON.parse(sink.text()) as Collection;
    assert.equal(fc.type, "FeatureCollection");
    const { total } = await findProjects(app.store.db, { limit: 1 });
    assert.equal(fc.features.length, total);
    for (const f of fc.features) {
      assert.equal(f.type, "Feature");
      assert.equal(f.properties.license, OWN_DATA_LICENSE);
      assert.ok(f.geometry, `${f.id} is placed (every bundled project names a LAC country)`);
      assert.equal(f.geometry.type, "Point");
      const [lon, lat] = f.geometry.coordinates;
      assert.ok(lon > -120 && lon < -30 && lat > -60 && lat < 35, `${f.id} at [${lon}, ${lat}] lies in Latin America and the Caribbean`);
      assert.ok(["city", "subdivision", "country"].includes(String(f.properties.location_precision)));
    }
    assert.equal(fc.license, OWN_DATA_LICENSE);
    assert.equal(fc.exchangeRates, app.fx.source);
    assert.equal(fc.attribution, COORDINATES_ATTRIBUTION);
    const jujuy = fc.features.find((f) => f.properties.subdivision === "Jujuy");
    assert.equal(jujuy?.properties.location_precision, "subdivision");
    assert.equal(jujuy?.properties.location_place, "San Salvador de Jujuy");
    const fortaleza = fc.features.find((f) => f.properties.city === "Fortaleza");
    assert.equal(fortaleza?.properties.location_precision, "city");
    assert.ok(Math.abs((fortaleza?.geometry?.coordinates[1] ?? 0) - -3.7) < 0.2);
  });

  it("keeps only the filtered country's projects", async () => {
    const app = await memoryApp();
    const sink = new CollectingSink();
    await exportProjects(app, { country: "AR" }, "geojson", sink);
    const fc = JSON.parse(sink.text()) as Collection;
    assert.ok(fc.features.length > 0 && fc.features.every((f) => f.properties.country === "AR"));
  });

  it("places a project at its city in its subdivision, else the subdivision's or country's largest city, else nowhere", () => {
    const locate = createLocator([
      place({ id: "AR-X", kind: "subdivision", name: "Córdoba", aliases: ["Cordoba Province"] }),
      place({ id: "AR-C", kind: "subdivision", name: "Ciudad Autónoma de Buenos Aires" }),
      place({ id: "c1", name: "Córdoba", parentId: "AR-X", lat: -31.4, lon: -64.2, population: 1_400_000 }),
      place({ id: "c2", name: "Río Cuarto", parentId: "AR-X", lat: -33.1, lon: -64.3, population: 160_000 }),
      place({ id: "c3", name: "Buenos Aires", parentId: "AR-C", lat: -34.6, lon: -58.4, population: 3_000_000 }),
      place({ id: "c4", name: "San Martín", parentId: "AR-C", lat: -34.57, lon: -58.53, population: 400_000 }),
      place({ id: "c5", name: "San Martín", parentId: "AR-X", lat: -31.0, lon: -64.0, population: 10_000 }),
    ]);
    const at = (over: Parameters<typeof project>[1]) => locate(project(1, { country: "AR", ...over }));
    assert.deepEqual(at({ city: "rio cuarto" }), { lon: -64.3, lat: -33.1, precision: "city", place: "Río Cuarto" });
    assert.equal(at({ city: "San Martín" })?.lat, -34.57, "the most populous of two same-named cities");
    assert.equal(at({ city: "San Martín", subdivision: "Cordoba Province" })?.lat, -31.0, "the one in the named subdivision");
    assert.deepEqual(at({ subdivision: "AR-X" }), { lon: -64.2, lat: -31.4, precision: "subdivision", place: "Córdoba" });
    assert.deepEqual(at({ city: "Atlantis" }), { lon: -58.4, lat: -34.6, precision: "country", place: "Buenos Aires" });
    assert.equal(locate(project(1, { country: "FR" })), null);
    assert.equal(locate(project(1, { country: null })), null);
  });
});
