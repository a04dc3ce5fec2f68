// A source document: its citation and licence, its text with the mentions highlighted and linked to
// their projects, and the list of deals read from it.
import { useMemo, useState } from "react";
import { useTranslation } from "react-i18next";
import { Link, useParams } from "react-router";
import { HighlightedText, HighlightLegend } from "../components/HighlightedText";
import { Failed, Loading } from "../components/StateView";
import { useLang } from "../i18n";
import { useApi } from "../lib/api";
import type { DocumentView } from "../lib/api-types";
import { formatPartialDate } from "../lib/format";
import { type HighlightKind, mentionSpans } from "../lib/highlight";

export default function DocumentPage() {
  const { id = "" } = useParams();
  const result = useApi<DocumentView>(`/api/documents/${encodeURIComponent(id)}`);
  if (result.state === "error") return <Failed error={result.error} onRetry={result.reload} />;
  const d = result.data;
  if (!d) return <Loading slow={result.state === "loading" && result.slow} onRetry={result.reload} />;
  return <DocumentBody doc={d} />;
}

export function DocumentBody({ doc: d, headingLevel = 1 }: { doc: DocumentView; headingLevel?: 1 | 2 }) {
  const { t } = useTranslation();
  const { lang } = useLang();
  const [hidden, setHidden] = useState<Set<HighlightKind>>(new Set());
  const spans = useMemo(() => mentionSpans(d.mentions), [d]);
  const Heading = headingLevel === 1 ? "h1" : "h2";
  const toggle = (k: HighlightKind) => {
    const next = new Set(hidden);
    if (next.has(k)) next.delete(k);
    else next.add(k);
    setHidden(next);
  };
  return (
    <article className="page document">
      <Heading>{d.title ?? d.documentId}</Heading>
      <p className="citation-text">{d.citation}</p>
      <p className="muted">
        {[d.published && formatPartialDate(d.published, lang), d.publisher, d.language && t("document.language", { lang: d.language }), d.ocr && t("document.ocr")].filter(Boolean).join(" · ")}
        {d.url && (
          <>
            {" · "}
            <a href={d.url} rel="noopener noreferrer external" target="_blank">
              {t("project.original")}
            </a>
          </>
        )}
      </p>
      <p className="license-line">
        {t("common.license")}: {d.license}
      </p>
      {d.mentions.length > 0 && (
        <section className="card" aria-labelledby="mentions-title">
          <h2 id="mentions-title">{t("document.deals", { count: d.mentions.length })}</h2>
          <ul className="mentions">
            {d.mentions.map((m) => (
              <li key={m.id}>
                <q className="quote">{m.evidence.text}</q>{" "}
                {m.projectId ? <Link to={`/projects/${encodeURIComponent(m.projectId)}`}>{t("document.openProject")}</Link> : <span className="muted">{t("document.noProject")}</span>}
              </li>
            ))}
          </ul>
        </section>
      )}
      <section className="card" aria-labelledby="text-title">
        <h2 id="text-title">{t("document.text")}</h2>
        {d.text ? (
          <>
            {spans.length > 0 && <HighlightLegend hidden={hidden} onToggle={toggle} />}
            <HighlightedText text={d.text} spans={spans} hidden={hidden} />
          </>
        ) : (
          <p className="state state-empty">{t("document.noText")}</p>
        )}
      </section>
    </article>
  );
}
