// The projects table: the overview's filters plus free text, server-side sorting and paging,
// a choice of columns, exports of everything the filters match, and (editors) saving the filters
// as a search whose news the watch page shows.
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { Link, useSearchParams } from "react-router";
import { FilterBar } from "../components/FilterBar";
import { Empty, Failed, Loading } from "../components/StateView";
import { useLang } from "../i18n";
import { useApi } from "../lib/api";
import type { ProjectPage, ProjectSummary } from "../lib/api-types";
import { COLUMNS, type Column, nextSort, readColumns, saveColumns, SORTABLE } from "../lib/columns";
import { toApiParams } from "../lib/filters";
import { countryName, formatAmount, formatNumber, formatUsdCompact } from "../lib/format";
import { useFilters } from "../lib/use-filters";
import { SaveSearch } from "./watch/SaveSearch";

const PAGE_SIZE = 50;
const SORTS = ["-year", "year", "-amount", "amount", "title", "-title"];
const EXPORTS = [
  { format: "csv", label: "CSV" },
  { format: "xlsx", label: "XLSX" },
  { format: "geojson", label: "GeoJSON" },
  { format: "csl", label: "CSL-JSON" },
] as const;

export default function ProjectsPage() {
  const { t } = useTranslation();
  const { lang, vocab } = useLang();
  const [params, setParams] = useSearchParams();
  const [filters, setFilters] = useFilters();
  const [columns, setColumns] = useState<Column[]>(readColumns);
  const sort = SORTS.includes(params.get("sort") ?? "") ? (params.get("sort") as string) : "-year";
  const page = Math.max(1, Number(params.get("page")) || 1);

  const api = toApiParams(filters);
  api.set("sort", sort);
  api.set("limit", String(PAGE_SIZE));
  api.set("offset", String((page - 1) * PAGE_SIZE));
  const result = useApi<ProjectPage>(`/api/projects?${api}`);
  const data = result.data;
  const pages = data ? Math.max(1, Math.ceil(data.total / PAGE_SIZE)) : 1;

  const setParam = (key: string, value: string | null) => {
    const next = new URLSearchParams(params);
    if (value === null) next.delete(key);
    else next.set(key, value);
    setParams(next);
  };
  const toggleColumn = (c: Column) => {
    const next = columns.includes(c) ? columns.filter((x) => x !== c) : COLUMNS.filter((x) => x === c || columns.includes(x));
    setColumns(next);
    saveColumns(next);
  };
  const exportQuery = toApiParams(filters);

  const header = (key: Column | "title") => {
    const sortKey = SORTABLE[key];
    const label = t(`columns.${key}`);
    if (!sortKey) return <th key={key} scope="col">{label}</th>;
    const dir = sort === sortKey ? "ascending" : sort === `-${sortKey}` ? "descending" : "none";
    return (
      <th key={key} scope="col" aria-sort={dir}>
        <button type="button" className="sort-button" onClick={() => setParam("sort", nextSort(sort, sortKey))}>
          {label} <span aria-hidden="true">{dir === "ascending" ? "▲" : dir === "descending" ? "▼" : "↕"}</span>
        </button>
      </th>
    );
  };

  const cell = (p: ProjectSummary, c: Column) => {
    switch (c) {
      case "country":
        return p.country ? <Link to={`/countries/${p.country}`}>{countryName(p.country, lang)}</Link> : <span className="muted">—</span>;
      case "year":
        return p.year ?? <span className="muted">—</span>;
      case "vendors":
        return p.vendors.join(", ") || <span className="muted">—</span>;
      case "buyer":
        return p.buyer ?? <span className="muted">—</span>;
      case "category":
        return vocab("categories", p.category) || <span className="muted">—</span>;
      case "mechanism":
        return vocab("mechanisms", p.mechanism) || <span className="muted">—</span>;
      case "status":
        return vocab("statuses", p.status) || <span className="muted">—</span>;
      case "amount":
        return p.amount ? formatAmount(p.amount, lang) : <span className="muted">—</span>;
      case "review":
        return <span className={`badge review-${p.review.state}`}>{t(`review.${p.review.state}`)}</span>;
      case "sources":
        return p.sourceCount > 0 ? formatNumber(p.sourceCount, lang) : <span className="badge warn">{t("project.noSources")}</span>;
    }
  };

  return (
    <div className="page projects">
      <h1>{t("projects.title")}</h1>
      <FilterBar filters={filters} onChange={(f) => setFilters(f)} search />
      <SaveSearch filters={filters} />
      <div className="table-tools">
        <p className="result-count" role="status">
          {data ? t(data.totalEstimated ? "projects.countEstimated" : "projects.count", { count: data.total, formatted: formatNumber(data.total, lang) }) : "\u00a0"}
          {data && data.amounts.counted > 0 && <> · {t("projects.pageUsd", { usd: formatUsdCompact(data.amounts.usd, lang) })}</>}
        </p>
        <details className="columns-menu">
          <summary>{t("projects.columns")}</summary>
          <fieldset>
            <legend className="visually-hidden">{t("projects.columns")}</legend>
            {COLUMNS.map((c) => (
              <label key={c}>
                <input type="checkbox" checked={columns.includes(c)} onChange={() => toggleColumn(c)} /> {t(`columns.${c}`)}
              </label>
            ))}
          </fieldset>
        </details>
        <div className="exports" role="group" aria-label={t("projects.export")}>
          <span>{t("projects.export")}:</span>
          {EXPORTS.map((e) => {
            const q = new URLSearchParams(exportQuery);
            q.set("format", e.format);
            return (
              <a key={e.format} className="button secondary small" href={`/api/export?${q}`} download>
                {e.label}
              </a>
            );
          })}
        </div>
      </div>
      {result.state === "error" && <Failed error={result.error} onRetry={result.reload} />}
      {result.state === "loading" && !data && <Loading slow={result.slow} onRetry={result.reload} />}
      {data && data.items.length === 0 && <Empty>{t("projects.empty")}</Empty>}
      {data && data.items.length > 0 && (
        <div className="table-wrap" aria-busy={result.state === "loading"}>
          <table className="data-table">
            <caption className="visually-hidden">{t("projects.caption")}</caption>
            <thead>
              <tr>
                {header("title")}
                {columns.map((c) => header(c))}
              </tr>
            </thead>
            <tbody>
              {data.items.map((p) => (
                <tr key={p.id}>
                  <th scope="row">
                    <Link to={`/projects/${encodeURIComponent(p.id)}`}>{p.title}</Link>
                  </th>
                  {columns.map((c) => (
                    <td key={c} className={`col-${c}`} data-label={t(`columns.${c}`)}>
                      {cell(p, c)}
                    </td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {data && pages > 1 && (
        <nav className="pager" aria-label={t("projects.pages")}>
          <button type="button" className="button secondary" disabled={page <= 1} onClick={() => setParam("page", page - 1 > 1 ? String(page - 1) : null)}>
            {t("projects.previous")}
          </button>
          <span>{t("projects.pageOf", { page: formatNumber(page, lang), pages: formatNumber(pages, lang) })}</span>
          <button type="button" className="button secondary" disabled={page >= pages} onClick={() => setParam("page", String(page + 1))}>
            {t("projects.next")}
          </button>
        </nav>
      )}
      {data && <p className="license-line">{t("common.license")}: {data.license}</p>}
    </div>
  );
}
