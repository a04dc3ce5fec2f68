// What an editor types for a field, turned into the value the API's PATCH expects; a message key
// when it cannot be read.
export type Parsed = { ok: true; value: unknown } | { ok: false; error: string };

export const EDITABLE_FIELDS = ["vendors", "financiers", "buyer", "country", "subdivision", "city", "amount", "year", "category", "mechanism", "status", "quantity"] as const;

/**
 * @example parseEditValue("amount", "30000000 USD 2019") // { ok: true, value: { value: 30000000, currency: "USD", year: 2019 } }
 */
export function parseEditValue(field: string, input: string): Parsed {
  const text = input.trim();
  if (!text) return { ok: false, error: "edit.empty" };
  switch (field) {
    case "vendors":
    case "financiers":
      return { ok: true, value: text.split(",").map((s) => s.trim()).filter(Boolean) };
    case "year": {
      const y = Number(text);
      return Number.isInteger(y) && y >= 1900 && y <= 2100 ? { ok: true, value: y } : { ok: false, error: "edit.badYear" };
    }
    case "country":
      return /^[A-Za-z]{2}$/.test(text) ? { ok: true, value: text.toUpperCase() } : { ok: false, error: "edit.badCountry" };
    case "amount": {
      const m = /^([\d.,\s]+)\s+([A-Za-z]{3})(?:\s+(\d{4}))?$/.exec(text);
      const value = m ? Number((m[1] ?? "").replace(/[\s,]/g, "")) : NaN;
      if (!m || !Number.isFinite(value)) return { ok: false, error: "edit.badAmount" };
      return { ok: true, value: { value, currency: (m[2] ?? "").toUpperCase(), year: m[3] ? Number(m[3]) : null } };
    }
    case "quantity": {
      const out: Record<string, number> = {};
      for (const part of text.split(",")) {
        const m = /^\s*([a-z_]+)\s*=\s*(\d+(?:\.\d+)?)\s*$/.exec(part);
        if (!m) return { ok: false, error: "edit.badQuantity" };
        out[m[1] as string] = Number(m[2]);
      }
      return { ok: true, value: out };
    }
    default:
      return { ok: true, value: text };
  }
}
