/** Bump on any change of extraction behaviour: re-extractions are recorded under the new version. */
export const EXTRACTOR_VERSION = "extract-2026.11.28-3";
