import type { FixtureCatalog } from "./catalog.ts";

/**
 * Named documents every fixture site starts with: the four 2022 new-track plans, a commission
 * repost of the metaverse plan (same 发文字号 on both sites), a GBK page on each site, a
 * multi-track measures notice without a document number, and a plain-text notice.
 */
export const SEED_DOCUMENT_IDS = {
  metaversePlan: "sh-metaverse-plan",
  greenPlan: "sh-green-low-carbon-plan",
  digitalEconomyPlan: "sh-digital-economy-plan",
  smartTerminalsPlan: "jxw-smart-terminals-plan",
  metaverseRepost: "jxw-metaverse-plan-repost",
  investmentMeasures: "jxw-investment-measures",
  plainTextNotice: "jxw-green-notice-text",
} as const;

export function seedDocuments(catalog: FixtureCatalog): void {
  catalog.add({
    id: SEED_DOCUMENT_IDS.metaversePlan,
    site: "municipal",
    title: "上海市培育“元宇宙”新赛道行动方案（2022—2025年）",
    track: "metaverse",
    publishedAt: "2022-07-08",
    docNumber: "沪府办发〔2022〕12号",
  });
  catalog.add({
    id: SEED_DOCUMENT_IDS.greenPlan,
    site: "municipal",
    title: "上海市促进绿色低碳产业发展行动方案（2022—2025年）",
    track: "green-low-carbon",
    publishedAt: "2022-07-08",
    docNumber: "沪府办发〔2022〕13号",
  });
  catalog.add({
    id: SEED_DOCUMENT_IDS.digitalEconomyPlan,
    site: "municipal",
    title: "上海市数字经济发展“十四五”规划",
    track: "digital-economy",
    publishedAt: "2022-07-12",
    docNumber: "沪府办发〔2022〕11号",
    encoding: "gbk",
  });
  catalog.add({
    id: SEED_DOCUMENT_IDS.smartTerminalsPlan,
    site: "commission",
    title: "上海市促进智能终端产业高质量发展行动方案（2022—2025年）",
    track: "smart-terminals",
    publishedAt: "2022-07-08",
    docNumber: "沪府办发〔2022〕14号",
    issuer: "上海市人民政府办公厅",
    encoding: "gbk",
  });
  catalog.add({
    id: SEED_DOCUMENT_IDS.metaverseRepost,
    site: "commission",
    title: "上海市培育“元宇宙”新赛道行动方案（2022—2025年）",
    track: "metaverse",
    publishedAt: "2022-07-09",
    docNumber: "沪府办发〔2022〕12号",
    issuer: "上海市人民政府办公厅",
  });
  catalog.add({
    id: SEED_DOCUMENT_IDS.investmentMeasures,
    site: "commission",
    title: "关于新时期强化投资促进加快建设现代化产业体系的政策措施",
    track: "digital-economy",
    publishedAt: "2023-04-25",
    docNumber: null,
    deadline: 2026,
  });
  catalog.add({
    id: SEED_DOCUMENT_IDS.plainTextNotice,
    site: "commission",
    title: "关于组织申报2023年度绿色低碳产业专项资金的通知",
    track: "green-low-carbon",
    publishedAt: "2023-03-15",
    docNumber: "沪经信节〔2023〕88号",
    format: "text",
  });
}
