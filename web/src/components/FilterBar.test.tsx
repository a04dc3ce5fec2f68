// @vitest-environment jsdom
import { fireEvent, screen } from "@testing-library/react";
import { describe, expect, it, vi } from "vitest";
import type { Filters } from "../lib/filters";
import { renderApp } from "../test/render";
import { FilterBar } from "./FilterBar";

describe("filter bar", () => {
  it("applies a country as soon as it is chosen", () => {
    const onChange = vi.fn<(f: Filters) => void>();
    renderApp(<FilterBar filters={{ category: "surveillance" }} onChange={onChange} />);
    fireEvent.change(screen.getByLabelText("Country"), { target: { value: "AR" } });
    expect(onChange).toHaveBeenCalledWith({ category: "surveillance", country: "AR" });
  });

  it("applies typed text only when the field is left, not on every key", () => {
    const onChange = vi.fn<(f: Filters) => void>();
    renderApp(<FilterBar filters={{}} onChange={onChange} search />);
    const vendor = screen.getByLabelText("Vendor");
    fireEvent.change(vendor, { target: { value: "Huawei" } });
    expect(onChange).not.toHaveBeenCalled();
    fireEvent.blur(vendor);
    expect(onChange).toHaveBeenCalledWith({ vendor: "Huawei" });
  });

  it("ignores a year that is not four digits", () => {
    const onChange = vi.fn<(f: Filters) => void>();
    renderApp(<FilterBar filters={{}} onChange={onChange} />);
    const from = screen.getByLabelText("From");
    fireEvent.change(from, { target: { value: "19" } });
    fireEvent.blur(from);
    expect(onChange).not.toHaveBeenCalled();
    fireEvent.change(from, { target: { value: "2015" } });
    fireEvent.blur(from);
    expect(onChange).toHaveBeenCalledWith({ yearFrom: 2015 });
  });

  it("lists active filters as removable chips, in the interface language", () => {
    const onChange = vi.fn<(f: Filters) => void>();
    renderApp(<FilterBar filters={{ country: "MX", category: "surveillance", verified: true }} onChange={onChange} />, { lang: "es" });
    fireEvent.click(screen.getByRole("button", { name: "Quitar filtro: México" }));
    expect(onChange).toHaveBeenCalledWith({ category: "surveillance", verified: true });
    expect(screen.getByRole("button", { name: /Solo verificados/ })).toBeTruthy();
  });
});
