// The filters every chart, the map and the table follow: country, vendor, category, mechanism,
// status, years, verified only (and free text on the table). Each change is written to the URL.
import { type FormEvent, useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { useLang } from "../i18n";
import { LAC_COUNTRIES } from "../lib/countries";
import { activeFilters, CATEGORIES, type FilterKey, type Filters, MECHANISMS, STATUSES, withoutFilter } from "../lib/filters";
import { countryName } from "../lib/format";

interface Props {
  filters: Filters;
  onChange: (next: Filters) => void;
  /** Vendor names to suggest (the overview's top vendors). */
  vendors?: readonly string[];
  /** Show the free-text box (the projects table). */
  search?: boolean;
}

export function FilterBar({ filters, onChange, vendors = [], search = false }: Props) {
  const { t } = useTranslation();
  const { lang, vocab } = useLang();
  // Text fields are drafts until submitted or left, so typing does not reload on every key.
  const [draft, setDraft] = useState({ vendor: filters.vendor ?? "", q: filters.q ?? "", yearFrom: filters.yearFrom?.toString() ?? "", yearTo: filters.yearTo?.toString() ?? "" });
  useEffect(() => {
    setDraft({ vendor: filters.vendor ?? "", q: filters.q ?? "", yearFrom: filters.yearFrom?.toString() ?? "", yearTo: filters.yearTo?.toString() ?? "" });
  }, [filters.vendor, filters.q, filters.yearFrom, filters.yearTo]);

  const commit = (e?: FormEvent) => {
    e?.preventDefault();
    const next: Filters = { ...filters };
    const text = (k: "vendor" | "q") => {
      const v = draft[k].trim();
      if (v) next[k] = v;
      else delete next[k];
    };
    text("vendor");
    if (search) text("q");
    const year = (k: "yearFrom" | "yearTo") => {
      const v = Number(draft[k]);
      if (/^\d{4}$/.test(draft[k]) && v >= 1900 && v <= 2100) next[k] = v;
      else delete next[k];
    };
    year("yearFrom");
    year("yearTo");
    if (JSON.stringify(next) !== JSON.stringify(filters)) onChange(next);
  };
  const select = (key: "country" | "category" | "mechanism" | "status", value: string) => onChange(value ? { ...filters, [key]: value } : withoutFilter(filters, key));
  const active = activeFilters(filters);
  const countries = [...LAC_COUNTRIES].sort((a, b) => countryName(a, lang).localeCompare(countryName(b, lang), lang));

  const chip = (key: FilterKey): string => {
    const v = filters[key];
    switch (key) {
      case "country":
        return countryName(String(v), lang);
      case "category":
        return vocab("categories", String(v));
      case "mechanism":
        return vocab("mechanisms", String(v));
      case "status":
        return vocab("statuses", String(v));
      case "verified":
        return t("filters.verifiedOnly");
      case "yearFrom":
        return t("filters.fromYear", { year: v });
      case "yearTo":
        return t("filters.toYear", { year: v });
      default:
        return String(v);
    }
  };

  return (
    <form className="filter-bar" onSubmit={commit} aria-label={t("filters.label")} role="search">
      {search && (
        <div className="field field-wide">
          <label htmlFor="f-q">{t("filters.search")}</label>
          <input id="f-q" type="search" value={draft.q} placeholder={t("filters.searchPlaceholder")} onChange={(e) => setDraft({ ...draft, q: e.target.value })} onBlur={() => commit()} />
        </div>
      )}
      <div className="field">
        <label htmlFor="f-country">{t("filters.country")}</label>
        <select id="f-country" value={filters.country ?? ""} onChange={(e) => select("country", e.target.value)}>
          <option value="">{t("filters.all")}</option>
          {countries.map((c) => (
            <option key={c} value={c}>
              {countryName(c, lang)}
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor="f-vendor">{t("filters.vendor")}</label>
        <input id="f-vendor" list="f-vendor-list" value={draft.vendor} placeholder={t("filters.vendorPlaceholder")} onChange={(e) => setDraft({ ...draft, vendor: e.target.value })} onBlur={() => commit()} />
        <datalist id="f-vendor-list">
          {vendors.map((v) => (
            <option key={v} value={v} />
          ))}
        </datalist>
      </div>
      <div className="field">
        <label htmlFor="f-category">{t("filters.category")}</label>
        <select id="f-category" value={filters.category ?? ""} onChange={(e) => select("category", e.target.value)}>
          <option value="">{t("filters.all")}</option>
          {CATEGORIES.map((c) => (
            <option key={c} value={c}>
              {vocab("categories", c)}
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor="f-mechanism">{t("filters.mechanism")}</label>
        <select id="f-mechanism" value={filters.mechanism ?? ""} onChange={(e) => select("mechanism", e.target.value)}>
          <option value="">{t("filters.all")}</option>
          {MECHANISMS.map((m) => (
            <option key={m} value={m}>
              {vocab("mechanisms", m)}
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor="f-status">{t("filters.status")}</label>
        <select id="f-status" value={filters.status ?? ""} onChange={(e) => select("status", e.target.value)}>
          <option value="">{t("filters.all")}</option>
          {STATUSES.map((s) => (
            <option key={s} value={s}>
              {vocab("statuses", s)}
            </option>
          ))}
        </select>
      </div>
      <fieldset className="field years">
        <legend>{t("filters.years")}</legend>
        <label htmlFor="f-from" className="visually-hidden">
          {t("filters.yearFrom")}
        </label>
        <input id="f-from" inputMode="numeric" pattern="\d{4}" maxLength={4} placeholder={t("filters.yearFrom")} value={draft.yearFrom} onChange={(e) => setDraft({ ...draft, yearFrom: e.target.value })} onBlur={() => commit()} />
        <span aria-hidden="true">–</span>
        <label htmlFor="f-to" className="visually-hidden">
          {t("filters.yearTo")}
        </label>
        <input id="f-to" inputMode="numeric" pattern="\d{4}" maxLength={4} placeholder={t("filters.yearTo")} value={draft.yearTo} onChange={(e) => setDraft({ ...draft, yearTo: e.target.value })} onBlur={() => commit()} />
      </fieldset>
      <div className="field checkbox">
        <input id="f-verified" type="checkbox" checked={filters.verified === true} onChange={(e) => onChange(e.target.checked ? { ...filters, verified: true } : withoutFilter(filters, "verified"))} />
        <label htmlFor="f-verified">{t("filters.verifiedOnly")}</label>
      </div>
      <button type="submit" className="visually-hidden">
        {t("filters.apply")}
      </button>
      {active.length > 0 && (
        <div className="chips" aria-label={t("filters.active")}>
          {active.map((k) => (
            <button key={k} type="button" className="chip" onClick={() => onChange(withoutFilter(filters, k))} aria-label={t("filters.remove", { filter: chip(k) })}>
              {chip(k)} <span aria-hidden="true">×</span>
            </button>
          ))}
          <button type="button" className="link-button" onClick={() => onChange({})}>
            {t("filters.clear")}
          </button>
        </div>
      )}
    </form>
  );
}
