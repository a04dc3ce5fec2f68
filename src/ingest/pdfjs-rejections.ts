// pdf.js (5.6, in unpdf 1.7) starts some fetches it never awaits — getPageDict prefetches the page
// tree's kids — so on a damaged PDF their rejections go unhandled, and Node ends the process for
// that. While a PDF is being read, those pdf.js rejections are absorbed; nothing else is.

/** pdf.js's own exception names (BaseException subclasses, worker and display side). */
const PDFJS_EXCEPTIONS = new Set([
  "AbortException",
  "FormatError",
  "InvalidPDFException",
  "MissingDataException",
  "ParserEOFException",
  "PasswordException",
  "ResponseException",
  "UnknownErrorException",
  "XRefEntryException",
  "XRefParseException",
]);

let readsInFlight = 0;

function isPdfjsRejection(reason: unknown): boolean {
  if (!(reason instanceof Error)) return false;
  // Plain Errors thrown inside the bundled pdf.js carry its file in their stack.
  return PDFJS_EXCEPTIONS.has(reason.name) || (reason.stack ?? "").includes("unpdf/dist/pdfjs");
}

function absorbPdfjsRejection(reason: unknown): void {
  if (isPdfjsRejection(reason)) return;
  // Not pdf.js's: when no one else listens, fail as Node would have without this listener.
  if (process.listenerCount("unhandledRejection") === 1) throw reason;
}

/**
 * Runs a PDF reading with pdf.js's stray rejections absorbed. The listener stays one turn of the
 * event loop after the last reading ends, for rejections reported after its last await.
 * @example const text = await withPdfjsRejectionsAbsorbed(() => extractText(pdf))
 */
export async function withPdfjsRejectionsAbsorbed<T>(read: () => Promise<T>): Promise<T> {
  if (readsInFlight++ === 0) process.on("unhandledRejection", absorbPdfjsRejection);
  try {
    return await read();
  } finally {
    setImmediate(() => {
      if (--readsInFlight === 0) process.off("unhandledRejection", absorbPdfjsRejection);
    });
  }
}
