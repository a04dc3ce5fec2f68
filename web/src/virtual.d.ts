// Types of the build-time modules vite.config.ts generates.
declare module "virtual:lac-map" {
  const map: import("../build/lac-map.js").LacMap;
  export default map;
}
declare module "virtual:vocabulary" {
  const labels: import("../build/vocabulary.js").VocabularyLabels;
  export default labels;
}
