import type { Figure } from "./find-figures.ts";

const STOP_AFTER =
  /[，。；、,;:：.!?！？（(]|和|及|以及|与|\band\b|\bwith\b|\bworth\b|\beach\b|\bby\b|\bto\b/i;
const VERB_TAIL =
  /(?:力争|争取|将|要|预计|计划|达到|达|突破|超过|超|大于|高于|不少于|不低于|增至|提升至|提高到|为|是|实现|到|至|(?:\b(?:is|are|be|to|will|should|exceed|exceeding|top|above|past|over|more than|at least|around|about|reach|of|worth|for)\b)|\s)+$/i;
const LEAD_NOISE =
  /^(?:到\s*\d{4}\s*年(?:底|末)?|\d{4}\s*年(?:底|末)?前|届时|同时|其中|全市|本市|全省|全国|受其带动|[“”"']|\s|by \d{4}|the)+/i;
const QUOTES = /[“”"‘’']/g;

/**
 * A short label for what a figure measures: the counted noun after a count (10家…头部企业 →
 * 头部企业), else the phrase before the number (相关产业规模达到3500亿元 → 相关产业规模).
 */
export function metricPhrase(sentence: string, figure: Figure): string {
  if (figure.kind === "count") {
    let after = sentence.slice(figure.end, figure.end + 40).replace(/^(?:以上|左右|余|多|\+|个|家)/, "");
    const stop = after.search(STOP_AFTER);
    if (stop >= 0) after = after.slice(0, stop);
    const de = after.lastIndexOf("的");
    if (de >= 0) after = after.slice(de + 1);
    after = after.replace(QUOTES, "").trim();
    if (after.length >= 2) return after.slice(0, 30);
  }
  let start = Math.max(0, figure.start - 40);
  const before = sentence.slice(start, figure.start);
  const cut = Math.max(...[..."，,；;：:。、"].map((c) => before.lastIndexOf(c)));
  if (cut >= 0) start += cut + 1;
  let phrase = sentence.slice(start, figure.start).replace(VERB_TAIL, "");
  phrase = phrase.replace(LEAD_NOISE, "").replace(QUOTES, "").trim();
  if (phrase.length > 24) phrase = phrase.slice(-24);
  return phrase || figure.unit;
}
