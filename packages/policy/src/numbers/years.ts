import { findNonQuantitySpans } from "./non-quantities.ts";
import { normalizeWidth } from "./normalize-width.ts";
import type { YearMention } from "./types.ts";

const ARABIC_YEAR = /(?<![\d.A-Za-z]|[A-Za-z\d]-)(1[89]\d\d|2[01]\d\d)(?![\d.,]\d|[A-Za-z\d])/g;
const CHINESE_YEAR = /[〇○零一二三四五六七八九]{4}(?=\s*年)/g;
const ZH_DIGITS: Record<string, number> = {
  〇: 0,
  "○": 0,
  零: 0,
  一: 1,
  二: 2,
  三: 3,
  四: 4,
  五: 5,
  六: 6,
  七: 7,
  八: 8,
  九: 9,
};

const ZH_DEADLINE_BEFORE = [
  "截止到",
  "截至",
  "截止",
  "到",
  "至",
  "于",
  "於",
  "力争",
  "力爭",
  "争取",
  "爭取",
  "预计",
  "預計",
];
const EN_DEADLINE_BEFORE =
  /(?:^|[^a-z])(?:by the end of|by end of|by end-|by year-end|by|before|no later than|until|till)\s*$/;
const ZH_DEADLINE_AFTER = /^\s*年?(?:年底前|年底|年末|年前|以前|之前|底前|底|末|前)(?!后|後)/;
const ZH_PERIOD_AFTER = /^(\s*年?\s*(?:——|[—–\-~～至到]|\s+to\s+)\s*)(1[89]\d\d|2[01]\d\d)(?!\d)(\s*年)?/;
const ZH_DATE_AFTER = /^\s*年\s*\d{1,2}\s*月(?:\s*\d{1,2}\s*[日号號])?/;
const NUMERIC_DATE_AFTER = /^[-/.]\d{1,2}[-/.]\d{1,2}(?!\d)/;
const MONTH =
  "(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)";
const EN_DATE_BEFORE = new RegExp(
  `(?:^|[^A-Za-z])(${MONTH}\\.?\\s+(?:\\d{1,2}(?:st|nd|rd|th)?,?\\s+)?|\\d{1,2}\\s+${MONTH}\\.?,?\\s+)$`,
  "i",
);
const DOC_NUMBER_BRACKETS = /[〔[【(（]\s*$/;

/**
 * Year expressions in a sentence, separate from quantities: 到2025年 / 2025年底 / 2025年前 / by 2025
 * (deadline), 2022—2025年 (period, year = the last one), 2022年7月8日 / Jul 11, 2022 (date), and any
 * other year (other: 2021年已达到, 二〇三五年远景目标). Years inside 〔2022〕 document numbers are left out.
 */
export function findYears(sentence: string): YearMention[] {
  const text = normalizeWidth(sentence);
  return findYearsInNormalized(text, findNonQuantitySpans(text));
}

/** findYears on width-normalized text whose non-quantity spans are already known (sorted by start). */
export function findYearsInNormalized(text: string, nonQuantitySpans: [number, number][]): YearMention[] {
  const out: YearMention[] = [];
  // 1920×1080, 021-2025xxxx, Chrome 2020: spans that are never years. Skipped on a sorted sweep.
  const excluded = nonQuantitySpans.filter(([s, e]) => !/[〔[【(（]/.test(text.slice(s, e)));
  let x = 0;
  for (const m of candidates(text)) {
    if (out.length > 0 && m.start < out[out.length - 1]!.end) continue;
    if (m.dottedDate) {
      out.push({ year: m.year, start: m.start, end: m.end, kind: "date" });
      continue;
    }
    while (x < excluded.length && excluded[x]![1] <= m.start) x++;
    if (x < excluded.length && excluded[x]![0] < m.end) continue;
    if (!looksLikeYear(text, m.start, m.end)) continue;
    const mention = classify(text, m.start, m.end, m.year);
    if (mention) out.push(mention);
  }
  return out;
}

interface Candidate {
  start: number;
  end: number;
  year: number;
  /** 2022.07.08: a dotted date, which the version-string filter would otherwise swallow. */
  dottedDate?: boolean;
}

const DOTTED_DATE = /(?<![\d.])(1[89]\d\d|2[01]\d\d)\.(?:0?[1-9]|1[0-2])\.(?:0?[1-9]|[12]\d|3[01])(?![\d.])/g;

// Three scans, each in text order, merged: linear, no sort.
function candidates(text: string): Candidate[] {
  let list: Candidate[] = [];
  for (const m of text.matchAll(ARABIC_YEAR)) {
    list.push({ start: m.index, end: m.index + 4, year: Number(m[1]) });
  }
  if (text.includes(".")) {
    const dotted: Candidate[] = [];
    for (const m of text.matchAll(DOTTED_DATE)) {
      dotted.push({ start: m.index, end: m.index + m[0].length, year: Number(m[1]), dottedDate: true });
    }
    list = mergeByStart(list, dotted);
  }
  if (/[〇○零]/.test(text)) {
    const chinese: Candidate[] = [];
    for (const m of text.matchAll(CHINESE_YEAR)) {
      const year = Number([...m[0]].map((ch) => ZH_DIGITS[ch]).join(""));
      if (year >= 1800 && year < 2200) chinese.push({ start: m.index, end: m.index + 4, year });
    }
    list = mergeByStart(list, chinese);
  }
  return list;
}

function mergeByStart(a: Candidate[], b: Candidate[]): Candidate[] {
  if (b.length === 0) return a;
  const out: Candidate[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length && j < b.length) out.push(a[i]!.start <= b[j]!.start ? a[i++]! : b[j++]!);
  while (i < a.length) out.push(a[i++]!);
  while (j < b.length) out.push(b[j++]!);
  return out;
}

const EN_YEAR_BEFORE =
  /(?:^|[^a-z])(?:in|since|from|of|during|year|by|before|until|till|through|to|end-|and|between|fiscal|fy)\s*$/;

/**
 * A Chinese year is written with 年; a bare four-digit number is a year only in English phrasing
 * (by 2025, in 2021) or at the end of a clause, never in 1900亿元 or "2000 enterprises".
 */
function looksLikeYear(text: string, start: number, end: number): boolean {
  let p = end;
  while (text[p] === " ") p++;
  const next = text[p] ?? "";
  if (next === "年") return true;
  if (/[-/.–—~～至到]/.test(next)) return true;
  if (/[\u3400-\u9fff%A-Za-z]/.test(next)) {
    if (!/^[A-Za-z]/.test(next)) return false;
    const before = text.slice(Math.max(0, start - 40), start);
    return EN_YEAR_BEFORE.test(before.toLowerCase()) || EN_DATE_BEFORE.test(before);
  }
  return true;
}

function classify(text: string, start: number, end: number, year: number): YearMention | null {
  const after = text.slice(end, end + 40);
  const before = text.slice(Math.max(0, start - 40), start);
  const yearChar = /^\s*年/.test(after);

  if (!yearChar && DOC_NUMBER_BRACKETS.test(before) && /^\s*[〕\]】)）]/.test(after)) {
    return null;
  }
  const period = ZH_PERIOD_AFTER.exec(after);
  if (period) {
    const last = Number(period[2]);
    if (last > year && last - year < 100) {
      return { year: last, fromYear: year, start, end: end + period[0].length, kind: "period" };
    }
  }
  const zhDate = ZH_DATE_AFTER.exec(after);
  if (zhDate) return { year, start, end: end + zhDate[0].length, kind: "date" };
  const numDate = NUMERIC_DATE_AFTER.exec(after);
  if (numDate) return { year, start, end: end + numDate[0].length, kind: "date" };
  const enDate = /[A-Za-z]/.test(before) ? EN_DATE_BEFORE.exec(before) : null;
  if (enDate?.[1]) return { year, start: start - enDate[1].length, end, kind: "date" };

  const deadlineAfter = ZH_DEADLINE_AFTER.exec(after);
  if (deadlineAfter && yearChar) return { year, start, end: end + deadlineAfter[0].length, kind: "deadline" };
  const trimmed = before.replace(/\s+$/, "");
  if (ZH_DEADLINE_BEFORE.some((cue) => trimmed.endsWith(cue)) && (yearChar || /[到至于於]$/.test(trimmed))) {
    return { year, start, end: end + (yearChar ? /^\s*年/.exec(after)![0].length : 0), kind: "deadline" };
  }
  if (EN_DEADLINE_BEFORE.test(before.toLowerCase())) return { year, start, end, kind: "deadline" };
  if (yearChar) return { year, start, end: end + /^\s*年/.exec(after)![0].length, kind: "other" };
  return { year, start, end, kind: "other" };
}
