export * from "./changes.ts";
export * from "./documents.ts";
export * from "./extractions.ts";
export * from "./snapshots.ts";
export * from "./sources.ts";
export * from "./subscribers.ts";
