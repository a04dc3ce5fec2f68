// Plain-text rendering for people: tables, amounts, one project's evidence. JSON output never
// comes through here.
import type { AmountView, UsdTotal } from "../domain/money.js";
import type { ProjectDetail, ProjectSummary } from "../domain/project.js";

const compact = new Intl.NumberFormat("en-US", { notation: "compact", maximumFractionDigits: 1 });
const full = new Intl.NumberFormat("en-US", { maximumFractionDigits: 2 });

export function formatAmount(a: AmountView | null): string {
  if (!a) return "";
  const base = `${a.currency} ${compact.format(a.value)}`;
  return a.currency === "USD" || a.usd === null ? base : `${base} (≈US$ ${compact.format(a.usd)})`;
}

export function formatTotal(t: UsdTotal): string {
  const parts = [`US$ ${full.format(t.usd)} over ${t.counted} amount${t.counted === 1 ? "" : "s"}`];
  if (t.leftOut.length) {
    parts.push(`left out (no exchange rate): ${t.leftOut.map((l) => `${l.currency} ${full.format(l.value)} (${l.count})`).join(", ")}`);
  }
  return parts.join("; ");
}

function clip(text: string, width: number): string {
  return text.length <= width ? text : `${text.slice(0, Math.max(0, width - 1))}…`;
}

/** A fixed-column table; the widest columns are clipped so a line fits `width`. */
export function table(headers: string[], rows: string[][], width = 160): string {
  const widths = headers.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? "").length)));
  const budget = width - 2 * (headers.length - 1);
  while (widths.reduce((a, b) => a + b, 0) > budget) {
    const max = Math.max(...widths);
    if (max <= 8) break;
    widths[widths.indexOf(max)] = max - 1;
  }
  const line = (cells: string[]) =>
    cells.map((c, i) => clip(c, widths[i] ?? 0).padEnd(widths[i] ?? 0)).join("  ").trimEnd();
  return [line(headers), line(widths.map((w) => "-".repeat(w))), ...rows.map(line)].join("\n");
}

export function projectRows(items: readonly ProjectSummary[]): string[][] {
  return items.map((p) => [
    p.id,
    p.year === null ? "" : String(p.year),
    p.country ?? "",
    p.category ?? "",
    [...p.vendors, ...p.financiers].join(", "),
    formatAmount(p.amount),
    p.buyer ?? "",
  ]);
}

export const PROJECT_HEADERS = ["ID", "YEAR", "COUNTRY", "CATEGORY", "VENDORS / FINANCIERS", "AMOUNT", "BUYER"];

function valueText(field: string, value: unknown): string {
  if (value === null || value === undefined) return "";
  if (field === "amount") {
    const a = value as { value: number; currency: string; year: number | null };
    return `${a.currency} ${full.format(a.value)}${a.year ? ` (${a.year})` : ""}`;
  }
  if (field === "parties") return (value as { name: string; role: string }[]).map((p) => `${p.name} (${p.role})`).join(", ");
  if (Array.isArray(value)) return value.join(", ");
  if (typeof value === "object") return Object.entries(value as Record<string, unknown>).map(([k, v]) => `${full.format(Number(v))} ${k}`).join(", ");
  return String(value);
}

/** One project with each field's values, the evidence quoted and the sources numbered. */
export function formatDetail(p: ProjectDetail): string {
  const sourceNo = new Map(p.sources.map((s, i) => [s.documentId, i + 1]));
  const out: string[] = [];
  out.push(`${p.title}`, `id: ${p.id}`);
  out.push(
    `status: ${p.status ?? "unknown"} · review: ${p.review.state}${p.review.by ? ` by ${p.review.by}` : ""}${p.review.at ? ` on ${p.review.at}` : ""}`,
  );
  if (p.amount?.usd !== null && p.amount && p.amount.currency !== "USD") out.push(`amount in USD: ${full.format(p.amount.usd)}`);
  out.push("");
  for (const [field, values] of Object.entries(p.claims)) {
    const disputed = values.length > 1 ? "  [sources disagree]" : "";
    out.push(`${field}${disputed}`);
    for (const v of values) {
      out.push(`  ${v.shown ? "▸" : " "} ${valueText(field, v.value)}  (${v.sources} source${v.sources === 1 ? "" : "s"}${v.reviewed ? ", reviewed" : ""})`);
      for (const e of v.evidence) {
        const at = e.start !== null ? ` @${e.start}-${e.end}` : "";
        out.push(`      “${clip(e.text.replace(/\s+/g, " "), 220)}” [${sourceNo.get(e.documentId) ?? "?"}${at}]`);
      }
    }
  }
  out.push("", "Sources:");
  p.sources.forEach((s, i) => out.push(`  [${i + 1}] ${s.citation}`));
  out.push("", `Licence: ${p.license}`);
  return out.join("\n");
}
