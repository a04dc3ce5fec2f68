// The interface's translations: i18next with the en/es/pt resource files and the vocabulary labels
// of data/vocabularies.json (namespace "vocab"), started in the detected language.
import i18next, { type i18n } from "i18next";
import { initReactI18next, useTranslation } from "react-i18next";
import vocabulary from "virtual:vocabulary";
import { type Lang, LANGS, STORAGE_KEY } from "./detect";
import { en } from "./locales/en";
import { es } from "./locales/es";
import { pt } from "./locales/pt";

const MESSAGES = { en, es, pt };

/**
 * Adds `_zero` and `_many` forms equal to `_other` where a file has none: Spanish and Portuguese
 * use "many" for round millions, and "0 projects" reads as a plural in all three languages.
 */
export function withPluralForms<T extends object>(messages: T): T {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(messages)) {
    out[k] = v && typeof v === "object" ? withPluralForms(v as object) : v;
    const base = k.endsWith("_other") ? k.slice(0, -"_other".length) : null;
    if (base !== null) {
      for (const form of ["_zero", "_many"]) if (!(`${base}${form}` in messages)) out[`${base}${form}`] = v;
    }
  }
  return out as T;
}

function vocabFor(lang: Lang): Record<string, Record<string, string>> {
  const out: Record<string, Record<string, string>> = {};
  for (const [list, items] of Object.entries(vocabulary)) {
    out[list] = Object.fromEntries(Object.entries(items).map(([id, labels]) => [id, labels[lang]]));
  }
  return out;
}

/** A fresh i18next instance (tests make their own; the app makes one at start). */
export function createI18n(lang: Lang): i18n {
  const instance = i18next.createInstance();
  void instance.use(initReactI18next).init({
    lng: lang,
    fallbackLng: "en",
    supportedLngs: [...LANGS],
    resources: Object.fromEntries(LANGS.map((l) => [l, { translation: withPluralForms(MESSAGES[l]), vocab: vocabFor(l) }])),
    // React escapes every string it renders; escaping here too would show "&amp;".
    interpolation: { escapeValue: false },
    initAsync: false,
    returnNull: false,
  });
  return instance;
}

/** Switches the language, remembers it and marks the document for screen readers and hyphenation. */
export function setLanguage(instance: i18n, lang: Lang): void {
  void instance.changeLanguage(lang);
  try {
    localStorage.setItem(STORAGE_KEY, lang);
  } catch {
    // Private browsing may refuse storage; the URL parameter still carries the choice.
  }
  document.documentElement.lang = lang;
}

/** The current language and a labeller for vocabulary ids (`vocab("categories", "5g")`). */
export function useLang(): { lang: Lang; vocab: (list: string, id: string | null | undefined) => string } {
  const { t, i18n: instance } = useTranslation();
  const lang = (LANGS as readonly string[]).includes(instance.language) ? (instance.language as Lang) : "en";
  const vocab = (list: string, id: string | null | undefined) => (id ? t(`${list}.${id}`, { ns: "vocab", defaultValue: id }) : "");
  return { lang, vocab };
}
