// @vitest-environment jsdom
import { fireEvent, screen, waitFor, within } from "@testing-library/react";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { renderApp } from "../../test/render";
import { AssessmentForm } from "./AssessmentForm";
import type { AssessmentView, QuestionnaireDoc } from "./types";

const questionnaire = {
  version: "1.0.0",
  title: "Test questionnaire",
  method: "test",
  scales: { likelihood: ["1", "2", "3", "4"], severity: ["1", "2", "3", "4"] },
  sections: [
    {
      id: "system",
      title: "The system",
      questions: [
        { id: "system.description", type: "text", text: "Describe the system.", help: "A few sentences." },
        { id: "system.scale", type: "single", text: "How large is it?", options: [{ id: "city", label: "A city" }, { id: "national", label: "The whole country" }] },
      ],
    },
    {
      id: "data",
      title: "The data",
      description: "Which personal data.",
      questions: [
        { id: "data.categories", type: "multi", text: "Which kinds of personal data?", options: [{ id: "video", label: "Video" }, { id: "faces", label: "Faces" }, { id: "plates", label: "Plates" }] },
        { id: "controls.logging", type: "control", text: "Every access is logged." },
      ],
    },
    {
      id: "vendor",
      title: "Vendor",
      questions: [
        { id: "vendor.home_country", type: "country", text: "Vendor's home country." },
        { id: "sustainability.lifespan_years", type: "number", text: "Lifespan in years.", min: 0, max: 50 },
      ],
    },
  ],
  derived: [],
  risks: [],
  legalChecks: [],
  prefill: { byCategory: {}, byRoute: {}, byMechanism: {}, byTerms: [] },
  controlOptions: [
    { id: "in_place", label: "In place" },
    { id: "planned", label: "Planned" },
    { id: "none", label: "No" },
    { id: "unknown", label: "Don't know" },
  ],
} as unknown as QuestionnaireDoc;

const ALL = ["system.description", "system.scale", "data.categories", "controls.logging", "vendor.home_country", "sustainability.lifespan_years"];

function assessment(answers: Record<string, unknown>, provenance: Record<string, string> = {}): AssessmentView {
  return {
    id: "A1",
    title: "Jujuy cameras",
    projectId: "zte-jujuy-surveillance-2019",
    country: "AR",
    questionnaireVersion: "1.0.0",
    status: "draft",
    answers: answers as AssessmentView["answers"],
    provenance,
    createdBy: "e",
    createdAt: "2026-01-01T10:00:00Z",
    updatedBy: "e",
    updatedAt: "2026-01-01T10:00:00Z",
    unanswered: ALL.filter((id) => answers[id] === undefined || answers[id] === "unknown"),
    risks: [],
  };
}

type Call = { url: string; method: string; body: unknown };
let calls: Call[];
let respond: (call: Call) => { status: number; body: unknown };

beforeEach(() => {
  calls = [];
  respond = (call) => {
    const patch = call.body as { answers?: Record<string, unknown> };
    const answers = { ...saved };
    for (const [k, v] of Object.entries(patch.answers ?? {})) {
      if (v === null) delete answers[k];
      else answers[k] = v;
    }
    saved = answers;
    return { status: 200, body: assessment(answers) };
  };
  vi.stubGlobal(
    "fetch",
    vi.fn(async (url: string, init: RequestInit = {}) => {
      const call = { url: String(url), method: String(init.method ?? "GET"), body: init.body ? JSON.parse(String(init.body)) : null };
      calls.push(call);
      const { status, body } = respond(call);
      return new Response(JSON.stringify(body), { status, headers: { "content-type": "application/json" } });
    }),
  );
});
afterEach(() => vi.unstubAllGlobals());

let saved: Record<string, unknown> = {};

function open(initial: AssessmentView, route = "/assessments/A1") {
  saved = { ...initial.answers };
  return renderApp(<AssessmentForm questionnaire={questionnaire} initial={initial} />, { route, path: "/assessments/:id" });
}

const stepHeading = () => screen.getByRole("heading", { level: 2 });

describe("assessment form", () => {
  it("resumes at the first step with an unanswered question, and marks prefilled answers", () => {
    open(assessment({ "system.description": "CCTV", "system.scale": "city" }, { "system.scale": 'project category "surveillance"' }));
    expect(stepHeading().textContent).toContain("Step 2 of 3");
    expect(stepHeading().textContent).toContain("The data");
    expect(screen.getByText("Which personal data.")).toBeTruthy();
    // The step list says where the first step stands.
    expect(screen.getByRole("button", { name: "Step 1: The system (2 of 2 answered)" })).toBeTruthy();
    fireEvent.click(screen.getByRole("button", { name: /^Step 1:/ }));
    return waitFor(() => expect(stepHeading().textContent).toContain("Step 1 of 3")).then(() => {
      const scale = screen.getByRole("group", { name: /How large is it\?/ });
      expect(within(scale).getByText("From the project")).toBeTruthy();
      expect(within(scale).getByText('filled in from project category "surveillance"')).toBeTruthy();
      expect((within(scale).getByLabelText("A city") as HTMLInputElement).checked).toBe(true);
      // No edit was made, so moving between steps sent nothing.
      expect(calls.filter((c) => c.method === "PATCH")).toEqual([]);
    });
  });

  it("opens the step the URL names", () => {
    open(assessment({}), "/assessments/A1?step=3");
    expect(stepHeading().textContent).toContain("Step 3 of 3");
    expect(screen.getByLabelText(/Vendor's home country/)).toBeTruthy();
  });

  it("saves the step's answers, serialised for the API, when moving to the next step", async () => {
    open(assessment({ "system.description": "CCTV", "system.scale": "city" }));
    const kinds = screen.getByRole("group", { name: /Which kinds of personal data/ });
    fireEvent.click(within(kinds).getByLabelText("Plates"));
    fireEvent.click(within(kinds).getByLabelText("Video"));
    const logging = screen.getByRole("group", { name: /Every access is logged/ });
    fireEvent.click(within(logging).getByLabelText("Planned"));
    expect(screen.getByRole("status").textContent).toBe("Unsaved changes");
    fireEvent.click(screen.getByRole("button", { name: "Save and continue →" }));
    await waitFor(() => expect(stepHeading().textContent).toContain("Step 3 of 3"));
    const patches = calls.filter((c) => c.method === "PATCH");
    expect(patches).toHaveLength(1);
    expect(patches[0]?.url).toBe("/api/assessments/A1");
    // Multi-choices in questionnaire order, whatever the order they were ticked in.
    expect(patches[0]?.body).toEqual({ answers: { "data.categories": ["video", "plates"], "controls.logging": "planned" } });
    expect(screen.getByRole("status").textContent).toMatch(/^Saved/);

    // Numbers with a decimal comma, country codes upper-cased; the Save button saves without moving.
    fireEvent.change(screen.getByLabelText(/Vendor's home country/), { target: { value: "cn" } });
    fireEvent.change(screen.getByLabelText(/Lifespan in years/), { target: { value: "7,5" } });
    fireEvent.click(screen.getByRole("button", { name: "Save" }));
    await waitFor(() => expect(calls.filter((c) => c.method === "PATCH")).toHaveLength(2));
    expect(calls.at(-1)?.body).toEqual({ answers: { "vendor.home_country": "CN", "sustainability.lifespan_years": 7.5 } });
    expect(stepHeading().textContent).toContain("Step 3 of 3");
  });

  it("clears an answer with 'Not answered' and sends null", async () => {
    open(assessment({ "system.scale": "national" }), "/assessments/A1?step=1");
    const scale = screen.getByRole("group", { name: /How large is it\?/ });
    fireEvent.click(within(scale).getByLabelText("Not answered"));
    fireEvent.click(screen.getByRole("button", { name: "Save" }));
    await waitFor(() => expect(calls.filter((c) => c.method === "PATCH")).toHaveLength(1));
    expect(calls[0]?.body).toEqual({ answers: { "system.scale": null } });
  });

  it("shows the API's message beside the refused answer and stays on its step", async () => {
    open(assessment({}), "/assessments/A1?step=3");
    respond = () => ({ status: 400, body: { error: "invalid_answers", message: "answers: question sustainability.lifespan_years: 99 is above the maximum 50" } });
    const years = screen.getByLabelText(/Lifespan in years/);
    fireEvent.change(years, { target: { value: "99" } });
    fireEvent.click(screen.getByRole("button", { name: "Finish and see the result" }));
    await waitFor(() => expect(screen.getByText("99 is above the maximum 50")).toBeTruthy());
    expect(calls.at(-1)?.body).toEqual({ answers: { "sustainability.lifespan_years": 99 }, status: "complete" });
    expect(years.getAttribute("aria-invalid")).toBe("true");
    expect(years.getAttribute("aria-describedby")).toContain("q-sustainability-lifespan_years-error");
    expect(screen.getByRole("alert").textContent).toContain("see the messages beside the questions");
    expect(screen.getByRole("status").textContent).toBe("Not saved");
    expect(stepHeading().textContent).toContain("Step 3 of 3");
    await waitFor(() => expect(document.activeElement).toBe(years));

    // Correcting the answer clears the message; the next save goes through.
    respond = () => ({ status: 200, body: assessment({ "sustainability.lifespan_years": 10 }) });
    fireEvent.change(years, { target: { value: "10" } });
    expect(screen.queryByText("99 is above the maximum 50")).toBeNull();
    fireEvent.click(screen.getByRole("button", { name: "Save" }));
    await waitFor(() => expect(screen.getByRole("status").textContent).toMatch(/^Saved/));
  });

  it("refuses to send a number it cannot read, saying so beside the question", async () => {
    open(assessment({}), "/assessments/A1?step=3");
    fireEvent.change(screen.getByLabelText(/Lifespan in years/), { target: { value: "ten" } });
    expect(screen.getByText("Write a number, e.g. 10 or 7.5.")).toBeTruthy();
    fireEvent.click(screen.getByRole("button", { name: "Save" }));
    await waitFor(() => expect(screen.getByRole("status").textContent).toBe("Not saved"));
    expect(calls.filter((c) => c.method === "PATCH")).toEqual([]);
  });

  it("moves to the step of a refused answer when saving on the way elsewhere", async () => {
    open(assessment({}), "/assessments/A1?step=1");
    fireEvent.click(within(screen.getByRole("group", { name: /How large is it\?/ })).getByLabelText("A city"));
    respond = () => ({ status: 400, body: { error: "invalid_answers", message: 'answers: question system.scale: "city" is not an option (pilot)' } });
    fireEvent.click(screen.getByRole("button", { name: /^Step 3:/ }));
    await waitFor(() => expect(screen.getByText('"city" is not an option (pilot)')).toBeTruthy());
    expect(stepHeading().textContent).toContain("Step 1 of 3");
  });

  it("keeps the edits and says so when the server cannot be reached", async () => {
    open(assessment({}), "/assessments/A1?step=1");
    respond = () => ({ status: 503, body: { error: "unavailable", message: "down for maintenance" } });
    fireEvent.change(screen.getByLabelText(/Describe the system/), { target: { value: "Cameras" } });
    fireEvent.click(screen.getByRole("button", { name: "Save" }));
    await waitFor(() => expect(screen.getByRole("alert").textContent).toContain("down for maintenance"));
    expect((screen.getByLabelText(/Describe the system/) as HTMLTextAreaElement).value).toBe("Cameras");
    respond = () => ({ status: 200, body: assessment({ "system.description": "Cameras" }) });
    fireEvent.click(screen.getByRole("button", { name: "Save" }));
    await waitFor(() => expect(screen.getByRole("status").textContent).toMatch(/^Saved/));
    expect(calls.filter((c) => c.method === "PATCH").map((c) => c.body)).toEqual([{ answers: { "system.description": "Cameras" } }, { answers: { "system.description": "Cameras" } }]);
  });

  it("speaks Spanish and says the questionnaire is in English", () => {
    renderApp(<AssessmentForm questionnaire={questionnaire} initial={assessment({})} />, { route: "/assessments/A1?step=1", path: "/assessments/:id", lang: "es" });
    expect(stepHeading().textContent).toContain("Paso 1 de 3");
    expect(screen.getByText(/solo en inglés/)).toBeTruthy();
    expect(screen.getByRole("button", { name: "Guardar" })).toBeTruthy();
  });
});
