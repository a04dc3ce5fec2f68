import { describe, expect, it } from "vitest";
import { countryName, formatAmount, formatClaimValue, formatPartialDate, formatUsdCompact, type ValueLabels } from "./format";

const labels: ValueLabels = {
  lang: "en",
  vocabulary: (list, id) => `${list}:${id}`,
  unit: (k, n) => (n === 1 ? k.replace(/s$/, "") : k),
};

describe("formatting", () => {
  it("writes USD totals compactly in each language", () => {
    expect(formatUsdCompact(2_068_000_000, "en")).toBe("$2.1B");
    expect(formatUsdCompact(2_068_000_000, "pt")).toMatch(/2,1/);
  });

  it("shows an amount in its own currency with the USD value beside it", () => {
    expect(formatAmount({ value: 73.5e6, currency: "CNY", usd: 10.6e6 }, "en")).toBe("CN¥73.5M (≈ $10.6M)");
    expect(formatAmount({ value: 30e6, currency: "USD", usd: 30e6 }, "en")).toBe("$30M");
    expect(formatAmount({ value: 5e6, currency: "ARS", usd: null }, "en")).toMatch(/^ARS\s5M$/);
  });

  it("keeps a partial date partial", () => {
    expect(formatPartialDate("2019", "en")).toBe("2019");
    expect(formatPartialDate("2019-07", "es")).toBe("julio de 2019");
    expect(formatPartialDate("2019-07-05", "en")).toBe("July 5, 2019");
  });

  it("names countries in the interface language", () => {
    expect(countryName("MX", "es")).toBe("México");
    expect(countryName("BR", "en")).toBe("Brazil");
  });

  it("formats each kind of claim value", () => {
    expect(formatClaimValue("quantity", { cameras: 4000 }, labels)).toBe("4,000 cameras");
    expect(formatClaimValue("vendors", ["ZTE", "Huawei"], labels)).toBe("ZTE, Huawei");
    expect(formatClaimValue("category", "surveillance", labels)).toBe("categories:surveillance");
    expect(formatClaimValue("parties", [{ name: "ZTE", role: "vendor" }], labels)).toBe("ZTE (roles:vendor)");
    expect(formatClaimValue("country", "AR", labels)).toBe("Argentina");
  });
});
