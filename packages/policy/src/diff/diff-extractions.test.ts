import { describe, expect, it } from "vitest";
import type { DocumentMeta, Extraction, Rule, Target } from "../types.ts";
import { diffExtractions } from "./diff-extractions.ts";

const META: DocumentMeta = {
  title: "上海市培育“元宇宙”新赛道行动方案（2022—2025年）",
  issuer: "上海市人民政府办公厅",
  docNumber: "沪府办发〔2022〕12号",
  publishedAt: "2022-07-08",
  revisedAt: null,
  language: "zh",
  pageType: "detail",
};

function target(over: Partial<Target> = {}): Target {
  return {
    key: "metaverse/industry-scale",
    track: "metaverse",
    metric: "产业规模",
    comparator: ">=",
    value: 350000000000,
    valueMax: null,
    unit: "CNY",
    year: 2025,
    text: "到2025年，元宇宙相关产业规模达到3500亿元。",
    span: [0, 25],
    ...over,
  };
}

function rule(over: Partial<Rule> = {}): Rule {
  return {
    key: "metaverse/fund",
    track: "metaverse",
    kind: "fund",
    metric: "产业基金",
    amount: 10000000000,
    percent: null,
    comparator: ">=",
    currency: "CNY",
    text: "设立百亿级元宇宙产业基金。",
    span: [100, 113],
    ...over,
  };
}

function extraction(over: Partial<Extraction> = {}): Extraction {
  return {
    extractorVersion: "1",
    document: { ...META },
    tracks: ["metaverse"],
    targets: [target()],
    rules: [rule()],
    text: "",
    warnings: [],
    ...over,
  };
}

describe("diffExtractions", () => {
  it("a first sight is one document-added event", () => {
    const events = diffExtractions(null, extraction());
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ kind: "document-added", before: null, fields: [] });
    expect(events[0]!.after).toMatchObject({
      title: META.title,
      targets: 1,
      rules: 1,
      tracks: ["metaverse"],
    });
  });

  it("the same extraction yields nothing", () => {
    expect(diffExtractions(extraction(), extraction())).toEqual([]);
  });

  it("a reordered and reworded document with equal figures yields nothing", () => {
    const prev = extraction({
      targets: [
        target(),
        target({ key: "metaverse/enterprise-count", value: 10, unit: "count", span: [30, 40] }),
      ],
      rules: [
        rule(),
        rule({ key: "metaverse/subsidy", kind: "subsidy", amount: 20000000, percent: 30, span: [200, 220] }),
      ],
    });
    const next = extraction({
      targets: [
        target({
          key: "metaverse/enterprise-count",
          value: 10,
          unit: "count",
          span: [0, 12],
          text: "培育10家龙头企业。",
        }),
        target({ text: "元宇宙产业规模到2025年将达到3500亿元。", span: [50, 80], metric: "产业总规模" }),
      ],
      rules: [
        rule({ key: "metaverse/subsidy", kind: "subsidy", amount: 20000000, percent: 30 }),
        rule({ text: "设立规模百亿级的产业基金" }),
      ],
      extractorVersion: "2",
    });
    expect(diffExtractions(prev, next)).toEqual([]);
  });

  it.each([
    ["value", { value: 400000000000 }],
    ["year", { year: 2026 }],
    ["comparator", { comparator: ">" as const }],
    ["unit", { unit: "USD" }],
    ["valueMax", { valueMax: 500000000000 }],
  ])("a target whose %s differs is changed", (field, over) => {
    const events = diffExtractions(extraction(), extraction({ targets: [target(over)] }));
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({
      kind: "target-changed",
      key: "metaverse/industry-scale",
      track: "metaverse",
      fields: [field],
      sentence: target().text,
    });
    expect(events[0]!.before).toMatchObject({ value: 350000000000 });
    expect(events[0]!.after).toMatchObject(over);
  });

  it("lists every differing field of a target", () => {
    const [e] = diffExtractions(extraction(), extraction({ targets: [target({ value: 4e11, year: 2024 })] }));
    expect(e!.fields).toEqual(["value", "year"]);
  });

  it("null and undefined valueMax are the same, and float noise is no change", () => {
    const prev = extraction({ targets: [target({ valueMax: undefined, value: 0.1 + 0.2 })] });
    const next = extraction({ targets: [target({ valueMax: null, value: 0.3 })] });
    expect(diffExtractions(prev, next)).toEqual([]);
  });

  it("targets added and removed", () => {
    const added = target({ key: "metaverse/scenarios", value: 50, unit: "count" });
    const events = diffExtractions(extraction(), extraction({ targets: [target(), added] }));
    expect(events).toEqual([
      expect.objectContaining({ kind: "target-added", key: "metaverse/scenarios", before: null }),
    ]);
    const back = diffExtractions(extraction({ targets: [target(), added] }), extraction());
    expect(back).toEqual([
      expect.objectContaining({ kind: "target-removed", key: "metaverse/scenarios", after: null }),
    ]);
    expect(back[0]!.sentence).toBe(added.text);
  });

  it("pairs items sharing a key by equal value first", () => {
    const firms = target({ key: "metaverse/count", value: 100, unit: "count", year: 2025, span: [10, 20] });
    const products = target({ key: "metaverse/count", value: 50, unit: "count", year: 2025, span: [30, 40] });
    // products' year moves; firms stay. The 50 must pair with the 50, not with the first item.
    const next = extraction({ targets: [{ ...firms }, { ...products, year: 2024 }] });
    const events = diffExtractions(extraction({ targets: [firms, products] }), next);
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ kind: "target-changed", fields: ["year"] });
    expect(events[0]!.before).toMatchObject({ value: 50, year: 2025 });
    expect(events[0]!.after).toMatchObject({ value: 50, year: 2024 });
  });

  it("items sharing a key: one of two disappears → one removal, not a change", () => {
    const a = target({ key: "k", value: 100, unit: "count" });
    const b = target({ key: "k", value: 200, unit: "count" });
    const events = diffExtractions(extraction({ targets: [a, b] }), extraction({ targets: [{ ...b }] }));
    expect(events).toEqual([expect.objectContaining({ kind: "target-removed" })]);
    expect(events[0]!.before).toMatchObject({ value: 100 });
  });

  it("duplicates are a multiset: two equal items against one is one removal", () => {
    const a = target({ key: "k", value: 100, unit: "count" });
    const events = diffExtractions(
      extraction({ targets: [a, { ...a }] }),
      extraction({ targets: [{ ...a }] }),
    );
    expect(events.map((e) => e.kind)).toEqual(["target-removed"]);
  });

  it.each([
    ["amount", { amount: 5000000 }],
    ["percent", { percent: 20 }],
    ["kind", { kind: "subsidy" as const }],
    ["comparator", { comparator: "=" as const }],
  ])("a rule whose %s differs is changed", (field, over) => {
    const events = diffExtractions(extraction(), extraction({ rules: [rule(over)] }));
    expect(events).toEqual([
      expect.objectContaining({ kind: "rule-changed", key: "metaverse/fund", fields: [field] }),
    ]);
  });

  it("a null and a missing rule comparator are the same", () => {
    const events = diffExtractions(
      extraction({ rules: [rule({ comparator: null })] }),
      extraction({ rules: [rule({ comparator: undefined })] }),
    );
    expect(events).toEqual([]);
  });

  it("rules removed and added (fund dropped, reward added)", () => {
    const reward = rule({
      key: "metaverse/reward",
      kind: "reward",
      amount: 5000000,
      comparator: "<=",
      text: "给予最高500万元奖励。",
    });
    const events = diffExtractions(extraction(), extraction({ rules: [reward] }));
    expect(events.map((e) => [e.kind, e.key])).toEqual([
      ["rule-added", "metaverse/reward"],
      ["rule-removed", "metaverse/fund"],
    ]);
    expect(events[0]!.sentence).toBe("给予最高500万元奖励。");
  });

  it("rules that differ only by track are different keys", () => {
    const ai = rule({
      key: "artificial-intelligence/subsidy",
      track: "artificial-intelligence",
      kind: "subsidy",
      amount: 2e7,
      percent: 30,
    });
    const mv = rule({ key: "metaverse/subsidy", kind: "subsidy", amount: 2e7, percent: 30 });
    const events = diffExtractions(extraction({ rules: [ai, mv] }), extraction({ rules: [{ ...mv }] }));
    expect(events).toEqual([
      expect.objectContaining({ kind: "rule-removed", track: "artificial-intelligence" }),
    ]);
  });

  it.each([
    ["title", { title: "新标题" }],
    ["issuer", { issuer: "上海市经济和信息化委员会" }],
    ["docNumber", { docNumber: "沪府办发〔2022〕13号" }],
    ["publishedAt", { publishedAt: "2022-07-09" }],
  ])("document %s change is a metadata change", (field, over) => {
    const events = diffExtractions(extraction(), extraction({ document: { ...META, ...over } }));
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({
      kind: "document-metadata-changed",
      fields: [field],
      key: null,
      track: null,
    });
    expect(events[0]!.after).toEqual({ [field]: (over as Record<string, unknown>)[field] });
  });

  it("a title that differs only by full-width brackets or spaces is the same title", () => {
    const retyped = { ...META, title: " 上海市培育“元宇宙”新赛道行动方案(2022—2025年)" };
    expect(diffExtractions(extraction(), extraction({ document: retyped }))).toEqual([]);
  });

  it("a new 更新日期 alone is not news; with changed figures it dates the revision", () => {
    const revised = { ...META, revisedAt: "2023-02-20" };
    expect(diffExtractions(extraction(), extraction({ document: revised }))).toEqual([]);
    const events = diffExtractions(
      extraction(),
      extraction({ document: revised, targets: [target({ value: 4e11 })] }),
    );
    expect(events.map((e) => [e.kind, e.fields])).toEqual([
      ["document-metadata-changed", ["revisedAt"]],
      ["target-changed", ["value"]],
    ]);
    expect(events[0]!.before).toEqual({ revisedAt: null });
    expect(events[0]!.after).toEqual({ revisedAt: "2023-02-20" });
  });

  it("a title change lists the revision date too", () => {
    const events = diffExtractions(
      extraction(),
      extraction({ document: { ...META, title: "修订版", revisedAt: "2022-08-01" } }),
    );
    expect(events[0]!.fields).toEqual(["title", "revisedAt"]);
    expect(events[0]!.before).toEqual({ title: META.title, revisedAt: null });
  });

  it("a revision with several changes lists metadata, then targets, then rules", () => {
    const prev = extraction({
      targets: [
        target(),
        target({ key: "metaverse/scenarios", value: 50, unit: "count", year: 2025, span: [40, 60] }),
      ],
    });
    const next = extraction({
      document: { ...META, docNumber: null },
      targets: [
        target({ value: 4e11 }),
        target({ key: "metaverse/scenarios", value: 50, unit: "count", year: 2024, span: [40, 60] }),
      ],
      rules: [],
    });
    expect(diffExtractions(prev, next).map((e) => [e.kind, e.key, e.fields])).toEqual([
      ["document-metadata-changed", null, ["docNumber"]],
      ["target-changed", "metaverse/industry-scale", ["value"]],
      ["target-changed", "metaverse/scenarios", ["year"]],
      ["rule-removed", "metaverse/fund", []],
    ]);
  });
});
