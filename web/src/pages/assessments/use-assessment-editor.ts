// The state of an assessment being answered: the saved assessment, the edits not yet saved, the
// save state shown to the person ("saving", "saved", "error") and the API's complaints per question.
// Saves are PATCHes of the edits only (the API merges; null clears), one at a time, in order.
import { useCallback, useEffect, useMemo, useRef, useState } from "react";
import { api, ApiFailure } from "../../lib/api";
import { answerIssues, pendingAfterSave, splitIssues } from "./form-logic";
import type { AnswerValue, AssessmentView, Draft } from "./types";

export type SaveState = "idle" | "dirty" | "saving" | "saved" | "error";

export interface SaveOutcome {
  ok: boolean;
  /** Question ids the API refused, in the order it named them. */
  invalid: string[];
}

export interface AssessmentEditor {
  assessment: AssessmentView;
  draft: Draft;
  state: SaveState;
  /** What went wrong with the last save, when it is not about one question. */
  error: string | null;
  /** The API's message for each refused answer, and the form's own for input it cannot read. */
  issues: Record<string, string>;
  dirty: boolean;
  setAnswer(id: string, value: AnswerValue | null): void;
  /** Marks input the form cannot turn into an answer (a word in a number field); null clears the mark. */
  setLocalProblem(id: string, message: string | null): void;
  save(extra?: { status?: "draft" | "complete" }): Promise<SaveOutcome>;
}

export function useAssessmentEditor(initial: AssessmentView, questionIds: ReadonlySet<string>, messages: { fixFirst: string; failed: (m: string) => string }): AssessmentEditor {
  const [assessment, setAssessment] = useState(initial);
  const [draft, setDraft] = useState<Draft>({});
  const [state, setState] = useState<SaveState>("idle");
  const [error, setError] = useState<string | null>(null);
  const [apiIssues, setApiIssues] = useState<Record<string, string>>({});
  const [localIssues, setLocalIssues] = useState<Record<string, string>>({});
  // The latest draft and local problems for the save that runs after pending renders.
  const draftRef = useRef(draft);
  draftRef.current = draft;
  const localRef = useRef(localIssues);
  localRef.current = localIssues;
  const queue = useRef<Promise<unknown>>(Promise.resolve());
  const messagesRef = useRef(messages);
  messagesRef.current = messages;

  const setAnswer = useCallback((id: string, value: AnswerValue | null) => {
    setDraft((d) => {
      const next = { ...d, [id]: value };
      draftRef.current = next;
      return next;
    });
    setApiIssues((i) => {
      if (!(id in i)) return i;
      const { [id]: _, ...rest } = i;
      return rest;
    });
    setState("dirty");
  }, []);

  const setLocalProblem = useCallback((id: string, message: string | null) => {
    setLocalIssues((i) => {
      if (message === null) {
        if (!(id in i)) return i;
        const { [id]: _, ...rest } = i;
        localRef.current = rest;
        return rest;
      }
      const next = { ...i, [id]: message };
      localRef.current = next;
      return next;
    });
    if (message !== null) setState("dirty");
  }, []);

  const runSave = useCallback(
    async (extra: { status?: "draft" | "complete" }): Promise<SaveOutcome> => {
      const local = Object.keys(localRef.current);
      if (local.length) {
        setState("error");
        setError(messagesRef.current.fixFirst);
        return { ok: false, invalid: local };
      }
      const sent = draftRef.current;
      if (Object.keys(sent).length === 0 && extra.status === undefined) {
        // Nothing left to send: everything typed is saved (a fixed local problem was the last issue).
        setState((s) => (s === "idle" ? "idle" : "saved"));
        setError(null);
        return { ok: true, invalid: [] };
      }
      setState("saving");
      setError(null);
      const body: { answers?: Draft; status?: string } = {};
      if (Object.keys(sent).length) body.answers = sent;
      if (extra.status) body.status = extra.status;
      try {
        const saved = await api<AssessmentView>(`/api/assessments/${encodeURIComponent(initial.id)}`, { method: "PATCH", json: body });
        setAssessment(saved);
        const rest = pendingAfterSave(draftRef.current, sent);
        draftRef.current = rest;
        setDraft(rest);
        setApiIssues({});
        setState(Object.keys(rest).length ? "dirty" : "saved");
        return { ok: true, invalid: [] };
      } catch (err) {
        const failure = err instanceof ApiFailure ? err : new ApiFailure(0, "network", String(err));
        setState("error");
        if (failure.code === "invalid_answers") {
          const { byQuestion, general } = splitIssues(answerIssues(failure.message), questionIds);
          setApiIssues(byQuestion);
          setError(general ?? messagesRef.current.fixFirst);
          return { ok: false, invalid: Object.keys(byQuestion) };
        }
        setError(messagesRef.current.failed(failure.message));
        return { ok: false, invalid: [] };
      }
    },
    [initial.id, questionIds],
  );

  const save = useCallback(
    (extra: { status?: "draft" | "complete" } = {}) => {
      // One save at a time: the next starts when the previous has settled, with the draft of then.
      const next = queue.current.then(() => runSave(extra));
      queue.current = next.catch(() => undefined);
      return next;
    },
    [runSave],
  );

  const issues = useMemo(() => ({ ...apiIssues, ...localIssues }), [apiIssues, localIssues]);
  const dirty = Object.keys(draft).length > 0 || Object.keys(localIssues).length > 0;

  // Leaving the page with unsaved answers asks first (the browser's own dialog).
  useEffect(() => {
    if (!dirty) return;
    const warn = (e: BeforeUnloadEvent) => {
      e.preventDefault();
    };
    window.addEventListener("beforeunload", warn);
    return () => window.removeEventListener("beforeunload", warn);
  }, [dirty]);

  return { assessment, draft, state, error, issues, dirty, setAnswer, setLocalProblem, save };
}
