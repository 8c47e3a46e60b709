import type { Comparator } from "../types.ts";

export type QuantityKind = "money" | "count" | "percent" | "physical" | "per-unit" | "plain";

/** A number with its unit and comparator, found in one sentence. Offsets index the sentence as given. */
export interface Quantity {
  start: number;
  end: number;
  raw: string;
  /** Lower bound for ranges; normalized to the base of `unit` (yuan, MW, tonnes, sqm, ...). */
  value: number;
  valueMax: number | null;
  /** CNY, USD, count, percent, MW, MWh, tonnes, m3, sqm, km, ug/m3, CNY/person, count/10k-person, number... */
  unit: string;
  kind: QuantityKind;
  comparator: Comparator;
  /** 百亿级 / 千亿级 / 万亿级: an order of magnitude, not an exact figure. */
  approximate: boolean;
  currency?: string;
  /** The measure word or counted noun: 家, 个, 辆, firms... */
  counter?: string;
  /** 千亿级 in 2个千亿级集群, 超千亿元 in 2家营收超千亿元的企业: sizes something counted, not a figure itself. */
  magnitudeQualifier?: boolean;
}

export type YearKind = "deadline" | "period" | "date" | "other";

export interface YearMention {
  /** The deadline year; for a period (2022—2025年) the last year. */
  year: number;
  start: number;
  end: number;
  kind: YearKind;
  /** First year of a period. */
  fromYear?: number;
}

/** A bare number as scanned, before units and comparators are attached. */
export interface NumberToken {
  start: number;
  end: number;
  value: number;
  valueMax: number | null;
  script: "arabic" | "chinese" | "english";
  /** Digits before the decimal point in an Arabic literal (year and phone heuristics). */
  integerDigits: number;
  separators: boolean;
  decimal: boolean;
  /** Product of 万/亿/billion... applied to the literal; 1 when none. */
  magnitude: number;
  /** 百亿级: followed by 级. */
  level: boolean;
  /** "50+" */
  plus: boolean;
  /** 余 / 多 after the number: "100余家", "3000多亿元". */
  more: boolean;
  /** A lone 一 (or English "one") reading as the article "a". */
  article: boolean;
  /** Set for 百分之三十 where the scanner already knows the unit. */
  percentPrefix: boolean;
}
