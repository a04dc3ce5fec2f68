// @vitest-environment jsdom
import { screen, waitFor } from "@testing-library/react";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { renderApp } from "../../test/render";
import WatchPage from "./WatchPage";

const responses: Record<string, unknown> = {
  "/api/searches": { items: [{ id: "ss-1", name: "Cameras in Ecuador", query: { country: "EC", category: "surveillance" }, alerts: 1, lastCollectedAt: null }] },
  "/api/searches/ss-1/news?limit=50": {
    total: 1,
    items: [
      {
        id: "al-1", createdAt: "2026-01-01T10:00:00Z", isNew: true, project: { id: "p-1", title: "Hikvision cameras for Quito", country: "EC" },
        claims: [{ id: 7, field: "vendors", value: ["Hikvision"], quote: "El Municipio de Quito firmó con Hikvision", document: { id: "doc-1", title: "Nota", url: null, citation: "Diario. Nota." } }],
      },
    ],
  },
  "/api/watch/health": {
    items: [
      { id: "ws-1", url: "https://compras.example/ocds.json", kind: "ocds", title: null, health: "failing", healthNote: "failing since 2026-03-01 (40 runs in a row): HTTP 503", lastOkAt: null, lastRunAt: "2026-06-01T00:00:00Z", lastCounts: null },
    ],
  },
};

beforeEach(() => {
  vi.stubGlobal(
    "fetch",
    vi.fn(async (url: string) => new Response(JSON.stringify(responses[String(url)] ?? {}), { status: responses[String(url)] ? 200 : 404, headers: { "content-type": "application/json" } })),
  );
});
afterEach(() => vi.unstubAllGlobals());

describe("watch page", () => {
  it("shows the saved searches, the chosen one's news with quotes, and each source's health", async () => {
    renderApp(<WatchPage />, { route: "/watch" });
    await waitFor(() => expect(screen.getByText("Hikvision cameras for Quito")).toBeTruthy());
    expect(screen.getByRole("button", { name: "Cameras in Ecuador" })).toBeTruthy();
    expect(screen.getByText("“El Municipio de Quito firmó con Hikvision”")).toBeTruthy();
    await waitFor(() => expect(screen.getByText("Failing")).toBeTruthy());
    expect(screen.getByText(/HTTP 503/)).toBeTruthy();
  });
});
