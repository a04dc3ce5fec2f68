// Rows of a table in the text (tab- or pipe-separated lines, as readers render HTML tables and as
// reports reprint tracker extracts) become deals: the header row says which column holds the
// vendor, amount, counterpart, sector, country and date.
import type { Mechanism } from "../domain/vocabulary.js";
import { findAmounts } from "./amounts.js";
import { findDates } from "./dates.js";
import type { ExtractedDeal } from "./deal.js";
import { type DocumentContext, within } from "./context.js";
import { categoryOf } from "./fields.js";
import { foldSameLength } from "./fold.js";
import type { Paragraph } from "./segment.js";
import type { Span } from "./types.js";

type ColumnRole = "date" | "vendor" | "amount" | "buyer" | "category" | "country" | "share";

interface Cell extends Span {
  text: string;
}

function cellsOf(text: string, line: Span): Cell[] {
  const out: Cell[] = [];
  const raw = text.slice(line.start, line.end);
  const sep = raw.includes("\t") ? /\t/g : /\s*\|\s*/g;
  let last = 0;
  const push = (from: number, to: number) => {
    let s = from;
    let e = to;
    while (s < e && /\s|\|/.test(raw[s] ?? "")) s++;
    while (e > s && /\s|\|/.test(raw[e - 1] ?? "")) e--;
    out.push({ start: line.start + s, end: line.start + e, text: raw.slice(s, e) });
  };
  let m: RegExpExecArray | null;
  while ((m = sep.exec(raw)) !== null) {
    if (m[0].length === 0) {
      sep.lastIndex++;
      continue;
    }
    push(last, m.index);
    last = m.index + m[0].length;
  }
  push(last, raw.length);
  // A leading "|" makes an empty first cell in pipe tables.
  if (!raw.includes("\t") && out[0]?.text === "") out.shift();
  return out;
}

function linesOf(text: string, p: Paragraph): Span[] {
  const out: Span[] = [];
  let s = p.start;
  while (s < p.end) {
    let e = text.indexOf("\n", s);
    if (e < 0 || e > p.end) e = p.end;
    if (text.slice(s, e).trim()) out.push({ start: s, end: e });
    s = e + 1;
  }
  return out;
}

function roleOfHeader(cell: string, roles: Record<string, string[]>): ColumnRole | null {
  const folded = ` ${foldSameLength(cell).replace(/[^\p{L}\p{N}$]+/gu, " ")} `;
  for (const [role, words] of Object.entries(roles)) {
    if (words.some((w) => folded.includes(` ${foldSameLength(w)} `))) return role as ColumnRole;
  }
  return null;
}

/** The deals of a table paragraph: one per row with a known supplier and a LAC country. */
export function readTableDeals(ctx: DocumentContext, p: Paragraph): ExtractedDeal[] {
  const vocab = ctx.vocabulary.tableHeaders;
  const lines = linesOf(ctx.text, p);
  const header = lines[0];
  if (!header) return [];
  const headerCells = cellsOf(ctx.text, header);
  const roles = headerCells.map((c) => roleOfHeader(c.text, vocab.roles));
  if (roles.filter(Boolean).length < 2 || !roles.includes("vendor")) return [];
  const amountHeader = headerCells[roles.indexOf("amount")]?.text ?? "";
  const headerWords = foldSameLength(amountHeader).split(/[^\p{L}\p{N}$]+/u);
  const multiplier = headerWords.map((w) => vocab.multipliers[w]).find((m) => m !== undefined) ?? 1;
  const headerCurrency = headerWords.map((w) => vocab.currencies[w]).find((c) => c !== undefined) ?? null;
  const vendorHeader = foldSameLength(headerCells[roles.indexOf("vendor")]?.text ?? "").trim();
  const mechanism: Mechanism | null = vocab.vendorRoleMechanism[vendorHeader] ?? null;
  const lac = ctx.gazetteer.lac;
  const deals: ExtractedDeal[] = [];
  for (const line of lines.slice(1)) {
    const cells = cellsOf(ctx.text, line);
    const cell = (role: ColumnRole) => {
      const i = roles.indexOf(role);
      return i >= 0 ? cells[i] : undefined;
    };
    const vendorCell = cell("vendor");
    if (!vendorCell || !vendorCell.text) continue;
    const orgs = within(ctx.orgs, vendorCell);
    const vendors = orgs.length ? [...new Set(orgs.map((o) => o.org.name))] : [vendorCell.text];
    const countryCell = cell("country") ?? line;
    const country = within(ctx.places, countryCell)
      .flatMap((m) => m.entries)
      .map((e) => (e.kind === "country" ? e.code : null))
      .find((c): c is string => c !== null && lac.has(c));
    if (!country) continue;
    const fields: ExtractedDeal["fields"] = { vendors: vendorCell, country: countryCell };
    let amount: ExtractedDeal["amount"] = null;
    const amountCell = cell("amount");
    if (amountCell) {
      const found = findAmounts(amountCell.text, "en")[0];
      const bare = Number(amountCell.text.replace(/\\?\$|US|USD|[,\s]/g, ""));
      if (found && /[a-z]/i.test(found.text.replace(/US\$|USD|\$/g, ""))) amount = { value: found.value, currency: found.currency ?? headerCurrency ?? "USD", approximate: found.approximate };
      else if (Number.isFinite(bare) && bare > 0) amount = { value: bare * multiplier, currency: headerCurrency ?? found?.currency ?? "USD", approximate: false };
      if (amount) fields.amount = amountCell;
    }
    const dateCell = cell("date");
    const date = dateCell ? findDates(dateCell.text, "en", ctx.documentDate)[0] : undefined;
    if (dateCell && date) fields.year = dateCell;
    const categoryCell = cell("category");
    const category = categoryCell ? categoryOf(ctx, [categoryCell]) : null;
    if (category) fields.category = category.span;
    const buyerCell = cell("buyer");
    const buyer = buyerCell && buyerCell.text && !/^(n\/?a|-|—)$/i.test(buyerCell.text) ? buyerCell.text : null;
    if (buyer && buyerCell) fields.buyer = buyerCell;
    if (mechanism) fields.mechanism = within(ctx.triggers, header)[0] ?? header;
    deals.push({
      vendors,
      financiers: [],
      buyer,
      country,
      subdivision: null,
      city: null,
      amount,
      year: date?.year ?? null,
      category: category?.value ?? "other",
      quantity: {},
      mechanism,
      status: null,
      parties: orgs.map((o) => ({ name: o.org.name, role: mechanism === "investment" ? "investor" : mechanism === "loan" ? "financier" : "vendor", organizationId: o.org.id || null, span: { start: o.start, end: o.end } })),
      evidence: { start: line.start, end: line.end, text: ctx.text.slice(line.start, line.end) },
      fields,
      inferred: [],
      language: ctx.language,
      confidence: 0.7,
    });
  }
  return deals;
}
