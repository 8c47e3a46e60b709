/**
 * Numbers: quantities and years in policy sentences.
 *
 * - `findQuantities(sentence)` → `Quantity[]`: every figure with its offsets in the sentence, value
 *   normalized to the base of its unit (3500亿元 → 350000000000 CNY; 120万千瓦 → 1200 MW; 1万辆 → 10000
 *   count; 50万元/人 → 500000 CNY/person; 360台/万人 → 360 count/10k-person; 30% / 百分之三十 → 30
 *   percent; USD never converted), its comparator from the cue words around it (达到/以上/"+" >=,
 *   超过/突破/exceed >, 不超过/最高/以内 <=, bare =), ranges (3—5个 → 3, valueMax 5, >=), 百亿级
 *   (approximate, >=) and `magnitudeQualifier` for sizes of counted things (2个千亿级集群).
 *   Years, dates, document numbers, phone numbers, versions, resolutions, 5G/8K/L4 and list
 *   markers never come out. A number with no unit comes out as kind "plain", unit "number".
 * - `findYears(sentence)` → year mentions with kind deadline (到2025年, 2025年底, by 2025),
 *   period (2022—2025年, year = last, fromYear = first), date (2022年7月8日) or other.
 *
 * Both are pure, deterministic and linear in the sentence length; they never throw on junk.
 * Stages are exported for tests: normalizeWidth, scanNumbers, parseChineseNumeral, matchUnit,
 * comparatorBefore / comparatorAfter, findNonQuantitySpans.
 */
export { parseChineseNumeral } from "./chinese-numerals.ts";
export { comparatorAfter, comparatorBefore } from "./comparators.ts";
export { readEnglishWordNumber } from "./english-numerals.ts";
export { findQuantities } from "./find-quantities.ts";
export { findNonQuantitySpans } from "./non-quantities.ts";
export { normalizeWidth } from "./normalize-width.ts";
export { scanNumbers } from "./scan-numbers.ts";
export type { NumberToken, Quantity, QuantityKind, YearKind, YearMention } from "./types.ts";
export { matchUnit } from "./units.ts";
export { findYears } from "./years.ts";
