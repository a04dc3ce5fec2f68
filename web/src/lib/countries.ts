// The 33 countries of Latin America and the Caribbean the observatory covers (data/places.json's
// `lac` flag), for the country filter.
export const LAC_COUNTRIES = [
  "AG", "AR", "BB", "BO", "BR", "BS", "BZ", "CL", "CO", "CR", "CU", "DM", "DO", "EC", "GD", "GT", "GY",
  "HN", "HT", "JM", "KN", "LC", "MX", "NI", "PA", "PE", "PY", "SR", "SV", "TT", "UY", "VC", "VE",
] as const;
