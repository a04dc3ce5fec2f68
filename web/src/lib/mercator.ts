// The map's projection for points, with the parameters the build computed (d3's geoMercator
// formula), so placing a city needs no projection library in the browser.
export interface MercatorParams {
  scale: number;
  translate: [number, number];
}

/** [x, y] in the map's SVG units. @example mercator(-58.4, -34.6, params) */
export function mercator(lon: number, lat: number, p: MercatorParams): [number, number] {
  const rad = Math.PI / 180;
  const x = p.translate[0] + p.scale * lon * rad;
  const y = p.translate[1] - p.scale * Math.log(Math.tan(Math.PI / 4 + (lat * rad) / 2));
  return [x, y];
}

/** Class breaks for the choropleth: five quantiles of the non-zero values (few values, fewer classes). */
export function classBreaks(values: readonly number[], classes = 5): number[] {
  const v = values.filter((x) => x > 0).sort((a, b) => a - b);
  if (v.length === 0) return [];
  const breaks = new Set<number>();
  for (let i = 1; i < classes; i++) {
    const q = v[Math.min(v.length - 1, Math.floor((i * v.length) / classes))] as number;
    // A break at the smallest value would make an empty first class.
    if (q > (v[0] as number)) breaks.add(q);
  }
  return [...breaks].sort((a, b) => a - b);
}

/** The class of a value: 0 for none, then 1… by the breaks. */
export function classOf(value: number, breaks: readonly number[]): number {
  if (value <= 0) return 0;
  let c = 1;
  for (const b of breaks) if (value >= b) c++;
  return c;
}
