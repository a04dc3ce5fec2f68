// "Save this search" on the projects page (editors): the page's filters, a name and optional alert
// channels become a saved search (POST /api/searches). The form checks what it can first; the
// API's refusal is shown beside the field it names; success links to the search on the watch page.
import { type FormEvent, useEffect, useId, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { useLang } from "../../i18n";
import { api, ApiFailure } from "../../lib/api";
import { activeFilters, type FilterKey, type Filters } from "../../lib/filters";
import { countryName } from "../../lib/format";
import { useSession } from "../../lib/session";
import { Field, focusFirst } from "./Field";
import { apiErrors, checkSearchForm, type SearchField, type SearchForm, searchBody } from "./logic";
import { CHANNELS, fill, PROBLEMS, SAVE } from "./strings";
import "./watch.css";

const ORDER: readonly SearchField[] = ["name", "webhookUrl", "webhookSecret", "email"];
const EMPTY: SearchForm = { name: "", webhookUrl: "", webhookSecret: "", email: "" };

interface Saved {
  search: { id: string; name: string };
  secret: string | null;
}

/** The filters in words, as the filter bar's chips say them. */
function useFilterWords(filters: Filters): string[] {
  const { t } = useTranslation();
  const { lang, vocab } = useLang();
  return activeFilters(filters).map((key: FilterKey) => {
    const v = filters[key];
    switch (key) {
      case "country":
        return `${t("filters.country")}: ${countryName(String(v), lang)}`;
      case "category":
        return `${t("filters.category")}: ${vocab("categories", String(v))}`;
      case "mechanism":
        return `${t("filters.mechanism")}: ${vocab("mechanisms", String(v))}`;
      case "status":
        return `${t("filters.status")}: ${vocab("statuses", String(v))}`;
      case "vendor":
        return `${t("filters.vendor")}: ${String(v)}`;
      case "verified":
        return t("filters.verifiedOnly");
      case "yearFrom":
        return t("filters.fromYear", { year: v });
      case "yearTo":
        return t("filters.toYear", { year: v });
      case "q":
        return `${t("filters.search")}: “${String(v)}”`;
    }
  });
}

export function SaveSearch({ filters }: { filters: Filters }) {
  const { canEdit } = useSession();
  const { lang } = useLang();
  const s = SAVE[lang];
  const c = CHANNELS[lang];
  const problems = PROBLEMS[lang];
  const id = useId().replace(/:/g, "");
  const [open, setOpen] = useState(false);
  const [form, setForm] = useState<SearchForm>(EMPTY);
  const [errors, setErrors] = useState<Partial<Record<SearchField, string>>>({});
  const [general, setGeneral] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [saved, setSaved] = useState<Saved | null>(null);
  const nameRef = useRef<HTMLInputElement>(null);
  const openRef = useRef<HTMLButtonElement>(null);
  const doneRef = useRef<HTMLParagraphElement>(null);
  const words = useFilterWords(filters);

  useEffect(() => {
    if (open && !saved) nameRef.current?.focus();
  }, [open, saved]);
  useEffect(() => {
    if (saved) doneRef.current?.focus();
  }, [saved]);

  if (!canEdit) return null;

  const set = (field: SearchField) => (value: string) => {
    setForm((f) => ({ ...f, [field]: value }));
    setErrors((e) => (e[field] ? { ...e, [field]: undefined } : e));
  };
  const close = () => {
    setOpen(false);
    setErrors({});
    setGeneral(null);
    setSaved(null);
    setForm(EMPTY);
    // Back to the button that opened the form, so keyboard users keep their place.
    setTimeout(() => openRef.current?.focus(), 0);
  };

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setGeneral(null);
    const found = checkSearchForm(form);
    const local = Object.fromEntries(Object.entries(found).map(([k, p]) => [k, problems[p]])) as Partial<Record<SearchField, string>>;
    setErrors(local);
    if (Object.keys(local).length) {
      focusFirst(ORDER, local, id);
      return;
    }
    setBusy(true);
    try {
      setSaved(await api<Saved>("/api/searches", { method: "POST", json: searchBody(form, filters) }));
      setForm(EMPTY);
    } catch (err) {
      const message = err instanceof ApiFailure || err instanceof Error ? err.message : String(err);
      const mapped = apiErrors(message, ORDER, "search");
      setErrors(mapped.fields);
      setGeneral(mapped.general ?? (Object.keys(mapped.fields).length ? null : message));
      focusFirst(ORDER, mapped.fields, id);
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="save-search">
      {!open ? (
        <button ref={openRef} type="button" className="button secondary" aria-expanded="false" aria-controls={`${id}-panel`} onClick={() => setOpen(true)}>
          {s.open}
        </button>
      ) : (
        <section id={`${id}-panel`} className="card save-search-panel" aria-labelledby={`${id}-title`}>
          <h2 id={`${id}-title`}>{s.title}</h2>
          {saved ? (
            <div className="notice ok save-search-done">
              <p ref={doneRef} tabIndex={-1} role="status">
                <strong>{fill(s.saved, { name: saved.search.name })}</strong> <Link to={`/watch?search=${encodeURIComponent(saved.search.id)}`}>{s.seeNews}</Link>
              </p>
              {saved.secret ? (
                <p>
                  {c.secretOnce} <code className="secret">{saved.secret}</code>
                </p>
              ) : null}
              <div className="watch-actions">
                <button type="button" className="button secondary small" onClick={() => setSaved(null)}>
                  {s.another}
                </button>
                <button type="button" className="button secondary small" onClick={close}>
                  {s.cancel}
                </button>
              </div>
            </div>
          ) : (
            <form className="watch-form" noValidate onSubmit={(e) => void submit(e)}>
              <p className="hint">{s.lede}</p>
              <div className="save-search-filters">
                <strong>{s.filters}:</strong> {words.length ? words.join(" · ") : s.everything}
              </div>
              <Field id={`${id}-name`} inputRef={nameRef} label={s.name} value={form.name} onValue={set("name")} hint={s.nameHint} error={errors.name} required maxLength={100} autoComplete="off" />
              <fieldset className="watch-channels">
                <legend>{c.alerts}</legend>
                <Field id={`${id}-webhookUrl`} label={c.webhookUrl} type="url" inputMode="url" value={form.webhookUrl} onValue={set("webhookUrl")} hint={c.webhookHint} error={errors.webhookUrl} placeholder="https://" />
                <Field id={`${id}-webhookSecret`} label={c.secret} value={form.webhookSecret} onValue={set("webhookSecret")} hint={c.secretHint} error={errors.webhookSecret} autoComplete="off" spellCheck={false} />
                <Field id={`${id}-email`} label={c.email} type="email" inputMode="email" value={form.email} onValue={set("email")} hint={c.emailHint} error={errors.email} autoComplete="email" />
              </fieldset>
              {general ? (
                <p role="alert" className="notice error">
                  {general}
                </p>
              ) : Object.values(errors).some(Boolean) ? (
                <p role="alert" className="visually-hidden">
                  {c.fix}
                </p>
              ) : null}
              <div className="watch-actions">
                <button type="submit" className="button" disabled={busy}>
                  {busy ? s.saving : s.submit}
                </button>
                <button type="button" className="button secondary" onClick={close}>
                  {s.cancel}
                </button>
              </div>
            </form>
          )}
        </section>
      )}
    </div>
  );
}
