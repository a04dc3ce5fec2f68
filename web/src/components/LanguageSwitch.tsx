// es / pt / en for the whole interface; the choice is remembered, and a `lang` already in the URL
// follows it so a copied link opens in the language on screen.
import { useTranslation } from "react-i18next";
import { useLocation, useNavigate } from "react-router";
import { type Lang, LANGS } from "../i18n/detect";
import { setLanguage } from "../i18n";

const NAMES: Record<Lang, string> = { es: "Español", pt: "Português", en: "English" };

export function LanguageSwitch() {
  const { t, i18n } = useTranslation();
  const location = useLocation();
  const navigate = useNavigate();
  const choose = (lang: Lang) => {
    setLanguage(i18n, lang);
    const params = new URLSearchParams(location.search);
    if (params.has("lang")) {
      params.set("lang", lang);
      void navigate({ pathname: location.pathname, search: `?${params}` }, { replace: true });
    }
  };
  return (
    <div role="group" aria-label={t("lang.label")} className="lang-switch">
      {(["es", "pt", "en"] as const).filter((l) => LANGS.includes(l)).map((lang) => (
        <button key={lang} type="button" lang={lang} aria-pressed={i18n.language === lang} aria-label={NAMES[lang]} title={NAMES[lang]} onClick={() => choose(lang)}>
          {lang.toUpperCase()}
        </button>
      ))}
    </div>
  );
}
