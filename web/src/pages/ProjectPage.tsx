// One project: every field with footnote markers to its quotes, disagreements side by side, parties,
// timeline, map location, full citations, related projects, and review actions for editors.
import { Fragment, useMemo } from "react";
import { useTranslation } from "react-i18next";
import { Link, useParams } from "react-router";
import { CountryMap } from "../components/CountryMap";
import { FootnoteMarkers } from "../components/Footnote";
import { ReviewPanel } from "../components/ReviewPanel";
import { Failed, Loading } from "../components/StateView";
import { useLang } from "../i18n";
import { useApi } from "../lib/api";
import type { ProjectWithRelated } from "../lib/api-types";
import { groupConflicts } from "../lib/conflicts";
import { numberFootnotes } from "../lib/footnotes";
import { countryName, formatClaimValue, formatPartialDate, type ValueLabels } from "../lib/format";
import { projectTimeline } from "../lib/timeline";

/** The fields in the order the page shows them (footnotes are numbered in this order). */
export const FIELD_ORDER = ["vendors", "financiers", "buyer", "country", "subdivision", "city", "amount", "year", "category", "mechanism", "status", "quantity", "parties"] as const;

interface LocationAnswer {
  location: { lon: number; lat: number; precision: "city" | "subdivision" | "country"; place: string } | null;
  attribution: string;
}

export default function ProjectPage() {
  const { id = "" } = useParams();
  const result = useApi<ProjectWithRelated>(`/api/projects/${encodeURIComponent(id)}`);
  if (result.state === "error") return <Failed error={result.error} onRetry={result.reload} />;
  if (result.state === "loading" && !result.data) return <Loading slow={result.slow} onRetry={result.reload} />;
  const p = result.data;
  if (!p) return null;
  return <ProjectView project={p} onChanged={result.reload} key={p.id} />;
}

function ProjectView({ project: p, onChanged }: { project: ProjectWithRelated; onChanged: () => void }) {
  const { t } = useTranslation();
  const { lang, vocab } = useLang();
  const labels: ValueLabels = useMemo(() => ({ lang, vocabulary: (list, id) => vocab(list, id), unit: (key, count) => t(`units.${key}`, { count, defaultValue: key }) }), [lang, vocab, t]);
  const { fields, notes } = useMemo(() => numberFootnotes(p.claims, FIELD_ORDER, p.sources), [p]);
  const timeline = useMemo(() => projectTimeline(p), [p]);
  const where = useApi<LocationAnswer>(p.country ? `/api/projects/${encodeURIComponent(p.id)}/location` : null);

  // The value the page shows for a field: the claims' shown value, else the summary's (unsourced).
  const summaryValue = (field: string): unknown => {
    const v = (p as unknown as Record<string, unknown>)[field];
    if (Array.isArray(v) && v.length === 0) return null;
    if (v && typeof v === "object" && !Array.isArray(v) && Object.keys(v).length === 0) return null;
    return v ?? null;
  };

  const rows = FIELD_ORDER.filter((f) => f !== "parties").flatMap((field) => {
    const values = fields.get(field) ?? [];
    let shown = values.find((v) => v.shown);
    // A reviewer's status on the record outranks the sources' (the summary says which is in force).
    if (field === "status" && p.status && shown && shown.value !== p.status) shown = values.find((v) => v.value === p.status) ?? { ...shown, value: p.status, notes: [] };
    const value = shown ? shown.value : summaryValue(field);
    if (value === null || value === undefined) return [];
    const marked = values.map((v) => ({ ...v, shown: v === shown }));
    const conflicts = groupConflicts(marked, (v) => formatClaimValue(field, v, labels), notes);
    return [{ field, text: formatClaimValue(field, value, labels), notes: shown?.notes ?? [], conflicts }];
  });

  return (
    <article className="page project" aria-labelledby="project-title">
      <p className="breadcrumbs">
        <Link to="/projects">{t("nav.projects")}</Link>
        {p.country && (
          <>
            {" / "}
            <Link to={`/countries/${p.country}`}>{countryName(p.country, lang)}</Link>
          </>
        )}
      </p>
      <header className="project-head">
        <h1 id="project-title">{p.title}</h1>
        <div className="project-badges">
          <span className={`badge review-${p.review.state}`}>{t(`review.${p.review.state}`)}</span>
          {p.review.by && p.review.state !== "candidate" && <span className="muted">{t("project.reviewedBy", { by: p.review.by, at: formatPartialDate(p.review.at?.slice(0, 10), lang) })}</span>}
          <span className="muted">{t("project.sourceCount", { count: p.sourceCount })}</span>
        </div>
        <div className="project-actions no-print">
          <Link className="button" to={`/assessments/new?project=${encodeURIComponent(p.id)}`}>
            {t("project.startAssessment")}
          </Link>
          <button type="button" className="button secondary" onClick={() => window.print()}>
            {t("project.print")}
          </button>
        </div>
      </header>

      {p.sourceCount === 0 && (
        <p className="notice warn" role="note">
          {t("project.unsourcedRecord")}
        </p>
      )}

      <div className="project-layout">
        <section aria-labelledby="fields-title" className="card">
          <h2 id="fields-title">{t("project.fields")}</h2>
          <p className="hint">{t("project.footnoteHint")}</p>
          <dl className="fields">
            {rows.map((r) => (
              <Fragment key={r.field}>
                <dt>{t(`fields.${r.field}`)}</dt>
                <dd data-field={r.field}>
                  <span className="value">{r.text}</span>
                  {r.notes.length > 0 ? <FootnoteMarkers numbers={r.notes} notes={notes} /> : <span className="badge warn">{t("project.noSourceForField")}</span>}
                  {r.conflicts.length > 0 && (
                    <div className="conflict" role="note">
                      <span className="conflict-title">{t("project.conflict")}</span>
                      <ul>
                        {r.conflicts.map((c) => (
                          <li key={c.text} className={c.shown ? "shown" : undefined}>
                            <strong>{c.text}</strong> — {c.sources.join(", ")} <FootnoteMarkers numbers={c.notes} notes={notes} />
                            {c.shown && <span className="badge">{t("project.shownValue")}</span>}
                          </li>
                        ))}
                      </ul>
                    </div>
                  )}
                </dd>
              </Fragment>
            ))}
          </dl>
          <p className="license-line">
            {t("common.license")}: {p.license}
          </p>
        </section>

        <aside className="project-side">
          <section aria-labelledby="parties-title" className="card">
            <h2 id="parties-title">{t("project.parties")}</h2>
            {p.parties.length ? (
              <ul className="parties">
                {p.parties.map((party) => (
                  <li key={`${party.role}-${party.name}`}>
                    {party.organizationId ? <Link to={`/organizations/${encodeURIComponent(party.organizationId)}`}>{party.name}</Link> : party.name}{" "}
                    <span className="badge">{vocab("roles", party.role)}</span>
                  </li>
                ))}
              </ul>
            ) : (
              <p className="muted">{t("project.noParties")}</p>
            )}
          </section>
          {p.country && (
            <section aria-labelledby="location-title" className="card">
              <h2 id="location-title">{t("project.location")}</h2>
              <CountryMap
                label={t("project.locationMap", { place: where.data?.location?.place ?? countryName(p.country, lang) })}
                focus={p.country}
                points={where.data?.location && where.data.location.precision !== "country" ? [{ ...where.data.location, weight: 1, precise: where.data.location.precision === "city", label: where.data.location.place }] : []}
              />
              <p className="muted">
                {[p.city, p.subdivision, countryName(p.country, lang)].filter(Boolean).join(", ")}
                {where.data?.location && where.data.location.precision !== "city" && where.data.location.precision !== "country" && <> · {t("project.approximate", { place: where.data.location.place })}</>}
              </p>
            </section>
          )}
          <section aria-labelledby="timeline-title" className="card">
            <h2 id="timeline-title">{t("project.timeline")}</h2>
            {timeline.length ? (
              <ol className="timeline">
                {timeline.map((e, i) => (
                  <li key={i} className={`event-${e.kind}`}>
                    <time dateTime={e.date}>{formatPartialDate(e.date, lang)}</time>
                    <span>
                      {e.kind === "deal" && t("project.eventDeal", { status: e.detail.split(" / ").map((s) => vocab("statuses", s)).filter(Boolean).join(" / ") || t("common.unknown") })}
                      {e.kind === "source" && (
                        <>
                          {t("project.eventSource")} <Link to={`/documents/${encodeURIComponent(e.detail)}`}>{e.title}</Link>
                        </>
                      )}
                      {e.kind === "review" && t("project.eventReview", { state: t(`review.${e.detail}`) })}
                    </span>
                  </li>
                ))}
              </ol>
            ) : (
              <p className="muted">{t("project.noTimeline")}</p>
            )}
          </section>
        </aside>
      </div>

      <ReviewPanel project={p} onChanged={onChanged} />

      <section aria-labelledby="sources-title" className="card">
        <h2 id="sources-title">{t("project.sources")}</h2>
        {p.sources.length ? (
          <ol className="citations">
            {p.sources.map((s) => (
              <li key={s.documentId}>
                <span className="citation-text">{s.citation}</span>{" "}
                <Link to={`/documents/${encodeURIComponent(s.documentId)}`}>{t("project.openDocument")}</Link>
                {s.url && (
                  <>
                    {" · "}
                    <a href={s.url} rel="noopener noreferrer external" target="_blank">
                      {t("project.original")}
                    </a>
                  </>
                )}
              </li>
            ))}
          </ol>
        ) : (
          <p className="notice warn">{t("project.unsourcedRecord")}</p>
        )}
      </section>

      <section aria-labelledby="notes-title" className="card notes">
        <h2 id="notes-title">{t("project.notes")}</h2>
        <ol className="footnote-list">
          {notes.map((n) => (
            <li key={n.n} id={`note-${n.n}`} value={n.n}>
              <q className="quote">{n.quote}</q> — <span className="citation-text">{n.citation?.citation ?? n.documentId}</span>
            </li>
          ))}
        </ol>
      </section>

      {p.related.length > 0 && (
        <section aria-labelledby="related-title" className="card no-print">
          <h2 id="related-title">{t("project.related")}</h2>
          <ul className="related">
            {p.related.map((r) => (
              <li key={r.id}>
                <Link to={`/projects/${encodeURIComponent(r.id)}`}>{r.title}</Link>{" "}
                <span className="muted">
                  {[r.country && countryName(r.country, lang), r.year].filter(Boolean).join(" · ")}
                </span>
              </li>
            ))}
          </ul>
        </section>
      )}
    </article>
  );
}
