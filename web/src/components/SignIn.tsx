// Sign-in for editors: a token (from `dsr token create`) pasted once becomes a cookie session.
import { type FormEvent, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { ApiFailure } from "../lib/api";
import { useSession } from "../lib/session";

export function SignIn() {
  const { t } = useTranslation();
  const { session, signIn, signOut } = useSession();
  const dialog = useRef<HTMLDialogElement>(null);
  const [token, setToken] = useState("");
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  if (session) {
    return (
      <div className="session">
        <span>
          {t("session.signedInAs", { name: session.name })} <span className="badge">{t(`session.role.${session.role}`)}</span>
        </span>
        <button type="button" className="link-button" onClick={() => void signOut()}>
          {t("session.signOut")}
        </button>
      </div>
    );
  }

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      await signIn(token);
      setToken("");
      dialog.current?.close();
    } catch (err) {
      setError(err instanceof ApiFailure && err.status === 401 ? t("session.badToken") : t("state.errorGeneric", { message: err instanceof Error ? err.message : String(err) }));
    } finally {
      setBusy(false);
    }
  };

  return (
    <>
      <button type="button" className="button secondary" onClick={() => dialog.current?.showModal()}>
        {t("session.signIn")}
      </button>
      <dialog ref={dialog} className="dialog" aria-labelledby="signin-title">
        <form onSubmit={(e) => void submit(e)}>
          <h2 id="signin-title">{t("session.title")}</h2>
          <p className="muted">{t("session.help")}</p>
          <label htmlFor="signin-token">{t("session.token")}</label>
          <input id="signin-token" type="password" autoComplete="off" required value={token} onChange={(e) => setToken(e.target.value)} placeholder="dsr_…" />
          {error && (
            <p role="alert" className="error-text">
              {error}
            </p>
          )}
          <div className="dialog-actions">
            <button type="button" className="button secondary" onClick={() => dialog.current?.close()}>
              {t("common.cancel")}
            </button>
            <button type="submit" className="button" disabled={busy}>
              {t("session.submit")}
            </button>
          </div>
        </form>
      </dialog>
    </>
  );
}
