import { diffExtractions, EXTRACTOR_VERSION, extractPolicy } from "@trackwatch/policy";
import type { Extractor } from "./extractor.ts";

/** The real extractor: packages/policy at its current EXTRACTOR_VERSION. */
export const policyExtractor: Extractor = {
  version: EXTRACTOR_VERSION,
  extract: (input) =>
    extractPolicy(input.body, {
      url: input.url,
      contentType: input.contentType ?? undefined,
      attachments: input.attachments,
    }),
  diff: (previous, next) => diffExtractions(previous, next),
};
