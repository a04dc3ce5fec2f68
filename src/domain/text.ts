// Text normalisation shared by matching and grouping: names are compared with accents, case,
// punctuation and spacing folded, so "Telefónica" and "TELEFONICA" are one key.

/** Folds accents and case, keeps letters/digits (any script) and single spaces. */
export function foldKey(text: string): string {
  return text
    .normalize("NFD")
    .replace(/\p{M}+/gu, "")
    .toLowerCase()
    .replace(/&/g, " and ")
    .replace(/[^\p{L}\p{N}]+/gu, " ")
    .trim();
}
