// The step-by-step form: one section of the questionnaire per step, a progress indicator, back and
// next, every question with its help, prefilled answers marked, the API's complaints beside the
// questions. Answers are saved (PATCH) on every step change and with the Save button; the URL
// names the step (?step=3), so a reload or a shared link returns to it, and opening the
// assessment without a step resumes at the first step with an unanswered question.
import { type FormEvent, useEffect, useMemo, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { Link, useNavigate, useSearchParams } from "react-router";
import { useLang } from "../../i18n";
import { countryName, localeOf } from "../../lib/format";
import { currentValue, resumeStep, sectionProgress, stepOfQuestion } from "./form-logic";
import { fieldId, QuestionField } from "./QuestionField";
import type { AssessmentView, QuestionnaireDoc } from "./types";
import { type AssessmentEditor, type SaveState, useAssessmentEditor } from "./use-assessment-editor";

export function AssessmentForm({ questionnaire, initial }: { questionnaire: QuestionnaireDoc; initial: AssessmentView }) {
  const { t } = useTranslation();
  const { lang } = useLang();
  const navigate = useNavigate();
  const [params, setParams] = useSearchParams();
  const sections = questionnaire.sections;
  const questionIds = useMemo(() => new Set(sections.flatMap((s) => s.questions.map((q) => q.id))), [sections]);
  const editor = useAssessmentEditor(initial, questionIds, {
    fixFirst: t("assessment.save.fixFirst"),
    failed: (message) => t("assessment.save.failed", { message }),
  });
  const a = editor.assessment;

  // Without a step in the URL: the first step with an unanswered question, fixed at opening (answering
  // the last open question of a step must not move the form).
  const [resumeAt] = useState(() => resumeStep(sections, initial.unanswered, null));
  const stepParam = params.get("step");
  const step = stepParam === null ? resumeAt : resumeStep(sections, initial.unanswered, stepParam);
  const section = sections[step] ?? sections[0];
  const last = sections.length - 1;

  useEffect(() => {
    // The URL always names the step, so a reload comes back to it.
    if (stepParam !== String(step + 1)) setParams((p) => ({ ...Object.fromEntries(p), step: String(step + 1) }), { replace: true });
  }, [stepParam, step, setParams]);

  const heading = useRef<HTMLHeadingElement>(null);
  const firstRender = useRef(true);
  const [focusQuestion, setFocusQuestion] = useState<string | null>(null);
  useEffect(() => {
    if (firstRender.current) {
      firstRender.current = false;
      return;
    }
    // A new step: read from its heading (screen readers announce it; the page scrolls to it).
    if (!focusQuestion) heading.current?.focus();
  }, [step]);
  useEffect(() => {
    if (!focusQuestion) return;
    const el = document.getElementById(fieldId(focusQuestion));
    const target = el?.matches("input, textarea, select") ? el : el?.querySelector<HTMLElement>("input, textarea, select");
    target?.focus();
    el?.scrollIntoView?.({ block: "center" });
    setFocusQuestion(null);
  }, [focusQuestion, step]);

  const [busy, setBusy] = useState(false);

  const showInvalid = (invalid: string[]) => {
    const first = invalid[0];
    if (!first) return;
    const target = stepOfQuestion(sections, first);
    if (target >= 0 && target !== step) setParams({ step: String(target + 1) });
    setFocusQuestion(first);
  };

  const goTo = async (target: number) => {
    if (target < 0 || target > last || busy) return;
    setBusy(true);
    const outcome = await editor.save();
    setBusy(false);
    if (!outcome.ok && outcome.invalid.length) return showInvalid(outcome.invalid);
    // Other failures (network, server) keep the edits in the page and say so; moving on is allowed.
    setParams({ step: String(target + 1) });
  };

  const finish = async () => {
    if (busy) return;
    setBusy(true);
    const outcome = await editor.save({ status: "complete" });
    setBusy(false);
    if (!outcome.ok) return showInvalid(outcome.invalid);
    navigate(`/assessments/${encodeURIComponent(a.id)}/result`);
  };

  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    void editor.save().then((o) => (o.ok ? undefined : showInvalid(o.invalid)));
  };

  const totals = sections.reduce(
    (n, s) => {
      const p = sectionProgress(s, a.answers, editor.draft);
      return { answered: n.answered + p.answered, total: n.total + p.total };
    },
    { answered: 0, total: 0 },
  );

  if (!section) return null;
  const headingId = `step-${section.id}-title`;

  return (
    <div className="page assessment">
      <p className="breadcrumbs">
        <Link to="/assessments">{t("assessment.list.title")}</Link>
        {a.projectId && (
          <>
            {" / "}
            <Link to={`/projects/${encodeURIComponent(a.projectId)}`}>{t("assessment.form.project")}</Link>
          </>
        )}
      </p>
      <header className="assessment-head">
        <h1>{a.title}</h1>
        <p className="muted">
          {t("assessment.form.meta", { country: countryName(a.country, lang), status: t(`assessment.status.${a.status}`), version: questionnaire.version })}
        </p>
        {lang !== "en" && <p className="notice">{t("assessment.englishOnly")}</p>}
        {a.questionnaireVersion !== questionnaire.version && <p className="notice warn">{t("assessment.form.versionChanged", { from: a.questionnaireVersion, to: questionnaire.version })}</p>}
      </header>

      <div className="assessment-layout">
        <nav className="steps-nav" aria-label={t("assessment.form.steps")}>
          <p className="steps-progress">
            <span>{t("assessment.form.stepOf", { n: step + 1, total: sections.length })}</span>
            <span className="muted">{t("assessment.form.answeredOf", { answered: totals.answered, total: totals.total })}</span>
          </p>
          <div className="progress-track" aria-hidden="true">
            <span className="progress-bar" style={{ width: `${((step + 1) / sections.length) * 100}%` }} />
          </div>
          <ol className="steps">
            {sections.map((s, i) => {
              const p = sectionProgress(s, a.answers, editor.draft);
              const hasIssue = s.questions.some((q) => editor.issues[q.id]);
              return (
                <li key={s.id}>
                  <button
                    type="button"
                    className={`step-button${i === step ? " current" : ""}${p.answered === p.total ? " done" : ""}${hasIssue ? " invalid" : ""}`}
                    aria-current={i === step ? "step" : undefined}
                    onClick={() => void goTo(i)}
                    aria-label={t("assessment.form.stepLabel", { n: i + 1, title: s.title, answered: p.answered, total: p.total })}
                  >
                    <span className="step-number" aria-hidden="true">
                      {i + 1}
                    </span>
                    <span className="step-title" aria-hidden="true">
                      {s.title}
                    </span>
                    <span className="step-count" aria-hidden="true">
                      {p.answered}/{p.total}
                    </span>
                  </button>
                </li>
              );
            })}
          </ol>
        </nav>

        <form className="card step-card" onSubmit={onSubmit} noValidate aria-labelledby={headingId}>
          <h2 id={headingId} ref={heading} tabIndex={-1} className="step-heading">
            <span className="step-kicker">{t("assessment.form.stepOf", { n: step + 1, total: sections.length })}</span>
            {section.title}
          </h2>
          {section.description && <p className="lede">{section.description}</p>}
          {editor.error && (
            <div className="notice error" role="alert">
              {editor.error}
            </div>
          )}
          {section.questions.map((q) => (
            <QuestionField
              key={q.id}
              question={q}
              value={currentValue(a.answers, editor.draft, q.id)}
              controlOptions={questionnaire.controlOptions}
              prefilledFrom={Object.hasOwn(editor.draft, q.id) ? null : (a.provenance[q.id] ?? null)}
              issue={editor.issues[q.id]}
              onChange={(v) => editor.setAnswer(q.id, v)}
              onLocalProblem={(m) => editor.setLocalProblem(q.id, m)}
            />
          ))}
          <div className="step-actions">
            <button type="button" className="button secondary" disabled={step === 0 || busy} onClick={() => void goTo(step - 1)}>
              ← {t("assessment.form.back")}
            </button>
            <button type="submit" className="button secondary" disabled={editor.state === "saving"}>
              {t("assessment.form.save")}
            </button>
            <SaveIndicator editor={editor} />
            {step < last ? (
              <button type="button" className="button next" disabled={busy} onClick={() => void goTo(step + 1)}>
                {t("assessment.form.next")} →
              </button>
            ) : (
              <button type="button" className="button next" disabled={busy} onClick={() => void finish()}>
                {t("assessment.form.finish")}
              </button>
            )}
          </div>
        </form>
      </div>
    </div>
  );
}

function SaveIndicator({ editor }: { editor: AssessmentEditor }) {
  const { t } = useTranslation();
  const { lang } = useLang();
  const state: SaveState = editor.state;
  const time = new Date(editor.assessment.updatedAt);
  const at = Number.isNaN(time.getTime()) ? "" : new Intl.DateTimeFormat(localeOf(lang), { hour: "2-digit", minute: "2-digit" }).format(time);
  const text =
    state === "saving" ? t("assessment.save.saving") : state === "dirty" ? t("assessment.save.dirty") : state === "error" ? t("assessment.save.error") : t("assessment.save.saved", { at });
  return (
    <p className={`save-state save-${state}`} role="status" aria-live="polite" data-state={state}>
      {state === "saving" && <span className="spinner small" aria-hidden="true" />}
      {text}
    </p>
  );
}
