import type { Comparator } from "../types.ts";

type Cue = [cue: string, comparator: Comparator];

function byLength(cues: Cue[]): Cue[] {
  return [...cues].sort((a, b) => b[0].length - a[0].length);
}

/** Words just before a number. Longest first so 不超过 wins over 超过 and 超. */
const ZH_BEFORE: Cue[] = byLength([
  ["不少于", ">="],
  ["不少於", ">="],
  ["不低于", ">="],
  ["不低於", ">="],
  ["不小于", ">="],
  ["不小於", ">="],
  ["至少", ">="],
  ["达到", ">="],
  ["達到", ">="],
  ["达", ">="],
  ["達", ">="],
  ["力争", ">="],
  ["力爭", ">="],
  ["争取", ">="],
  ["爭取", ">="],
  ["实现", ">="],
  ["實現", ">="],
  ["提高到", ">="],
  ["提高至", ">="],
  ["提升到", ">="],
  ["提升至", ">="],
  ["增加到", ">="],
  ["增加至", ">="],
  ["增长到", ">="],
  ["增长至", ">="],
  ["扩大到", ">="],
  ["扩大至", ">="],
  ["增至", ">="],
  ["升至", ">="],
  ["提至", ">="],
  ["扩至", ">="],
  ["增長到", ">="],
  ["增長至", ">="],
  ["超过", ">"],
  ["超過", ">"],
  ["突破", ">"],
  ["大于", ">"],
  ["大於", ">"],
  ["高于", ">"],
  ["高於", ">"],
  ["多于", ">"],
  ["多於", ">"],
  ["逾", ">"],
  ["超", ">"],
  ["不超过", "<="],
  ["不超過", "<="],
  ["不超", "<="],
  ["不高于", "<="],
  ["不高於", "<="],
  ["不大于", "<="],
  ["不大於", "<="],
  ["最高可达", "<="],
  ["最高可達", "<="],
  ["最高达", "<="],
  ["最高達", "<="],
  ["最多可达", "<="],
  ["最高", "<="],
  ["最多", "<="],
  ["至多", "<="],
  ["上限为", "<="],
  ["上限為", "<="],
  ["上限", "<="],
  ["封顶", "<="],
  ["封頂", "<="],
  ["控制在", "<="],
  ["降低到", "<="],
  ["降低至", "<="],
  ["下降到", "<="],
  ["下降至", "<="],
  ["降至", "<="],
  ["减至", "<="],
  ["減至", "<="],
  ["降到", "<="],
  ["压减至", "<="],
  ["压缩至", "<="],
  ["低于", "<"],
  ["低於", "<"],
  ["少于", "<"],
  ["少於", "<"],
  ["小于", "<"],
  ["小於", "<"],
  ["不足", "<"],
  ["不到", "<"],
  ["接近", "<"],
  ["近", "<"],
  ["约", "="],
  ["約", "="],
  ["大约", "="],
]);

const EN_BEFORE: Cue[] = byLength([
  ["more than", ">"],
  ["over", ">"],
  ["exceed", ">"],
  ["exceeds", ">"],
  ["exceeded", ">"],
  ["exceeding", ">"],
  ["surpass", ">"],
  ["surpasses", ">"],
  ["surpassing", ">"],
  ["top", ">"],
  ["tops", ">"],
  ["topping", ">"],
  ["above", ">"],
  ["past", ">"],
  ["beyond", ">"],
  ["greater than", ">"],
  ["higher than", ">"],
  ["in excess of", ">"],
  ["upwards of", ">"],
  ["break through", ">"],
  ["at least", ">="],
  ["no less than", ">="],
  ["not less than", ">="],
  ["no fewer than", ">="],
  ["not fewer than", ">="],
  ["reach", ">="],
  ["reaches", ">="],
  ["reaching", ">="],
  ["rise to", ">="],
  ["increase to", ">="],
  ["grow to", ">="],
  ["up to", "<="],
  ["no more than", "<="],
  ["not more than", "<="],
  ["not exceeding", "<="],
  ["not to exceed", "<="],
  ["not exceed", "<="],
  ["capped at", "<="],
  ["a cap of", "<="],
  ["a maximum of", "<="],
  ["maximum of", "<="],
  ["at most", "<="],
  ["no higher than", "<="],
  ["less than", "<"],
  ["fewer than", "<"],
  ["under", "<"],
  ["below", "<"],
  ["nearly", "<"],
  ["almost", "<"],
  ["close to", "<"],
  ["about", "="],
  ["around", "="],
  ["approximately", "="],
  ["roughly", "="],
]);

const ZH_AFTER: Cue[] = byLength([
  ["以上", ">="],
  ["及以上", ">="],
  ["或以上", ">="],
  ["以内", "<="],
  ["以內", "<="],
  ["之内", "<="],
  ["之內", "<="],
  ["以下", "<="],
  ["及以下", "<="],
  ["封顶", "<="],
  ["封頂", "<="],
  ["为上限", "<="],
  ["為上限", "<="],
  ["左右", "="],
]);

const EN_AFTER: Cue[] = byLength([
  ["or more", ">="],
  ["and above", ">="],
  ["or above", ">="],
  ["and over", ">="],
  ["or less", "<="],
  ["and below", "<="],
  ["at most", "<="],
]);

export interface ComparatorCue {
  comparator: Comparator;
  cue: string;
  /** Offset of the cue's first character. */
  start: number;
}

const WINDOW = 24;

// Cues indexed by their last (for "before") or first (for "after") character, longest first, so a
// lookup costs a handful of comparisons instead of a pass over every cue.
function indexBy(cues: Cue[], at: "first" | "last"): Map<string, Cue[]> {
  const map = new Map<string, Cue[]>();
  for (const cue of cues) {
    const ch = at === "first" ? cue[0][0]! : cue[0][cue[0].length - 1]!;
    const list = map.get(ch) ?? [];
    list.push(cue);
    map.set(ch, list);
  }
  return map;
}

const ZH_BEFORE_BY_LAST = indexBy(ZH_BEFORE, "last");
const EN_BEFORE_BY_LAST = indexBy(EN_BEFORE, "last");
const ZH_AFTER_BY_FIRST = indexBy(ZH_AFTER, "first");
const EN_AFTER_BY_FIRST = indexBy(EN_AFTER, "first");

function zhCueEndingAt(text: string, end: number, minLength: number): Cue | null {
  const list = ZH_BEFORE_BY_LAST.get(text[end - 1] ?? "");
  if (!list) return null;
  for (const cue of list) {
    if (
      cue[0].length >= minLength &&
      (minLength < 2 || cue[1] !== "=") &&
      text.startsWith(cue[0], end - cue[0].length)
    ) {
      return cue;
    }
  }
  return null;
}

/** The comparator cue that ends right before `start` (spaces skipped), if any. */
export function comparatorBefore(text: string, start: number): ComparatorCue | null {
  let end = start;
  while (end > 0 && start - end < WINDOW && text[end - 1] === " ") end--;
  const zh = zhCueEndingAt(text, end, 1);
  if (zh) return { comparator: zh[1], cue: zh[0], start: end - zh[0].length };
  const last = (text[end - 1] ?? "").toLowerCase();
  const en = EN_BEFORE_BY_LAST.get(last);
  if (en) {
    const lower = text.slice(Math.max(0, end - WINDOW), end).toLowerCase();
    for (const [cue, comparator] of en) {
      if (lower.endsWith(cue) && !/[a-z]/.test(lower[lower.length - cue.length - 1] ?? "")) {
        return { comparator, cue, start: end - cue.length };
      }
    }
  }
  // 不超过项目投资30%, 最高不超过项目总投资的30%: a short noun phrase between cue and number.
  for (let gap = 1; gap <= MAX_GAP && end - gap > 0; gap++) {
    const c = text.charCodeAt(end - gap);
    if (c < 0x4e00 || c > 0x9fff) break;
    const cue = zhCueEndingAt(text, end - gap, 2);
    if (cue) return { comparator: cue[1], cue: cue[0], start: end - gap - cue[0].length };
  }
  return null;
}

/** The comparator cue that starts right after `end` (spaces skipped), if any. */
export function comparatorAfter(text: string, end: number): ComparatorCue | null {
  let p = end;
  while (p < text.length && p - end < WINDOW && text[p] === " ") p++;
  const zh = ZH_AFTER_BY_FIRST.get(text[p] ?? "");
  if (zh) {
    for (const [cue, comparator] of zh) if (text.startsWith(cue, p)) return { comparator, cue, start: p };
  }
  const en = EN_AFTER_BY_FIRST.get((text[p] ?? "").toLowerCase());
  if (en) {
    const lower = text.slice(p, p + WINDOW).toLowerCase();
    for (const [cue, comparator] of en) {
      if (lower.startsWith(cue) && !/[a-z]/.test(lower[cue.length] ?? ""))
        return { comparator, cue, start: p };
    }
  }
  return null;
}

const MAX_GAP = 6;
