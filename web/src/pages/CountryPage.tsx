// A country: its totals, the map zoomed to it, its projects by category, year and vendor, the list.
import { useTranslation } from "react-i18next";
import { Link, useParams } from "react-router";
import { CountryMap } from "../components/CountryMap";
import { MiniBars } from "../components/MiniBars";
import { ProjectList } from "../components/ProjectList";
import { Failed, Loading } from "../components/StateView";
import { useLang } from "../i18n";
import { useApi } from "../lib/api";
import type { PlaceView } from "../lib/api-types";
import { filtersToParams } from "../lib/filters";
import { countryName, formatNumber, formatUsdCompact } from "../lib/format";

export default function CountryPage() {
  const { code = "" } = useParams();
  const { t } = useTranslation();
  const { lang, vocab } = useLang();
  const result = useApi<PlaceView>(`/api/places/${encodeURIComponent(code.toUpperCase())}`);
  if (result.state === "error") return <Failed error={result.error} onRetry={result.reload} />;
  const c = result.data;
  if (!c) return <Loading slow={result.state === "loading" && result.slow} onRetry={result.reload} />;
  const name = c.kind === "country" ? countryName(c.code, lang) : (c.names[lang] ?? c.name);
  const country = c.country ?? c.code;
  return (
    <article className="page country">
      <p className="breadcrumbs">
        <Link to={`/?${filtersToParams({ country })}`}>{t("nav.overview")}</Link>
      </p>
      <h1>{name}</h1>
      <section className="figures" aria-label={t("overview.headline")}>
        <div className="figure">
          <span className="figure-value">{formatNumber(c.totals.projects, lang)}</span>
          <span className="figure-label">{t("overview.projects")}</span>
        </div>
        <div className="figure">
          <span className="figure-value">{formatNumber(c.byVendor.length, lang)}</span>
          <span className="figure-label">{t("overview.vendors")}</span>
        </div>
        <div className="figure">
          <span className="figure-value">{formatUsdCompact(c.totals.usd, lang)}</span>
          <span className="figure-label">{t("overview.totalUsd")}</span>
          <span className="figure-note">{t("overview.usdNote", { count: c.totals.withAmount })}</span>
        </div>
      </section>
      <div className="two-columns">
        <section className="card" aria-labelledby="country-map">
          <h2 id="country-map">{t("project.location")}</h2>
          <CountryMap label={name} focus={c.kind === "country" ? c.code : country} />
        </section>
        <section className="card" aria-labelledby="country-categories">
          <h2 id="country-categories">{t("country.byCategory")}</h2>
          <MiniBars groups={c.byCategory} label={t("country.byCategory")} name={(g) => vocab("categories", g.key) || t("common.unknown")} href={(g) => (g.key ? `/projects?${filtersToParams({ country, category: g.key })}` : null)} />
          <h2 id="country-vendors">{t("country.byVendor")}</h2>
          <MiniBars groups={c.byVendor} label={t("country.byVendor")} name={(g) => g.label ?? g.key ?? t("common.unknown")} href={(g) => (g.key ? `/projects?${filtersToParams({ country, vendor: g.label ?? g.key })}` : null)} />
        </section>
      </div>
      <section className="card" aria-labelledby="country-projects">
        <h2 id="country-projects">{t("nav.projects")}</h2>
        <ProjectList items={c.projectList.items} total={c.projectList.total} moreLink={`/projects?${filtersToParams({ country })}`} />
      </section>
    </article>
  );
}
