import { describe, expect, it } from "vitest";
import { findRepealedDocNumbers, normalizeDocNumber } from "./doc-number.ts";
import { findSuperseded, type LinkableDocument } from "./find-superseded.ts";
import { revisionTitleStem } from "./revision-title.ts";

const ISSUER = "上海市人民政府办公厅";
const original: LinkableDocument = {
  id: 1,
  title: "上海市人民政府办公厅关于印发《上海市促进元宇宙产业发展行动方案》的通知",
  issuer: ISSUER,
  docNumber: "沪府办发〔2022〕11号",
  publishedAt: "2022-07-08",
};

describe("normalizeDocNumber", () => {
  it("spells every bracket and width the same way", () => {
    expect(normalizeDocNumber("沪府办发[2022]11号")).toBe("沪府办发〔2022〕11号");
    expect(normalizeDocNumber("沪府办发（２０２２）第11号")).toBe("沪府办发〔2022〕11号");
    expect(normalizeDocNumber(" 沪府办发 〔2022〕 11号 ")).toBe("沪府办发〔2022〕11号");
    expect(normalizeDocNumber("")).toBeNull();
  });
});

describe("findRepealedDocNumbers", () => {
  it("finds numbers in sentences that repeal or revise, not in plain citations", () => {
    const text =
      "根据《国务院关于印发…的通知》（国发〔2021〕3号），制定本方案。本方案自2023年9月1日起施行，" +
      "原《上海市促进元宇宙产业发展行动方案》（沪府办发[2022]11号）同时废止。";
    expect(findRepealedDocNumbers(text, "沪府办发〔2023〕20号")).toEqual(["沪府办发〔2022〕11号"]);
  });
});

describe("revisionTitleStem", () => {
  it("drops revision wording", () => {
    expect(revisionTitleStem("《上海市促进元宇宙产业发展行动方案（2023年修订）》")).toBe(
      revisionTitleStem("《上海市促进元宇宙产业发展行动方案》"),
    );
    expect(revisionTitleStem("上海市绿色低碳产业扶持办法（修订版）")).toBe(
      revisionTitleStem("上海市绿色低碳产业扶持办法"),
    );
  });
});

describe("findSuperseded", () => {
  it("links a revision titled （2023年修订） by the same issuer to the original", () => {
    const revision = {
      id: 5,
      title: "上海市人民政府办公厅关于印发《上海市促进元宇宙产业发展行动方案（2023年修订）》的通知",
      issuer: ISSUER,
      docNumber: "沪府办发〔2023〕20号",
      publishedAt: "2023-08-01",
    };
    expect(findSuperseded(revision, [original])).toEqual({
      canonicalId: null,
      supersedesId: 1,
      reason: "revision-title",
    });
  });

  it("does not link a same-titled document from another issuer, nor an older one to a newer", () => {
    const other = {
      ...original,
      id: 6,
      issuer: "上海市经济和信息化委员会",
      title: `${original.title}（修订）`,
    };
    expect(findSuperseded(other, [original]).supersedesId).toBeNull();
    const olderRevision = {
      ...original,
      id: 7,
      title: `${original.title}（修订）`,
      publishedAt: "2021-01-01",
    };
    expect(findSuperseded(olderRevision, [original]).supersedesId).toBeNull();
  });

  it("links an explicit 废止 reference whatever the title", () => {
    const plan = {
      id: 8,
      title: "新方案",
      issuer: ISSUER,
      docNumber: "沪府办发〔2024〕1号",
      publishedAt: "2024-01-01",
    };
    const links = findSuperseded(plan, [original], "原沪府办发（2022）11号文件同时废止。");
    expect(links).toEqual({ canonicalId: null, supersedesId: 1, reason: "repeal-reference" });
  });

  it("treats the same document number on another site as a second location of the first", () => {
    const copy = { ...original, id: 9, issuer: "上海市经济和信息化委员会", docNumber: "沪府办发[2022]11号" };
    const thirdCopy = { ...original, id: 12, canonicalId: 1 };
    expect(findSuperseded(copy, [original])).toMatchObject({ canonicalId: 1, reason: "same-doc-number" });
    expect(findSuperseded({ ...copy, id: 13 }, [thirdCopy, original, copy])).toMatchObject({
      canonicalId: 1,
    });
  });

  it("links nothing for an unrelated document", () => {
    const unrelated = {
      id: 10,
      title: "关于开展2024年度智能终端产业项目申报的通知",
      issuer: ISSUER,
      docNumber: "沪经信〔2024〕5号",
      publishedAt: "2024-03-01",
    };
    expect(findSuperseded(unrelated, [original])).toEqual({
      canonicalId: null,
      supersedesId: null,
      reason: null,
    });
  });
});
