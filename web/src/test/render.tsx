// Renders a component as the app would: translations, a router at `route`, the session context.
import { render } from "@testing-library/react";
import type { ReactElement } from "react";
import { I18nextProvider } from "react-i18next";
import { MemoryRouter, Route, Routes } from "react-router";
import type { Lang } from "../i18n/detect";
import { createI18n } from "../i18n";
import { SessionProvider } from "../lib/session";

export function renderApp(ui: ReactElement, { lang = "en", route = "/", path = "*" }: { lang?: Lang; route?: string; path?: string } = {}) {
  const i18n = createI18n(lang);
  return render(
    <I18nextProvider i18n={i18n}>
      <SessionProvider>
        <MemoryRouter initialEntries={[route]}>
          <Routes>
            <Route path={path} element={ui} />
          </Routes>
        </MemoryRouter>
      </SessionProvider>
    </I18nextProvider>,
  );
}
