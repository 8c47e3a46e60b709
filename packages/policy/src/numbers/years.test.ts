import { describe, expect, it } from "vitest";
import type { YearMention } from "./types.ts";
import { findYears } from "./years.ts";

function years(s: string): Omit<YearMention, "start" | "end">[] {
  return findYears(s).map(({ start: _s, end: _e, ...rest }) => rest);
}

describe("findYears", () => {
  it.each([
    ["到2025年，产业规模达到3500亿元", 2025],
    ["力争到2025年", 2025],
    ["2025年底", 2025],
    ["到2025年底", 2025],
    ["2025年底前", 2025],
    ["2025年前", 2025],
    ["2030年前碳达峰", 2030],
    ["2025年末", 2025],
    ["截至2025年", 2025],
    ["到二〇二五年", 2025],
    ["到２０２５年", 2025],
    ["by 2025", 2025],
    ["by the end of 2025", 2025],
    ["By 2030, the city", 2030],
    ["before 2027", 2027],
    ["到2025年", 2025],
    ["至2025年", 2025],
    ["力争2025年实现", 2025],
    ["争取在2025年前", 2025],
    ["until 2030", 2030],
  ])("%s → deadline %d", (s, year) => {
    expect(years(s)).toEqual([{ year, kind: "deadline" }]);
  });

  it.each([
    ["2022—2025年", 2022, 2025],
    ["2022-2025年", 2022, 2025],
    ["2022～2025年", 2022, 2025],
    ["2022年至2025年", 2022, 2025],
    ["规划期为2021—2025年", 2021, 2025],
    ["the 2022-2025 plan", 2022, 2025],
    ["from 2022 to 2025", 2022, 2025],
  ])("%s → period %d–%d", (s, fromYear, year) => {
    expect(years(s)).toEqual([{ year, fromYear, kind: "period" }]);
  });

  it.each([
    ["2022年7月8日", 2022],
    ["2022年07月08日", 2022],
    ["２０２２年７月８日", 2022],
    ["2022-07-08", 2022],
    ["2022/7/8", 2022],
    ["2022.07.08", 2022],
    ["Published: Jul 11, 2022", 2022],
    ["11 July 2022", 2022],
    ["September 30, 2025", 2025],
    ["Sept. 2025", 2025],
    ["on Jul 11, 2022 the city", 2022],
    ["2022年6月", 2022],
  ])("%s → date %d", (s, year) => {
    expect(years(s)).toEqual([{ year, kind: "date" }]);
  });

  it.each([
    ["2021年已达到2000亿元", 2021],
    ["二〇三五年远景目标", 2035],
    ["in 2021", 2021],
    ["the market in 2030", 2030],
    ["2025年前后", 2025],
  ])("%s → other %d", (s, year) => {
    expect(years(s)).toEqual([{ year, kind: "other" }]);
  });

  it.each([
    ["沪府办发〔2022〕11号"],
    ["3500亿元"],
    ["1900亿元"],
    ["2000家企业"],
    ["2000 enterprises"],
    ["分辨率1920×1080"],
    ["SHEITC-2022-ZCFG-0412"],
    ["十四五时期"],
    ["电话 021-20251234"],
    ["within five years"],
    ["12345"],
    ["20250"],
  ])("%s has no year", (s) => {
    expect(years(s)).toEqual([]);
  });

  it("spans cover the expression, in the original offsets", () => {
    const s = "到２０２５年底，规模达到3500亿元；2022—2025年";
    const found = findYears(s);
    expect(found.map((y) => s.slice(y.start, y.end))).toEqual(["２０２５年底", "2022—2025年"]);
  });

  it("finds several years in order", () => {
    expect(
      years("2021年已达到1000亿元，到2025年达到3500亿元，2030年前碳达峰").map((y) => [y.year, y.kind]),
    ).toEqual([
      [2021, "other"],
      [2025, "deadline"],
      [2030, "deadline"],
    ]);
  });
});
