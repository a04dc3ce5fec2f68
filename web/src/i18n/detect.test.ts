import { describe, expect, it } from "vitest";
import { detectLanguage } from "./detect";

describe("language detection", () => {
  it("prefers the URL, then the remembered choice, then the browser", () => {
    expect(detectLanguage("?lang=pt", "es", ["en-US"])).toBe("pt");
    expect(detectLanguage("", "es", ["pt-BR"])).toBe("es");
    expect(detectLanguage("", null, ["fr-FR", "pt-BR"])).toBe("pt");
  });

  it("ignores languages it does not have and falls back to English", () => {
    expect(detectLanguage("?lang=zh", "xx", ["fr"])).toBe("en");
  });
});
