// The 4×4 risk map drawn in React by the server's rules (src/assess/report-html.ts riskMapSvg):
// severity across, likelihood up, CNIL zones — high when both are 3 or more, medium when one is —
// and each risk's number in its cell. The report's JSON has no SVG, so it is drawn here from the
// points; its text alternative lists every risk's place.
import { useId } from "react";
import { useTranslation } from "react-i18next";
import type { ReportRisk, RiskPoint } from "./types";

export const ZONE_FILL = { low: "#e3f1e4", medium: "#fcefd2", high: "#f6d4cf" } as const;

export function zoneOf(likelihood: number, severity: number): RiskPoint["zone"] {
  if (likelihood >= 3 && severity >= 3) return "high";
  if (likelihood >= 3 || severity >= 3) return "medium";
  return "low";
}

/** Risk numbers by cell ("likelihood:severity"), in risk order. */
export function cellsOf(risks: readonly Pick<ReportRisk, "number" | "initial" | "residual">[], which: "initial" | "residual"): Map<string, number[]> {
  const byCell = new Map<string, number[]>();
  for (const r of risks) {
    const p = r[which];
    const key = `${p.likelihood}:${p.severity}`;
    byCell.set(key, [...(byCell.get(key) ?? []), r.number]);
  }
  return byCell;
}

const CELL = 66;
const LEFT = 46;
const TOP = 12;
const SIZE = CELL * 4;

export function RiskMap({ risks, which, title }: { risks: readonly ReportRisk[]; which: "initial" | "residual"; title: string }) {
  const { t } = useTranslation();
  const titleId = useId();
  const descId = useId();
  const cells = cellsOf(risks, which);
  const width = LEFT + SIZE + 12;
  const height = TOP + SIZE + 44;
  const levels = [1, 2, 3, 4];
  return (
    <figure className="risk-map">
      <figcaption id={titleId}>{title}</figcaption>
      <svg viewBox={`0 0 ${width} ${height}`} width={width} height={height} role="img" aria-labelledby={titleId} aria-describedby={descId} data-map={which}>
        <desc id={descId}>
          {risks.map((r) => t("assessment.result.mapPoint", { n: r.number, title: r.title, likelihood: r[which].likelihood, severity: r[which].severity, zone: t(`assessment.zone.${r[which].zone}`) })).join(" ")}
        </desc>
        {levels.map((l) =>
          levels.map((s) => <rect key={`${l}:${s}`} x={LEFT + (s - 1) * CELL} y={TOP + (4 - l) * CELL} width={CELL} height={CELL} fill={ZONE_FILL[zoneOf(l, s)]} stroke="#8a94a3" strokeWidth={1} />),
        )}
        {levels.map((n) => (
          <g key={`axis${n}`} fontSize={12} fill="#1b2430">
            <text x={LEFT - 8} y={TOP + (4 - n) * CELL + CELL / 2 + 4} textAnchor="end">
              {n}
            </text>
            <text x={LEFT + (n - 1) * CELL + CELL / 2} y={TOP + SIZE + 16} textAnchor="middle">
              {n}
            </text>
          </g>
        ))}
        <text x={LEFT + SIZE / 2} y={TOP + SIZE + 36} textAnchor="middle" fontSize={12} fill="#1b2430">
          {t("assessment.result.severity")} →
        </text>
        <text x={14} y={TOP + SIZE / 2} textAnchor="middle" fontSize={12} fill="#1b2430" transform={`rotate(-90 14 ${TOP + SIZE / 2})`}>
          {t("assessment.result.likelihood")} →
        </text>
        {[...cells].flatMap(([key, numbers]) => {
          const [l, s] = key.split(":").map(Number) as [number, number];
          // Up to three markers a row, centred in the cell (nine risks fit in one).
          const cols = Math.min(numbers.length, 3);
          const rows = Math.ceil(numbers.length / 3);
          return numbers.map((n, i) => {
            const cx = LEFT + (s - 1) * CELL + CELL / 2 + ((i % 3) - (cols - 1) / 2) * 20;
            const cy = TOP + (4 - l) * CELL + CELL / 2 + (Math.floor(i / 3) - (rows - 1) / 2) * 20;
            return (
              <g key={`${which}-${n}`} className="risk-marker" data-risk={n}>
                <circle cx={cx} cy={cy} r={9} fill="#1f3b57" />
                <text x={cx} y={cy + 4} textAnchor="middle" fontSize={11} fill="#fff" fontWeight="bold">
                  {n}
                </text>
              </g>
            );
          });
        })}
      </svg>
    </figure>
  );
}
