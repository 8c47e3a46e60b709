import type { Comparator } from "@trackwatch/policy";
import type { MailLocale } from "./locale.ts";

const ZH_SCALES = [
  { factor: 1e12, suffix: "万亿" },
  { factor: 1e8, suffix: "亿" },
  { factor: 1e4, suffix: "万" },
] as const;
const EN_SCALES = [
  { factor: 1e12, suffix: " trillion" },
  { factor: 1e9, suffix: " billion" },
  { factor: 1e6, suffix: " million" },
] as const;

const ZH_UNITS: Record<string, string> = {
  CNY: "元",
  USD: "美元",
  count: "",
  MW: "兆瓦",
  GW: "吉瓦",
  MWh: "兆瓦时",
  kWh: "千瓦时",
  tonnes: "吨",
  m3: "立方米",
  sqm: "平方米",
  km: "公里",
  "ug/m3": "微克/立方米",
  "CNY/person": "元/人",
  "count/10k-person": "个/万人",
};
const EN_UNITS: Record<string, string> = {
  count: "",
  MW: " MW",
  GW: " GW",
  MWh: " MWh",
  kWh: " kWh",
  tonnes: " tonnes",
  m3: " m³",
  sqm: " m²",
  km: " km",
  "ug/m3": " µg/m³",
  "CNY/person": " yuan per person",
  "count/10k-person": " per 10,000 people",
};
const EN_CURRENCY: Record<string, string> = { CNY: "¥", USD: "$" };

const COMPARATOR_WORDS: Record<Comparator, Record<MailLocale, string>> = {
  ">=": { zh: "不少于", en: "at least" },
  ">": { zh: "超过", en: "more than" },
  "<=": { zh: "不超过", en: "at most" },
  "<": { zh: "低于", en: "less than" },
  "=": { zh: "", en: "" },
};

function plain(value: number, locale: MailLocale, grouping: boolean): string {
  return new Intl.NumberFormat(locale === "zh" ? "zh-CN" : "en-US", {
    maximumFractionDigits: 2,
    useGrouping: grouping,
  }).format(value);
}

/** A number at the largest scale that keeps it readable: 3500亿 / 350 billion, 1.5万 / 15,000. */
function scaled(value: number, locale: MailLocale): string {
  const abs = Math.abs(value);
  for (const { factor, suffix } of locale === "zh" ? ZH_SCALES : EN_SCALES) {
    if (abs >= factor) return `${plain(value / factor, locale, locale === "en")}${suffix}`;
  }
  return plain(value, locale, locale === "en");
}

/** 350000000000 CNY → "3500亿元" / "¥350 billion"; 15 percent → "15%"; 100 count → "100". */
export function formatQuantity(value: number, unit: string | null | undefined, locale: MailLocale): string {
  const u = unit ?? "count";
  if (u === "percent" || u === "%") return `${plain(value, locale, false)}%`;
  if (locale === "zh") return `${scaled(value, "zh")}${ZH_UNITS[u] ?? u}`;
  const currency = EN_CURRENCY[u];
  if (currency) return `${currency}${scaled(value, "en")}`;
  return `${scaled(value, "en")}${EN_UNITS[u] ?? ` ${u}`}`;
}

export function comparatorWords(comparator: string | null | undefined, locale: MailLocale): string {
  return COMPARATOR_WORDS[(comparator ?? "=") as Comparator]?.[locale] ?? "";
}

/** "到2025年" / "by 2025". */
export function formatDeadline(year: number | null | undefined, locale: MailLocale): string {
  if (!year) return "";
  return locale === "zh" ? `到${year}年` : `by ${year}`;
}
