import { describe, expect, it } from "vitest";
import { parseEditValue } from "./edit-value";

describe("editor input", () => {
  it("reads lists, years, countries, amounts and quantities", () => {
    expect(parseEditValue("vendors", "ZTE, Huawei ")).toEqual({ ok: true, value: ["ZTE", "Huawei"] });
    expect(parseEditValue("year", "2019")).toEqual({ ok: true, value: 2019 });
    expect(parseEditValue("country", "ar")).toEqual({ ok: true, value: "AR" });
    expect(parseEditValue("amount", "30,000,000 usd 2019")).toEqual({ ok: true, value: { value: 30000000, currency: "USD", year: 2019 } });
    expect(parseEditValue("quantity", "cameras=4000, sites=12")).toEqual({ ok: true, value: { cameras: 4000, sites: 12 } });
    expect(parseEditValue("buyer", "Province of Jujuy")).toEqual({ ok: true, value: "Province of Jujuy" });
  });

  it("names the problem instead of sending a bad value", () => {
    expect(parseEditValue("year", "19")).toEqual({ ok: false, error: "edit.badYear" });
    expect(parseEditValue("amount", "a lot")).toEqual({ ok: false, error: "edit.badAmount" });
    expect(parseEditValue("quantity", "cameras")).toEqual({ ok: false, error: "edit.badQuantity" });
    expect(parseEditValue("city", "  ")).toEqual({ ok: false, error: "edit.empty" });
  });
});
