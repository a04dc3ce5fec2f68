// The overview: headline figures, the choropleth with city points and the charts, all following the
// filters in the URL; clicking a country, bar or cell narrows the view.
import { lazy, Suspense, useEffect, useMemo } from "react";
import { useTranslation } from "react-i18next";
import { Link, useNavigate, useSearchParams } from "react-router";
import { FilterBar } from "../components/FilterBar";
import { CountryMap, type MapPoint, preloadMap } from "../components/CountryMap";
import { Failed, Loading } from "../components/StateView";
import { useLang } from "../i18n";
import { useApi } from "../lib/api";
import type { Overview } from "../lib/api-types";
import { filtersToParams, toApiParams, toggleFilter } from "../lib/filters";
import { formatNumber, formatUsdCompact } from "../lib/format";
import { useFilters } from "../lib/use-filters";
import type { Metric } from "../charts/OverviewCharts";

const loadCharts = () => import("../charts/OverviewCharts");
const OverviewCharts = lazy(loadCharts);

export function OverviewPage() {
  const { t } = useTranslation();
  const { lang } = useLang();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const [filters, setFilters] = useFilters();
  const metric: Metric = params.get("metric") === "usd" ? "usd" : "projects";
  const query = toApiParams(filters).toString();
  const result = useApi<Overview>(`/api/overview${query ? `?${query}` : ""}`);
  // Fetch the charts and the map geometry while the figures load, not after (no waterfall).
  useEffect(() => {
    void loadCharts();
    void preloadMap();
  }, []);
  const data = result.data;

  const fmt = (v: number) => (metric === "usd" ? formatUsdCompact(v, lang) : formatNumber(v, lang));
  const values = useMemo(() => new Map((data?.byCountry ?? []).filter((g) => g.key).map((g) => [g.key as string, metric === "usd" ? g.usd : g.projects])), [data, metric]);
  const points = useMemo<MapPoint[]>(
    () =>
      (data?.points ?? []).map((p) => ({
        lon: p.lon,
        lat: p.lat,
        weight: p.projects,
        precise: p.precision === "city",
        label: p.title ? `${p.place}: ${p.title}` : t("map.pointLabel", { place: p.place, count: p.projects }),
        onSelect: () =>
          void navigate(p.projectId ? `/projects/${encodeURIComponent(p.projectId)}` : `/projects?${filtersToParams({ ...filters, country: p.country, q: p.place })}`),
      })),
    [data, filters, navigate, t],
  );
  const setMetric = (m: Metric) => setFilters(filters, { metric: m === "usd" ? "usd" : null });
  const projectsLink = `/projects?${filtersToParams(filters)}`;

  return (
    <div className="page overview" data-state={result.state}>
      <div className="page-intro">
        <h1>{t("overview.title")}</h1>
        <p className="lede">{t("overview.lede")}</p>
      </div>
      <FilterBar filters={filters} onChange={(f) => setFilters(f)} vendors={data?.topVendors.map((v) => v.label ?? v.key ?? "") ?? []} />
      {result.state === "error" && <Failed error={result.error} onRetry={result.reload} />}
      {result.state === "loading" && !data && <Loading slow={result.slow} onRetry={result.reload} />}
      {data && (
        <>
          {result.state === "loading" && (
            <p className="updating" role="status">
              {result.slow ? t("state.slow") : t("state.updating")}
            </p>
          )}
          <section aria-label={t("overview.headline")} className="figures">
            <Figure value={formatNumber(data.totals.projects, lang)} label={t("overview.projects")} />
            <Figure value={formatNumber(data.totals.countries, lang)} label={t("overview.countries")} />
            <Figure value={formatNumber(data.totals.vendors, lang)} label={t("overview.vendors")} />
            <Figure value={formatUsdCompact(data.totals.usd, lang)} label={t("overview.totalUsd")} note={t("overview.usdNote", { count: data.totals.withAmount })} />
            <Figure value={formatNumber(data.totals.sources, lang)} label={t("overview.sources")} />
          </section>
          {data.totals.projects === 0 ? (
            <div className="state state-empty" role="status">
              <p>{t("overview.empty")}</p>
              <button type="button" className="button secondary" onClick={() => setFilters({})}>
                {t("filters.clear")}
              </button>
            </div>
          ) : (
            <div className="overview-grid">
              <section className="card map-card" aria-labelledby="map-title">
                <div className="card-head">
                  <h2 id="map-title">{t("overview.mapTitle")}</h2>
                  <div role="group" aria-label={t("overview.metric")} className="segmented">
                    <button type="button" aria-pressed={metric === "projects"} onClick={() => setMetric("projects")}>
                      {t("overview.metricProjects")}
                    </button>
                    <button type="button" aria-pressed={metric === "usd"} onClick={() => setMetric("usd")}>
                      {t("overview.metricUsd")}
                    </button>
                  </div>
                </div>
                <p className="hint">{t("overview.mapHint")}</p>
                <CountryMap label={t("overview.mapLabel")} values={values} format={fmt} selected={filters.country} onSelect={(code) => setFilters(toggleFilter(filters, "country", code))} points={points} />
              </section>
              <Suspense fallback={<Loading />}>
                <OverviewCharts data={data} metric={metric} filters={filters} onFilter={(f) => setFilters(f)} />
              </Suspense>
            </div>
          )}
          <p className="table-link">
            <Link to={projectsLink} className="button">
              {t("overview.seeProjects", { count: data.totals.projects })}
            </Link>
          </p>
          <p className="license-line">
            {t("common.license")}: {data.license}. {data.coordinatesAttribution}.
          </p>
        </>
      )}
    </div>
  );
}

function Figure({ value, label, note }: { value: string; label: string; note?: string }) {
  return (
    <div className="figure">
      <span className="figure-value">{value}</span>
      <span className="figure-label">{label}</span>
      {note && <span className="figure-note">{note}</span>}
    </div>
  );
}
