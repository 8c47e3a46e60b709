export { findRepealedDocNumbers, normalizeDocNumber } from "./documents/doc-number.ts";
export { type DocumentLinks, findSuperseded, type LinkableDocument } from "./documents/find-superseded.ts";
export { hasRevisionWording, revisionTitleStem } from "./documents/revision-title.ts";
export * from "./diff/index.ts";
export * from "./numbers/index.ts";
export * from "./types.ts";
