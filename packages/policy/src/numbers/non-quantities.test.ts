import { describe, expect, it } from "vitest";
import { findNonQuantitySpans } from "./non-quantities.ts";

function spans(s: string): string[] {
  return findNonQuantitySpans(s).map(([a, b]) => s.slice(a, b));
}

describe("findNonQuantitySpans", () => {
  it.each([
    ["沪府办发〔2022〕11号", "〔2022〕11号"],
    ["国办发[2021]3号", "[2021]3号"],
    ["7月8日发布", "7月8日"],
    ["10:30开幕", "10:30"],
    ["更新于07-08", "07-08"],
    ["电话：021-12345678", "电话：021-12345678"],
    ["(021)23456789", "(021)23456789"],
    ["400-820-1234", "400-820-1234"],
    ["手机13812345678", "13812345678"],
    ["拨打12345热线", "拨打12345"],
    ["分辨率1920×1080", "1920×1080"],
    ["版本1.2.3", "1.2.3"],
    ["Chrome 80", "Chrome 80"],
    ["IE9及以上版本", "9及以上版本"],
  ])("%s → %s", (s, want) => {
    expect(spans(s)).toContain(want);
  });

  it.each([["产业规模达到3500亿元"], ["培育10家企业"], ["30%"], ["到2025年"], ["3—5个"], ["no digits here"]])(
    "%s has none",
    (s) => {
      expect(spans(s)).toEqual([]);
    },
  );

  it("spans are sorted by start", () => {
    const found = findNonQuantitySpans("7月8日 〔2022〕11号 1920×1080 021-12345678");
    for (let i = 1; i < found.length; i++) expect(found[i]![0]).toBeGreaterThanOrEqual(found[i - 1]![0]);
  });
});
