// A footnote marker: hovering, focusing or tapping it shows the quote and its source. The quote is
// rendered as text, so markup in a source shows as characters.
import { useId, useState } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import type { Note } from "../lib/footnotes";

export function FootnoteMarker({ note }: { note: Note }) {
  const { t } = useTranslation();
  const id = useId();
  const [hover, setHover] = useState(false);
  const [pinned, setPinned] = useState(false);
  const open = hover || pinned;
  return (
    <span
      className="footnote"
      onMouseEnter={() => setHover(true)}
      onMouseLeave={() => setHover(false)}
      onKeyDown={(e) => {
        if (e.key === "Escape") {
          setPinned(false);
          setHover(false);
        }
      }}
    >
      <button
        type="button"
        className="footnote-marker"
        aria-expanded={open}
        aria-controls={id}
        aria-label={t("project.footnote", { n: note.n })}
        onClick={() => setPinned((p) => !p)}
        onFocus={() => setHover(true)}
        onBlur={(e) => {
          // Stay open while focus moves into the popup (its link).
          if (!e.currentTarget.parentElement?.contains(e.relatedTarget as Node | null)) setHover(false);
        }}
      >
        {note.n}
      </button>
      <span id={id} role="note" className="footnote-popup" hidden={!open}>
        <q className="quote">{note.quote}</q>
        <span className="footnote-source">
          {note.citation ? note.citation.citation : note.documentId}
          {note.reviewed && <span className="badge ok">{t("project.reviewedQuote")}</span>}
        </span>
        <Link to={`/documents/${encodeURIComponent(note.documentId)}`} onBlur={() => setHover(false)}>
          {t("project.openDocument")}
        </Link>
      </span>
    </span>
  );
}

/** The markers of one value, in order. */
export function FootnoteMarkers({ numbers, notes }: { numbers: readonly number[]; notes: readonly Note[] }) {
  return (
    <>
      {numbers.map((n) => {
        const note = notes[n - 1];
        return note ? <FootnoteMarker key={n} note={note} /> : null;
      })}
    </>
  );
}
