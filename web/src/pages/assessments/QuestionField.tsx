// One question of the questionnaire as a form control of its type — choices as radio buttons,
// multi-choices as check boxes (with "none of these"), yes/no, numbers, text, a country code —
// with its help text, a way to leave it unanswered, the note of a prefilled answer and the
// complaint of the API (or of the form) beside it. Questionnaire texts are shown as the data gives them.
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { useLang } from "../../i18n";
import { countryName } from "../../lib/format";
import { isUnanswered, parseCountryInput, parseNumberInput, textValue, toggleMulti } from "./form-logic";
import type { AnswerValue, Option, Question } from "./types";

export interface QuestionFieldProps {
  question: Question;
  value: AnswerValue | undefined;
  controlOptions: readonly Option[];
  /** Where a prefilled answer came from (the project), when it is still the prefilled one. */
  prefilledFrom: string | null;
  issue: string | undefined;
  disabled?: boolean;
  onChange(value: AnswerValue | null): void;
  onLocalProblem(message: string | null): void;
}

/** A DOM id for a question id ("system.scale" → "q-system-scale"). */
export const fieldId = (questionId: string) => `q-${questionId.replace(/[^a-zA-Z0-9_-]/g, "-")}`;

export function QuestionField(props: QuestionFieldProps) {
  const { t } = useTranslation();
  const { question: q, value, issue, prefilledFrom } = props;
  const id = fieldId(q.id);
  const describedBy = [q.help ? `${id}-help` : null, issue ? `${id}-error` : null, prefilledFrom ? `${id}-source` : null].filter(Boolean).join(" ") || undefined;
  const unanswered = isUnanswered(value);
  const grouped = q.type === "single" || q.type === "control" || q.type === "boolean" || q.type === "multi";

  const meta = (
    <>
      {q.help && (
        <p id={`${id}-help`} className="hint question-help">
          {q.help}
        </p>
      )}
      {prefilledFrom && (
        <p id={`${id}-source`} className="question-source">
          <span className="badge prefilled">{t("assessment.form.prefilled")}</span> <span className="muted">{t("assessment.form.prefilledWhy", { why: prefilledFrom })}</span>
        </p>
      )}
      {issue && (
        <p id={`${id}-error`} className="field-error">
          {issue}
        </p>
      )}
    </>
  );

  const status = unanswered ? <span className="badge unanswered-badge">{t("assessment.form.unanswered")}</span> : null;

  if (grouped) {
    return (
      <fieldset className={`question${issue ? " has-error" : ""}`} id={id} data-question={q.id} aria-describedby={describedBy} aria-invalid={issue ? true : undefined}>
        <legend>
          <span className="question-text">{q.text}</span> {status}
        </legend>
        {meta}
        {q.type === "multi" ? <MultiChoices {...props} /> : <SingleChoice {...props} />}
      </fieldset>
    );
  }
  return (
    <div className={`question${issue ? " has-error" : ""}`} data-question={q.id}>
      <label htmlFor={id} className="question-label">
        <span className="question-text">{q.text}</span> {status}
      </label>
      {meta}
      {q.type === "number" ? (
        <NumberInput {...props} id={id} describedBy={describedBy} />
      ) : q.type === "country" ? (
        <CountryInput {...props} id={id} describedBy={describedBy} />
      ) : (
        <TextInput {...props} id={id} describedBy={describedBy} />
      )}
    </div>
  );
}

function SingleChoice({ question: q, value, controlOptions, disabled, onChange }: QuestionFieldProps) {
  const { t } = useTranslation();
  const name = fieldId(q.id);
  const options: { id: string; label: string }[] =
    q.type === "boolean"
      ? [
          { id: "true", label: t("assessment.form.yes") },
          { id: "false", label: t("assessment.form.no") },
        ]
      : [...(q.type === "control" ? controlOptions : (q.options ?? []))];
  const current = value === undefined ? "" : String(value);
  const pick = (optionId: string) => onChange(q.type === "boolean" ? optionId === "true" : optionId);
  return (
    <div className={`choices${q.type === "control" ? " choices-inline" : ""}`}>
      {options.map((o) => (
        <label key={o.id} className={`choice${current === o.id ? " checked" : ""}`}>
          <input type="radio" name={name} value={o.id} checked={current === o.id} disabled={disabled} onChange={() => pick(o.id)} />
          <span>{o.label}</span>
        </label>
      ))}
      <label className={`choice choice-clear${value === undefined ? " checked" : ""}`}>
        <input type="radio" name={name} value="" checked={value === undefined} disabled={disabled} onChange={() => onChange(null)} />
        <span>{t("assessment.form.leaveUnanswered")}</span>
      </label>
    </div>
  );
}

function MultiChoices({ question: q, value, disabled, onChange }: QuestionFieldProps) {
  const { t } = useTranslation();
  const options = q.options ?? [];
  const order = options.map((o) => o.id);
  const selected = Array.isArray(value) ? value : [];
  const none = Array.isArray(value) && value.length === 0;
  return (
    <div className="choices">
      {options.map((o) => (
        <label key={o.id} className={`choice${selected.includes(o.id) ? " checked" : ""}`}>
          <input type="checkbox" value={o.id} checked={selected.includes(o.id)} disabled={disabled} onChange={(e) => onChange(toggleMulti(value, o.id, e.target.checked, order))} />
          <span>{o.label}</span>
        </label>
      ))}
      <label className={`choice choice-clear${none ? " checked" : ""}`}>
        <input type="checkbox" checked={none} disabled={disabled} onChange={(e) => onChange(e.target.checked ? [] : null)} />
        <span>{t("assessment.form.noneOfThese")}</span>
      </label>
      <p className="hint multi-hint">{t("assessment.form.multiHint")}</p>
    </div>
  );
}

type InputProps = QuestionFieldProps & { id: string; describedBy: string | undefined };

function TextInput({ id, describedBy, value, issue, disabled, onChange }: InputProps) {
  const [raw, setRaw] = useState(typeof value === "string" ? value : value === undefined ? "" : String(value));
  return (
    <textarea
      id={id}
      rows={3}
      maxLength={4000}
      value={raw}
      disabled={disabled}
      aria-describedby={describedBy}
      aria-invalid={issue ? true : undefined}
      onChange={(e) => {
        setRaw(e.target.value);
        onChange(textValue(e.target.value));
      }}
    />
  );
}

function NumberInput({ id, describedBy, question: q, value, issue, disabled, onChange, onLocalProblem }: InputProps) {
  const { t } = useTranslation();
  const [raw, setRaw] = useState(typeof value === "number" ? String(value) : "");
  const range = q.min !== undefined && q.max !== undefined ? t("assessment.form.range", { min: q.min, max: q.max }) : null;
  return (
    <>
      {range && <p className="hint">{range}</p>}
      <input
        id={id}
        type="text"
        inputMode="decimal"
        className="number-input"
        value={raw}
        disabled={disabled}
        aria-describedby={describedBy}
        aria-invalid={issue ? true : undefined}
        onChange={(e) => {
          setRaw(e.target.value);
          const parsed = parseNumberInput(e.target.value);
          if (parsed.ok) {
            onLocalProblem(null);
            onChange(parsed.value);
          } else onLocalProblem(t("assessment.form.notANumber"));
        }}
      />
    </>
  );
}

function CountryInput({ id, describedBy, value, issue, disabled, onChange, onLocalProblem }: InputProps) {
  const { t } = useTranslation();
  const { lang } = useLang();
  const [raw, setRaw] = useState(typeof value === "string" ? value : "");
  const code = typeof value === "string" && /^[A-Z]{2}$/.test(value) ? value : null;
  return (
    <div className="country-input">
      <input
        id={id}
        type="text"
        maxLength={2}
        size={4}
        autoCapitalize="characters"
        autoComplete="off"
        spellCheck={false}
        value={raw}
        disabled={disabled}
        aria-describedby={describedBy}
        aria-invalid={issue ? true : undefined}
        onChange={(e) => {
          setRaw(e.target.value);
          const parsed = parseCountryInput(e.target.value);
          if (parsed.ok) {
            onLocalProblem(null);
            onChange(parsed.value);
          } else onLocalProblem(t("assessment.form.notACountry"));
        }}
      />
      {code && <span className="muted">{countryName(code, lang)}</span>}
    </div>
  );
}
