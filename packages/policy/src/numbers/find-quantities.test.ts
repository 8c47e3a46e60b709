import { describe, expect, it } from "vitest";
import { findQuantities } from "./find-quantities.ts";
import type { Quantity } from "./types.ts";

type Expect = Partial<
  Pick<
    Quantity,
    | "raw"
    | "value"
    | "valueMax"
    | "unit"
    | "kind"
    | "comparator"
    | "approximate"
    | "currency"
    | "counter"
    | "magnitudeQualifier"
  >
>;

function only(sentence: string): Quantity {
  const qs = findQuantities(sentence);
  expect(qs, `${sentence} → ${JSON.stringify(qs)}`).toHaveLength(1);
  return qs[0]!;
}

describe("findQuantities: money", () => {
  const cases: [string, Expect][] = [
    [
      "产业规模达到3500亿元",
      { raw: "3500亿元", value: 350000000000, unit: "CNY", kind: "money", comparator: ">=" },
    ],
    ["规模达到３５００亿元", { raw: "３５００亿元", value: 350000000000, unit: "CNY" }],
    ["总额3,500亿元", { value: 350000000000, unit: "CNY", comparator: "=" }],
    ["规模达到 3500 亿元", { raw: "3500 亿元", value: 350000000000, unit: "CNY", comparator: ">=" }],
    ["十五亿元", { value: 1.5e9 }],
    ["一点五万亿元", { value: 1.5e12, unit: "CNY" }],
    ["20—30亿美元", { value: 2e9, valueMax: 3e9, unit: "USD" }],
    ["经济规模达3万亿元", { value: 3e12, unit: "CNY", comparator: ">=" }],
    ["达到1.5万亿元", { value: 1.5e12, unit: "CNY" }],
    ["产值五千亿元", { value: 5e11, unit: "CNY" }],
    ["规模超过3500亿元", { value: 350000000000, comparator: ">" }],
    ["力争突破3000亿元", { value: 3e11, comparator: ">" }],
    ["最高2000万元的支持", { value: 2e7, unit: "CNY", comparator: "<=" }],
    ["封顶1亿元", { value: 1e8, comparator: "<=" }],
    ["上限为2000万元", { value: 2e7, comparator: "<=" }],
    ["奖励500万元", { value: 5e6, comparator: "=" }],
    ["1亿元封顶", { value: 1e8, comparator: "<=" }],
    ["补贴5000元", { value: 5000, unit: "CNY" }],
    ["投资1.2千亿元", { value: 1.2e11 }],
    ["5百亿元", { value: 5e10 }],
    ["3千万元", { value: 3e7 }],
    ["2百万美元", { value: 2e6, unit: "USD" }],
    ["达到100亿人民币", { value: 1e10, unit: "CNY", currency: "CNY" }],
    ["营收超過1000億元", { value: 1e11, unit: "CNY", comparator: ">" }],
    ["達到3,500億元", { value: 3.5e11, comparator: ">=" }],
    ["约合40亿美元", { value: 4e9, unit: "USD", currency: "USD", comparator: "=" }],
    ["3000多亿元", { value: 3e11, comparator: ">" }],
    ["10—20亿元", { value: 1e9, valueMax: 2e9, comparator: ">=" }],
    ["5亿-10亿元", { value: 5e8, valueMax: 1e9, comparator: ">=" }],
    ["exceed 350 billion yuan", { value: 3.5e11, unit: "CNY", comparator: ">" }],
    ["reach 1.5 trillion yuan", { value: 1.5e12, unit: "CNY", comparator: ">=" }],
    ["about 4 billion US dollars", { value: 4e9, unit: "USD", comparator: "=" }],
    ["worth US$4 billion", { raw: "US$4 billion", value: 4e9, unit: "USD" }],
    ["RMB 27 billion", { raw: "RMB 27 billion", value: 2.7e10, unit: "CNY" }],
    ["¥350bn", { value: 3.5e11, unit: "CNY" }],
    ["top 1 trillion yuan", { value: 1e12, comparator: ">" }],
    ["more than 10,000 yuan", { value: 10000, comparator: ">" }],
    ["up to 20 million yuan", { value: 2e7, comparator: "<=" }],
    ["USD 5 million", { value: 5e6, unit: "USD" }],
    ["a 1.5-trillion-yuan industry", { raw: "1.5-trillion-yuan", value: 1.5e12, unit: "CNY" }],
  ];
  it.each(cases)("%s", (sentence, want) => {
    expect(only(sentence)).toMatchObject(want);
  });
});

describe("findQuantities: 级 magnitudes", () => {
  it("百亿级 fund is an approximate amount at least the base value", () => {
    expect(only("设立百亿级产业基金")).toMatchObject({
      raw: "百亿级",
      value: 1e10,
      unit: "CNY",
      comparator: ">=",
      approximate: true,
    });
    expect(only("设立百亿级产业基金").magnitudeQualifier).toBeUndefined();
  });
  it.each([
    ["千亿级", 1e11],
    ["万亿级", 1e12],
    ["十亿级", 1e9],
    ["百億級", 1e10],
    ["100亿元级", 1e10],
  ])("%s", (raw, value) => {
    expect(only(`打造${raw}产业`)).toMatchObject({ value, approximate: true, comparator: ">=" });
  });
  it("a size qualifier of a counted noun is marked, and the count stays a count", () => {
    const qs = findQuantities("培育2个千亿级产业集群，2家营收超千亿元的企业，千亿级集群2个、百亿级集群5个");
    expect(qs.map((q) => [q.raw, q.unit, q.magnitudeQualifier ?? false])).toEqual([
      ["2个", "count", false],
      ["千亿级", "CNY", true],
      ["2家", "count", false],
      ["千亿元", "CNY", true],
      ["千亿级", "CNY", true],
      ["2个", "count", false],
      ["百亿级", "CNY", true],
      ["5个", "count", false],
    ]);
    expect(findQuantities("若干个十亿级产业集群")[0]?.magnitudeQualifier).toBe(true);
    expect(findQuantities("4个万亿级集群")[1]?.magnitudeQualifier).toBe(true);
  });
  it("a reward after a count is not a qualifier", () => {
    const qs = findQuantities("对认定的10家企业奖励100万元");
    expect(qs[1]).toMatchObject({ value: 1e6 });
    expect(qs[1]?.magnitudeQualifier).toBeUndefined();
    expect(findQuantities("培育3家年营收超百亿元企业")[1]?.magnitudeQualifier).toBe(true);
    expect(findQuantities("建成十个示范园区").map((q) => q.value)).toEqual([10]);
  });
  it("从…到… is a change, not a range", () => {
    expect(findQuantities("从10家到20家").map((q) => [q.value, q.valueMax])).toEqual([
      [10, null],
      [20, null],
    ]);
    expect(findQuantities("increase from 10 to 20 firms").map((q) => [q.value, q.valueMax])).toEqual([
      [10, null],
      [20, null],
    ]);
  });
  it("a plain amount followed by a clause break is not a qualifier", () => {
    const qs = findQuantities("培育10家企业，产值达到3500亿元。");
    expect(qs[1]).toMatchObject({ value: 3.5e11 });
    expect(qs[1]?.magnitudeQualifier).toBeUndefined();
  });
});

describe("findQuantities: counts", () => {
  const cases: [string, Expect][] = [
    ["培育10家龙头企业", { value: 10, unit: "count", kind: "count", counter: "家", comparator: "=" }],
    ["十家", { value: 10, counter: "家" }],
    ["一百家", { value: 100 }],
    ["一千家", { value: 1000 }],
    ["五十个", { value: 50, counter: "个" }],
    ["两千家", { value: 2000 }],
    ["兩千家", { value: 2000 }],
    ["1万辆", { value: 10000, counter: "辆" }],
    ["5萬人", { value: 50000, counter: "人" }],
    ["50个以上", { value: 50, comparator: ">=" }],
    ["不少于100家", { value: 100, comparator: ">=" }],
    ["不低于20个", { value: 20, comparator: ">=" }],
    ["50+场景", { value: 50, comparator: ">=" }],
    ["100+产品", { value: 100, unit: "count", comparator: ">=" }],
    ["3—5个", { value: 3, valueMax: 5, comparator: ">=" }],
    ["3-5个", { value: 3, valueMax: 5 }],
    ["3至5个", { value: 3, valueMax: 5 }],
    ["3到5家", { value: 3, valueMax: 5 }],
    ["3～5座", { value: 3, valueMax: 5 }],
    ["三至五家", { value: 3, valueMax: 5 }],
    ["100余家", { value: 100, comparator: ">" }],
    ["千余家", { value: 1000, comparator: ">" }],
    ["10座", { value: 10, counter: "座" }],
    ["建成3個項目", { value: 3, counter: "個" }],
    ["10 家", { value: 10, counter: "家" }],
    ["100万人次", { value: 1e6, counter: "人次" }],
    ["1,000 enterprises", { value: 1000, unit: "count", counter: "enterprises" }],
    ["two clusters", { value: 2, counter: "clusters" }],
    ["five pilot zones", { value: 5, counter: "zones" }],
    ["twenty-five leading firms", { value: 25, counter: "firms" }],
    ["more than 100 application scenarios", { value: 100, comparator: ">" }],
    ["100+ benchmark products", { value: 100, comparator: ">=" }],
    ["at least 50 scenarios", { value: 50, comparator: ">=" }],
    ["3 to 5 firms", { value: 3, valueMax: 5, comparator: ">=" }],
    ["3个至5个", { raw: "3个至5个", value: 3, valueMax: 5, comparator: ">=" }],
    ["no fewer than 30 companies", { value: 30, comparator: ">=" }],
  ];
  it.each(cases)("%s", (sentence, want) => {
    expect(only(sentence)).toMatchObject(want);
  });
});

describe("findQuantities: English counts and qualifiers", () => {
  it("a quoted adjective between number and noun still makes a count", () => {
    expect(only('nurture 100 "specialized and sophisticated" smaller firms')).toMatchObject({
      value: 100,
      counter: "firms",
    });
  });
  it("an elided noun takes the previous count's noun; the sizes are qualifiers", () => {
    const qs = findQuantities(
      "two clusters worth more than 100 billion yuan each and five worth more than 10 billion yuan",
    );
    expect(qs.map((q) => [q.raw, q.unit, q.counter ?? null, q.magnitudeQualifier ?? false])).toEqual([
      ["two clusters", "count", "clusters", false],
      ["100 billion yuan", "CNY", null, true],
      ["five", "count", "clusters", false],
      ["10 billion yuan", "CNY", null, true],
    ]);
  });
  it("a money figure after a count in another clause is not a qualifier", () => {
    const qs = findQuantities("build 50 scenarios, and the industry will exceed 350 billion yuan");
    expect(qs[1]).toMatchObject({ value: 3.5e11 });
    expect(qs[1]?.magnitudeQualifier).toBeUndefined();
  });
});

describe("findQuantities: measure words", () => {
  it.each([
    "家",
    "个",
    "座",
    "辆",
    "项",
    "台",
    "款",
    "名",
    "人",
    "所",
    "处",
    "条",
    "套",
    "件",
    "位",
    "批",
    "种",
    "户",
    "艘",
    "架",
    "张",
    "次",
    "场",
    "栋",
    "片",
    "枚",
    "人次",
    "台套",
  ])("12%s is a count of 12", (counter) => {
    expect(only(`新增12${counter}`)).toMatchObject({ value: 12, unit: "count", kind: "count", counter });
  });
});

describe("findQuantities: percent", () => {
  const cases: [string, Expect][] = [
    ["占GDP比重达到10%", { value: 10, unit: "percent", kind: "percent", comparator: ">=" }],
    ["比重大于60%", { value: 60, comparator: ">" }],
    ["30％", { value: 30, unit: "percent" }],
    ["百分之三十", { raw: "百分之三十", value: 30, unit: "percent" }],
    ["百分之30", { value: 30 }],
    ["百分之五十五", { value: 55 }],
    ["不超过项目投资30%", { value: 30, comparator: "<=" }],
    ["30%以内", { value: 30, comparator: "<=" }],
    ["12.5%", { value: 12.5 }],
    ["20—30%", { value: 20, valueMax: 30, unit: "percent" }],
    ["年均增长10%以上", { value: 10, comparator: ">=" }],
    ["提高到90%", { value: 90, comparator: ">=" }],
    ["10%—15%", { raw: "10%—15%", value: 10, valueMax: 15, comparator: ">=" }],
    ["10%-15%", { value: 10, valueMax: 15 }],
    ["30 percent", { value: 30, unit: "percent" }],
    ["more than 60 per cent", { value: 60, comparator: ">" }],
    ["提高3个百分点", { value: 3, unit: "percentage-point" }],
  ];
  it.each(cases)("%s", (sentence, want) => {
    expect(only(sentence)).toMatchObject(want);
  });
});

describe("findQuantities: physical and per-unit", () => {
  const cases: [string, Expect][] = [
    ["装机容量达到120万千瓦", { value: 1200, unit: "MW", kind: "physical", comparator: ">=" }],
    ["500千瓦", { value: 0.5, unit: "MW" }],
    ["五万千瓦", { value: 50, unit: "MW" }],
    ["200MW", { value: 200, unit: "MW" }],
    ["a 500-MW plant", { value: 500, unit: "MW" }],
    ["3 GW", { value: 3000, unit: "MW" }],
    ["1.2 billion kW", { value: 1.2e6, unit: "MW" }],
    ["1.2 billion kilowatts", { value: 1.2e6, unit: "MW" }],
    ["100兆瓦时", { value: 100, unit: "MWh" }],
    ["10亿千瓦时", { value: 1e6, unit: "MWh" }],
    ["500 MWh", { value: 500, unit: "MWh" }],
    ["100万吨", { value: 1e6, unit: "tonnes" }],
    ["減少5萬噸", { value: 5e4, unit: "tonnes" }],
    ["300万吨标准煤", { value: 3e6, unit: "tonnes" }],
    ["20 tonnes", { value: 20, unit: "tonnes" }],
    ["100万立方米", { value: 1e6, unit: "m3" }],
    ["1.91平方公里", { value: 1910000, unit: "sqm" }],
    ["10万平方米", { value: 1e5, unit: "sqm" }],
    ["50 square kilometres", { value: 5e7, unit: "sqm" }],
    ["近30公里", { value: 30, unit: "km", comparator: "<" }],
    ["500米", { value: 0.5, unit: "km" }],
    ["12 km", { value: 12, unit: "km" }],
    ["35微克/立方米以内", { value: 35, unit: "ug/m3", comparator: "<=" }],
    ["35 μg/m3", { value: 35, unit: "ug/m3" }],
    ["50万元/人", { value: 500000, unit: "CNY/person", kind: "per-unit", currency: "CNY" }],
    ["360台/万人", { value: 360, unit: "count/10k-person", kind: "per-unit" }],
    ["0.5元/千瓦时", { value: 0.5, unit: "CNY/kWh" }],
    ["10,000 yuan per capita", { value: 10000, unit: "CNY/person" }],
  ];
  it.each(cases)("%s", (sentence, want) => {
    expect(only(sentence)).toMatchObject(want);
  });
});

describe("findQuantities: offsets", () => {
  it("start/end slice the original sentence, full-width digits included", () => {
    const s = "到２０２５年，规模达到３５００亿元，培育10家";
    for (const q of findQuantities(s)) expect(s.slice(q.start, q.end)).toBe(q.raw);
    expect(findQuantities(s).map((q) => q.raw)).toEqual(["３５００亿元", "10家"]);
  });
});

describe("findQuantities: not quantities", () => {
  const negatives = [
    "到2025年",
    "2022—2025年",
    "二〇二五年",
    "２０２５年",
    "2022年7月8日",
    "2022年07月08日",
    "7月8日",
    "2022-07-08",
    "沪府办发〔2022〕11号",
    "拨打12345热线",
    "电话：021-12345678",
    "咨询电话 (021)23456789",
    "13812345678",
    "Chrome 80及以上",
    "IE9及以上版本浏览器",
    "版本1.2.3",
    "分辨率1920×1080",
    "5G网络",
    "8K超高清",
    "L4级自动驾驶",
    "3D打印",
    "第三条",
    "第10批",
    "前10名",
    "十四五规划",
    "六化",
    "五大环节",
    "一批企业",
    "统一市场",
    "一个中心",
    "by 2025",
    "in 2021",
    "5年内",
    "3个月",
    "index_2.html",
    "5f3e2b7c9a",
    "10:30",
    "1、加快",
    "（2）推进",
    "top 10 firms",
    "亿万人民",
    "千方百计",
    "Published Jul 11, 2022",
    "关键零部件",
    "零碳园区",
    "SHEITC-2022-ZCFG-0412",
    "编号0412",
    "07-08",
    "2022.07.08",
    "IP 192.168.0.1",
    "1080p",
    "4K/8K",
    "5G base stations",
    "3D printers",
    "Wi-Fi 6",
    "PM2.5",
    "H.265",
    "第十四个五年规划",
    "one of the largest",
    "one-stop service",
    "数十家企业",
    "几十个场景",
    "上百家企业",
    "数百亿元投资",
    "上千个",
    "三分之一",
    "翻一番",
    "共12页",
  ];
  it.each(negatives)("%s", (sentence) => {
    expect(findQuantities(sentence)).toEqual([]);
  });
});

describe("findQuantities: traditional Chinese", () => {
  const cases: [string, Expect][] = [
    ["產業規模達到3500億元", { value: 3.5e11, unit: "CNY", comparator: ">=" }],
    ["規模超過1.5萬億元", { value: 1.5e12, comparator: ">" }],
    ["不少於100家", { value: 100, comparator: ">=" }],
    ["不超過2000萬元", { value: 2e7, comparator: "<=" }],
    ["培育50個以上場景", { value: 50, counter: "個", comparator: ">=" }],
    ["1萬輛", { value: 10000, counter: "輛" }],
    ["360臺/萬人", { value: 360, unit: "count/10k-person" }],
    ["設立百億級產業基金", { value: 1e10, approximate: true, comparator: ">=" }],
    ["兩千家", { value: 2000 }],
    ["減排5萬噸", { value: 5e4, unit: "tonnes" }],
    ["佔比達到百分之三十", { value: 30, unit: "percent", comparator: ">=" }],
    ["最高可達500萬元", { value: 5e6, comparator: "<=" }],
  ];
  it.each(cases)("%s", (sentence, want) => {
    expect(only(sentence)).toMatchObject(want);
  });
});

describe("findQuantities: several figures in one sentence", () => {
  it("keeps each figure's own comparator and unit", () => {
    const s =
      "到2025年，数字经济增加值力争达到3万亿元，占全市生产总值比重大于60%，培育100家以上龙头企业、1000家专精特新企业。";
    expect(findQuantities(s).map((q) => [q.raw, q.value, q.unit, q.comparator])).toEqual([
      ["3万亿元", 3e12, "CNY", ">="],
      ["60%", 60, "percent", ">"],
      ["100家", 100, "count", ">="],
      ["1000家", 1000, "count", "="],
    ]);
  });
  it("a rule sentence: rate and cap", () => {
    const s = "对符合条件的项目，按不超过项目投资额30%的比例给予支持，上限为2000万元。";
    expect(findQuantities(s).map((q) => [q.value, q.unit, q.comparator])).toEqual([
      [30, "percent", "<="],
      [2e7, "CNY", "<="],
    ]);
  });
  it("an English news sentence with a conversion in parentheses", () => {
    const s = "related industries are to exceed 350 billion yuan (about US$52 billion) by 2025";
    expect(findQuantities(s).map((q) => [q.value, q.unit, q.comparator])).toEqual([
      [3.5e11, "CNY", ">"],
      [5.2e10, "USD", "="],
    ]);
  });
});
