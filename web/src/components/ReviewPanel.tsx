// Review actions for signed-in editors on a project page: accept, reject with a reason, set a field
// (cited to the editor's note), merge other projects in, or split one source's account out.
import { type FormEvent, useState } from "react";
import { useTranslation } from "react-i18next";
import { useNavigate } from "react-router";
import { useLang } from "../i18n";
import { api, ApiFailure } from "../lib/api";
import type { ProjectWithRelated } from "../lib/api-types";
import { EDITABLE_FIELDS, parseEditValue } from "../lib/edit-value";
import { useSession } from "../lib/session";

export function ReviewPanel({ project, onChanged }: { project: ProjectWithRelated; onChanged: () => void }) {
  const { t } = useTranslation();
  const { canEdit } = useSession();
  const { vocab } = useLang();
  const navigate = useNavigate();
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  const [reason, setReason] = useState("");
  const [field, setField] = useState<string>("vendors");
  const [value, setValue] = useState("");
  const [note, setNote] = useState("");
  const [mergeIds, setMergeIds] = useState("");
  const [splitDoc, setSplitDoc] = useState(project.sources[0]?.documentId ?? "");

  if (!canEdit) return null;
  const path = `/api/projects/${encodeURIComponent(project.id)}`;

  const run = async (action: () => Promise<unknown>, done: string, after?: (result: unknown) => void) => {
    setBusy(true);
    setMessage(null);
    try {
      const result = await action();
      setMessage({ ok: true, text: done });
      if (after) after(result);
      else onChanged();
    } catch (err) {
      setMessage({ ok: false, text: err instanceof ApiFailure ? err.message : String(err) });
    } finally {
      setBusy(false);
    }
  };

  const edit = (e: FormEvent) => {
    e.preventDefault();
    const parsed = parseEditValue(field, value);
    if (!parsed.ok) {
      setMessage({ ok: false, text: t(parsed.error) });
      return;
    }
    void run(() => api(path, { method: "PATCH", json: { field, value: parsed.value, ...(note.trim() ? { note: note.trim() } : {}) } }), t("review.edited"));
  };

  return (
    <section className="card review-panel no-print" aria-labelledby="review-title">
      <h2 id="review-title">{t("review.title")}</h2>
      {message && (
        <p role={message.ok ? "status" : "alert"} className={message.ok ? "notice ok" : "notice error"}>
          {message.text}
        </p>
      )}
      <div className="review-actions">
        <button type="button" className="button" disabled={busy || project.review.state === "verified"} onClick={() => void run(() => api(`${path}/accept`, { method: "POST" }), t("review.accepted"))}>
          {t("review.accept")}
        </button>
        <form
          className="inline-form"
          onSubmit={(e) => {
            e.preventDefault();
            void run(() => api(`${path}/reject`, { method: "POST", json: reason.trim() ? { reason: reason.trim() } : {} }), t("review.rejectDone"));
          }}
        >
          <label htmlFor="reject-reason">{t("review.reason")}</label>
          <input id="reject-reason" value={reason} onChange={(e) => setReason(e.target.value)} />
          <button type="submit" className="button danger" disabled={busy || project.review.state === "rejected"}>
            {t("review.reject")}
          </button>
        </form>
      </div>
      <details>
        <summary>{t("review.editTitle")}</summary>
        <form className="stack-form" onSubmit={edit}>
          <label htmlFor="edit-field">{t("review.field")}</label>
          <select id="edit-field" value={field} onChange={(e) => setField(e.target.value)}>
            {EDITABLE_FIELDS.map((f) => (
              <option key={f} value={f}>
                {t(`fields.${f}`)}
              </option>
            ))}
          </select>
          <label htmlFor="edit-value">{t("review.value")}</label>
          <input id="edit-value" value={value} onChange={(e) => setValue(e.target.value)} aria-describedby="edit-hint" list={["category", "mechanism", "status"].includes(field) ? `edit-options-${field}` : undefined} />
          <datalist id={`edit-options-${field}`}>
            {field === "category" && Object.keys(t("categories", { ns: "vocab", returnObjects: true }) as object).map((c) => <option key={c} value={c}>{vocab("categories", c)}</option>)}
            {field === "mechanism" && Object.keys(t("mechanisms", { ns: "vocab", returnObjects: true }) as object).map((c) => <option key={c} value={c}>{vocab("mechanisms", c)}</option>)}
            {field === "status" && Object.keys(t("statuses", { ns: "vocab", returnObjects: true }) as object).map((c) => <option key={c} value={c}>{vocab("statuses", c)}</option>)}
          </datalist>
          <p id="edit-hint" className="hint">
            {t(`edit.hint.${field}`, { defaultValue: t("edit.hint.text") })}
          </p>
          <label htmlFor="edit-note">{t("review.note")}</label>
          <input id="edit-note" value={note} onChange={(e) => setNote(e.target.value)} />
          <button type="submit" className="button" disabled={busy}>
            {t("review.save")}
          </button>
        </form>
      </details>
      <details>
        <summary>{t("review.mergeTitle")}</summary>
        <form
          className="stack-form"
          onSubmit={(e) => {
            e.preventDefault();
            const from = mergeIds.split(/[\s,]+/).filter(Boolean);
            if (from.length) void run(() => api(`${path}/merge`, { method: "POST", json: { from } }), t("review.merged"));
          }}
        >
          <label htmlFor="merge-ids">{t("review.mergeIds")}</label>
          <input id="merge-ids" value={mergeIds} onChange={(e) => setMergeIds(e.target.value)} />
          <button type="submit" className="button secondary" disabled={busy}>
            {t("review.merge")}
          </button>
        </form>
      </details>
      {project.sources.length > 1 && (
        <details>
          <summary>{t("review.splitTitle")}</summary>
          <form
            className="stack-form"
            onSubmit={(e) => {
              e.preventDefault();
              void run(
                () => api<{ to: { id: string } }>(`${path}/split`, { method: "POST", json: { documentId: splitDoc } }),
                t("review.split"),
                (r) => void navigate(`/projects/${encodeURIComponent((r as { to: { id: string } }).to.id)}`),
              );
            }}
          >
            <label htmlFor="split-doc">{t("review.splitSource")}</label>
            <select id="split-doc" value={splitDoc} onChange={(e) => setSplitDoc(e.target.value)}>
              {project.sources.map((s) => (
                <option key={s.documentId} value={s.documentId}>
                  {s.title ?? s.documentId}
                </option>
              ))}
            </select>
            <button type="submit" className="button secondary" disabled={busy}>
              {t("review.splitAction")}
            </button>
          </form>
        </details>
      )}
    </section>
  );
}
