// Which language the interface starts in: `?lang=` (shareable links), then the remembered choice,
// then the browser's languages, then English.
export const LANGS = ["en", "es", "pt"] as const;
export type Lang = (typeof LANGS)[number];
export const STORAGE_KEY = "dsr.lang";

export function asLang(value: string | null | undefined): Lang | null {
  const base = value?.toLowerCase().split(/[-_]/)[0];
  return (LANGS as readonly string[]).includes(base ?? "") ? (base as Lang) : null;
}

/** @example detectLanguage("?lang=pt", null, ["es-AR"]) // "pt" */
export function detectLanguage(search: string, stored: string | null, browser: readonly string[]): Lang {
  return asLang(new URLSearchParams(search).get("lang")) ?? asLang(stored) ?? browser.map(asLang).find((l): l is Lang => l !== null) ?? "en";
}
