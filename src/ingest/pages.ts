// Text from PDF, OCR and DOCX readers → tidy plain text, with pages joined so that each keeps the
// offset where it starts: an evidence span can then be cited with its page number.

/**
 * Pages are joined with a blank line: the extractor segments paragraphs on blank lines, so a page
 * break ends a paragraph (running heads and page numbers do not glue onto the sentence that
 * crosses the break; the cost is that such a sentence is split in two).
 */
export const PAGE_SEPARATOR = "\n\n";

/**
 * Trims every line, squeezes runs of spaces, tabs and no-break spaces to one space, turns form
 * feeds into line ends and keeps at most one blank line between paragraphs.
 * @example tidyText("  Contrato \t con  ZTE \n\n\n\f fin ") // "Contrato con ZTE\n\nfin"
 */
export function tidyText(text: string): string {
  return text
    .replace(/\r\n?|[\f\v\u2028\u2029]/g, "\n")
    .replace(/[^\S\n]+/g, " ")
    .replace(/ ?\n ?/g, "\n")
    .replace(/\n{3,}/g, "\n\n")
    .trim();
}

/**
 * Tidies each page and joins them with PAGE_SEPARATOR. `pageStarts[i]` is the offset in `text`
 * where page i + 1 starts; an empty page starts where the next page's text starts.
 * @example joinPages(["uno", "", "tres"]) // { text: "uno\n\ntres", pageStarts: [0, 5, 5] }
 */
export function joinPages(pages: readonly string[]): { text: string; pageStarts: number[] } {
  let text = "";
  const pageStarts: number[] = [];
  for (const page of pages) {
    const tidy = tidyText(page);
    const start = text === "" ? 0 : text.length + PAGE_SEPARATOR.length;
    pageStarts.push(start);
    if (tidy !== "") text = text === "" ? tidy : text + PAGE_SEPARATOR + tidy;
  }
  return { text, pageStarts };
}

/**
 * The 1-based page on which `offset` (into the document's text) lies; 1 when there are no pages.
 * @example pageOf([0, 120, 300], 150) // 2
 */
export function pageOf(pageStarts: readonly number[], offset: number): number {
  // Binary search for the last page starting at or before the offset.
  let lo = 0;
  let hi = pageStarts.length - 1;
  let page = 0;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if ((pageStarts[mid] ?? 0) <= offset) {
      page = mid;
      lo = mid + 1;
    } else {
      hi = mid - 1;
    }
  }
  return page + 1;
}
