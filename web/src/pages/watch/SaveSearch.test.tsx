// @vitest-environment jsdom
import { fireEvent, screen, waitFor } from "@testing-library/react";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { parseFilters } from "../../lib/filters";
import { renderApp } from "../../test/render";
import { SaveSearch } from "./SaveSearch";

type Call = { url: string; method: string; body: unknown; csrf: string | null };
let calls: Call[] = [];
let answer: (call: Call) => { status: number; body: unknown };

const json = (status: number, body: unknown) => new Response(JSON.stringify(body), { status, headers: { "content-type": "application/json" } });

beforeEach(() => {
  calls = [];
  localStorage.setItem("dsr.session", "1");
  vi.stubGlobal(
    "fetch",
    vi.fn(async (url: string, init: RequestInit = {}) => {
      const headers = new Headers(init.headers);
      const call = { url: String(url), method: init.method ?? "GET", body: init.body ? JSON.parse(String(init.body)) : null, csrf: headers.get("x-csrf-token") };
      if (call.url === "/api/session") return json(200, { name: "ana", role: "editor", csrfToken: "csrf-1" });
      calls.push(call);
      const a = answer(call);
      return json(a.status, a.body);
    }),
  );
});
afterEach(() => {
  vi.unstubAllGlobals();
  localStorage.clear();
});

const filters = parseFilters(new URLSearchParams("country=EC&category=surveillance&year_from=2020"));

async function openForm() {
  renderApp(<SaveSearch filters={filters} />, { route: "/projects?country=EC" });
  fireEvent.click(await screen.findByRole("button", { name: "Save this search" }));
  return screen.getByLabelText("Name");
}

describe("save this search", () => {
  it("is not offered to visitors who are not signed in", async () => {
    localStorage.clear();
    answer = () => ({ status: 500, body: {} });
    renderApp(<SaveSearch filters={filters} />);
    await new Promise((r) => setTimeout(r, 20));
    expect(screen.queryByRole("button", { name: "Save this search" })).toBeNull();
  });

  it("saves the page's filters with a name and links to the search on the watch page", async () => {
    answer = () => ({ status: 201, body: { search: { id: "ss-9", name: "Cameras EC" }, secret: null } });
    const name = await openForm();
    await waitFor(() => expect(document.activeElement).toBe(name));
    expect(screen.getByText(/Country: Ecuador/)).toBeTruthy();
    fireEvent.change(name, { target: { value: "Cameras EC" } });
    fireEvent.click(screen.getByRole("button", { name: "Save the search" }));
    const link = await screen.findByRole("link", { name: "See its news on the watch page" });
    expect(link.getAttribute("href")).toBe("/watch?search=ss-9");
    expect(screen.getByText("Saved “Cameras EC”.")).toBeTruthy();
    expect(calls).toEqual([{ url: "/api/searches", method: "POST", body: { name: "Cameras EC", query: { country: "EC", category: "surveillance", year_from: 2020 } }, csrf: "csrf-1" }]);
  });

  it("shows the webhook secret made for it, once", async () => {
    answer = () => ({ status: 201, body: { search: { id: "ss-9", name: "Hooked" }, secret: "made-secret-123456" } });
    const name = await openForm();
    fireEvent.change(name, { target: { value: "Hooked" } });
    fireEvent.change(screen.getByLabelText("Webhook URL"), { target: { value: "https://hooks.example/dsr" } });
    fireEvent.click(screen.getByRole("button", { name: "Save the search" }));
    expect(await screen.findByText("made-secret-123456")).toBeTruthy();
    expect((calls[0]?.body as { webhookUrl: string }).webhookUrl).toBe("https://hooks.example/dsr");
  });

  it("checks the fields before sending, and focuses the first one in error", async () => {
    answer = () => ({ status: 500, body: {} });
    await openForm();
    fireEvent.change(screen.getByLabelText("E-mail"), { target: { value: "ana@" } });
    fireEvent.click(screen.getByRole("button", { name: "Save the search" }));
    const name = screen.getByLabelText("Name");
    expect(name.getAttribute("aria-invalid")).toBe("true");
    expect(document.getElementById(name.getAttribute("aria-describedby")?.split(" ").find((x) => x.endsWith("-error")) ?? "")?.textContent).toBe("This is required.");
    expect(document.activeElement).toBe(name);
    expect(screen.getByText("Enter an e-mail address, such as ana@example.org.")).toBeTruthy();
    expect(calls).toEqual([]);
  });

  it("shows the API's refusal beside the field it names", async () => {
    answer = () => ({ status: 400, body: { error: "bad_request", message: 'a saved search named "Cameras EC" exists; delete it first or choose another name' } });
    const name = await openForm();
    fireEvent.change(name, { target: { value: "Cameras EC" } });
    fireEvent.click(screen.getByRole("button", { name: "Save the search" }));
    await screen.findByText(/exists; delete it first/);
    expect(name.getAttribute("aria-invalid")).toBe("true");
    expect(screen.queryByRole("link", { name: "See its news on the watch page" })).toBeNull();
  });

  it("speaks Spanish", async () => {
    answer = () => ({ status: 500, body: {} });
    renderApp(<SaveSearch filters={filters} />, { lang: "es" });
    fireEvent.click(await screen.findByRole("button", { name: "Guardar esta búsqueda" }));
    expect(screen.getByLabelText("Nombre")).toBeTruthy();
    expect(screen.getByText(/País: Ecuador/)).toBeTruthy();
  });
});
