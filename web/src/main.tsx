// Entry point: picks the language, then mounts the app.
import { StrictMode } from "react";
import { createRoot } from "react-dom/client";
import { BrowserRouter } from "react-router";
import { App } from "./App";
import { detectLanguage, STORAGE_KEY } from "./i18n/detect";
import { createI18n, setLanguage } from "./i18n";
import "./styles.css";

function storedLanguage(): string | null {
  try {
    return localStorage.getItem(STORAGE_KEY);
  } catch {
    return null;
  }
}

const lang = detectLanguage(location.search, storedLanguage(), navigator.languages);
const i18n = createI18n(lang);
// A ?lang= link is a choice too: remember it, as the switch would.
if (new URLSearchParams(location.search).has("lang")) setLanguage(i18n, lang);
document.documentElement.lang = lang;

const root = document.getElementById("root");
if (root) {
  createRoot(root).render(
    <StrictMode>
      <BrowserRouter>
        <App i18n={i18n} />
      </BrowserRouter>
    </StrictMode>,
  );
}
