// @vitest-environment jsdom
import { screen } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { renderApp } from "../test/render";
import { HighlightedText } from "./HighlightedText";

describe("highlighted document text", () => {
  const text = "In 2021 Huawei sold cameras to Paraguay. <img src=x onerror=alert(1)>";

  it("marks mentions and links each to its project", () => {
    renderApp(
      <HighlightedText
        text={text}
        hidden={new Set()}
        spans={[
          { start: 0, end: 40, kind: "deal", projectId: "p-1" },
          { start: 8, end: 14, kind: "organization", projectId: "p-1", label: "Huawei" },
          { start: 3, end: 7, kind: "date", projectId: "p-1" },
        ]}
      />,
    );
    const huawei = screen.getByRole("link", { name: "Huawei" });
    expect(huawei.getAttribute("href")).toBe("/projects/p-1");
    expect(huawei.className).toContain("hl-organization");
    expect(screen.getByRole("link", { name: "2021" }).className).toContain("hl-date");
  });

  it("keeps markup in the text as characters", () => {
    const { container } = renderApp(<HighlightedText text={text} hidden={new Set()} spans={[]} />);
    expect(container.querySelector("img")).toBeNull();
    expect(container.textContent).toBe(text);
  });

  it("drops the marks of hidden kinds", () => {
    const { container } = renderApp(<HighlightedText text={text} hidden={new Set(["organization", "deal"])} spans={[{ start: 8, end: 14, kind: "organization" }, { start: 0, end: 40, kind: "deal" }]} />);
    expect(container.querySelector(".hl")).toBeNull();
  });
});
