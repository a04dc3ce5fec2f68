// The impact-assessment pages, one lazily loaded chunk: the list (/assessments), starting one from a
// project or for a proposed system (/assessments/new?project=<id>), the step-by-step form with save
// and resume (/assessments/<id>?step=3) and the result (/assessments/<id>/result). Reading is
// public; starting and answering need an editor's session (the API refuses writes without one).
import { type FormEvent, useMemo, useState } from "react";
import { useTranslation } from "react-i18next";
import { Link, Navigate, Route, Routes, useNavigate, useParams, useSearchParams } from "react-router";
import { SignIn } from "../../components/SignIn";
import { Empty, Failed, Loading } from "../../components/StateView";
import { useLang } from "../../i18n";
import { api, ApiFailure, useApi } from "../../lib/api";
import type { ProjectWithRelated } from "../../lib/api-types";
import { LAC_COUNTRIES } from "../../lib/countries";
import { countryName, formatPartialDate } from "../../lib/format";
import { useSession } from "../../lib/session";
import { AssessmentForm } from "./AssessmentForm";
import { AssessmentResult } from "./AssessmentResult";
import type { AssessmentPage as AssessmentList, AssessmentView, QuestionnaireDoc, Report } from "./types";
import "./assessments.css";

export default function AssessmentRoutes() {
  return (
    <Routes>
      <Route index element={<AssessmentListPage />} />
      <Route path="new" element={<NewAssessment />} />
      <Route path=":id" element={<AssessmentPage />} />
      <Route path=":id/result" element={<ResultPage />} />
    </Routes>
  );
}

const PAGE = 25;

function AssessmentListPage() {
  const { t } = useTranslation();
  const { lang } = useLang();
  const [params, setParams] = useSearchParams();
  const offset = Math.max(0, Number(params.get("offset")) || 0);
  const list = useApi<AssessmentList>(`/api/assessments?limit=${PAGE}&offset=${offset}`);
  const data = list.data;
  return (
    <div className="page assessments-list">
      <header className="assessment-head">
        <h1>{t("assessment.list.title")}</h1>
        <p className="lede">{t("assessment.list.lede")}</p>
        <p className="report-actions">
          <Link className="button" to="/assessments/new">
            {t("assessment.list.newProposed")}
          </Link>
          <Link className="button secondary" to="/projects">
            {t("assessment.list.fromProject")}
          </Link>
        </p>
      </header>
      {list.state === "error" && <Failed error={list.error} onRetry={list.reload} />}
      {list.state === "loading" && !data && <Loading slow={list.slow} onRetry={list.reload} />}
      {data && data.items.length === 0 && <Empty>{t("assessment.list.empty")}</Empty>}
      {data && data.items.length > 0 && (
        <>
          <p className="result-count">{t("assessment.list.count", { count: data.total })}</p>
          <div className="table-wrap">
            <table className="data-table">
              <thead>
                <tr>
                  <th scope="col">{t("assessment.list.colTitle")}</th>
                  <th scope="col">{t("columns.country")}</th>
                  <th scope="col">{t("columns.status")}</th>
                  <th scope="col">{t("assessment.list.colProgress")}</th>
                  <th scope="col">{t("assessment.list.colUpdated")}</th>
                </tr>
              </thead>
              <tbody>
                {data.items.map((a) => (
                  <tr key={a.id}>
                    <th scope="row">
                      <Link to={a.status === "complete" ? `/assessments/${encodeURIComponent(a.id)}/result` : `/assessments/${encodeURIComponent(a.id)}`}>{a.title}</Link>
                      {a.projectId ? (
                        <span className="block muted small">
                          <Link to={`/projects/${encodeURIComponent(a.projectId)}`}>{t("assessment.form.project")}</Link>
                        </span>
                      ) : (
                        <span className="block muted small">{t("assessment.list.proposed")}</span>
                      )}
                    </th>
                    <td data-label={t("columns.country")}>{countryName(a.country, lang)}</td>
                    <td data-label={t("columns.status")}>
                      <span className={`badge status-${a.status}`}>{t(`assessment.status.${a.status}`)}</span>
                    </td>
                    <td data-label={t("assessment.list.colProgress")}>{t("assessment.list.unanswered", { count: a.unanswered.length })}</td>
                    <td data-label={t("assessment.list.colUpdated")}>
                      {formatPartialDate(a.updatedAt.slice(0, 10), lang)} <span className="muted">{a.updatedBy}</span>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          {data.total > PAGE && (
            <nav className="pager" aria-label={t("projects.pages")}>
              <button type="button" className="button secondary" disabled={offset === 0} onClick={() => setParams({ offset: String(Math.max(0, offset - PAGE)) })}>
                {t("projects.previous")}
              </button>
              <span>{t("projects.pageOf", { page: Math.floor(offset / PAGE) + 1, pages: Math.ceil(data.total / PAGE) })}</span>
              <button type="button" className="button secondary" disabled={offset + PAGE >= data.total} onClick={() => setParams({ offset: String(offset + PAGE) })}>
                {t("projects.next")}
              </button>
            </nav>
          )}
        </>
      )}
    </div>
  );
}

function NewAssessment() {
  const { t } = useTranslation();
  const { lang } = useLang();
  const navigate = useNavigate();
  const { canEdit, checking } = useSession();
  const [params] = useSearchParams();
  const projectId = params.get("project");
  const project = useApi<ProjectWithRelated>(projectId ? `/api/projects/${encodeURIComponent(projectId)}` : null);
  const existing = useApi<AssessmentList>(projectId ? `/api/assessments?project=${encodeURIComponent(projectId)}&limit=20` : null);
  const [title, setTitle] = useState("");
  const [country, setCountry] = useState("");
  const [prefill, setPrefill] = useState(true);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const countries = useMemo(() => [...LAC_COUNTRIES].map((c) => ({ code: c, name: countryName(c, lang) })).sort((a, b) => a.name.localeCompare(b.name, lang)), [lang]);

  const p = projectId ? project.data : null;
  const needsCountry = !projectId || (p !== null && !p.country);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setError(null);
    if (needsCountry && !country) {
      setError(t("assessment.new.chooseCountry"));
      return;
    }
    setBusy(true);
    try {
      const body: Record<string, unknown> = projectId ? { projectId, prefill } : {};
      if (needsCountry) body.country = country;
      if (title.trim()) body.title = title.trim();
      const created = await api<AssessmentView>("/api/assessments", { method: "POST", json: body });
      navigate(`/assessments/${encodeURIComponent(created.id)}`, { replace: true });
    } catch (err) {
      setError(err instanceof ApiFailure && err.status === 401 ? t("assessment.new.signInFirst") : t("state.errorGeneric", { message: err instanceof Error ? err.message : String(err) }));
      setBusy(false);
    }
  };

  return (
    <div className="page assessment-new">
      <p className="breadcrumbs">
        <Link to="/assessments">{t("assessment.list.title")}</Link>
        {projectId && p && (
          <>
            {" / "}
            <Link to={`/projects/${encodeURIComponent(projectId)}`}>{p.title}</Link>
          </>
        )}
      </p>
      <h1>{projectId ? t("assessment.new.titleProject") : t("assessment.new.titleProposed")}</h1>
      <p className="lede">{t("assessment.new.lede")}</p>
      {projectId && project.state === "error" && <Failed error={project.error} onRetry={project.reload} />}
      {projectId && project.state === "loading" && !p && <Loading slow={project.slow} />}
      {p && (
        <div className="card">
          <h2>{p.title}</h2>
          <p className="muted">{[countryName(p.country, lang), p.year, p.vendors.join(", ")].filter((x) => x !== "" && x !== null).join(" · ")}</p>
          <p>{t("assessment.new.prefillHelp")}</p>
        </div>
      )}
      {existing.data && existing.data.items.length > 0 && (
        <div className="card">
          <h2>{t("assessment.new.existing")}</h2>
          <ul>
            {existing.data.items.map((a) => (
              <li key={a.id}>
                <Link to={`/assessments/${encodeURIComponent(a.id)}`}>{a.title}</Link> <span className={`badge status-${a.status}`}>{t(`assessment.status.${a.status}`)}</span>{" "}
                <span className="muted">{t("assessment.list.unanswered", { count: a.unanswered.length })}</span>
              </li>
            ))}
          </ul>
        </div>
      )}
      {checking ? (
        <Loading />
      ) : !canEdit ? (
        <div className="notice signin-notice">
          <span>{t("assessment.new.signInFirst")}</span> <SignIn />
        </div>
      ) : projectId && !p ? null : (
        <form className="card stack-form" onSubmit={(e) => void submit(e)}>
          {!projectId && <p className="hint">{t("assessment.new.fromProjectHint")}</p>}
          <label htmlFor="assess-title">{t("assessment.new.name")}</label>
          <input id="assess-title" value={title} maxLength={300} onChange={(e) => setTitle(e.target.value)} placeholder={p?.title ?? t("assessment.new.namePlaceholder")} />
          {needsCountry && (
            <>
              <label htmlFor="assess-country">{t("assessment.new.country")}</label>
              <select id="assess-country" value={country} required onChange={(e) => setCountry(e.target.value)} aria-describedby="assess-country-help">
                <option value="">{t("assessment.new.chooseCountry")}</option>
                {countries.map((c) => (
                  <option key={c.code} value={c.code}>
                    {c.name}
                  </option>
                ))}
              </select>
              <p id="assess-country-help" className="hint">
                {t("assessment.new.countryHelp")}
              </p>
            </>
          )}
          {projectId && (
            <label className="checkbox-line">
              <input type="checkbox" checked={prefill} onChange={(e) => setPrefill(e.target.checked)} /> {t("assessment.new.prefill")}
            </label>
          )}
          {error && (
            <p role="alert" className="error-text">
              {error}
            </p>
          )}
          <button type="submit" className="button" disabled={busy}>
            {busy ? t("assessment.new.starting") : t("assessment.new.start")}
          </button>
        </form>
      )}
    </div>
  );
}

/** /assessments/<id>: the form for editors (resuming where it stopped), the result for everyone else. */
function AssessmentPage() {
  const { id = "" } = useParams();
  const { canEdit, checking } = useSession();
  if (checking) return <Loading />;
  if (!canEdit) return <Navigate to={`/assessments/${encodeURIComponent(id)}/result`} replace />;
  return <Editor id={id} key={id} />;
}

function Editor({ id }: { id: string }) {
  const { t } = useTranslation();
  const [params] = useSearchParams();
  const questionnaire = useApi<QuestionnaireDoc>("/api/assessment-questionnaire");
  const assessment = useApi<AssessmentView>(`/api/assessments/${encodeURIComponent(id)}`);
  if (questionnaire.state === "error" && questionnaire.error.status === 404) return <p className="notice page">{t("assessment.unavailable")}</p>;
  if (questionnaire.state === "error") return <Failed error={questionnaire.error} onRetry={questionnaire.reload} />;
  if (assessment.state === "error") return <Failed error={assessment.error} onRetry={assessment.reload} />;
  if (questionnaire.state !== "ready" || assessment.state !== "ready") return <Loading slow={(questionnaire.state === "loading" && questionnaire.slow) || (assessment.state === "loading" && assessment.slow)} />;
  // A finished assessment opens on its result; "Edit answers" there links back with a step.
  if (assessment.data.status === "complete" && !params.has("step")) return <Navigate to={`/assessments/${encodeURIComponent(id)}/result`} replace />;
  return <AssessmentForm questionnaire={questionnaire.data} initial={assessment.data} />;
}

function ResultPage() {
  const { id = "" } = useParams();
  const report = useApi<Report>(`/api/assessments/${encodeURIComponent(id)}/report?format=json`);
  if (report.state === "error") return <Failed error={report.error} onRetry={report.reload} />;
  if (report.state === "loading" && !report.data) return <Loading slow={report.slow} onRetry={report.reload} />;
  return report.data ? <AssessmentResult report={report.data} /> : null;
}
