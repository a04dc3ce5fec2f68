// The projects table's columns: which exist, which the API can sort by, and the reader's choice
// (remembered in this browser).
export const COLUMNS = ["country", "year", "vendors", "buyer", "category", "mechanism", "status", "amount", "review", "sources"] as const;
export type Column = (typeof COLUMNS)[number];
export const DEFAULT_COLUMNS: Column[] = ["country", "year", "vendors", "category", "amount", "review", "sources"];

/** Column → the API's sort key (descending is the key with a leading "-"). */
export const SORTABLE: Partial<Record<Column | "title", "year" | "amount" | "title">> = { title: "title", year: "year", amount: "amount" };

const KEY = "dsr.columns";

export function loadColumns(raw: string | null): Column[] {
  if (!raw) return DEFAULT_COLUMNS;
  const chosen = raw.split(",").filter((c): c is Column => (COLUMNS as readonly string[]).includes(c));
  return chosen.length ? COLUMNS.filter((c) => chosen.includes(c)) : DEFAULT_COLUMNS;
}

export function readColumns(): Column[] {
  try {
    return loadColumns(localStorage.getItem(KEY));
  } catch {
    return DEFAULT_COLUMNS;
  }
}

export function saveColumns(columns: readonly Column[]): void {
  try {
    localStorage.setItem(KEY, columns.join(","));
  } catch {
    // The choice then lasts for this page only.
  }
}

/** The next sort after clicking a header: a new column sorts descending first, the same one flips. */
export function nextSort(current: string, key: "year" | "amount" | "title"): string {
  if (current === `-${key}`) return key;
  if (current === key) return `-${key}`;
  return key === "title" ? "title" : `-${key}`;
}
