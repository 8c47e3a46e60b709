/**
 * The shapes extraction produces and the diff compares. Every other package reads these; the
 * output of `trackwatch extract` is this object serialized (the corpus SCHEMA.md shape plus
 * `key`, `metric`, `text` and `span` on each target and rule).
 */

export const NEW_TRACKS = ["metaverse", "green-low-carbon", "smart-terminals", "digital-economy"] as const;

/** `>=` for 达到/不少于/以上/"+"/百亿级, `>` for 超过/突破/exceed, `<=` for 不超过/控制在/最高, `=` bare. */
export type Comparator = ">=" | ">" | "<=" | "<" | "=";

export type PageType = "detail" | "news" | "list" | "text";

export interface DocumentMeta {
  title: string | null;
  issuer: string | null;
  /** 发文字号, e.g. 沪府办发〔2022〕11号 */
  docNumber: string | null;
  /** 发布日期, YYYY-MM-DD */
  publishedAt: string | null;
  /** 成文日期, YYYY-MM-DD */
  writtenAt?: string | null;
  /** 更新日期 of a revision, YYYY-MM-DD */
  revisedAt?: string | null;
  /** 索引号 */
  indexNumber?: string | null;
  language: "zh" | "en" | null;
  pageType: PageType;
}

/** Where a target or rule came from: the sentence and its [start, end) offsets in `Extraction.text`. */
export interface Provenance {
  text: string;
  span: [number, number];
  /** Null for the page's own text; the attachment URL when the sentence is in an attachment's text. */
  attachment?: string | null;
}

export interface Target extends Provenance {
  /** Stable identity across versions: track + normalized metric, e.g. `metaverse/industry-scale`. */
  key: string;
  track: string;
  metric: string;
  comparator: Comparator;
  value: number;
  valueMax?: number | null;
  /** CNY, USD, count, percent, MW, MWh, tonnes, m3, sqm, km, ug/m3, CNY/person, count/10k-person, ... */
  unit: string;
  year: number | null;
}

export type RuleKind = "fund" | "subsidy" | "reward" | "loan" | "other";

export interface Rule extends Provenance {
  key: string;
  track: string;
  kind: RuleKind;
  metric: string;
  /** Money in whole units (a subsidy's cap), or null. */
  amount: number | null;
  /** A rate, the number before %, or null. */
  percent: number | null;
  comparator?: Comparator | null;
  currency?: string | null;
}

export interface ListLink {
  url: string;
  title: string;
  date: string | null;
  /** The href as written on the page (url is resolved against the base URL when one is given). */
  href?: string;
}

/** A list page's pager: numbered links, or a script-driven pager with no hrefs. */
export interface ListPagination {
  kind: "links" | "script" | "none";
  current: number | null;
  total: number | null;
  nextHref: string | null;
  lastHref?: string | null;
  pageHrefs?: string[];
  /** CSS selector of a script-driven "next" control. */
  selectorNext?: string | null;
}

export interface Extraction {
  extractorVersion: string;
  document: DocumentMeta;
  tracks: string[];
  targets: Target[];
  rules: Rule[];
  /** The extracted main text that every `span` indexes into. */
  text: string;
  /** Announcement links, for list pages. */
  links?: ListLink[];
  /** The pager of a list page. */
  pagination?: ListPagination;
  /** Odd markup, missing body, text-less attachment...: extraction returns what it could and says why. */
  warnings: string[];
}

export type ChangeKind =
  | "document-added"
  | "document-removed"
  | "document-metadata-changed"
  | "target-added"
  | "target-removed"
  | "target-changed"
  | "rule-added"
  | "rule-removed"
  | "rule-changed";

/** One difference between two extractions of the same document. */
export interface ChangeEvent {
  kind: ChangeKind;
  track: string | null;
  key: string | null;
  metric: string | null;
  /** The target, rule or metadata before (null when added). */
  before: Record<string, unknown> | null;
  /** The target, rule or metadata after (null when removed). */
  after: Record<string, unknown> | null;
  /** Which fields differ, for `*-changed` kinds (value, comparator, unit, year, amount, percent, title...). */
  fields: string[];
  /** The sentence of the newer version (or the older one for removals). */
  sentence: string | null;
}
