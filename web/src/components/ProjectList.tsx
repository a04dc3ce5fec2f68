// A compact table of projects for organization, country and document pages.
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { useLang } from "../i18n";
import type { ProjectSummary } from "../lib/api-types";
import { countryName, formatAmount } from "../lib/format";

export function ProjectList({ items, total, moreLink }: { items: readonly ProjectSummary[]; total: number; moreLink?: string }) {
  const { t } = useTranslation();
  const { lang, vocab } = useLang();
  if (items.length === 0) return <p className="state state-empty">{t("projects.empty")}</p>;
  return (
    <>
      <div className="table-wrap">
        <table className="data-table compact">
          <thead>
            <tr>
              <th scope="col">{t("columns.title")}</th>
              <th scope="col">{t("columns.country")}</th>
              <th scope="col">{t("columns.year")}</th>
              <th scope="col">{t("columns.category")}</th>
              <th scope="col">{t("columns.amount")}</th>
              <th scope="col">{t("columns.review")}</th>
            </tr>
          </thead>
          <tbody>
            {items.map((p) => (
              <tr key={p.id}>
                <th scope="row">
                  <Link to={`/projects/${encodeURIComponent(p.id)}`}>{p.title}</Link>
                </th>
                <td data-label={t("columns.country")}>{countryName(p.country, lang) || "—"}</td>
                <td data-label={t("columns.year")}>{p.year ?? "—"}</td>
                <td data-label={t("columns.category")}>{vocab("categories", p.category) || "—"}</td>
                <td data-label={t("columns.amount")}>{p.amount ? formatAmount(p.amount, lang) : "—"}</td>
                <td data-label={t("columns.review")}>
                  <span className={`badge review-${p.review.state}`}>{t(`review.${p.review.state}`)}</span>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {total > items.length && moreLink && (
        <p>
          <Link to={moreLink}>{t("projects.seeAll", { count: total })}</Link>
        </p>
      )}
    </>
  );
}
