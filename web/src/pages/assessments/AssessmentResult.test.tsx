// @vitest-environment jsdom
import { screen, within } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { renderApp } from "../../test/render";
import { AssessmentResult } from "./AssessmentResult";
import { cellsOf, zoneOf } from "./RiskMap";
import type { Report } from "./types";

const point = (likelihood: number, severity: number) => ({ likelihood, severity, zone: zoneOf(likelihood, severity) });

function report(over: Partial<Report> = {}): Report {
  return {
    id: "A 1",
    title: "Cameras <b>in</b> Port of Spain",
    status: "complete",
    generatedAt: "2026-06-01T00:00:00Z",
    questionnaire: { version: "1.0.0", title: "Q", method: "CNIL.", answeredAgainst: "1.0.0" },
    system: { projectId: null, title: "Cameras", country: "TT", countryName: "Trinidad and Tobago", category: null, vendors: [], buyer: null, year: null, amountUsd: null, mechanism: null, procurementRoute: null },
    sections: [],
    answered: 10,
    unanswered: 0,
    risks: [
      { id: "illegitimate_access", number: 1, title: "Illegitimate access", description: "d", base: { likelihood: 1, severity: 2 }, initial: point(3, 3), residual: point(2, 3), raisedBy: [{ why: "sensitive data", likelihood: 0, severity: 1 }], measures: [{ control: "controls.logging", label: "access logs", state: "planned", likelihood: -1, severity: 0 }, { control: "controls.encryption", label: "encryption", state: "in_place", likelihood: -1, severity: 0 }] },
      { id: "data_loss", number: 2, title: "Data loss", description: "d", base: { likelihood: 1, severity: 1 }, initial: point(3, 3), residual: point(1, 1), raisedBy: [], measures: [] },
    ],
    scales: { likelihood: ["1", "2", "3", "4"], severity: ["1", "2", "3", "4"] },
    law: {
      country: "TT", alpha3: "TTO", name: "Trinidad and Tobago", generalLaw: null, otherInstruments: [], authority: null,
      dpia: { required: "no_law", when: "no law", reference: null }, biometrics: { sensitive: "no_law", rule: "none" }, transfers: { rule: "none" },
      sources: [{ title: "Gazette", url: "javascript:alert(1)", kind: "official" }], confidence: "medium",
    },
    legal: [],
    vendor: null,
    comparable: [{ id: "p-1", title: "Cameras in Quito", country: "EC", year: 2011, vendors: ["Huawei"], status: null }],
    sources: [],
    licenses: ["CC BY 4.0"],
    knowledgeBase: { lawsAsOf: "2026-05", jurisdictionsAsOf: "2026-05", lawSources: [], jurisdictionSources: [] },
    ...over,
  } as Report;
}

describe("risk map", () => {
  it("zones cells as the server does and groups risks by cell", () => {
    expect([zoneOf(3, 3), zoneOf(4, 1), zoneOf(1, 3), zoneOf(2, 2)]).toEqual(["high", "medium", "medium", "low"]);
    const r = report().risks;
    expect([...cellsOf(r, "initial")]).toEqual([["3:3", [1, 2]]]);
    expect([...cellsOf(r, "residual")]).toEqual([
      ["2:3", [1]],
      ["1:1", [2]],
    ]);
  });
});

describe("assessment result", () => {
  it("draws both maps, says when a country has no general law, and links the reports", () => {
    const { container } = renderApp(<AssessmentResult report={report()} />);
    expect(container.querySelectorAll('svg[data-map="initial"] .risk-marker')).toHaveLength(2);
    expect(container.querySelectorAll('svg[data-map="residual"] .risk-marker')).toHaveLength(2);
    expect(screen.getByRole("img", { name: "Initial risk" })).toBeTruthy();
    expect(screen.getByText(/^Trinidad (and|&) Tobago has no general data-protection law\.$/)).toBeTruthy();
    expect(screen.getByText("No data-protection authority")).toBeTruthy();
    // A source address that is not http(s) stays text.
    expect(screen.getByText("Gazette").closest("a")).toBeNull();
    expect(screen.getByRole("link", { name: "Open the report (HTML)" }).getAttribute("href")).toBe("/api/assessments/A%201/report?format=html");
    expect(screen.getByRole("link", { name: "Download PDF" }).getAttribute("href")).toBe("/api/assessments/A%201/report?format=pdf");
    expect(screen.getByRole("link", { name: "Cameras in Quito" }).getAttribute("href")).toBe("/projects/p-1");
    // Markup in a title is shown as characters.
    expect(screen.getByRole("heading", { level: 1 }).textContent).toBe("Cameras <b>in</b> Port of Spain");
  });

  it("lists each risk's reasons and the measures that would lower it", () => {
    renderApp(<AssessmentResult report={report()} />);
    const card = screen.getByRole("region", { name: /Illegitimate access/ });
    expect(within(card).getByText("sensitive data")).toBeTruthy();
    expect(within(card).getByText("planned")).toBeTruthy();
    expect(within(card).getByText("Already in place:")).toBeTruthy();
    expect(within(screen.getByRole("region", { name: /Data loss/ })).getByText(/No answer raises it above its base/)).toBeTruthy();
  });
});
