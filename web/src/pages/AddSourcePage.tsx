// Adding a source (editors): paste text, give a URL or upload a file; the deals read from it appear
// at once, each to accept, edit (on its project page) or reject.
import { type FormEvent, useState } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { Loading } from "../components/StateView";
import { useLang } from "../i18n";
import { api, ApiFailure, useApi } from "../lib/api";
import type { PostedDocument, ProjectWithRelated } from "../lib/api-types";
import { countryName, formatAmount } from "../lib/format";
import { useSession } from "../lib/session";
import { DocumentBody } from "./DocumentPage";

type Mode = "text" | "url" | "file";

export default function AddSourcePage() {
  const { t } = useTranslation();
  const { canEdit, checking } = useSession();
  const [mode, setMode] = useState<Mode>("text");
  const [title, setTitle] = useState("");
  const [text, setText] = useState("");
  const [url, setUrl] = useState("");
  const [file, setFile] = useState<File | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [posted, setPosted] = useState<PostedDocument | null>(null);

  if (checking) return <Loading />;
  if (!canEdit) {
    return (
      <div className="page add-source">
        <h1>{t("add.title")}</h1>
        <p className="notice">{t("add.signInFirst")}</p>
      </div>
    );
  }

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    setPosted(null);
    try {
      let result: PostedDocument;
      if (mode === "file") {
        if (!file) throw new Error(t("add.noFile"));
        const form = new FormData();
        form.append("file", file, file.name);
        result = await api<PostedDocument>("/api/documents", { method: "POST", body: form });
      } else if (mode === "url") {
        result = await api<PostedDocument>("/api/documents", { method: "POST", json: { url: url.trim() } });
      } else {
        result = await api<PostedDocument>("/api/documents", { method: "POST", json: title.trim() ? { text, title: title.trim() } : { text } });
      }
      setPosted(result);
    } catch (err) {
      setError(err instanceof ApiFailure || err instanceof Error ? err.message : String(err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="page add-source">
      <h1>{t("add.title")}</h1>
      <p className="lede">{t("add.lede")}</p>
      <form className="card stack-form" onSubmit={(e) => void submit(e)}>
        <fieldset className="segmented-field">
          <legend>{t("add.kind")}</legend>
          {(["text", "url", "file"] as const).map((m) => (
            <label key={m} className={mode === m ? "active" : undefined}>
              <input type="radio" name="mode" value={m} checked={mode === m} onChange={() => setMode(m)} /> {t(`add.mode.${m}`)}
            </label>
          ))}
        </fieldset>
        {mode === "text" && (
          <>
            <label htmlFor="add-title">{t("add.docTitle")}</label>
            <input id="add-title" value={title} onChange={(e) => setTitle(e.target.value)} maxLength={500} />
            <label htmlFor="add-text">{t("add.text")}</label>
            <textarea id="add-text" required rows={10} value={text} onChange={(e) => setText(e.target.value)} />
          </>
        )}
        {mode === "url" && (
          <>
            <label htmlFor="add-url">{t("add.url")}</label>
            <input id="add-url" type="url" required placeholder="https://" value={url} onChange={(e) => setUrl(e.target.value)} />
          </>
        )}
        {mode === "file" && (
          <>
            <label htmlFor="add-file">{t("add.file")}</label>
            <input id="add-file" type="file" required accept=".pdf,.docx,.html,.htm,.txt,.md" onChange={(e) => setFile(e.target.files?.[0] ?? null)} />
          </>
        )}
        <button type="submit" className="button" disabled={busy}>
          {busy ? t("add.reading") : t("add.submit")}
        </button>
        {busy && <Loading />}
        {error && (
          <p role="alert" className="notice error">
            {error}
          </p>
        )}
      </form>
      {posted && <Extracted posted={posted} />}
    </div>
  );
}

function Extracted({ posted }: { posted: PostedDocument }) {
  const { t } = useTranslation();
  return (
    <section className="extracted" aria-labelledby="extracted-title">
      <h2 id="extracted-title">{t(posted.status === "duplicate" ? "add.duplicate" : "add.stored", { count: posted.deals })}</h2>
      {posted.warnings.map((w) => (
        <p key={w} className="notice warn">
          {w}
        </p>
      ))}
      {posted.projects.length === 0 && <p className="state state-empty">{t("add.noDeals")}</p>}
      <div className="deal-cards">
        {posted.projects.map((id) => (
          <DealCard key={id} id={id} />
        ))}
      </div>
      <DocumentBody doc={posted.document} headingLevel={2} />
    </section>
  );
}

function DealCard({ id }: { id: string }) {
  const { t } = useTranslation();
  const { lang, vocab } = useLang();
  const result = useApi<ProjectWithRelated>(`/api/projects/${encodeURIComponent(id)}`);
  const [message, setMessage] = useState<string | null>(null);
  const p = result.data;
  if (!p) return <div className="card deal-card">{result.state === "error" ? result.error.message : t("state.loading")}</div>;
  const act = async (action: "accept" | "reject") => {
    try {
      await api(`/api/projects/${encodeURIComponent(id)}/${action}`, { method: "POST" });
      setMessage(t(action === "accept" ? "review.accepted" : "review.rejectDone"));
      result.reload();
    } catch (err) {
      setMessage(err instanceof Error ? err.message : String(err));
    }
  };
  return (
    <article className="card deal-card" aria-label={p.title}>
      <h3>
        <Link to={`/projects/${encodeURIComponent(p.id)}`}>{p.title}</Link> <span className={`badge review-${p.review.state}`}>{t(`review.${p.review.state}`)}</span>
      </h3>
      <dl className="fields compact">
        {p.vendors.length > 0 && (
          <>
            <dt>{t("fields.vendors")}</dt>
            <dd>{p.vendors.join(", ")}</dd>
          </>
        )}
        {p.buyer && (
          <>
            <dt>{t("fields.buyer")}</dt>
            <dd>{p.buyer}</dd>
          </>
        )}
        {p.country && (
          <>
            <dt>{t("project.location")}</dt>
            <dd>{[p.city, countryName(p.country, lang)].filter(Boolean).join(", ")}</dd>
          </>
        )}
        {p.amount && (
          <>
            <dt>{t("fields.amount")}</dt>
            <dd>{formatAmount(p.amount, lang)}</dd>
          </>
        )}
        {p.year && (
          <>
            <dt>{t("fields.year")}</dt>
            <dd>{p.year}</dd>
          </>
        )}
        {p.category && (
          <>
            <dt>{t("fields.category")}</dt>
            <dd>{vocab("categories", p.category)}</dd>
          </>
        )}
      </dl>
      {message && <p role="status">{message}</p>}
      <div className="review-actions">
        <button type="button" className="button" disabled={p.review.state === "verified"} onClick={() => void act("accept")}>
          {t("review.accept")}
        </button>
        <Link className="button secondary" to={`/projects/${encodeURIComponent(p.id)}#review-title`}>
          {t("review.edit")}
        </Link>
        <button type="button" className="button danger" disabled={p.review.state === "rejected"} onClick={() => void act("reject")}>
          {t("review.reject")}
        </button>
      </div>
    </article>
  );
}
