import type { Comparator } from "../types.ts";
import { isChineseNumeralCode } from "./chinese-numerals.ts";
import { comparatorAfter, comparatorBefore } from "./comparators.ts";
import { findNonQuantitySpans, mergeSortedSpans } from "./non-quantities.ts";
import { normalizeWidth } from "./normalize-width.ts";
import { isAsciiDigit, isAsciiLetter, scanNumbers, startsChange } from "./scan-numbers.ts";
import type { NumberToken, Quantity } from "./types.ts";
import { matchGluedUnit, matchUnit, type UnitMatch } from "./units.ts";
import { findYearsInNormalized } from "./years.ts";

/**
 * Every quantity in a sentence: scan numbers → attach units → attach comparators → drop
 * non-quantities (years, dates, document numbers, phones, versions, 5G/8K/L4, enumerators) →
 * mark size qualifiers. Offsets index `sentence` as given (full-width digits are mapped one to one).
 */
export function findQuantities(sentence: string): Quantity[] {
  const text = normalizeWidth(sentence);
  if (!mayHoldNumber(text)) return [];
  const blocked = /[\d〇○零]/.test(text) ? blockedSpans(text) : [];
  const out: Quantity[] = [];
  let b = 0;
  for (const tok of scanNumbers(text)) {
    while (b < blocked.length && blocked[b]![1] <= tok.start) b++;
    if (overlapsAny(blocked, b, tok.start, tok.end)) continue;
    const q = toQuantity(sentence, text, tok);
    if (q) out.push(q);
  }
  inheritElidedCounters(out);
  const merged = mergeUnitRanges(sentence, text, out);
  markMagnitudeQualifiers(text, merged);
  return merged;
}

// Most sentences of a page hold no number at all: one pass over the characters settles that.
function mayHoldNumber(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (isAsciiDigit(c) || isAsciiLetter(c)) return true;
    if (isChineseNumeralCode(c)) return true;
  }
  return false;
}

/** Non-quantity and year spans, sorted and merged into disjoint intervals for a single sweep. */
function blockedSpans(text: string): [number, number][] {
  const nonQuantities = findNonQuantitySpans(text);
  const years = findYearsInNormalized(text, nonQuantities).map((y): [number, number] => [y.start, y.end]);
  const spans = mergeSortedSpans(nonQuantities, years);
  const merged: [number, number][] = [];
  for (const [s, e] of spans) {
    const last = merged[merged.length - 1];
    if (last && s < last[1]) last[1] = Math.max(last[1], e);
    else merged.push([s, e]);
  }
  return merged;
}

// Spans are disjoint and sorted, and from index b on none ends at or before `start`.
function overlapsAny(spans: [number, number][], b: number, start: number, end: number): boolean {
  const span = spans[b];
  return span !== undefined && span[0] < end && span[1] > start;
}

const PREFIX_CURRENCIES: [prefix: string, currency: string][] = [
  ["US$", "USD"],
  ["US $", "USD"],
  ["HK$", "HKD"],
  ["RMB", "CNY"],
  ["CNY", "CNY"],
  ["USD", "USD"],
  ["EUR", "EUR"],
  ["人民币", "CNY"],
  ["$", "USD"],
  ["¥", "CNY"],
  ["￥", "CNY"],
  ["€", "EUR"],
];

const PREFIX_LAST_CHARS = new Set(PREFIX_CURRENCIES.map(([prefix]) => prefix[prefix.length - 1]!));

function currencyPrefix(text: string, start: number): { currency: string; start: number } | null {
  let end = start;
  if (text[end - 1] === " ") end--;
  if (!PREFIX_LAST_CHARS.has(text[end - 1] ?? "")) return null;
  for (const [prefix, currency] of PREFIX_CURRENCIES) {
    const s = end - prefix.length;
    if (s >= 0 && text.startsWith(prefix, s) && !isAsciiLetter(text.charCodeAt(s - 1))) {
      return { currency, start: s };
    }
  }
  return null;
}

function isCodeLike(text: string, tok: NumberToken, prefixed: boolean): boolean {
  const before = text.charCodeAt(tok.start - 1);
  // SHEITC-2022-ZCFG-0412: a segment of a hyphenated identifier.
  if (before === 45 /* - */ && /[A-Za-z0-9]/.test(text[tok.start - 2] ?? "") && tok.script === "arabic") {
    return /[A-Za-z]/.test(text.slice(Math.max(0, tok.start - 12), tok.start)) || text[tok.end] === "-";
  }
  if (tok.script === "arabic" && text[tok.end] === "-" && /[A-Za-z]/.test(text[tok.end + 1] ?? "")) {
    return matchGluedUnit(text, tok.end + 1) === null;
  }
  // H.265, v.2
  if (before === 46 /* . */ && isAsciiLetter(text.charCodeAt(tok.start - 2)) && tok.script === "arabic")
    return true;
  if (
    !prefixed &&
    (isAsciiLetter(before) || before === 95 /* _ */ || before === 47 /* / */ || before === 35)
  ) {
    return tok.script !== "english";
  }
  if (tok.script !== "arabic") return false;
  const after = text[tok.end] ?? "";
  // 5G, 8K, 4K, 3D, 1080p, index_2.html: digits glued to letters that are not a unit.
  if (/[A-Za-z_]/.test(after)) return matchGluedUnit(text, tok.end) === null;
  if (after === "." && /[A-Za-z]/.test(text[tok.end + 1] ?? "")) return true;
  return false;
}

/** Placeholder counter for an elided noun, replaced by the previous count's noun. */
const ELIDED = "\u0000";
const ELIDED_NOUN_AFTER = /^\s+(?:worth|valued at|each worth|each with|with revenues?|with output)\b/i;

const PRODUCT_NAME_BEFORE = /(?:^|[^A-Za-z])[A-Za-z-]*[A-Z][A-Za-z-]* $/;

const VAGUE_BEFORE = new Set(["数", "數", "几", "幾", "上"]);

const ENUM_AFTER = new Set(["、", ".", "．", ")", "）", "]", "】"]);

function toQuantity(sentence: string, text: string, tok: NumberToken): Quantity | null {
  if (!Number.isFinite(tok.value)) return null;
  const prefix = tok.script === "arabic" ? currencyPrefix(text, tok.start) : null;
  if (isCodeLike(text, tok, prefix !== null)) return null;
  const prev = text[tok.start - 1];
  // 第三, 第10: ordinals.
  if (prev === "第") return null;
  // 数十家, 几百个, 上千家: "dozens", "hundreds": no figure.
  if (tok.script === "chinese" && VAGUE_BEFORE.has(prev ?? "") && "十百千万拾佰仟".includes(text[tok.start]!))
    return null;

  let unit: UnitMatch | null = tok.percentPrefix
    ? { unit: "percent", kind: "percent", factor: 1, end: tok.end }
    : matchUnit(text, tok.end);
  if (unit?.kind === "skip") return null;
  if (unit && prefix && unit.kind !== "money" && unit.kind !== "per-unit") unit = null;

  let end = unit ? unit.end : tok.end;
  let level = tok.level;
  if (!level && unit && (text[end] === "级" || text[end] === "級")) {
    // 百亿元级
    level = true;
    end++;
  }
  if (unit && !tok.plus && text[end] === "+") end++;

  if (!unit) {
    if (prefix) {
      unit = { unit: prefix.currency, kind: "money", factor: 1, end, currency: prefix.currency };
    } else if (!tok.article && ELIDED_NOUN_AFTER.test(text.slice(end, end + 16))) {
      // "two clusters worth …, and five worth …": the counted noun is left out the second time.
      unit = { unit: "count", kind: "count", factor: 1, end, counter: ELIDED };
    } else if (tok.plus && /[\u4e00-\u9fff]/.test(text[end] ?? "")) {
      // 100+产品: a count written without a measure word.
      unit = { unit: "count", kind: "count", factor: 1, end, counter: "" };
    } else if (level) {
      // 百亿级产业基金: an order of magnitude in yuan.
      unit = { unit: "CNY", kind: "money", factor: 1, end, currency: "CNY" };
    } else {
      if (tok.script !== "arabic" && tok.magnitude === 1) return null;
      if (tok.article) return null;
      if (isEnumerator(text, tok)) return null;
      // Wi-Fi 6, iPhone 14, Android 12: a bare number after a product name is part of the name.
      if (
        tok.script === "arabic" &&
        PRODUCT_NAME_BEFORE.test(text.slice(Math.max(0, tok.start - 24), tok.start))
      ) {
        if (!comparatorBefore(text, tok.start)) return null;
      }
      // 0412: zero-padded, an identifier.
      if (tok.script === "arabic" && text[tok.start] === "0" && tok.integerDigits > 1) return null;
      if (tok.magnitude === 1 && !tok.separators && !tok.decimal) {
        // Bare 2021 is a year, bare 12345 or 20220708 an identifier: neither is a quantity.
        if (tok.integerDigits === 4 && tok.value >= 1800 && tok.value < 2200 && tok.valueMax === null)
          return null;
        if (tok.integerDigits >= 5) return null;
      }
      unit = { unit: "number", kind: "plain", factor: 1, end };
    }
  }
  if (tok.article && unit.kind === "count") return null;
  // 前10名, top 10 firms: a ranking, not a count.
  const before = comparatorBefore(text, prefix ? prefix.start : tok.start);
  if (unit.kind === "count" && (prev === "前" || before?.cue === "top" || before?.cue === "tops"))
    return null;

  const comparator = decideComparator(
    tok,
    before?.comparator ?? null,
    comparatorAfter(text, end)?.comparator ?? null,
    level,
  );
  const start = prefix ? prefix.start : tok.start;
  const value = roundNormalized(tok.value * unit.factor);
  const q: Quantity = {
    start,
    end,
    raw: sentence.slice(start, end),
    value,
    valueMax: tok.valueMax === null ? null : roundNormalized(tok.valueMax * unit.factor),
    unit: unit.unit,
    kind: unit.kind === "skip" ? "plain" : unit.kind,
    comparator,
    approximate: level,
  };
  const currency = prefix?.currency ?? unit.currency;
  if (currency && (unit.kind === "money" || unit.kind === "per-unit")) q.currency = currency;
  if (unit.counter) q.counter = unit.counter;
  return q;
}

function decideComparator(
  tok: NumberToken,
  before: Comparator | null,
  after: Comparator | null,
  level: boolean,
): Comparator {
  if (tok.valueMax !== null) return ">=";
  if (before && before !== "=") {
    if (before === ">=" && (tok.more || after === ">")) return ">";
    return before;
  }
  if (tok.plus) return ">=";
  if (after && after !== "=") return after;
  if (tok.more) return ">";
  if (level) return ">=";
  return "=";
}

const RANGE_JOIN = /^\s*(?:[—–~～\-－]{1,2}|至|到|to)\s*$/;

/** "10%—15%", "3个至5个", "5 to 10 billion yuan" written with the unit on both sides: one range. */
function mergeUnitRanges(sentence: string, text: string, qs: Quantity[]): Quantity[] {
  const out: Quantity[] = [];
  for (const q of qs) {
    const prev = out[out.length - 1];
    if (
      prev &&
      prev.unit === q.unit &&
      prev.valueMax === null &&
      q.valueMax === null &&
      q.value > prev.value &&
      q.start - prev.end <= 4 &&
      RANGE_JOIN.test(text.slice(prev.end, q.start)) &&
      !startsChange(text, prev.start)
    ) {
      out[out.length - 1] = {
        ...prev,
        end: q.end,
        raw: sentence.slice(prev.start, q.end),
        valueMax: q.value,
        comparator: ">=",
      };
      continue;
    }
    out.push(q);
  }
  return out;
}

/** "five worth more than 10 billion yuan" after "two clusters": five clusters. */
function inheritElidedCounters(qs: Quantity[]): void {
  let lastCounter: string | undefined;
  for (const q of qs) {
    if (q.kind !== "count") continue;
    if (q.counter === ELIDED) {
      if (lastCounter) q.counter = lastCounter;
      else delete q.counter;
    } else if (q.counter) lastCounter = q.counter;
  }
}

/** 1、 2. （3） as list markers, not amounts. */
function isEnumerator(text: string, tok: NumberToken): boolean {
  const after = text[tok.end] ?? "";
  if (!ENUM_AFTER.has(after)) return false;
  if (after === "." && isAsciiDigit(text.charCodeAt(tok.end + 1))) return false;
  if (after === ")" || after === "）") {
    const b = text[tok.start - 1];
    return b === "(" || b === "（" || tok.start === 0;
  }
  return true;
}

/** 3.5 * 1e11 is 350000000000.00006 in floating point: round to what the figure can mean. */
function roundNormalized(v: number): number {
  if (Number.isInteger(v) || !Number.isFinite(v)) return v;
  const r = Number(v.toPrecision(12));
  return Math.abs(r - Math.round(r)) < 1e-6 ? Math.round(r) : r;
}

const QUALIFIED_BEFORE = /(?:若干个?|多个|一批|数个|几个|若干家|多家)$/;
const ZH_QUALIFIER_GAP =
  /^(?:的)?(?:年|企业|企業)?(?:营收|營收|营业收入|營業收入|主营业务收入|产值|產值|销售收入|銷售收入|销售额|銷售額|收入|规模|規模|市值|估值|总投资|總投資|营收规模|产值规模|产业规模|產業規模|年产值)?(?:均)?$/;
const CLAUSE_BREAK = /[，,。；;：:！!？?、\n]/;
// "two clusters worth more than 100 billion yuan", "firms with revenue above 10 billion yuan"
const EN_QUALIFIER_GAP =
  /^\s*(?:each\s+)?(?:worth|valued at|with(?: an?)?(?: annual)? (?:revenue|output|sales|turnover)(?: of)?|of)\s*$/i;

/**
 * 千亿级 in "2个千亿级集群" and 超千亿元 in "2家营收超千亿元的企业" size something counted: the count is
 * the figure. A money or 级 quantity is a qualifier when a count sits right before it (a few
 * characters, same clause) or right after it (千亿级集群2个), or after 若干/多个.
 */
function markMagnitudeQualifiers(text: string, qs: Quantity[]): void {
  for (let k = 0; k < qs.length; k++) {
    const q = qs[k]!;
    if (q.kind !== "money") continue;
    const next = text[q.end] ?? "";
    const nounAfter = q.approximate || next === "的" || /[\u4e00-\u9fff]/.test(next);
    const prev = qs[k - 1];
    let qualifier = false;
    if (prev?.kind === "count" && q.start - prev.end <= 8) {
      // 2家营收超千亿元, 4个万亿级: a count, then what is measured, then the size. Not 10家企业奖励100万元.
      const cue = comparatorBefore(text, q.start);
      qualifier = ZH_QUALIFIER_GAP.test(
        text.slice(prev.end, cue && cue.start >= prev.end ? cue.start : q.start),
      );
    } else if (prev?.kind === "count" && q.start - prev.end <= 48) {
      const cue = comparatorBefore(text, q.start);
      qualifier = EN_QUALIFIER_GAP.test(text.slice(prev.end, cue ? cue.start : q.start));
    }
    if (!qualifier && !nounAfter) continue;
    const windowBefore = text.slice(Math.max(0, q.start - 8), q.start);
    qualifier ||= QUALIFIED_BEFORE.test(windowBefore.replace(/[超过逾近约]+$/, ""));
    const following = qs[k + 1];
    if (
      !qualifier &&
      following?.kind === "count" &&
      following.start - q.end <= 8 &&
      (q.approximate || next === "的")
    ) {
      qualifier = !CLAUSE_BREAK.test(text.slice(q.end, following.start));
    }
    if (qualifier) q.magnitudeQualifier = true;
  }
}
