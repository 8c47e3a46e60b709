import { describe, expect, it } from "vitest";
import { extractPolicy } from "../extract-policy.ts";
import { metricSlug } from "./metric-key.ts";

const keyed = (text: string) =>
  Object.fromEntries(extractPolicy(text).targets.map((t) => [t.key, [t.value, t.unit, t.year]]));

describe("identity keys", () => {
  it("normalizes metric wordings to slugs", () => {
    expect(metricSlug("相关产业规模")).toBe("industry-scale");
    expect(metricSlug("软件和信息服务业规模")).toBe("software-info-services-scale");
    expect(metricSlug("“专精特新”企业")).toBe("enterprises-specialized");
    expect(metricSlug("leading companies")).toBe("enterprises-leading");
    expect(metricSlug("开放应用场景")).toBe("scenarios");
  });

  it("stay the same across a reworded, reordered version of the same document", () => {
    const v1 = keyed(
      "到2025年，全市元宇宙相关产业规模达到3500亿元，培育10家头部企业，建成50个以上开放应用场景。",
    );
    const v2 = keyed(
      "到2025年，本市元宇宙场景建设取得突破，建成开放应用场景50个以上；力争元宇宙产业规模突破4000亿元，形成头部企业10家。",
    );
    expect(Object.keys(v1).sort()).toEqual([
      "metaverse/enterprises-leading",
      "metaverse/industry-scale",
      "metaverse/scenarios",
    ]);
    expect(Object.keys(v2).sort()).toEqual(Object.keys(v1).sort());
    expect(v2["metaverse/industry-scale"]).toEqual([400000000000, "CNY", 2025]);
  });

  it("keeps two figures of the same metric apart in text order", () => {
    const keys = extractPolicy("到2025年，绿色低碳产业形成千亿级集群2个、百亿级集群5个。").targets.map(
      (t) => t.key,
    );
    expect(keys).toEqual(["green-low-carbon/clusters", "green-low-carbon/clusters-2"]);
  });
});
