// The frame of every page: skip link, header with navigation, language switch and sign-in, and the
// footer naming the licences of the data, boundaries and coordinates shown.
import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { Link, NavLink } from "react-router";
import { LanguageSwitch } from "./LanguageSwitch";
import { SignIn } from "./SignIn";

export function Layout({ children }: { children: ReactNode }) {
  const { t } = useTranslation();
  return (
    <>
      <a className="skip-link" href="#main">
        {t("nav.skip")}
      </a>
      <header className="site-header">
        <Link to="/" className="brand">
          <span className="brand-mark" aria-hidden="true" />
          <span>
            <span className="brand-name">{t("app.name")}</span>
            <span className="brand-tagline">{t("app.tagline")}</span>
          </span>
        </Link>
        <nav aria-label={t("nav.label")} className="main-nav">
          <NavLink to="/" end>
            {t("nav.overview")}
          </NavLink>
          <NavLink to="/projects">{t("nav.projects")}</NavLink>
          <NavLink to="/assessments">{t("nav.assessments")}</NavLink>
          <NavLink to="/watch">{t("nav.watch")}</NavLink>
          <NavLink to="/sources/new">{t("nav.addSource")}</NavLink>
        </nav>
        <div className="header-tools">
          <LanguageSwitch />
          <SignIn />
        </div>
      </header>
      <main id="main" tabIndex={-1}>
        {children}
      </main>
      <footer className="site-footer">
        <p>{t("footer.data")}</p>
        <p>{t("footer.imported")}</p>
        <p>{t("footer.geo")}</p>
        <p>
          <a href="/api/docs">{t("footer.api")}</a> · {t("footer.code")}
        </p>
      </footer>
    </>
  );
}
