import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { parseChineseNumeral } from "./chinese-numerals.ts";
import { findQuantities } from "./find-quantities.ts";
import { findYears } from "./years.ts";

// Pieces that make pathological number strings: digits in three scripts, separators, magnitudes,
// units, cue words, brackets and stray binary.
const PIECES = [
  "0",
  "1",
  "9",
  "１",
  "９",
  "一",
  "二",
  "两",
  "十",
  "百",
  "千",
  "万",
  "亿",
  "億",
  "萬",
  "〇",
  "零",
  "点",
  ",",
  ".",
  ",000",
  "．",
  "%",
  "％",
  "+",
  "-",
  "—",
  "～",
  "至",
  "到",
  "年",
  "月",
  "日",
  "号",
  "〔",
  "〕",
  "元",
  "亿元",
  "万元",
  "美元",
  "家",
  "个",
  "辆",
  "级",
  "余",
  "多",
  "/",
  "人",
  "万人",
  "千瓦",
  "平方公里",
  "达到",
  "超过",
  "不超过",
  "以上",
  "以内",
  "最高",
  "百分之",
  "billion",
  " ",
  "yuan",
  "two",
  "hundred",
  "more than",
  "exceed",
  "by ",
  "US$",
  "¥",
  "×",
  "G",
  "K",
  "L",
  "PM",
  "\u0000",
  "\uffff",
  "\ud800",
  "é",
];

const HEAVY_TIMEOUT_MS = 60_000;

const junk = fc.array(fc.constantFrom(...PIECES), { maxLength: 200 }).map((a) => a.join(""));
const anyText = fc.oneof(junk, fc.string({ maxLength: 300 }), fc.string({ unit: "binary", maxLength: 300 }));

describe("numbers never throw on junk", () => {
  it(
    "findQuantities returns well-formed quantities for any input",
    () => {
      fc.assert(
        fc.property(anyText, (s) => {
          for (const q of findQuantities(s)) {
            expect(q.start).toBeGreaterThanOrEqual(0);
            expect(q.end).toBeGreaterThan(q.start);
            expect(q.end).toBeLessThanOrEqual(s.length);
            expect(q.raw).toBe(s.slice(q.start, q.end));
            expect(Number.isFinite(q.value)).toBe(true);
            if (q.valueMax !== null) expect(q.valueMax).toBeGreaterThan(q.value);
          }
        }),
        { numRuns: 400 },
      );
    },
    HEAVY_TIMEOUT_MS,
  );

  it(
    "quantities are in order and do not overlap",
    () => {
      fc.assert(
        fc.property(junk, (s) => {
          const qs = findQuantities(s);
          for (let i = 1; i < qs.length; i++) expect(qs[i]!.start).toBeGreaterThanOrEqual(qs[i - 1]!.end);
        }),
        { numRuns: 300 },
      );
    },
    HEAVY_TIMEOUT_MS,
  );

  it(
    "findYears returns in-range years with valid spans for any input",
    () => {
      fc.assert(
        fc.property(anyText, (s) => {
          for (const y of findYears(s)) {
            expect(y.year).toBeGreaterThanOrEqual(1800);
            expect(y.year).toBeLessThan(2200);
            expect(y.end).toBeLessThanOrEqual(s.length);
            expect(y.start).toBeLessThan(y.end);
          }
        }),
        { numRuns: 400 },
      );
    },
    HEAVY_TIMEOUT_MS,
  );

  it(
    "parseChineseNumeral is null or a finite non-negative number",
    () => {
      const numeral = fc
        .array(fc.constantFrom(..."零〇一二两三四五六七八九十百千万亿点"), { maxLength: 30 })
        .map((a) => a.join(""));
      fc.assert(
        fc.property(numeral, (s) => {
          const v = parseChineseNumeral(s);
          if (v !== null) {
            expect(Number.isFinite(v)).toBe(true);
            expect(v).toBeGreaterThanOrEqual(0);
          }
        }),
        { numRuns: 500 },
      );
    },
    HEAVY_TIMEOUT_MS,
  );

  it(
    "a figure keeps its value inside arbitrary surrounding text",
    () => {
      const filler = fc
        .string({ maxLength: 30 })
        .filter((s) => !/[\d０-９一二三四五六七八九十百千万亿两〇零萬億%]/.test(s));
      fc.assert(
        fc.property(filler, filler, (a, b) => {
          const qs = findQuantities(`${a}，规模达到3500亿元，${b}`);
          expect(qs.some((q) => q.value === 350000000000 && q.unit === "CNY")).toBe(true);
        }),
        { numRuns: 200 },
      );
    },
    HEAVY_TIMEOUT_MS,
  );
});

describe("numbers on huge inputs (no crash; timings live in bench/numbers.ts)", () => {
  it.each([
    ["100k digits", "9".repeat(100_000)],
    ["100k digits with 亿元", `${"1".repeat(100_000)}亿元`],
    ["亿亿亿…", "亿".repeat(100_000)],
    ["一二三… run", "一二三四五六七八九十".repeat(10_000)],
    ["huge separators", `1${",000".repeat(30_000)}元`],
    ["broken separators", "1,00,0,000,".repeat(10_000)],
    ["decimal dots", "1.".repeat(50_000)],
    ["dashes", "2022-".repeat(20_000)],
    ["mixed scripts", "３5五百thousand億%".repeat(10_000)],
    ["百分之 chain", "百分之".repeat(30_000)],
    ["letters and digits", "a1b2c3".repeat(20_000)],
    ["by years", "by 2025 ".repeat(10_000)],
  ])(
    "%s",
    (_name, s) => {
      expect(() => findQuantities(s)).not.toThrow();
      expect(() => findYears(s)).not.toThrow();
    },
    // Generous: the machine running the suite may be busy; bench/numbers.ts holds the real figures.
    HEAVY_TIMEOUT_MS,
  );

  it(
    "a 100k-digit literal is not a quantity (not finite), but what follows still is",
    () => {
      const qs = findQuantities(`${"9".repeat(100_000)} 和 10家`);
      expect(qs.map((q) => q.raw)).toEqual(["10家"]);
    },
    HEAVY_TIMEOUT_MS,
  );
});
