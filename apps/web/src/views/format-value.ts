import type { Locale } from "../i18n/locale.ts";

const COMPARATOR_SYMBOLS: Record<string, string> = { ">=": "≥", ">": ">", "<=": "≤", "<": "<", "=": "=" };

export function comparatorSymbol(comparator: unknown): string {
  return typeof comparator === "string" ? (COMPARATOR_SYMBOLS[comparator] ?? comparator) : "";
}

function trim(n: number): string {
  return Number(n.toFixed(2)).toString();
}

function money(value: number, symbol: string, zhSuffix: string, locale: Locale): string {
  const abs = Math.abs(value);
  if (locale === "zh") {
    if (abs >= 1e12) return `${trim(value / 1e12)}万亿${zhSuffix}`;
    if (abs >= 1e8) return `${trim(value / 1e8)}亿${zhSuffix}`;
    if (abs >= 1e4) return `${trim(value / 1e4)}万${zhSuffix}`;
    return `${trim(value)}${zhSuffix}`;
  }
  if (abs >= 1e12) return `${symbol}${trim(value / 1e12)}tn`;
  if (abs >= 1e9) return `${symbol}${trim(value / 1e9)}bn`;
  if (abs >= 1e6) return `${symbol}${trim(value / 1e6)}m`;
  return `${symbol}${trim(value)}`;
}

const ZH_UNITS: Record<string, string> = {
  count: "个",
  tonnes: "吨",
  sqm: "平方米",
  km: "公里",
  m3: "立方米",
  "count/10k-person": "个/万人",
  "CNY/person": "元/人",
};

/** A number with its unit the way a reader of that language expects (¥350bn, 3500亿元, 30%). */
export function formatAmount(value: unknown, unit: unknown, locale: Locale): string {
  if (typeof value !== "number" || !Number.isFinite(value)) return "—";
  const u = typeof unit === "string" ? unit : "";
  if (u === "CNY") return money(value, "¥", "元", locale);
  if (u === "USD") return money(value, "$", "美元", locale);
  if (u === "percent") return `${trim(value)}%`;
  if (u === "count") return locale === "zh" ? `${trim(value)}${ZH_UNITS.count}` : trim(value);
  const label = locale === "zh" ? (ZH_UNITS[u] ?? u) : u;
  return `${trim(value)}${label ? (locale === "zh" && ZH_UNITS[u] ? "" : " ") + label : ""}`;
}

export function formatDeadline(year: unknown, locale: Locale): string {
  if (typeof year !== "number") return "—";
  return locale === "zh" ? `${year}年` : String(year);
}

/** "≥ ¥350bn by 2025" / "≥ 3500亿元（2025年）" */
export function formatTarget(target: Record<string, unknown>, locale: Locale): string {
  const range =
    typeof target.valueMax === "number"
      ? `${formatAmount(target.value, target.unit, locale)}–${formatAmount(target.valueMax, target.unit, locale)}`
      : formatAmount(target.value, target.unit, locale);
  const head = `${comparatorSymbol(target.comparator)} ${range}`.trim();
  if (typeof target.year !== "number") return head;
  return locale === "zh" ? `${head}（${target.year}年）` : `${head} by ${target.year}`;
}

function formatRule(rule: Record<string, unknown>, locale: Locale): string {
  const parts: string[] = [];
  if (typeof rule.amount === "number") {
    parts.push(
      `${comparatorSymbol(rule.comparator)} ${formatAmount(rule.amount, rule.currency ?? "CNY", locale)}`.trim(),
    );
  }
  if (typeof rule.percent === "number") parts.push(`${trim(rule.percent)}%`);
  if (parts.length === 0 && typeof rule.metric === "string") parts.push(rule.metric);
  return parts.join(", ");
}

/** One side of a change (a target, a rule or document metadata) as a short line of text. */
export function formatChangeSide(side: Record<string, unknown> | null | undefined, locale: Locale): string {
  if (!side) return "—";
  if ("value" in side && "unit" in side) return formatTarget(side, locale);
  if ("amount" in side || "percent" in side) return formatRule(side, locale);
  return Object.entries(side)
    .filter(([, v]) => v !== null && v !== undefined && typeof v !== "object")
    .slice(0, 6)
    .map(([k, v]) => `${k}: ${String(v)}`)
    .join("; ");
}

// Building an Intl.DateTimeFormat costs far more than formatting with one; a page formats dozens.
const dateTimeFormats = new Map<string, Intl.DateTimeFormat>();

function dateTimeFormat(locale: Locale, timeZone: string): Intl.DateTimeFormat {
  const key = `${locale}|${timeZone}`;
  let format = dateTimeFormats.get(key);
  if (!format) {
    format = new Intl.DateTimeFormat(locale === "zh" ? "zh-CN" : "en-GB", {
      dateStyle: "medium",
      timeStyle: "short",
      timeZone,
    });
    dateTimeFormats.set(key, format);
  }
  return format;
}

export function formatDateTime(
  value: Date | string | null | undefined,
  locale: Locale,
  timeZone: string,
): string {
  if (!value) return "—";
  const date = value instanceof Date ? value : new Date(value);
  if (Number.isNaN(date.getTime())) return "—";
  return dateTimeFormat(locale, timeZone).format(date);
}
