// @vitest-environment jsdom
import { fireEvent, screen } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import type { Note } from "../lib/footnotes";
import { renderApp } from "../test/render";
import { FootnoteMarker } from "./Footnote";

const note: Note = {
  n: 3,
  documentId: "doc-1",
  quote: 'Huawei will install 4,000 cameras <script>alert("x")</script>',
  reviewed: true,
  citation: { documentId: "doc-1", title: "T", authors: [], publisher: "Reuters", published: null, url: null, citation: "Reuters, “T,” 2019." },
};

const popup = () => screen.getByRole("note", { hidden: true });

describe("footnote marker", () => {
  it("shows the quote and its source on hover and hides it when the pointer leaves", () => {
    renderApp(<FootnoteMarker note={note} />);
    const marker = screen.getByRole("button", { name: /footnote 3/i });
    expect(popup().hidden).toBe(true);
    fireEvent.mouseEnter(marker.parentElement as HTMLElement);
    expect(popup().hidden).toBe(false);
    expect(popup().textContent).toContain("Huawei will install 4,000 cameras");
    expect(popup().textContent).toContain("Reuters, “T,” 2019.");
    expect(screen.getByRole("link", { name: /open the document/i }).getAttribute("href")).toBe("/documents/doc-1");
    fireEvent.mouseLeave(marker.parentElement as HTMLElement);
    expect(popup().hidden).toBe(true);
  });

  it("stays open after a tap, for touch screens, and closes with Escape", () => {
    renderApp(<FootnoteMarker note={note} />);
    const marker = screen.getByRole("button", { name: /footnote 3/i });
    fireEvent.click(marker);
    expect(marker.getAttribute("aria-expanded")).toBe("true");
    fireEvent.keyDown(marker, { key: "Escape" });
    expect(marker.getAttribute("aria-expanded")).toBe("false");
  });

  it("opens for keyboard users on focus", () => {
    renderApp(<FootnoteMarker note={note} />);
    fireEvent.focus(screen.getByRole("button", { name: /footnote 3/i }));
    expect(popup().hidden).toBe(false);
  });

  it("shows markup in a quote as characters, never as elements", () => {
    const { container } = renderApp(<FootnoteMarker note={note} />);
    expect(container.querySelector("script")).toBeNull();
    expect(container.textContent).toContain('<script>alert("x")</script>');
  });
});
