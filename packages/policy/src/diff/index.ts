export { differingFields, sameValue } from "./compare-values.ts";
export {
  DOCUMENT_FIELDS,
  diffExtractions,
  RULE_FIELDS,
  SECONDARY_DOCUMENT_FIELDS,
  TARGET_FIELDS,
} from "./diff-extractions.ts";
export { type Pairing, pairByKey } from "./pair-by-key.ts";
