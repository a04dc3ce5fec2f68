// Build-time map of Latin America and the Caribbean: Natural Earth 1:50m boundaries (world-atlas)
// projected once to SVG paths and thinned, so the browser downloads ~60 kB instead of a 756 kB atlas.
import { readFileSync } from "node:fs";
import { geoArea, geoCentroid, geoMercator, geoPath } from "d3-geo";
import type { Feature, FeatureCollection, Geometry, MultiPolygon, Polygon, Position } from "geojson";
import { feature } from "topojson-client";
import type { GeometryCollection, Topology } from "topojson-specification";

export interface MapCountry {
  /** ISO 3166-1 alpha-2. */
  code: string;
  d: string;
  /** Where a marker goes for countries too small to click (label anchor). */
  cx: number;
  cy: number;
  small: boolean;
  /** [x0, y0, x1, y1] in map units, for zooming to the country. */
  bbox: [number, number, number, number];
}

export interface LacMap {
  width: number;
  height: number;
  /** d3 geoMercator parameters, so the browser can place points without d3-geo. */
  scale: number;
  translate: [number, number];
  countries: MapCountry[];
  /** Territories drawn for context only (French Guiana, Puerto Rico, the Falklands…). */
  context: string;
  attribution: string;
}

const WIDTH = 640;
const PAD = 6;
/** Points closer than this (in output pixels) to the last kept one are dropped. */
const TOLERANCE = 0.7;
/** Context polygons must sit in this box (lon/lat) to be drawn. */
const REGION = { west: -120, east: -28, south: -60, north: 30 };

interface PlacesFile {
  countries: { code: string; numeric: string; lac: boolean }[];
}

/** Radially thins a projected ring; keeps closure and at least a triangle. */
export function thinRing(points: readonly [number, number][], tolerance = TOLERANCE): [number, number][] {
  const out: [number, number][] = [];
  for (const p of points) {
    const last = out[out.length - 1];
    if (!last || Math.hypot(p[0] - last[0], p[1] - last[1]) >= tolerance) out.push(p);
  }
  return out.length >= 3 ? out : [];
}

function ringPath(ring: readonly [number, number][]): string {
  return ring.map((p, i) => `${i === 0 ? "M" : "L"}${p[0].toFixed(1)},${p[1].toFixed(1)}`).join("") + "Z";
}

function polygonsOf(g: Geometry): Position[][][] {
  if (g.type === "Polygon") return [g.coordinates];
  if (g.type === "MultiPolygon") return g.coordinates;
  return [];
}

export function buildLacMap(atlasFile: string, placesFile: string): LacMap {
  const topology = JSON.parse(readFileSync(atlasFile, "utf8")) as Topology<{ countries: GeometryCollection }>;
  const places = JSON.parse(readFileSync(placesFile, "utf8")) as PlacesFile;
  const lacByNumeric = new Map(places.countries.filter((c) => c.lac).map((c) => [c.numeric, c.code]));
  const all = feature(topology, topology.objects.countries) as FeatureCollection<Polygon | MultiPolygon>;

  const lac: Feature<Polygon | MultiPolygon, { code: string }>[] = [];
  const context: Position[][][] = [];
  for (const f of all.features) {
    const code = lacByNumeric.get(String(f.id));
    if (code) {
      lac.push({ ...f, properties: { code } });
      continue;
    }
    // Territories of other states (French Guiana is a polygon of France's feature).
    for (const poly of polygonsOf(f.geometry)) {
      const [lon, lat] = geoCentroid({ type: "Polygon", coordinates: poly });
      if (lon >= REGION.west && lon <= REGION.east && lat >= REGION.south && lat <= REGION.north) context.push(poly);
    }
  }

  const collection: FeatureCollection = { type: "FeatureCollection", features: lac };
  const projection = geoMercator().fitWidth(WIDTH - 2 * PAD, collection);
  const [[, y0], [, y1]] = geoPath(projection).bounds(collection);
  const [tx, ty] = projection.translate();
  projection.translate([tx + PAD, ty - y0 + PAD]);
  const height = Math.ceil(y1 - y0 + 2 * PAD);
  const path = geoPath(projection);

  const project = (ring: Position[]) =>
    thinRing(ring.map((p) => projection([p[0] ?? 0, p[1] ?? 0]) ?? [0, 0]));
  const polygonPath = (poly: Position[][]) => {
    const rings = poly.map(project).filter((r) => r.length > 0);
    return rings.map(ringPath).join("");
  };

  const countries = lac.map((f): MapCountry => {
    const d = polygonsOf(f.geometry).map(polygonPath).join("");
    const [[bx0, by0], [bx1, by1]] = path.bounds(f);
    const [cx, cy] = path.centroid(f);
    // Island states of a few pixels get a marker, or nobody could click or see them.
    const small = (bx1 - bx0) * (by1 - by0) < 120 || geoArea(f) < 2e-5;
    const r = (n: number) => Math.round(n * 10) / 10;
    return { code: f.properties.code, d, cx: r(cx), cy: r(cy), small, bbox: [r(bx0), r(by0), r(bx1), r(by1)] };
  });
  countries.sort((a, b) => a.code.localeCompare(b.code));

  return {
    width: WIDTH,
    height,
    scale: projection.scale(),
    translate: projection.translate(),
    countries,
    context: context.map(polygonPath).join(""),
    attribution: "Boundaries: Natural Earth 1:50m (public domain), via world-atlas 2 (ISC)",
  };
}
