/**
 * Diff: what changed between two extractions of the same document, as change events.
 *
 * - `diffExtractions(previous, next)`: previous null → one document-added event. Otherwise
 *   document-metadata-changed (title, issuer, docNumber, publishedAt; revisedAt/writtenAt/indexNumber
 *   only ride along), then target-/rule-changed, -added, -removed. Items are matched by identity key
 *   as multisets (equal items first, then the closest by value, then document order); sentence text,
 *   spans and metric wording never make a change.
 */
export { differingFields, sameValue } from "./compare-values.ts";
export {
  DOCUMENT_FIELDS,
  diffExtractions,
  RULE_FIELDS,
  SECONDARY_DOCUMENT_FIELDS,
  TARGET_FIELDS,
} from "./diff-extractions.ts";
export { type Pairing, pairByKey } from "./pair-by-key.ts";
