import { comparatorWords, formatDeadline, formatQuantity } from "./format-quantity.ts";
import type { MailLocale } from "./locale.ts";

/** The parts of a change-log row a digest shows. */
export interface DescribableChange {
  kind: string;
  key: string | null;
  metric: string | null;
  before: Record<string, unknown> | null;
  after: Record<string, unknown> | null;
}

export interface ChangeDescription {
  /** "新增目标" / "Target changed". */
  kindLabel: string;
  /** The metric in the reader's language: 产业规模 / industry scale. */
  metricLabel: string;
  before: string | null;
  after: string | null;
}

const KIND_LABELS: Record<string, Record<MailLocale, string>> = {
  "target-added": { zh: "新增目标", en: "New target" },
  "target-changed": { zh: "目标调整", en: "Target changed" },
  "target-removed": { zh: "目标取消", en: "Target removed" },
  "rule-added": { zh: "新政策", en: "New rule" },
  "rule-changed": { zh: "政策调整", en: "Rule changed" },
  "rule-removed": { zh: "政策取消", en: "Rule removed" },
  "document-added": { zh: "新文件", en: "New document" },
  "document-removed": { zh: "文件下线", en: "Document removed" },
  "document-metadata-changed": { zh: "文件信息更新", en: "Document updated" },
};

const RULE_KINDS: Record<string, Record<MailLocale, string>> = {
  fund: { zh: "基金", en: "fund" },
  subsidy: { zh: "补贴", en: "subsidy" },
  reward: { zh: "奖励", en: "reward" },
  loan: { zh: "贷款", en: "loan" },
  other: { zh: "其他", en: "other" },
};

const num = (v: unknown): number | null => (typeof v === "number" && Number.isFinite(v) ? v : null);
const str = (v: unknown): string | null => (typeof v === "string" && v.trim() ? v.trim() : null);

function describeTarget(side: Record<string, unknown>, locale: MailLocale): string {
  const value = num(side.value)!;
  const valueMax = num(side.valueMax);
  const unit = str(side.unit);
  const amount =
    valueMax !== null && valueMax !== value
      ? `${formatQuantity(value, unit, locale)}${locale === "zh" ? "至" : "–"}${formatQuantity(valueMax, unit, locale)}`
      : formatQuantity(value, unit, locale);
  const comparator = comparatorWords(str(side.comparator), locale);
  const deadline = formatDeadline(num(side.year), locale);
  if (locale === "zh") return `${deadline}${comparator}${amount}`;
  return [comparator, amount, deadline].filter(Boolean).join(" ");
}

function describeRule(side: Record<string, unknown>, locale: MailLocale): string {
  const amount = num(side.amount);
  const percent = num(side.percent);
  const comparator = comparatorWords(str(side.comparator), locale);
  const parts: string[] = [];
  if (amount !== null) {
    const money = formatQuantity(amount, str(side.currency) ?? "CNY", locale);
    parts.push(locale === "zh" ? `${comparator}${money}` : [comparator, money].filter(Boolean).join(" "));
  }
  if (percent !== null) parts.push(`${formatQuantity(percent, "percent", locale)}`);
  const kind = RULE_KINDS[str(side.kind) ?? ""]?.[locale];
  const body = parts.join(locale === "zh" ? "，" : ", ");
  if (kind && body) return locale === "zh" ? `${kind}：${body}` : `${kind}: ${body}`;
  return body || kind || "";
}

function describeOther(side: Record<string, unknown>, locale: MailLocale): string {
  const title = str(side.title);
  if (title) return title;
  return Object.entries(side)
    .filter(([, v]) => typeof v === "string" || typeof v === "number")
    .map(([k, v]) => `${k}${locale === "zh" ? "：" : ": "}${v}`)
    .join(locale === "zh" ? "；" : "; ");
}

function describeSide(side: Record<string, unknown> | null, kind: string, locale: MailLocale): string | null {
  if (!side) return null;
  if (kind.startsWith("target-") && num(side.value) !== null) return describeTarget(side, locale);
  if (kind.startsWith("rule-")) return describeRule(side, locale) || describeOther(side, locale);
  return describeOther(side, locale) || null;
}

/** `metaverse/industry-scale` → "industry scale"; Chinese readers see the metric as written. */
function metricLabel(change: DescribableChange, locale: MailLocale): string {
  const written = change.metric ?? str(change.after?.metric) ?? str(change.before?.metric) ?? "";
  if (locale === "zh" || !change.key) return written;
  const slug = change.key.split("/").pop() ?? "";
  // Keys made from Chinese metrics keep their characters; show the metric then.
  return /^[a-z0-9-]+$/.test(slug) ? slug.replace(/-/g, " ") : written;
}

/** What changed, in words and human units, before → after. */
export function describeChange(change: DescribableChange, locale: MailLocale): ChangeDescription {
  return {
    kindLabel: KIND_LABELS[change.kind]?.[locale] ?? change.kind,
    metricLabel: metricLabel(change, locale),
    before: describeSide(change.before, change.kind, locale),
    after: describeSide(change.after, change.kind, locale),
  };
}
