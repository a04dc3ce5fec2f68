// The overview's charts (a lazy chunk with Observable Plot): projects or USD by year stacked by
// category, top vendors, vendor × country and mechanisms. Clicking a bar or cell filters.
import * as Plot from "@observablehq/plot";
import { useCallback, useMemo } from "react";
import { useTranslation } from "react-i18next";
import { useLang } from "../i18n";
import type { Overview } from "../lib/api-types";
import { type Filters, toggleFilter, toggleYear } from "../lib/filters";
import { countryName, formatNumber, formatUsdCompact } from "../lib/format";
import { PlotChart } from "./PlotChart";

export type Metric = "projects" | "usd";

interface Props {
  data: Overview;
  metric: Metric;
  filters: Filters;
  onFilter: (next: Filters) => void;
}

/** Thirteen categories need thirteen colours told apart; ordered as the vocabulary is. */
const CATEGORY_COLORS = ["#1f77b4", "#aec7e8", "#ff7f0e", "#2ca02c", "#98df8a", "#d62728", "#9467bd", "#c5b0d5", "#8c564b", "#e377c2", "#7f7f7f", "#bcbd22", "#17becf"];
const FONT = "system-ui, sans-serif";
/** Long organization names are cut on the axis; the full name stays in the tooltip and label. */
const shortLabel = (s: string) => (s.length > 24 ? `${s.slice(0, 23)}…` : s);

export default function OverviewCharts({ data, metric, filters, onFilter }: Props) {
  const { t } = useTranslation();
  const { lang, vocab } = useLang();
  const fmt = useCallback((v: number) => (metric === "usd" ? formatUsdCompact(v, lang) : formatNumber(v, lang)), [metric, lang]);
  const metricLabel = metric === "usd" ? t("overview.metricUsd") : t("overview.metricProjects");

  // Year × category.
  const yearRows = useMemo(() => data.byYearCategory.map((r) => ({ ...r, value: r[metric], label: r.category ? vocab("categories", r.category) : t("common.unknown") })), [data, metric, vocab, t]);
  const categoryDomain = useMemo(() => [...new Set(yearRows.map((r) => r.label))], [yearRows]);
  const buildYears = useCallback(
    (width: number) => {
      const years = [...new Set(yearRows.map((r) => r.year))].sort((a, b) => a - b);
      const every = Math.max(1, Math.ceil(years.length / Math.max(4, width / 60)));
      return Plot.plot({
        width,
        height: 300,
        marginLeft: 56,
        style: { fontFamily: FONT, fontSize: "12px" },
        x: { type: "band", domain: years, label: null, tickFormat: (y: number, i: number) => (i % every === 0 ? String(y) : "") },
        y: { label: metricLabel, grid: true, tickFormat: (v: number) => fmt(v) },
        color: { domain: categoryDomain, range: CATEGORY_COLORS, legend: true },
        marks: [
          Plot.barY(yearRows, { x: "year", y: "value", fill: "label", className: "pickable", title: (d: (typeof yearRows)[number]) => `${d.year} · ${d.label}: ${fmt(d.value)}`, inset: 0.5 }),
          Plot.ruleY([0]),
        ],
      });
    },
    [yearRows, categoryDomain, fmt, metricLabel],
  );

  // Top vendors.
  const vendorRows = useMemo(() => data.topVendors.map((g) => ({ label: g.label ?? g.key ?? "?", value: g[metric] })), [data, metric]);
  const buildVendors = useCallback(
    (width: number) =>
      Plot.plot({
        width,
        height: Math.max(120, vendorRows.length * 26 + 40),
        marginLeft: Math.min(170, width * 0.45),
        style: { fontFamily: FONT, fontSize: "12px" },
        x: { label: metricLabel, grid: true, tickFormat: (v: number) => fmt(v), ticks: Math.max(2, Math.floor(width / 120)) },
        y: { label: null, domain: vendorRows.map((r) => r.label), tickFormat: shortLabel },
        marks: [
          Plot.barX(vendorRows, { y: "label", x: "value", fill: (d: (typeof vendorRows)[number]) => (filters.vendor === d.label ? "#c2410c" : "#2b7a99"), className: "pickable", title: (d: (typeof vendorRows)[number]) => `${d.label}: ${fmt(d.value)}` }),
          Plot.ruleX([0]),
        ],
      }),
    [vendorRows, fmt, metricLabel, filters.vendor],
  );

  // Mechanisms.
  const mechanismRows = useMemo(() => data.byMechanism.map((g) => ({ key: g.key, label: g.key ? vocab("mechanisms", g.key) : t("common.unknown"), value: g[metric] })), [data, metric, vocab, t]);
  const buildMechanisms = useCallback(
    (width: number) =>
      Plot.plot({
        width,
        height: Math.max(120, mechanismRows.length * 26 + 40),
        marginLeft: Math.min(160, width * 0.35),
        style: { fontFamily: FONT, fontSize: "12px" },
        x: { label: metricLabel, grid: true, tickFormat: (v: number) => fmt(v), ticks: Math.max(2, Math.floor(width / 120)) },
        y: { label: null, domain: mechanismRows.map((r) => r.label) },
        marks: [
          Plot.barX(mechanismRows, { y: "label", x: "value", fill: (d: (typeof mechanismRows)[number]) => (d.key !== null && filters.mechanism === d.key ? "#c2410c" : "#5aa5bd"), className: "pickable", title: (d: (typeof mechanismRows)[number]) => `${d.label}: ${fmt(d.value)}` }),
          Plot.ruleX([0]),
        ],
      }),
    [mechanismRows, fmt, metricLabel, filters.mechanism],
  );

  // Vendor × country.
  const matrixRows = useMemo(
    () => data.vendorCountry.filter((r) => r.country !== null).map((r) => ({ vendor: r.label, country: r.country as string, countryLabel: countryName(r.country, lang), value: r[metric] })),
    [data, metric, lang],
  );
  const buildMatrix = useCallback(
    (width: number) => {
      const vendors = vendorRows.map((r) => r.label).filter((v) => matrixRows.some((m) => m.vendor === v));
      const countries = [...new Set(matrixRows.map((r) => r.countryLabel))].sort((a, b) => a.localeCompare(b, lang));
      return Plot.plot({
        width,
        height: Math.max(120, vendors.length * 28 + 110),
        marginLeft: Math.min(170, width * 0.35),
        marginBottom: 90,
        style: { fontFamily: FONT, fontSize: "11px" },
        x: { label: null, domain: countries, tickRotate: -45 },
        y: { label: null, domain: vendors, tickFormat: shortLabel },
        color: { scheme: "blues", type: "sqrt", label: metricLabel, legend: true, tickFormat: (v: number) => fmt(v) },
        marks: [
          Plot.cell(matrixRows, { x: "countryLabel", y: "vendor", fill: "value", inset: 1, className: "pickable", title: (d: (typeof matrixRows)[number]) => `${d.vendor} · ${d.countryLabel}: ${fmt(d.value)}` }),
          Plot.text(matrixRows, { x: "countryLabel", y: "vendor", text: (d: (typeof matrixRows)[number]) => (metric === "projects" && d.value > 0 ? String(d.value) : ""), fill: "currentColor", fontSize: 10 }),
        ],
      });
    },
    [matrixRows, vendorRows, fmt, metric, metricLabel, lang],
  );

  return (
    <div className="charts">
      <section className="card chart-card wide" aria-labelledby="chart-years">
        <h2 id="chart-years">{t("overview.chartYears", { metric: metricLabel })}</h2>
        <p className="hint">{t("overview.clickHint")}</p>
        {yearRows.length ? (
          <PlotChart
            label={t("overview.chartYears", { metric: metricLabel })}
            build={buildYears}
            describe={(i) => `${yearRows[i]?.year} · ${yearRows[i]?.label}: ${fmt(yearRows[i]?.value ?? 0)}`}
            onPick={(i) => {
              const r = yearRows[i];
              if (!r) return;
              const byYear = toggleYear(filters, r.year);
              onFilter(r.category ? toggleFilter(byYear, "category", r.category) : byYear);
            }}
          />
        ) : (
          <p className="state state-empty">{t("overview.noYears")}</p>
        )}
      </section>
      <section className="card chart-card" aria-labelledby="chart-vendors">
        <h2 id="chart-vendors">{t("overview.chartVendors")}</h2>
        {vendorRows.length ? (
          <PlotChart label={t("overview.chartVendors")} build={buildVendors} describe={(i) => `${vendorRows[i]?.label}: ${fmt(vendorRows[i]?.value ?? 0)}`} onPick={(i) => vendorRows[i] && onFilter(toggleFilter(filters, "vendor", vendorRows[i].label))} />
        ) : (
          <p className="state state-empty">{t("state.empty")}</p>
        )}
      </section>
      <section className="card chart-card" aria-labelledby="chart-mechanisms">
        <h2 id="chart-mechanisms">{t("overview.chartMechanisms")}</h2>
        {mechanismRows.length ? (
          <PlotChart
            label={t("overview.chartMechanisms")}
            build={buildMechanisms}
            describe={(i) => `${mechanismRows[i]?.label}: ${fmt(mechanismRows[i]?.value ?? 0)}`}
            onPick={(i) => {
              const key = mechanismRows[i]?.key;
              if (key) onFilter(toggleFilter(filters, "mechanism", key));
            }}
          />
        ) : (
          <p className="state state-empty">{t("state.empty")}</p>
        )}
      </section>
      <section className="card chart-card wide" aria-labelledby="chart-matrix">
        <h2 id="chart-matrix">{t("overview.chartMatrix")}</h2>
        {matrixRows.length ? (
          <PlotChart
            label={t("overview.chartMatrix")}
            build={buildMatrix}
            describe={(i) => `${matrixRows[i]?.vendor} · ${matrixRows[i]?.countryLabel}: ${fmt(matrixRows[i]?.value ?? 0)}`}
            onPick={(i) => {
              const r = matrixRows[i];
              if (r) onFilter({ ...filters, vendor: r.vendor, country: r.country });
            }}
          />
        ) : (
          <p className="state state-empty">{t("state.empty")}</p>
        )}
      </section>
    </div>
  );
}
