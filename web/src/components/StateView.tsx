// The states a page or panel can be in besides "ready": loading (and slow), failed, empty — each
// said in words with a way forward, never a blank area.
import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import type { ApiFailure } from "../lib/api";

export function Loading({ slow = false, onRetry }: { slow?: boolean; onRetry?: () => void }) {
  const { t } = useTranslation();
  return (
    <div className="state state-loading" role="status" aria-live="polite">
      <span className="spinner" aria-hidden="true" />
      <span>{slow ? t("state.slow") : t("state.loading")}</span>
      {slow && onRetry && (
        <button type="button" className="link-button" onClick={onRetry}>
          {t("state.retry")}
        </button>
      )}
    </div>
  );
}

export function Failed({ error, onRetry }: { error: ApiFailure; onRetry?: () => void }) {
  const { t } = useTranslation();
  const message =
    error.status === 404 ? t("state.notFound") : error.code === "timeout" ? t("state.timeout") : error.code === "network" ? t("state.network") : t("state.errorGeneric", { message: error.message });
  return (
    <div className="state state-error" role="alert">
      <strong>{t("state.errorTitle")}</strong>
      <span>{message}</span>
      {onRetry && error.status !== 404 && (
        <button type="button" className="button secondary" onClick={onRetry}>
          {t("state.retry")}
        </button>
      )}
    </div>
  );
}

export function Empty({ children }: { children?: ReactNode }) {
  const { t } = useTranslation();
  return (
    <div className="state state-empty" role="status">
      {children ?? t("state.empty")}
    </div>
  );
}
