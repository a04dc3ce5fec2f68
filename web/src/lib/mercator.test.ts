import { geoMercator } from "d3-geo";
import { describe, expect, it } from "vitest";
import { classBreaks, classOf, mercator } from "./mercator";

describe("map projection and classes", () => {
  it("matches d3's geoMercator for the same scale and translate", () => {
    const d3 = geoMercator().scale(321).translate([700, -40]);
    const [x, y] = mercator(-58.4, -34.6, { scale: 321, translate: [700, -40] });
    const [ex, ey] = d3([-58.4, -34.6]) as [number, number];
    expect(x).toBeCloseTo(ex, 6);
    expect(y).toBeCloseTo(ey, 6);
  });

  it("puts zero in class 0 and spreads other values over the classes", () => {
    const breaks = classBreaks([0, 1, 2, 3, 4, 9, 20]);
    expect(classOf(0, breaks)).toBe(0);
    expect(classOf(1, breaks)).toBe(1);
    expect(classOf(20, breaks)).toBeGreaterThan(classOf(2, breaks));
    expect(classBreaks([])).toEqual([]);
    // Many countries with one project: no empty class below the smallest value.
    expect(classBreaks([1, 1, 1, 1, 2, 4])[0]).toBeGreaterThan(1);
  });
});
