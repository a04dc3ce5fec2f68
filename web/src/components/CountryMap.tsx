// The choropleth of Latin America and the Caribbean (shipped Natural Earth boundaries, no tiles),
// with optional points. The geometry is a lazy chunk, so the first paint does not wait for it.
import { useEffect, useMemo, useState } from "react";
import { useTranslation } from "react-i18next";
import type { LacMap } from "../../build/lac-map";
import { useLang } from "../i18n";
import { countryName } from "../lib/format";
import { classBreaks, classOf, mercator } from "../lib/mercator";

export interface MapPoint {
  lon: number;
  lat: number;
  /** Projects at the point; sets its size. */
  weight: number;
  label: string;
  /** A city-precise point is solid, a subdivision's representative city is hollow. */
  precise: boolean;
  onSelect?: () => void;
}

interface Props {
  /** Value per ISO alpha-2 code; countries without one are drawn as "none". */
  values?: ReadonlyMap<string, number>;
  format?: (value: number) => string;
  selected?: string | undefined;
  onSelect?: (code: string) => void;
  points?: readonly MapPoint[];
  /** Zooms to this country. */
  focus?: string | null;
  label: string;
}

export const MAP_COLORS = ["#eef1f4", "#cfe3ea", "#9cc9d6", "#5aa5bd", "#2b7a99", "#0b4f6c"];

let cached: LacMap | null = null;
let loading: Promise<LacMap> | null = null;
function loadMap(): Promise<LacMap> {
  loading ??= import("virtual:lac-map").then(
    (m) => (cached = m.default),
    (err: unknown) => {
      // Let the next map try again (a flaky connection) instead of failing forever.
      loading = null;
      throw err;
    },
  );
  return loading;
}

/** Starts downloading the geometry early (the overview calls it while its data loads). */
export function preloadMap(): Promise<LacMap> {
  return loadMap();
}

export function CountryMap({ values, format = String, selected, onSelect, points = [], focus = null, label }: Props) {
  const { t } = useTranslation();
  const { lang } = useLang();
  const [map, setMap] = useState<LacMap | null>(cached);
  const [failed, setFailed] = useState(false);
  const [hover, setHover] = useState<{ text: string; x: number; y: number } | null>(null);
  useEffect(() => {
    if (!map) loadMap().then(setMap, () => setFailed(true));
  }, [map]);

  const breaks = useMemo(() => classBreaks([...(values?.values() ?? [])]), [values]);
  const smallest = useMemo(() => Math.min(...[...(values?.values() ?? [])].filter((v) => v > 0)), [values]);
  if (failed) return <p className="state state-error">{t("map.failed")}</p>;
  if (!map) return <div className="map-placeholder" role="status" aria-label={t("state.loading")} />;

  const focused = focus ? map.countries.find((c) => c.code === focus) : undefined;
  const viewBox = focused ? zoomBox(focused.bbox, map) : `0 0 ${map.width} ${map.height}`;
  const viewWidth = focused ? Number(viewBox.split(" ")[2]) : map.width;
  const scaleFactor = viewWidth / map.width;
  const maxWeight = Math.max(1, ...points.map((p) => p.weight));

  const describe = (code: string) => {
    const v = values?.get(code);
    return values ? `${countryName(code, lang)}: ${v ? format(v) : t("map.none")}` : countryName(code, lang);
  };

  return (
    <figure className="map">
      <svg viewBox={viewBox} role="group" aria-label={label} className={onSelect ? "map-svg interactive" : "map-svg"} onMouseLeave={() => setHover(null)}>
        <path d={map.context} className="map-context" aria-hidden="true" />
        {map.countries.map((c) => {
          const v = values?.get(c.code) ?? 0;
          const cls = values ? classOf(v, breaks) : focus === c.code ? 3 : 0;
          const isSelected = selected === c.code;
          const focusable = onSelect !== undefined && (v > 0 || isSelected);
          const pick = onSelect ? () => onSelect(c.code) : undefined;
          const common = {
            fill: MAP_COLORS[cls],
            className: `map-country${isSelected ? " selected" : ""}`,
            "data-code": c.code,
            onClick: pick,
            onMouseMove: (e: React.MouseEvent<SVGElement>) => {
              const box = e.currentTarget.ownerSVGElement?.getBoundingClientRect();
              if (box) setHover({ text: describe(c.code), x: e.clientX - box.left, y: e.clientY - box.top });
            },
          };
          return (
            <g key={c.code}>
              <path
                d={c.d}
                {...common}
                role={focusable ? "button" : undefined}
                tabIndex={focusable ? 0 : undefined}
                aria-label={focusable ? describe(c.code) : undefined}
                aria-pressed={focusable ? isSelected : undefined}
                onKeyDown={(e) => {
                  if (pick && (e.key === "Enter" || e.key === " ")) {
                    e.preventDefault();
                    pick();
                  }
                }}
                onFocus={() => setHover(null)}
              />
              {/* Island states are specks at this scale: a marker makes them visible and clickable. */}
              {c.small && !focused && <circle cx={c.cx} cy={c.cy} r={4} {...common} className={`${common.className} map-island`} aria-hidden="true" />}
            </g>
          );
        })}
        {points.map((p, i) => {
          const [x, y] = mercator(p.lon, p.lat, map);
          // Sized in screen terms, so a point stays visible on a map zoomed to one country.
          const r = (focused ? 6 : 2.5 + 7 * Math.sqrt(p.weight / maxWeight)) * scaleFactor;
          return (
            <circle
              key={i}
              cx={x}
              cy={y}
              r={r}
              strokeWidth={1.2 * scaleFactor}
              className={p.precise ? "map-point" : "map-point approximate"}
              role={p.onSelect ? "link" : "img"}
              tabIndex={p.onSelect ? 0 : undefined}
              aria-label={p.label}
              onClick={p.onSelect}
              onKeyDown={(e) => {
                if (p.onSelect && e.key === "Enter") p.onSelect();
              }}
              onMouseMove={(e) => {
                const box = e.currentTarget.ownerSVGElement?.getBoundingClientRect();
                if (box) setHover({ text: p.label, x: e.clientX - box.left, y: e.clientY - box.top });
              }}
            >
              <title>{p.label}</title>
            </circle>
          );
        })}
      </svg>
      {hover && (
        <div className="map-tooltip" style={{ left: hover.x + 12, top: hover.y + 12 }} aria-hidden="true">
          {hover.text}
        </div>
      )}
      {values && values.size > 0 && (
        <div className="map-legend" aria-label={t("map.legend")}>
          <span>
            <i style={{ background: MAP_COLORS[0] }} /> {t("map.none")}
          </span>
          {[0, ...breaks].map((_, i) => (
            <span key={i}>
              <i style={{ background: MAP_COLORS[i + 1] }} /> {legendLabel(i, breaks, format, smallest)}
            </span>
          ))}
          {points.length > 0 && (
            <span>
              <i className="legend-point" /> {t("map.cityPoints")} <i className="legend-point approximate" /> {t("map.subdivisionPoints")}
            </span>
          )}
        </div>
      )}
      <figcaption className="attribution">{t("map.attribution")}</figcaption>
    </figure>
  );
}

/** Class i's range in words: "1 – 2", "2 – 5", "≥ 9" (a class holds its lower bound). */
function legendLabel(i: number, breaks: readonly number[], format: (v: number) => string, smallest: number): string {
  const lower = breaks[i - 1];
  const upper = breaks[i];
  if (lower === undefined && upper !== undefined) return `${format(smallest)} – < ${format(upper)}`;
  if (upper === undefined) return `≥ ${format(lower ?? smallest)}`;
  return `${format(lower ?? 0)} – ${format(upper ?? 0)}`;
}

function zoomBox(b: [number, number, number, number], map: LacMap): string {
  const pad = 30;
  const w = Math.max(b[2] - b[0], 60) + 2 * pad;
  const h = Math.max(b[3] - b[1], 60) + 2 * pad;
  const cx = (b[0] + b[2]) / 2;
  const cy = (b[1] + b[3]) / 2;
  // Keep the map's aspect so the figure does not jump in height.
  const aspect = map.height / map.width;
  const width = Math.max(w, h / aspect);
  const height = width * aspect;
  return `${(cx - width / 2).toFixed(1)} ${(cy - height / 2).toFixed(1)} ${width.toFixed(1)} ${height.toFixed(1)}`;
}
