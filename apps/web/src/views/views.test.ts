import { describe, expect, it } from "vitest";
import { localeFromAcceptLanguage } from "../i18n/locale.ts";
import { escapeXml } from "./changes-atom.ts";
import { diffText } from "./diff-text.ts";
import { formatAmount, formatTarget } from "./format-value.ts";
import { highlightSpans } from "./highlight-spans.ts";
import { safeExternalHref } from "./safe-href.ts";

describe("highlightSpans", () => {
  it("marks spans and clips overlapping, reversed and out-of-range ones", () => {
    const text = "0123456789";
    expect(
      highlightSpans(text, [
        { start: 2, end: 5, id: "a" },
        { start: 4, end: 7, id: "b" },
        { start: 9, end: 99, id: "c" },
        { start: 6, end: 3, id: "d" },
        { start: -5, end: 1, id: "e" },
      ]),
    ).toEqual([
      { text: "0", mark: "e" },
      { text: "1", mark: null },
      { text: "234", mark: "a" },
      { text: "56", mark: "b" },
      { text: "78", mark: null },
      { text: "9", mark: "c" },
    ]);
  });
});

describe("diffText", () => {
  it("aligns sentences and reports the changed one as deleted and inserted", () => {
    const before = "总则。到2025年，产业规模达到3500亿元。附则。";
    const after = "总则。到2025年，产业规模达到4000亿元。新增一条。附则。";
    expect(diffText(before, after)).toEqual([
      { op: "same", text: "总则。" },
      { op: "del", text: "到2025年，产业规模达到3500亿元。" },
      { op: "ins", text: "到2025年，产业规模达到4000亿元。" },
      { op: "ins", text: "新增一条。" },
      { op: "same", text: "附则。" },
    ]);
  });
});

describe("formatAmount / formatTarget", () => {
  it("writes money the way each language reads it", () => {
    expect(formatAmount(350_000_000_000, "CNY", "zh")).toBe("3500亿元");
    expect(formatAmount(350_000_000_000, "CNY", "en")).toBe("¥350bn");
    expect(formatAmount(12.5, "percent", "en")).toBe("12.5%");
    expect(formatTarget({ comparator: ">=", value: 4e11, unit: "CNY", year: 2025 }, "en")).toBe(
      "≥ ¥400bn by 2025",
    );
    expect(formatTarget({ comparator: ">", value: 100, unit: "count", year: null }, "zh")).toBe("> 100个");
  });
});

describe("localeFromAcceptLanguage", () => {
  it("follows q-values and falls back to Chinese", () => {
    expect(localeFromAcceptLanguage("en-US,en;q=0.9,zh-CN;q=0.8")).toBe("en");
    expect(localeFromAcceptLanguage("fr;q=1,zh-TW;q=0.5,en;q=0.4")).toBe("zh");
    expect(localeFromAcceptLanguage("fr")).toBe("zh");
    expect(localeFromAcceptLanguage(undefined)).toBe("zh");
  });
});

describe("escapeXml / safeExternalHref", () => {
  it("escapes markup and drops characters XML cannot carry", () => {
    expect(escapeXml(`<a href="x">'&'\u0001</a>`)).toBe(
      "&lt;a href=&quot;x&quot;&gt;&apos;&amp;&apos;&lt;/a&gt;",
    );
  });
  it("links only http(s) URLs", () => {
    expect(safeExternalHref("javascript:alert(1)")).toBeNull();
    expect(safeExternalHref("https://www.shanghai.gov.cn/a.html")).toBe("https://www.shanghai.gov.cn/a.html");
  });
});
