import type { ChangeEvent, Extraction } from "@trackwatch/policy";

export interface ExtractorInput {
  body: string;
  url: string;
  contentType: string | null;
  attachments: { url: string; name: string | null; text: string; warning?: string | null }[];
}

/**
 * What the extract step needs from packages/policy, as one injectable object: the pipeline,
 * `trackwatch once` and `trackwatch reextract` use the real one; tests swap in a bumped version.
 */
export interface Extractor {
  readonly version: string;
  extract(input: ExtractorInput): Extraction;
  diff(previous: Extraction, next: Extraction): ChangeEvent[];
}
