// An organization: its names, family, roles, the countries and years of its projects, and the list.
import { useTranslation } from "react-i18next";
import { Link, useParams } from "react-router";
import { MiniBars } from "../components/MiniBars";
import { ProjectList } from "../components/ProjectList";
import { Failed, Loading } from "../components/StateView";
import { useLang } from "../i18n";
import { useApi } from "../lib/api";
import type { OrganizationProfile } from "../lib/api-types";
import { filtersToParams } from "../lib/filters";
import { countryName, formatUsdCompact } from "../lib/format";

export default function OrganizationPage() {
  const { id = "" } = useParams();
  const { t } = useTranslation();
  const { lang, vocab } = useLang();
  const result = useApi<OrganizationProfile>(`/api/organizations/${encodeURIComponent(id)}`);
  if (result.state === "error") return <Failed error={result.error} onRetry={result.reload} />;
  const o = result.data;
  if (!o) return <Loading slow={result.state === "loading" && result.slow} onRetry={result.reload} />;
  const usd = o.byCountry.reduce((n, g) => n + g.usd, 0);
  return (
    <article className="page organization">
      <p className="breadcrumbs">
        <Link to="/projects">{t("nav.projects")}</Link>
      </p>
      <h1>{o.name}</h1>
      <p className="lede">
        {o.fullName && o.fullName !== o.name && <>{o.fullName} · </>}
        {vocab("orgKinds", o.kind)}
        {o.homeCountry && <> · {countryName(o.homeCountry, lang)}</>}
        {o.reviewState !== "verified" && <span className="badge warn">{t("org.candidate")}</span>}
      </p>
      <section className="figures" aria-label={t("overview.headline")}>
        <div className="figure">
          <span className="figure-value">{o.projectList.total}</span>
          <span className="figure-label">{t("overview.projects")}</span>
        </div>
        <div className="figure">
          <span className="figure-value">{o.byCountry.filter((g) => g.key).length}</span>
          <span className="figure-label">{t("overview.countries")}</span>
        </div>
        <div className="figure">
          <span className="figure-value">{formatUsdCompact(usd, lang)}</span>
          <span className="figure-label">{t("overview.totalUsd")}</span>
        </div>
      </section>
      <div className="two-columns">
        <section className="card" aria-labelledby="org-countries">
          <h2 id="org-countries">{t("org.byCountry")}</h2>
          <MiniBars groups={o.byCountry} label={t("org.byCountry")} name={(g) => countryName(g.key, lang) || t("common.unknown")} href={(g) => (g.key ? `/countries/${g.key}` : null)} />
        </section>
        <section className="card" aria-labelledby="org-about">
          <h2 id="org-about">{t("org.about")}</h2>
          <dl className="fields">
            {o.aliases.length > 0 && (
              <>
                <dt>{t("org.aliases")}</dt>
                <dd>{o.aliases.join(", ")}</dd>
              </>
            )}
            {o.parent && (
              <>
                <dt>{t("org.parent")}</dt>
                <dd>
                  <Link to={`/organizations/${encodeURIComponent(o.parent.id)}`}>{o.parent.name}</Link>
                </dd>
              </>
            )}
            {o.subsidiaries.length > 0 && (
              <>
                <dt>{t("org.subsidiaries")}</dt>
                <dd>
                  {o.subsidiaries.map((s, i) => (
                    <span key={s.id}>
                      {i > 0 && ", "}
                      <Link to={`/organizations/${encodeURIComponent(s.id)}`}>{s.name}</Link>
                    </span>
                  ))}
                </dd>
              </>
            )}
            {o.byRole.length > 0 && (
              <>
                <dt>{t("org.roles")}</dt>
                <dd>{o.byRole.map((r) => `${vocab("roles", r.role)} (${r.projects})`).join(", ")}</dd>
              </>
            )}
            {o.sources.length > 0 && (
              <>
                <dt>{t("org.sources")}</dt>
                <dd>{o.sources.join("; ")}</dd>
              </>
            )}
          </dl>
        </section>
      </div>
      <section className="card" aria-labelledby="org-projects">
        <h2 id="org-projects">{t("nav.projects")}</h2>
        <ProjectList items={o.projectList.items} total={o.projectList.total} moreLink={`/projects?${filtersToParams({ vendor: o.name })}`} />
      </section>
    </article>
  );
}
