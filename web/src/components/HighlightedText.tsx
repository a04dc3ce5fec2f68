// A document's text with its mentions marked (organizations, places, amounts, dates, quantities,
// deal sentences), each mark linking to its project. Text nodes only: markup shows as characters.
import { useMemo } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { HIGHLIGHT_KINDS, type HighlightKind, segments, type Span } from "../lib/highlight";

export function HighlightedText({ text, spans, hidden }: { text: string; spans: readonly Span[]; hidden: ReadonlySet<HighlightKind> }) {
  const { t } = useTranslation();
  const parts = useMemo(() => segments(text, spans.filter((s) => !hidden.has(s.kind))), [text, spans, hidden]);
  return (
    <div className="document-text">
      {parts.map((s) => {
        if (!s.primary) return <span key={s.start}>{s.text}</span>;
        const title = [...s.kinds.map((k) => t(`highlight.${k}`)), ...s.labels].join(" · ");
        const className = `hl hl-${s.primary}`;
        const project = s.projectIds[0];
        return project ? (
          <Link key={s.start} to={`/projects/${encodeURIComponent(project)}`} className={className} title={title} data-kinds={s.kinds.join(" ")}>
            {s.text}
          </Link>
        ) : (
          <mark key={s.start} className={className} title={title} data-kinds={s.kinds.join(" ")}>
            {s.text}
          </mark>
        );
      })}
    </div>
  );
}

export function HighlightLegend({ hidden, onToggle }: { hidden: ReadonlySet<HighlightKind>; onToggle: (k: HighlightKind) => void }) {
  const { t } = useTranslation();
  return (
    <div className="highlight-legend" role="group" aria-label={t("document.legend")}>
      {HIGHLIGHT_KINDS.map((k) => (
        <button key={k} type="button" className={`legend-chip hl-${k}`} aria-pressed={!hidden.has(k)} onClick={() => onToggle(k)}>
          {t(`highlight.${k}`)}
        </button>
      ))}
    </div>
  );
}
