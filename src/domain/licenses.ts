// Which licence a record's data carries, by where it came from. Imported data keeps its source's
// licence and attribution in every view and export.
export const OWN_DATA_LICENSE = "CC BY 4.0 — Digital Silk Road Observatory";

const BY_ORIGIN: Record<string, string> = {
  "reviewed-dataset": OWN_DATA_LICENSE,
  extracted: OWN_DATA_LICENSE,
  user: OWN_DATA_LICENSE,
  aiddata:
    "ODC-By 1.0 — AidData, Global Chinese Development Finance Dataset, Version 3.0 (Custer et al. 2023), https://www.aiddata.org/data/aiddatas-global-chinese-development-finance-dataset-version-3-0",
  ocds: "Open Contracting (OCDS) data: each publisher's licence, named with each source",
  cgit: "China Global Investment Tracker (AEI and The Heritage Foundation): free for public use with proper citation — https://www.aei.org/china-global-investment-tracker/",
};

/** Origins whose documents keep their own licence (each publisher's, for OCDS): imported sources. */
export const SOURCE_LICENSED_ORIGINS = ["aiddata", "ocds", "cgit"] as const;

export function licenseForOrigin(origin: string): string {
  return BY_ORIGIN[origin] ?? OWN_DATA_LICENSE;
}

/** One line naming every licence the given records carry, so no list shows data without its terms. */
export function licenseNote(items: readonly { license: string }[]): string {
  // An item's licence may already be a note of several ("A; B"): each licence is named once.
  const licenses = new Set(items.flatMap((i) => i.license.split("; ")));
  if (licenses.size === 0) licenses.add(OWN_DATA_LICENSE);
  return [...licenses].join("; ");
}
