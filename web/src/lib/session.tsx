// Who is signed in: an editor pastes a token once, the server answers with a cookie session and a
// CSRF token; the page keeps only the CSRF token in memory and a "signed in" hint in storage.
import { createContext, type ReactNode, useCallback, useContext, useEffect, useMemo, useState } from "react";
import { api, ApiFailure, setCsrfToken } from "./api";
import type { SessionInfo } from "./api-types";

const HINT_KEY = "dsr.session";

interface SessionContextValue {
  session: SessionInfo | null;
  /** True while the page asks the server whether a session cookie is still valid. */
  checking: boolean;
  signIn(token: string): Promise<SessionInfo>;
  signOut(): Promise<void>;
  /** Editors and admins may review and add sources. */
  canEdit: boolean;
}

const SessionContext = createContext<SessionContextValue | null>(null);

function remember(on: boolean): void {
  try {
    if (on) localStorage.setItem(HINT_KEY, "1");
    else localStorage.removeItem(HINT_KEY);
  } catch {
    // Without storage the session lasts until the page is reloaded.
  }
}

export function SessionProvider({ children }: { children: ReactNode }) {
  const [session, setSession] = useState<SessionInfo | null>(null);
  const [checking, setChecking] = useState(false);

  const apply = useCallback((s: SessionInfo | null) => {
    setSession(s);
    setCsrfToken(s?.csrfToken ?? null);
    remember(s !== null);
  }, []);

  useEffect(() => {
    // Only ask when this browser signed in before: anonymous visitors cost no request and no 401.
    let hinted = false;
    try {
      hinted = localStorage.getItem(HINT_KEY) === "1";
    } catch {
      hinted = false;
    }
    if (!hinted) return;
    setChecking(true);
    api<SessionInfo>("/api/session")
      .then(apply, (err: unknown) => {
        if (err instanceof ApiFailure && err.status === 401) apply(null);
      })
      .finally(() => setChecking(false));
  }, [apply]);

  const signIn = useCallback(
    async (token: string) => {
      const s = await api<SessionInfo>("/api/session", { method: "POST", json: { token: token.trim() } });
      apply(s);
      return s;
    },
    [apply],
  );
  const signOut = useCallback(async () => {
    await api<void>("/api/session", { method: "DELETE" }).catch(() => undefined);
    apply(null);
  }, [apply]);

  const value = useMemo(() => ({ session, checking, signIn, signOut, canEdit: session !== null }), [session, checking, signIn, signOut]);
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}

export function useSession(): SessionContextValue {
  const v = useContext(SessionContext);
  if (!v) throw new Error("useSession outside SessionProvider");
  return v;
}
