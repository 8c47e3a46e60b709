import type { RuleKind } from "../types.ts";
import type { Figure } from "./find-figures.ts";

// Words that put a figure in the past or the present: a baseline, not a goal.
const PAST =
  /已经|已(?!于)|截至.{0,12}累计|现有|目前|截至|截止|去年|上年|同比|此前|过去|曾|\b(?:(?:has|have|had)\s+(?:been|reached|built|become|attracted|achieved|released|set up|established|grown|completed|exceeded|surpassed|topped)|was|were|already|currently|so far|last year|existing)\b/gi;
// Words that put what follows back into the future.
const FUTURE =
  /到\s*\d{4}|至\s*\d{4}|\d{4}\s*年(?:底|末)?前|将|力争|争取|计划|目标|确保|拟|届时|增至|提升至|提高到|\b(?:will|shall|should|aims?|target|plans? to|expects?|wants?|is to|are to|goals?|by \d{4}|by then)\b/gi;
// Goal wording: a sentence with none of these and no deadline states a fact, not a target.
const GOAL =
  /力争|争取|确保|计划|目标|将|拟|培育|打造|建成|建设|推出|形成|开放|引进|新增|增至|提升至|提高到|达到|突破|超过|不少于|不低于|以上|实现|培养|集聚|创建|\b(?:will|aims?|target|plans?|expects?|wants?|should|is to|are to|goals?|nurture|build|launch|cultivate|create|reach|exceed|top|more than|at least)\b/i;
// Event figures: projects signed or started at a conference, their total investment.
const EVENT = /签约|开工|总投资|涉及投资|意向投资|成交|揭牌|\b(?:signed|groundbreaking|total investment)\b/i;
// Forecasts by third parties: somebody else's expectation, not a goal the document sets.
const FORECAST =
  /据.{0,24}(?:预测|预计|估计|测算|统计)|(?:机构|研究|咨询|分析师)[^。；]{0,12}(?:预测|预计|估计)|\b(?:forecasts?|analysts?|research firms?|consultancy|projections? by)\b|according to (?:a|the) (?:report|forecast|study|survey)/i;

export function isForecast(text: string): boolean {
  return FORECAST.test(text);
}

// Counted things that describe the plan's own structure (4个重点方向, 三个领域, three action plans).
const STRUCTURAL =
  /^[“"'‘]?(?:重点|主要|关键|先导|核心|新兴?|大|项)?[“"'‘]?(?:方向|领域|任务|环节|方面|措施|行动|板块|新?赛道|(?:先导|重点|支柱|主导)?产业(?![集园基链])|工程|原则|阶段|部分|章|条|批|版|方案|步|举措|体系|机制|中心任务|专项|政策)|^\s*(?:["'“‘]?new[- ]track["'”’]?\s+)?(?:action plans?|plans?|sectors?|tracks?|areas?|fields?|directions?|tasks?|measures?|priorities|pillars?|industries)\b/i;
const AROUND_MONEY_QUALIFIER =
  /(?:营收|营业收入|产值|收入|销售额|市值|worth|valued at|revenues? of)\s*(?:超过?|逾|达到?|more than|over|above|at least)?\s*$/i;

export const RULE_MARKERS: Array<[RuleKind, RegExp]> = [
  ["fund", /基金|专项资金|引导资金|\bfunds?\b/i],
  ["loan", /贴息|贷款|\bloans?\b|interest subsid/i],
  ["reward", /奖励|奖补|\brewards?\b|\bawards?\b|\bbonus(?:es)?\b/i],
  ["subsidy", /支持|补贴|补助|资助|扶持|给予|\bsubsid|\bsupport\b|\bgrants?\b/i],
];

function lastMatch(re: RegExp, text: string): number {
  re.lastIndex = 0;
  let last = -1;
  for (const m of text.matchAll(re)) last = m.index! + m[0].length;
  return last;
}

// "up from 9.8% last year", "由2020年的1.2万家", "比上年": the figure is the baseline of a change.
const BASELINE_BEFORE =
  /(?:\b(?:up|down|rising|falling|increased?|decreased?|grown|growing)\s+from|\bcompared\s+(?:with|to)|\bfrom)\s*$|(?:由|从)(?:\d{4}年(?:底|末)?的?)?\s*$/i;
const BASELINE_AFTER = /^\s*(?:last year|a year (?:earlier|ago)|in (?:19|20)\d{2}\b)/i;

/** A past or present figure: a past marker before it in its sentence with no future wording in between. */
export function isPastFigure(sentence: string, position: number, end = position): boolean {
  const before = sentence.slice(0, position);
  if (BASELINE_BEFORE.test(before.slice(-24)) || BASELINE_AFTER.test(sentence.slice(end, end + 24)))
    return true;
  const past = lastMatch(PAST, before);
  if (past < 0) return false;
  return lastMatch(FUTURE, before) < past;
}

export function hasGoalWording(text: string): boolean {
  return GOAL.test(text);
}

export function hasEventWording(text: string): boolean {
  return EVENT.test(text);
}

/** The comma clause around a position. */
export function clauseAround(sentence: string, start: number, end: number): [number, number] {
  let a = start;
  while (a > 0 && !/[，,；;：:。]/.test(sentence[a - 1]!)) a--;
  let b = end;
  while (b < sentence.length && !/[，,；;。]/.test(sentence[b]!)) b++;
  return [a, b];
}

/** Inside (…) or （…）: currency conversions and asides, never a figure of the document. */
export function isParenthesized(sentence: string, start: number, end: number): boolean {
  const open = Math.max(sentence.lastIndexOf("(", start), sentence.lastIndexOf("（", start));
  if (open < 0) return false;
  const closeBefore = Math.max(sentence.lastIndexOf(")", start), sentence.lastIndexOf("）", start));
  if (closeBefore > open) return false;
  const close = sentence.slice(end).search(/[)）]/);
  return close >= 0 && close < 40;
}

export function isStructuralCount(sentence: string, figure: Figure): boolean {
  if (figure.kind !== "count") return false;
  if (figure.counter && figure.counter.length > 1 && STRUCTURAL.test(figure.counter)) return true;
  return STRUCTURAL.test(sentence.slice(figure.end, figure.end + 14));
}

/**
 * A money figure that sizes something counted: "2家营收超千亿元的企业", "two clusters worth more
 * than 100 billion yuan each". The count is the target; the size goes into its metric.
 */
export function isSizeQualifier(sentence: string, figure: Figure, figures: readonly Figure[]): boolean {
  if (figure.kind !== "money") return false;
  if (figure.magnitudeQualifier || figure.approximate) return true;
  const after = sentence.slice(figure.end, figure.end + 8);
  const countBefore = figures.some(
    (f) => f.kind === "count" && f.end <= figure.start && figure.start - f.end <= 40,
  );
  if (/^\s*(?:each|apiece)\b/i.test(after)) return true;
  if (countBefore && /^(?:以上)?的/.test(after) && figure.start - lastCountEnd(figures, figure) <= 12)
    return true;
  // 营收超十亿元企业20家: a revenue size next to a count in the same clause.
  const [a, b] = clauseAround(sentence, figure.start, figure.end);
  const countInClause = figures.some((f) => f.kind === "count" && f.start >= a && f.end <= b);
  const sized = AROUND_MONEY_QUALIFIER.test(sentence.slice(Math.max(0, figure.start - 24), figure.start));
  return (countBefore || countInClause) && sized;
}

function lastCountEnd(figures: readonly Figure[], figure: Figure): number {
  let end = -1e9;
  for (const f of figures) if (f.kind === "count" && f.end <= figure.start) end = Math.max(end, f.end);
  return end;
}

/** The kind of promotion measure a money/percent figure belongs to, or null when none is worded. */
export function ruleKindOf(sentence: string, figure: Figure): RuleKind | null {
  if (figure.kind !== "money" && figure.kind !== "percent") return null;
  const [a, b] = clauseAround(sentence, figure.start, figure.end);
  const clause = sentence.slice(a, b);
  for (const [kind, re] of RULE_MARKERS) if (re.test(clause)) return kind;
  // A cap (最高, 封顶, 上限) or a rate of the investment worded elsewhere in the sentence.
  const cap = figure.kind === "money" && figure.comparator === "<=";
  const rate = figure.kind === "percent" && /投资|比例|费用|成本|贷款|investment|cost/i.test(sentence);
  if (!cap && !rate) return null;
  for (const [kind, re] of RULE_MARKERS) if (re.test(sentence)) return kind;
  return null;
}
