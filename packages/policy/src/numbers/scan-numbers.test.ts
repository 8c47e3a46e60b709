import { describe, expect, it } from "vitest";
import { normalizeWidth } from "./normalize-width.ts";
import { scanNumbers } from "./scan-numbers.ts";

function scan(s: string) {
  return scanNumbers(s).map((t) => ({ raw: s.slice(t.start, t.end), value: t.value, valueMax: t.valueMax }));
}

describe("normalizeWidth", () => {
  it("maps full-width digits and signs one code unit for one", () => {
    const s = "２０２５年３５００亿元，３０％，５０＋，１．５";
    const n = normalizeWidth(s);
    expect(n).toBe("2025年3500亿元，30%，50+，1.5");
    expect(n.length).toBe(s.length);
  });
  it("returns the same string when nothing needs mapping", () => {
    const s = "到2025年";
    expect(normalizeWidth(s)).toBe(s);
  });
});

describe("scanNumbers", () => {
  it.each([
    ["3500", 3500],
    ["3,500", 3500],
    ["1,000,000", 1e6],
    ["1.5", 1.5],
    ["0.25", 0.25],
    ["3500亿", 3.5e11],
    ["1.5万亿", 1.5e12],
    ["5千万", 5e7],
    ["2百万", 2e6],
    ["350 billion", 3.5e11],
    ["350bn", 3.5e11],
    ["1.5 trillion", 1.5e12],
    ["2 million", 2e6],
    ["3 thousand", 3000],
    ["two", 2],
    ["twenty-five", 25],
    ["one hundred", 100],
    ["two hundred and fifty", 250],
    ["five billion", 5e9],
    ["五千亿", 5e11],
    ["两千", 2000],
    ["二〇二五", 2025],
  ])("%s = %d", (s, value) => {
    expect(scan(s)).toEqual([{ raw: s, value, valueMax: null }]);
  });

  it("does not take a separator group that is not three digits", () => {
    expect(scan("10,20").map((t) => t.value)).toEqual([10, 20]);
    expect(scan("2025,100").map((t) => t.value)).toEqual([2025, 100]);
  });

  it("keeps 千 of 千瓦/千克/千米 for the unit", () => {
    expect(scan("120万千瓦")).toEqual([{ raw: "120万", value: 1.2e6, valueMax: null }]);
    expect(scan("五万千瓦")).toEqual([{ raw: "五万", value: 5e4, valueMax: null }]);
  });

  it.each([
    ["3—5", 3, 5],
    ["3-5", 3, 5],
    ["3～5", 3, 5],
    ["3至5", 3, 5],
    ["3到5", 3, 5],
    ["3——5", 3, 5],
    ["三至五", 3, 5],
    ["10—20亿", 1e9, 2e9],
    ["5亿-10亿", 5e8, 1e9],
    ["3 to 5", 3, 5],
    ["three to five", 3, 5],
  ])("range %s", (s, value, valueMax) => {
    expect(scan(s)).toEqual([{ raw: s, value, valueMax }]);
  });

  it("a descending pair is not a range", () => {
    expect(scan("5-3").map((t) => t.valueMax)).toEqual([null, null]);
  });

  it("marks 级, +, 余/多 and 百分之", () => {
    const [level] = scanNumbers("百亿级");
    expect(level).toMatchObject({ value: 1e10, level: true });
    const [plus] = scanNumbers("50+");
    expect(plus).toMatchObject({ value: 50, plus: true });
    const [more] = scanNumbers("3000多亿");
    expect(more).toMatchObject({ value: 3e11, more: true });
    const [pct] = scanNumbers("百分之三十");
    expect(pct).toMatchObject({ value: 30, percentPrefix: true, start: 0, end: 5 });
  });

  it("skips malformed numeral runs whole", () => {
    expect(scan("十四五")).toEqual([]);
    expect(scan("亿亿亿亿")).toEqual([]);
    expect(scan("千方百计")).toEqual([]);
  });

  it("does not read number words inside other words", () => {
    expect(scan("someone often tone")).toEqual([]);
  });
});
