/**
 * Normalized metric slugs: the same goal worded differently in two versions of a document
 * ("相关产业规模达到3500亿元" / "产业规模力争突破4000亿元") gets the same identity key.
 * Order matters: the first matching pattern wins.
 */
const METRIC_SLUGS: Array<[RegExp, string]> = [
  [/软件和信息服务|软件信息服务|software and information services?/i, "software-info-services-scale"],
  [/电子信息制造|electronic information manufacturing/i, "electronic-info-manufacturing-scale"],
  [/增加值|value[- ]added/i, "value-added"],
  [/比重|占.*(?:生产总值|GDP)|share of|% of GDP/i, "gdp-share"],
  [/专精特新|specialized|specialised|sophisticated/i, "enterprises-specialized"],
  [/头部|龙头|领军|链主|leading|leaders?\b|champion/i, "enterprises-leading"],
  [/核心技术.*企业|core[- ]technology/i, "enterprises-core-tech"],
  [/中小企业|特色企业|特色鲜明|niche|smaller firms|SMEs?\b/i, "enterprises-sme"],
  [/上市/i, "enterprises-listed"],
  [/企业|公司|companies|firms|enterprises/i, "enterprises"],
  [/场景|scenarios?/i, "scenarios"],
  [/产品|products?/i, "products"],
  [/集群|clusters?/i, "clusters"],
  [/园区|parks?/i, "parks"],
  [/平台|platforms?/i, "platforms"],
  [/加氢站|hydrogen (?:refuel(?:l)?ing )?stations?/i, "hydrogen-stations"],
  [/汽车|车辆|vehicles?/i, "vehicles"],
  [/人才|talents?|professionals/i, "talent"],
  [/装机|capacity/i, "capacity"],
  [/产业规模|规模|营收|产值|industry|industries|sector|output|worth|revenue/i, "industry-scale"],
];

const RULE_SLUGS: Array<[RegExp, string]> = [
  [/首版次|首台|首批次|first/i, "first-use"],
  [/研发|R&D|research/i, "research"],
  [/人才|talent/i, "talent"],
  [/项目|project/i, "projects"],
];

export function metricSlug(metric: string): string {
  for (const [re, slug] of METRIC_SLUGS) if (re.test(metric)) return slug;
  const compact = metric
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, "-")
    .replace(/^-+|-+$/g, "");
  return compact.slice(0, 40) || "figure";
}

export function ruleSlug(kind: string, sentence: string): string {
  for (const [re, slug] of RULE_SLUGS) if (re.test(sentence)) return `${kind}-${slug}`;
  return kind;
}

/** Makes keys unique inside one extraction, in text order: the second "clusters" is "clusters-2". */
export function uniqueKeys<T extends { key: string }>(items: T[]): T[] {
  const seen = new Map<string, number>();
  for (const item of items) {
    const n = (seen.get(item.key) ?? 0) + 1;
    seen.set(item.key, n);
    if (n > 1) item.key = `${item.key}-${n}`;
  }
  return items;
}
