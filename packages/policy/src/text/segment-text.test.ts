import { describe, expect, it } from "vitest";
import { linesAsBlocks } from "../html/extract-main-text.ts";
import { segmentText } from "./segment-text.ts";

describe("segmentText", () => {
  const text = [
    "一、发展目标",
    "到2025年，规模达到3500亿元；带动相关产业超过1万亿元。",
    "（一）加强资金引导。设立百亿级产业基金。",
    "4.数字经济。推动数据要素流通。",
    "元宇宙方面，打造50个场景。",
    "By 2025, output will exceed 350 billion yuan. By then No. 1 plan applies. U.S. firms too.",
  ].join("\n");
  const { paragraphs, sentences } = segmentText(text, linesAsBlocks(text));
  const sentenceTexts = sentences.map((s) => text.slice(s.start, s.end));

  it("splits sentences at 。；？！ and English full stops, not at abbreviations", () => {
    expect(sentenceTexts).toEqual([
      "一、发展目标",
      "到2025年，规模达到3500亿元；",
      "带动相关产业超过1万亿元。",
      "（一）加强资金引导。",
      "设立百亿级产业基金。",
      "4.数字经济。",
      "推动数据要素流通。",
      "元宇宙方面，打造50个场景。",
      "By 2025, output will exceed 350 billion yuan.",
      "By then No. 1 plan applies.",
      "U.S. firms too.",
    ]);
  });

  it("marks numbered headings and the lead phrases of clauses", () => {
    expect(paragraphs[0]).toMatchObject({ heading: true, level: 1 });
    expect(paragraphs[1]!.headings).toEqual([0]);
    const lead = (i: number) => text.slice(paragraphs[i]!.lead![0], paragraphs[i]!.lead![1]);
    expect(lead(2)).toBe("（一）加强资金引导。");
    expect(lead(3)).toBe("4.数字经济。");
    expect(lead(4)).toBe("元宇宙方面，");
  });
});
