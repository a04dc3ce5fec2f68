// @vitest-environment jsdom
import { fireEvent, screen, waitFor, within } from "@testing-library/react";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { renderApp } from "../../test/render";
import WatchPage from "./WatchPage";

const search = { id: "ss-1", name: "Cameras in Ecuador", query: { country: "EC", category: "surveillance" }, alerts: 1, lastCollectedAt: null, webhookUrl: null, email: "ana@news.example", hasSecret: false };
const failing = {
  id: "ws-1", url: "https://compras.example/ocds.json", kind: "ocds", title: null, health: "failing", healthNote: "failing since 2026-03-01 (40 runs in a row): HTTP 503",
  lastOkAt: null, lastRunAt: "2026-06-01T00:00:00Z", lastCounts: null, everySeconds: 21600, nextRunAt: "2026-06-02T00:00:00Z", failures: 40, failingSince: "2026-03-01T08:00:00Z", lastError: "HTTP 503",
};
const responses: Record<string, unknown> = {
  "/api/searches": { items: [search] },
  "/api/searches/ss-1/news?limit=50": {
    total: 1,
    items: [
      {
        id: "al-1", createdAt: "2026-01-01T10:00:00Z", isNew: true, project: { id: "p-1", title: "Hikvision cameras for Quito", country: "EC" },
        claims: [{ id: 7, field: "vendors", value: ["Hikvision"], quote: "El Municipio de Quito firmó con Hikvision", document: { id: "doc-1", title: "Nota", url: null, citation: "Diario. Nota." } }],
      },
    ],
  },
  "/api/watch/health": { items: [failing] },
};

type Call = { url: string; method: string; body: unknown };
let calls: Call[] = [];
let writes: (call: Call) => { status: number; body: unknown } = () => ({ status: 500, body: {} });

beforeEach(() => {
  calls = [];
  vi.stubGlobal(
    "fetch",
    vi.fn(async (url: string, init: RequestInit = {}) => {
      const call = { url: String(url), method: init.method ?? "GET", body: init.body ? JSON.parse(String(init.body)) : null };
      let status = 200;
      let body: unknown;
      if (call.url === "/api/session") body = { name: "ana", role: "editor", csrfToken: "c" };
      else if (call.method !== "GET") {
        calls.push(call);
        ({ status, body } = writes(call));
      } else {
        body = responses[call.url] ?? {};
        status = responses[call.url] ? 200 : 404;
      }
      return new Response(JSON.stringify(body), { status, headers: { "content-type": "application/json" } });
    }),
  );
});
afterEach(() => {
  vi.unstubAllGlobals();
  localStorage.clear();
});

describe("watch page", () => {
  it("shows the saved searches, the chosen one's news with quotes, and each source's health", async () => {
    renderApp(<WatchPage />, { route: "/watch" });
    await waitFor(() => expect(screen.getByText("Hikvision cameras for Quito")).toBeTruthy());
    expect(screen.getByRole("button", { name: "Cameras in Ecuador" })).toBeTruthy();
    expect(screen.getByText("“El Municipio de Quito firmó con Hikvision”")).toBeTruthy();
    await waitFor(() => expect(screen.getByText("Failing")).toBeTruthy());
    // A failing source says since when and why.
    const row = document.querySelector('tr[data-health="failing"]') as HTMLElement;
    expect(row.className).toContain("watch-failing");
    expect(within(row).getByText("Failing since 2026-03-01 08:00")).toBeTruthy();
    expect(within(row).getByText(/40 failed runs in a row/)).toBeTruthy();
    expect(within(row).getByText(/HTTP 503/)).toBeTruthy();
  });

  it("is read-only for visitors, with a hint to sign in", async () => {
    renderApp(<WatchPage />, { route: "/watch" });
    await screen.findByText("Failing");
    expect(screen.getByText(/Saving searches and watching sources is for editors/)).toBeTruthy();
    expect(screen.getByRole("button", { name: "Sign in" })).toBeTruthy();
    expect(screen.queryByRole("button", { name: /Run now/ })).toBeNull();
    expect(screen.queryByLabelText("Address (URL)")).toBeNull();
    expect(screen.queryByRole("button", { name: /Edit alerts/ })).toBeNull();
  });

  describe("for editors", () => {
    beforeEach(() => localStorage.setItem("dsr.session", "1"));

    it("adds a source, checking the schedule first and showing the API's refusal beside the URL", async () => {
      writes = () => ({ status: 400, body: { error: "bad_request", message: "https://diario.example/feed.xml is watched already; see `dsr watch list`" } });
      renderApp(<WatchPage />, { route: "/watch" });
      const url = await screen.findByLabelText("Address (URL)");
      fireEvent.change(url, { target: { value: "https://diario.example/feed.xml" } });
      fireEvent.change(screen.getByLabelText("How often"), { target: { value: "1m" } });
      fireEvent.click(screen.getByRole("button", { name: "Watch it" }));
      expect(screen.getByText(/at least 5m/, { selector: ".watch-field-error" })).toBeTruthy();
      expect(calls).toEqual([]);
      fireEvent.change(screen.getByLabelText("How often"), { target: { value: "6h" } });
      fireEvent.change(screen.getByLabelText("Country (optional)"), { target: { value: "ec" } });
      fireEvent.click(screen.getByRole("button", { name: "Watch it" }));
      await screen.findByText(/is watched already/);
      expect(calls).toEqual([{ url: "/api/watch/sources", method: "POST", body: { url: "https://diario.example/feed.xml", every: "6h", country: "EC" } }]);
      expect(url.getAttribute("aria-invalid")).toBe("true");

      writes = () => ({ status: 201, body: { ...failing, id: "ws-2", url: "https://otro.example/feed.xml", title: "Otro diario", health: "never_run" } });
      fireEvent.change(url, { target: { value: "https://otro.example/feed.xml" } });
      fireEvent.click(screen.getByRole("button", { name: "Watch it" }));
      await screen.findByText("Now watching Otro diario.");
      expect(url.getAttribute("aria-invalid")).toBeNull();
    });

    it("runs a source now and says what it brought", async () => {
      writes = () => ({ status: 200, body: { ran: 1, failed: 0, notModified: 0, documents: 2, sources: [{ id: "ws-1", outcome: "ok", error: null, counts: { listed: 3, new: 2, documents: 2, failed: 0, disallowed: 0 } }] } });
      renderApp(<WatchPage />, { route: "/watch" });
      fireEvent.click(await screen.findByRole("button", { name: "Run now: https://compras.example/ocds.json" }));
      await screen.findByText("https://compras.example/ocds.json: listed 3, new 2, documents stored 2.");
      expect(calls).toEqual([{ url: "/api/watch/sources/ws-1/run", method: "POST", body: null }]);
    });

    it("asks before it stops watching a source", async () => {
      writes = () => ({ status: 200, body: failing });
      renderApp(<WatchPage />, { route: "/watch" });
      fireEvent.click(await screen.findByRole("button", { name: "Stop watching: https://compras.example/ocds.json" }));
      expect(calls).toEqual([]);
      expect(document.activeElement?.textContent).toBe("Cancel");
      fireEvent.click(screen.getByRole("button", { name: "Yes, stop" }));
      await screen.findByText("Stopped watching https://compras.example/ocds.json.");
      expect(calls).toEqual([{ url: "/api/watch/sources/ws-1", method: "DELETE", body: null }]);
    });

    it("edits a search's alerts (a cleared e-mail is removed) and deletes a search", async () => {
      writes = (call) => (call.method === "PATCH" ? { status: 200, body: { search: { ...search, email: null, webhookUrl: "https://hooks.example/a" }, secret: "fresh-secret-0123456" } } : { status: 200, body: search });
      renderApp(<WatchPage />, { route: "/watch" });
      fireEvent.click(await screen.findByRole("button", { name: "Edit alerts: Cameras in Ecuador" }));
      const hook = screen.getByLabelText("Webhook URL");
      expect(document.activeElement).toBe(hook);
      expect((screen.getByLabelText("E-mail") as HTMLInputElement).value).toBe("ana@news.example");
      fireEvent.change(screen.getByLabelText("E-mail"), { target: { value: "" } });
      fireEvent.change(hook, { target: { value: "https://hooks.example/a" } });
      fireEvent.click(screen.getByRole("button", { name: "Save the alerts" }));
      expect(await screen.findByText("fresh-secret-0123456")).toBeTruthy();
      expect(calls[0]).toEqual({ url: "/api/searches/ss-1", method: "PATCH", body: { webhookUrl: "https://hooks.example/a", email: null } });
      fireEvent.click(screen.getByRole("button", { name: "OK" }));

      fireEvent.click(await screen.findByRole("button", { name: "Delete: Cameras in Ecuador" }));
      fireEvent.click(screen.getByRole("button", { name: "Yes, delete" }));
      await screen.findByText("Deleted “Cameras in Ecuador”.");
      expect(calls[1]).toEqual({ url: "/api/searches/ss-1", method: "DELETE", body: null });
    });
  });

  it("speaks Portuguese", async () => {
    renderApp(<WatchPage />, { route: "/watch", lang: "pt" });
    expect(await screen.findByText("Falhando")).toBeTruthy();
    expect(screen.getByText("Falhando desde 2026-03-01 08:00")).toBeTruthy();
  });
});
