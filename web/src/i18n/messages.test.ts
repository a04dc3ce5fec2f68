import { readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { createI18n, withPluralForms } from ".";
import { en } from "./locales/en";
import { es } from "./locales/es";
import { pt } from "./locales/pt";

function keys(o: object, prefix = ""): string[] {
  return Object.entries(o).flatMap(([k, v]) => (v && typeof v === "object" ? keys(v as object, `${prefix}${k}.`) : [`${prefix}${k}`]));
}

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((f) => {
    const p = join(dir, f);
    if (statSync(p).isDirectory()) return sources(p);
    return /\.tsx?$/.test(f) && !/\.test\./.test(f) ? [p] : [];
  });
}

describe("interface strings", () => {
  it("has every English key in Spanish and Portuguese, and no other", () => {
    expect(keys(es).sort()).toEqual(keys(en).sort());
    expect(keys(pt).sort()).toEqual(keys(en).sort());
  });

  it("defines every literal key the code asks for", () => {
    const known = new Set(keys(withPluralForms(en)).map((k) => k.replace(/_(one|other|zero|many)$/, "")));
    // The jsdom environment gives import.meta.url an http: scheme; vitest runs from the repo or web/.
    const root = join(process.cwd(), process.cwd().endsWith("web") ? "src" : "web/src");
    const missing: string[] = [];
    for (const file of sources(root)) {
      for (const m of readFileSync(file, "utf8").matchAll(/\bt\(\s*"([a-zA-Z]+\.[a-zA-Z.]+)"/g)) {
        if (!known.has(m[1] as string)) missing.push(`${file}: ${m[1]}`);
      }
    }
    expect(missing).toEqual([]);
  });

  it("pluralises round millions in Spanish and zero as a plural in Portuguese", () => {
    expect(createI18n("es").t("projects.count", { count: 1_000_000, formatted: "1.000.000" })).toBe("1.000.000 proyectos");
    expect(createI18n("pt").t("projects.count", { count: 0, formatted: "0" })).toBe("0 projetos");
    expect(createI18n("en").t("projects.count", { count: 1, formatted: "1" })).toBe("1 project");
  });

  it("labels vocabulary ids from data/vocabularies.json in each language", () => {
    expect(createI18n("es").t("categories.surveillance", { ns: "vocab" })).not.toBe("categories.surveillance");
    expect(createI18n("pt").t("roles.vendor", { ns: "vocab" })).toBe("Fornecedor");
  });
});
