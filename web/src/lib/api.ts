// Talking to the JSON API: one fetch wrapper with a timeout and typed errors, and a hook that gives
// pages an explicit state (loading, slow, error, ready) instead of a blank screen.
import { useCallback, useEffect, useRef, useState } from "react";

/** An answer the API refused, with its machine code and human message. */
export class ApiFailure extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

const TIMEOUT_MS = 30_000;
/** After this long a request is shown as slow (with the option to keep waiting or retry). */
export const SLOW_MS = 2_500;

let csrfToken: string | null = null;
/** The session's CSRF token, sent on every write made with the cookie. */
export function setCsrfToken(token: string | null): void {
  csrfToken = token;
}

async function failureOf(res: Response): Promise<ApiFailure> {
  let code = "http_" + res.status;
  let message = res.statusText || `HTTP ${res.status}`;
  try {
    const body = (await res.json()) as { error?: string; message?: string };
    if (body.error) code = body.error;
    if (body.message) message = body.message;
  } catch {
    // Not JSON (a proxy's error page): the status line says enough.
  }
  return new ApiFailure(res.status, code, message);
}

/** Calls the API and parses JSON; throws ApiFailure for 4xx/5xx, network errors and timeouts. */
export async function api<T>(path: string, init: RequestInit & { json?: unknown } = {}, signal?: AbortSignal): Promise<T> {
  const timeout = AbortSignal.timeout(TIMEOUT_MS);
  const headers = new Headers(init.headers);
  headers.set("accept", "application/json");
  let body = init.body;
  if (init.json !== undefined) {
    headers.set("content-type", "application/json");
    body = JSON.stringify(init.json);
  }
  const method = (init.method ?? "GET").toUpperCase();
  if (method !== "GET" && csrfToken) headers.set("x-csrf-token", csrfToken);
  let res: Response;
  try {
    res = await fetch(path, { ...init, method, headers, body, credentials: "same-origin", signal: signal ? AbortSignal.any([signal, timeout]) : timeout });
  } catch (err) {
    if (signal?.aborted) throw err;
    if (timeout.aborted) throw new ApiFailure(0, "timeout", "the server took too long to answer");
    throw new ApiFailure(0, "network", "the server could not be reached");
  }
  if (!res.ok) throw await failureOf(res);
  if (res.status === 204) return undefined as T;
  return (await res.json()) as T;
}

export type Loadable<T> =
  | { state: "loading"; slow: boolean; data: T | null }
  | { state: "error"; error: ApiFailure; data: T | null }
  | { state: "ready"; data: T };

/**
 * Loads `path` (null: nothing to load) and reloads when it changes. The previous data stays while
 * the next loads, so filters do not blank the page.
 */
export function useApi<T>(path: string | null): Loadable<T> & { reload: () => void } {
  const [result, setResult] = useState<Loadable<T>>({ state: "loading", slow: false, data: null });
  const [attempt, setAttempt] = useState(0);
  const last = useRef<T | null>(null);
  useEffect(() => {
    if (path === null) return;
    const controller = new AbortController();
    setResult({ state: "loading", slow: false, data: last.current });
    const slow = setTimeout(() => setResult((r) => (r.state === "loading" ? { ...r, slow: true } : r)), SLOW_MS);
    api<T>(path, {}, controller.signal).then(
      (data) => {
        last.current = data;
        setResult({ state: "ready", data });
      },
      (err: unknown) => {
        if (controller.signal.aborted) return;
        setResult({ state: "error", error: err instanceof ApiFailure ? err : new ApiFailure(0, "network", String(err)), data: last.current });
      },
    ).finally(() => clearTimeout(slow));
    return () => {
      controller.abort();
      clearTimeout(slow);
    };
  }, [path, attempt]);
  const reload = useCallback(() => setAttempt((n) => n + 1), []);
  return { ...result, reload };
}
