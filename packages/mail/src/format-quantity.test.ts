import { describe, expect, it } from "vitest";
import { comparatorWords, formatDeadline, formatQuantity } from "./format-quantity.ts";

describe("formatQuantity", () => {
  it("writes money in 亿/万亿 for Chinese readers and billions for English ones", () => {
    expect(formatQuantity(350_000_000_000, "CNY", "zh")).toBe("3500亿元");
    expect(formatQuantity(350_000_000_000, "CNY", "en")).toBe("¥350 billion");
    expect(formatQuantity(1_200_000_000_000, "CNY", "zh")).toBe("1.2万亿元");
    expect(formatQuantity(50_000, "CNY", "zh")).toBe("5万元");
    expect(formatQuantity(5_000_000, "CNY", "en")).toBe("¥5 million");
    expect(formatQuantity(2_000_000_000, "USD", "en")).toBe("$2 billion");
  });

  it("writes counts, percentages and physical units", () => {
    expect(formatQuantity(100, "count", "zh")).toBe("100");
    expect(formatQuantity(15_000, "count", "en")).toBe("15,000");
    expect(formatQuantity(12.5, "percent", "en")).toBe("12.5%");
    expect(formatQuantity(300, "MW", "zh")).toBe("300兆瓦");
    expect(formatQuantity(300, "MW", "en")).toBe("300 MW");
    expect(formatQuantity(35, "ug/m3", "zh")).toBe("35微克/立方米");
  });

  it("puts comparators and deadlines in words", () => {
    expect(comparatorWords(">=", "zh")).toBe("不少于");
    expect(comparatorWords(">", "zh")).toBe("超过");
    expect(comparatorWords("<=", "en")).toBe("at most");
    expect(comparatorWords(">", "en")).toBe("more than");
    expect(formatDeadline(2025, "zh")).toBe("到2025年");
    expect(formatDeadline(2025, "en")).toBe("by 2025");
    expect(formatDeadline(null, "en")).toBe("");
  });
});
