// The result of an assessment, from the report's JSON (the same model the HTML and PDF reports
// render): the two risk maps, each risk with why and the measures that would lower it, the
// country's law (or that it has none), the vendor's jurisdiction, comparable deployments, the
// project's sources, and links to the HTML report (its own tab), the PDF and the JSON. All text is
// rendered as text: nothing from answers, sources or the knowledge base is injected as markup.
import type { TFunction } from "i18next";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { SignIn } from "../../components/SignIn";
import { useLang } from "../../i18n";
import { countryName } from "../../lib/format";
import { useSession } from "../../lib/session";
import { safeHref } from "./form-logic";
import { RiskMap } from "./RiskMap";
import type { CountryLaw, JurisdictionView, Report, ReportRisk, RiskPoint } from "./types";

export function AssessmentResult({ report }: { report: Report }) {
  const { t } = useTranslation();
  const { lang } = useLang();
  const { canEdit } = useSession();
  const id = encodeURIComponent(report.id);
  const reportUrl = (format: string) => `/api/assessments/${id}/report?format=${format}`;
  const s = report.system;
  const country = countryName(s.country, lang) || s.countryName || s.country;
  const editTo = report.status === "draft" ? `/assessments/${id}` : `/assessments/${id}?step=1`;

  return (
    <article className="page assessment assessment-result" aria-labelledby="result-title">
      <p className="breadcrumbs">
        <Link to="/assessments">{t("assessment.list.title")}</Link>
        {s.projectId && (
          <>
            {" / "}
            <Link to={`/projects/${encodeURIComponent(s.projectId)}`}>{s.title}</Link>
          </>
        )}
      </p>
      <header className="assessment-head">
        <h1 id="result-title">{report.title}</h1>
        <p className="muted">
          {t("assessment.form.meta", { country, status: t(`assessment.status.${report.status === "complete" ? "complete" : "draft"}`), version: report.questionnaire.version })}
          {" · "}
          {t("assessment.result.answered", { answered: report.answered, unanswered: report.unanswered })}
        </p>
        {lang !== "en" && <p className="notice">{t("assessment.englishOnly")}</p>}
        <div className="report-actions no-print">
          <a className="button" href={reportUrl("html")} target="_blank" rel="noopener">
            {t("assessment.result.openHtml")}
          </a>
          <a className="button secondary" href={reportUrl("pdf")} download={`assessment-${report.id}.pdf`}>
            {t("assessment.result.downloadPdf")}
          </a>
          <a className="button secondary" href={reportUrl("json")} download={`assessment-${report.id}.json`}>
            {t("assessment.result.downloadJson")}
          </a>
          {canEdit ? (
            <Link className="button secondary" to={editTo}>
              {t("assessment.result.edit")}
            </Link>
          ) : null}
        </div>
        {!canEdit && (
          <div className="notice signin-notice">
            <span>{t("assessment.result.signInToEdit")}</span> <SignIn />
          </div>
        )}
        {report.unanswered > 0 && <p className="notice warn">{t("assessment.result.unansweredNote", { count: report.unanswered })}</p>}
      </header>

      <section className="card" aria-labelledby="map-title">
        <h2 id="map-title">{t("assessment.result.mapTitle")}</h2>
        <div className="risk-maps">
          <RiskMap risks={report.risks} which="initial" title={t("assessment.result.initial")} />
          <RiskMap risks={report.risks} which="residual" title={t("assessment.result.residual")} />
        </div>
        <ol className="risk-legend">
          {report.risks.map((r) => (
            <li key={r.id}>
              <a href={`#risk-${r.id}`}>{r.title}</a>
            </li>
          ))}
        </ol>
        <p className="hint">{t("assessment.result.mapHelp")}</p>
      </section>

      <section aria-labelledby="risks-title">
        <h2 id="risks-title">{t("assessment.result.risksTitle")}</h2>
        <div className="risk-cards">
          {report.risks.map((r) => (
            <RiskCard key={r.id} risk={r} />
          ))}
        </div>
      </section>

      <section className="card" aria-labelledby="law-title">
        <h2 id="law-title">{t("assessment.result.lawTitle", { country })}</h2>
        <LawView law={report.law} country={country} />
        <h3>{t("assessment.result.legalPoints")}</h3>
        {report.legal.length ? (
          <ul className="legal-points">
            {report.legal.map((f) => (
              <li key={f.id}>{f.text}</li>
            ))}
          </ul>
        ) : (
          <p className="muted">{t("assessment.result.noLegalPoints")}</p>
        )}
      </section>

      <section className="card" aria-labelledby="vendor-title">
        <h2 id="vendor-title">{t("assessment.result.vendorTitle")}</h2>
        <VendorView vendor={report.vendor} />
      </section>

      <section className="card" aria-labelledby="comparable-title">
        <h2 id="comparable-title">{t("assessment.result.comparableTitle")}</h2>
        <p className="hint">{t("assessment.result.comparableHelp")}</p>
        {report.comparable.length ? (
          <ul className="comparable">
            {report.comparable.map((c) => (
              <li key={c.id}>
                <Link to={`/projects/${encodeURIComponent(c.id)}`}>{c.title}</Link>{" "}
                <span className="muted">
                  {[countryName(c.country, lang), c.year, c.vendors.join(", ")].filter((x) => x !== "" && x !== null && x !== undefined).join(" · ")}
                </span>
              </li>
            ))}
          </ul>
        ) : (
          <p className="muted">{t("assessment.result.noComparable")}</p>
        )}
      </section>

      <section className="card" aria-labelledby="sources-title">
        <h2 id="sources-title">{t("assessment.result.sourcesTitle")}</h2>
        {report.sources.length ? (
          <ol className="citations">
            {report.sources.map((c) => {
              const href = safeHref(c.url);
              return (
                <li key={c.documentId}>
                  <Link to={`/documents/${encodeURIComponent(c.documentId)}`}>{c.citation}</Link>
                  {href && (
                    <>
                      {" "}
                      <a href={href} rel="noopener noreferrer">
                        {t("assessment.result.original")}
                      </a>
                    </>
                  )}
                </li>
              );
            })}
          </ol>
        ) : (
          <p className="muted">{t("assessment.result.noSources")}</p>
        )}
        <h3>{t("assessment.result.licenses")}</h3>
        <ul className="license-list">
          {report.licenses.map((l) => (
            <li key={l}>{l}</li>
          ))}
        </ul>
        <p className="hint">{t("assessment.result.method", { method: report.questionnaire.method, laws: report.knowledgeBase.lawsAsOf, jurisdictions: report.knowledgeBase.jurisdictionsAsOf })}</p>
        <p className="hint">{t("assessment.result.notAdvice")}</p>
      </section>
    </article>
  );
}

function Zone({ point }: { point: RiskPoint }) {
  const { t } = useTranslation();
  return (
    <span className={`zone zone-${point.zone}`}>
      {t("assessment.result.point", { likelihood: point.likelihood, severity: point.severity })} · {t(`assessment.zone.${point.zone}`)}
    </span>
  );
}

function effect(t: TFunction, m: { likelihood: number; severity: number }): string {
  const parts: string[] = [];
  if (m.likelihood) parts.push(t("assessment.result.effectLikelihood", { n: m.likelihood > 0 ? `+${m.likelihood}` : `−${Math.abs(m.likelihood)}` }));
  if (m.severity) parts.push(t("assessment.result.effectSeverity", { n: m.severity > 0 ? `+${m.severity}` : `−${Math.abs(m.severity)}` }));
  return parts.join(", ");
}

function RiskCard({ risk: r }: { risk: ReportRisk }) {
  const { t } = useTranslation();
  const lowering = r.measures.filter((m) => m.state !== "in_place");
  const inPlace = r.measures.filter((m) => m.state === "in_place");
  return (
    <section className={`card risk-card zone-border-${r.initial.zone}`} id={`risk-${r.id}`} aria-labelledby={`risk-${r.id}-title`}>
      <h3 id={`risk-${r.id}-title`}>
        <span className="risk-number" aria-hidden="true">
          {r.number}
        </span>{" "}
        {r.title}
      </h3>
      <p className="muted">{r.description}</p>
      <dl className="risk-points">
        <dt>{t("assessment.result.initialShort")}</dt>
        <dd>
          <Zone point={r.initial} />
        </dd>
        <dt>{t("assessment.result.residualShort")}</dt>
        <dd>
          <Zone point={r.residual} />
        </dd>
      </dl>
      <h4>{t("assessment.result.why")}</h4>
      {r.raisedBy.length ? (
        <ul>
          {r.raisedBy.map((x) => (
            <li key={x.why}>
              {x.why} <span className="muted">({effect(t, x)})</span>
            </li>
          ))}
        </ul>
      ) : (
        <p className="muted">{t("assessment.result.atBase", { likelihood: r.base.likelihood, severity: r.base.severity })}</p>
      )}
      <h4>{t("assessment.result.measures")}</h4>
      {lowering.length > 0 && (
        <ul className="measures">
          {lowering.map((m) => (
            <li key={m.control}>
              {m.label} <span className="muted">({effect(t, m)})</span> <span className={`badge measure-${m.state}`}>{t(`assessment.measure.${m.state}`)}</span>
            </li>
          ))}
        </ul>
      )}
      {inPlace.length > 0 && (
        <>
          <p className="hint">{t("assessment.result.inPlace")}</p>
          <ul className="measures">
            {inPlace.map((m) => (
              <li key={m.control}>
                {m.label} <span className="badge measure-in_place">{t("assessment.measure.in_place")}</span>
              </li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}

function LawView({ law, country }: { law: CountryLaw | null; country: string }) {
  const { t } = useTranslation();
  if (!law) return <p className="notice warn">{t("assessment.result.lawUnknown", { country })}</p>;
  const authorityHref = safeHref(law.authority?.url);
  return (
    <>
      {law.generalLaw === null && (
        <p className="notice warn no-law" role="note">
          <strong>{t("assessment.result.noGeneralLaw", { country })}</strong> {t("assessment.result.noGeneralLawHelp")}
        </p>
      )}
      <dl className="fields law-facts">
        <dt>{t("assessment.result.generalLaw")}</dt>
        <dd data-field="general-law">
          {law.generalLaw ? (
            <>
              <strong>{law.generalLaw.title}</strong> ({law.generalLaw.year}) — {t(`assessment.lawStatus.${law.generalLaw.status}`)}
              {law.generalLaw.note && <span className="block muted">{law.generalLaw.note}</span>}
            </>
          ) : (
            <strong>{t("assessment.result.noGeneralLawShort")}</strong>
          )}
        </dd>
        <dt>{t("assessment.result.authority")}</dt>
        <dd>
          {law.authority ? (
            <>
              {authorityHref ? (
                <a href={authorityHref} rel="noopener noreferrer">
                  {law.authority.name}
                </a>
              ) : (
                law.authority.name
              )}
              {law.authority.independent === true && ` (${t("assessment.result.independent")})`}
              {law.authority.independent === false && ` (${t("assessment.result.notIndependent")})`}
              {law.authority.operational === false && ` — ${t("assessment.result.notOperational")}`}
              {law.authority.note && <span className="block muted">{law.authority.note}</span>}
            </>
          ) : (
            <strong>{t("assessment.result.noAuthority")}</strong>
          )}
        </dd>
        <dt>{t("assessment.result.dpia")}</dt>
        <dd>
          <strong>{t(`assessment.dpia.${law.dpia.required}`)}</strong> — {law.dpia.when}
          {law.dpia.reference && <span className="muted"> ({law.dpia.reference})</span>}
        </dd>
        <dt>{t("assessment.result.biometrics")}</dt>
        <dd>{law.biometrics.rule}</dd>
        <dt>{t("assessment.result.transfers")}</dt>
        <dd>{law.transfers.rule}</dd>
        {law.publicSecurity && (
          <>
            <dt>{t("assessment.result.publicSecurity")}</dt>
            <dd>{law.publicSecurity}</dd>
          </>
        )}
        {law.otherInstruments.length > 0 && (
          <>
            <dt>{t("assessment.result.otherInstruments")}</dt>
            <dd>
              <ul>
                {law.otherInstruments.map((i) => (
                  <li key={i.title}>
                    {i.title}
                    {i.year ? ` (${i.year})` : ""}
                    {i.note ? ` — ${i.note}` : ""}
                  </li>
                ))}
              </ul>
            </dd>
          </>
        )}
        <dt>{t("assessment.result.confidence")}</dt>
        <dd>
          {t(`assessment.confidence.${law.confidence}`)}
          {law.note ? ` — ${law.note}` : ""}
        </dd>
        <dt>{t("assessment.result.lawSources")}</dt>
        <dd>
          <ul>
            {law.sources.map((src) => {
              const href = safeHref(src.url);
              return (
                <li key={src.url}>
                  {href ? (
                    <a href={href} rel="noopener noreferrer">
                      {src.title}
                    </a>
                  ) : (
                    src.title
                  )}{" "}
                  <span className="muted">({t(`assessment.sourceKind.${src.kind}`)})</span>
                </li>
              );
            })}
          </ul>
        </dd>
      </dl>
    </>
  );
}

function VendorView({ vendor }: { vendor: JurisdictionView | null }) {
  const { t } = useTranslation();
  const { lang } = useLang();
  if (!vendor) return <p className="muted">{t("assessment.result.vendorUnanswered")}</p>;
  const name = vendor.name ?? (countryName(vendor.country, lang) || vendor.country);
  return (
    <>
      <p>
        {t("assessment.result.vendorExposure", { country: name })} <span className={`zone zone-${vendor.exposure === "unknown" ? "medium" : vendor.exposure}`}>{t(`assessment.exposure.${vendor.exposure}`)}</span>
        {vendor.confidence && <span className="muted"> · {t("assessment.result.confidenceOf", { confidence: t(`assessment.confidence.${vendor.confidence}`) })}</span>}
      </p>
      <p className="hint">{t("assessment.result.vendorRules")}</p>
      {vendor.note && <p className="muted">{vendor.note}</p>}
      {vendor.laws.length > 0 && (
        <ul className="vendor-laws">
          {vendor.laws.map((l) => {
            const href = safeHref(l.source.url);
            return (
              <li key={l.title}>
                <strong>{l.title}</strong> <span className="muted">{l.provisions}</span>{" "}
                <span className={`zone zone-${l.exposure}`}>{t(`assessment.exposure.${l.exposure}`)}</span>
                <p>{l.summary}</p>
                <p className="muted">
                  {t("assessment.result.lawAttributes", {
                    compels: t(`assessment.tristate.${l.compelsDisclosure ? "yes" : "no"}`),
                    abroad: t(`assessment.tristate.${l.reachesDataAbroad}`),
                    authorisation: t(`assessment.tristate.${l.independentPriorAuthorization}`),
                    secrecy: t(`assessment.tristate.${l.secrecy ? "yes" : "no"}`),
                  })}{" "}
                  — {l.why}
                </p>
                <p>
                  {href ? (
                    <a href={href} rel="noopener noreferrer">
                      {l.source.title}
                    </a>
                  ) : (
                    l.source.title
                  )}
                </p>
              </li>
            );
          })}
        </ul>
      )}
    </>
  );
}
