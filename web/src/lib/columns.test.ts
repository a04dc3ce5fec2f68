import { describe, expect, it } from "vitest";
import { DEFAULT_COLUMNS, loadColumns, nextSort } from "./columns";

describe("table columns and sorting", () => {
  it("reads a remembered choice in table order and ignores unknown names", () => {
    expect(loadColumns("amount,country,nonsense")).toEqual(["country", "amount"]);
    expect(loadColumns("")).toEqual(DEFAULT_COLUMNS);
    expect(loadColumns("nonsense")).toEqual(DEFAULT_COLUMNS);
  });

  it("sorts a new column descending (titles A–Z) and flips on a second click", () => {
    expect(nextSort("-year", "amount")).toBe("-amount");
    expect(nextSort("-amount", "amount")).toBe("amount");
    expect(nextSort("amount", "amount")).toBe("-amount");
    expect(nextSort("-year", "title")).toBe("title");
  });
});
