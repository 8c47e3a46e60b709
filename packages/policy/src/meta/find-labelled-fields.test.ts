import { describe, expect, it } from "vitest";
import { findLabelledFields } from "./find-labelled-fields.ts";

describe("findLabelledFields", () => {
  it("reads table rows rendered as label/value pairs, empty cells as empty", () => {
    const fields = findLabelledFields([
      "索引号 31000002022Z00162 主题分类 工业",
      "发布机构 上海市人民政府办公厅 发文字号 沪府办发〔2022〕12号",
      "发文字号： 成文日期：",
      "成文日期 2022-06-24 发布日期 2022-07-08",
    ]);
    expect(fields).toMatchObject({
      indexNumber: "31000002022Z00162",
      issuer: "上海市人民政府办公厅",
      docNumber: "沪府办发〔2022〕12号",
      writtenAt: "2022-06-24",
      publishedAt: "2022-07-08",
    });
  });

  it("reads inline bylines, spaced labels, traditional labels and dt/dd pairs", () => {
    expect(findLabelledFields(["发布时间：2023-04-25 来源：上海市人民政府办公厅 【打印】"])).toEqual({
      publishedTime: "2023-04-25",
      source: "上海市人民政府办公厅",
    });
    expect(findLabelledFields(["索 引 号：DH-2024-0056"]).indexNumber).toBe("DH-2024-0056");
    expect(findLabelledFields(["發布時間：2024年01月18日　來源：申城日報"]).source).toBe("申城日報");
    expect(findLabelledFields(["发布机构：", "滨海市人民政府", "发文字号："]).issuer).toBe("滨海市人民政府");
    expect(findLabelledFields(["发文字号：", "成文日期：2023-08-01"]).docNumber).toBe("");
  });

  it("reads a header row of labels over a row of values by column", () => {
    expect(
      findLabelledFields(["索引号 发布机构 发文字号", "LJ-001 临江市人民政府 临政发〔2024〕1号"]),
    ).toEqual({
      indexNumber: "LJ-001",
      issuer: "临江市人民政府",
      docNumber: "临政发〔2024〕1号",
    });
  });

  it("ignores labels inside prose", () => {
    expect(findLabelledFields(["资金来源于市级财政，发布机构的职责另行规定。"])).toEqual({});
  });
});
