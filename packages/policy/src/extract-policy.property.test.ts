import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { extractPolicy } from "./extract-policy.ts";
import type { Extraction } from "./types.ts";

/** What must hold for any input: no internal failure, and every span indexes the main text. */
function expectWellFormed(result: Extraction): void {
  expect(result.warnings.filter((w) => w.startsWith("extraction failed"))).toEqual([]);
  for (const item of [...result.targets, ...result.rules]) {
    expect(result.text.slice(item.span[0], item.span[1])).toBe(item.text);
    expect(Number.isFinite(item.track.length)).toBe(true);
  }
  for (const t of result.targets) expect(Number.isFinite(t.value)).toBe(true);
}

const TAGS = [
  "div",
  "p",
  "span",
  "table",
  "tr",
  "td",
  "ul",
  "li",
  "h1",
  "h3",
  "a",
  "strong",
  "br",
  "script",
  "nav",
  "article",
];
const WORDS = [
  "到2025年，",
  "元宇宙产业规模达到3500亿元",
  "培育10家",
  "50+",
  "百亿级基金",
  "最高2000万元",
  "不超过30%",
  "発布日期：2022-07-08",
  "索引号：",
  "沪府办发〔2022〕11号",
  "９９９９亿亿万万",
  "1,000,000,0",
  "by 2025 exceed 350 billion yuan",
  "。",
  "；",
  "<",
  "&amp;",
  "\u0000",
  "\ud800",
];

const fragment: fc.Arbitrary<string> = fc.letrec((tie) => ({
  node: fc.oneof(
    { depthSize: "small", withCrossShrink: true },
    fc.constantFrom(...WORDS),
    fc.string({ maxLength: 20 }),
    fc
      .tuple(
        fc.constantFrom(...TAGS),
        fc.array(tie("node"), { maxLength: 5 }),
        fc.boolean(),
        fc.constantFrom("", ' class="article-content"', ' class="nav"', ' style="display:none"'),
      )
      .map(
        ([tag, children, close, attrs]) => `<${tag}${attrs}>${children.join("")}${close ? `</${tag}>` : ""}`,
      ),
  ),
})).node;

describe("extractPolicy on arbitrary input", () => {
  it("never fails on random strings", () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 400, unit: "grapheme" }), (s) => expectWellFormed(extractPolicy(s))),
      { numRuns: 150 },
    );
  });

  it("never fails on malformed, unclosed, randomly nested markup", () => {
    fc.assert(
      fc.property(fragment, (body) => expectWellFormed(extractPolicy(`<html><body>${body}</body></html>`))),
      { numRuns: 150 },
    );
  });

  it("never fails on binary junk read as text", () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 2000 }), (bytes) =>
        expectWellFormed(extractPolicy(Buffer.from(bytes).toString("latin1"))),
      ),
      { numRuns: 100 },
    );
  });

  it("reads pathological numbers and deep nesting without failing", () => {
    const deep = `<html><body>${"<div>".repeat(50_000)}<p>到2025年，元宇宙产业规模达到3500亿元。</p>${"</div>".repeat(50_000)}</body></html>`;
    const result = extractPolicy(deep);
    expectWellFormed(result);
    expect(result.targets.map((t) => t.value)).toEqual([350000000000]);
    expect(result.warnings.join(" ")).toMatch(/nested/);
    for (const junk of [
      "９".repeat(5000),
      "亿万".repeat(3000),
      "1,".repeat(4000),
      "<p>".repeat(20000),
      "一二三四五六七八九十".repeat(500),
    ]) {
      expectWellFormed(extractPolicy(`到2025年，元宇宙产业规模达到${junk}亿元。`));
    }
  });
});
