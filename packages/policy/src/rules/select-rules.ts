import { isParenthesized, ruleKindOf } from "../figures/figure-context.ts";
import type { Figure } from "../figures/find-figures.ts";
import { ruleSlug } from "../keys/metric-key.ts";
import type { AnalyzedSentence } from "../text/analyze-sentences.ts";
import type { Rule, RuleKind } from "../types.ts";

const METRIC: Record<RuleKind, string> = {
  fund: "industry fund",
  subsidy: "subsidy",
  reward: "reward",
  loan: "loan interest subsidy",
  other: "support measure",
};

/**
 * Stage 5b: promotion measures with a number. In each sentence every money figure of a measure is
 * one rule (its cap, or a fund's size); a rate (N%) joins the nearest money figure without one.
 */
export function selectRules(
  sentences: readonly AnalyzedSentence[],
  trackAt: (sentence: AnalyzedSentence, position: number) => string | null,
): Rule[] {
  const rules: Rule[] = [];
  const seen = new Set<string>();
  for (const s of sentences) {
    const picked: Array<{ figure: Figure; kind: RuleKind }> = [];
    for (const f of s.figures) {
      if (isParenthesized(s.text, f.start, f.end)) continue;
      const kind = ruleKindOf(s.text, f);
      if (kind) picked.push({ figure: f, kind });
    }
    if (!picked.length) continue;
    const money = picked.filter((p) => p.figure.kind === "money");
    const rates = picked.filter((p) => p.figure.kind === "percent");
    const rateOf = new Map<Figure, Figure>();
    for (const rate of rates) {
      let best: { figure: Figure } | null = null;
      for (const m of money) {
        if (rateOf.has(m.figure)) continue;
        if (
          !best ||
          Math.abs(m.figure.start - rate.figure.start) < Math.abs(best.figure.start - rate.figure.start)
        )
          best = m;
      }
      if (best) rateOf.set(best.figure, rate.figure);
      else money.push({ figure: rate.figure, kind: rate.kind });
    }
    for (const { figure, kind } of money) {
      const isRate = figure.kind === "percent";
      const rate = isRate ? figure : rateOf.get(figure);
      const track = trackAt(s, s.sentence.start + figure.start);
      if (!track) continue;
      const amount = isRate ? null : figure.value;
      const percent = rate ? rate.value : null;
      const identity = `${track}|${kind}|${amount}|${percent}`;
      if (seen.has(identity)) continue;
      seen.add(identity);
      rules.push({
        key: `${track}/${ruleSlug(kind, s.text)}`,
        track,
        kind,
        metric: METRIC[kind],
        amount,
        percent,
        comparator: isRate ? null : figure.approximate ? ">=" : figure.comparator,
        currency: isRate ? null : figure.unit,
        text: s.text,
        span: [s.sentence.start, s.sentence.end],
      });
    }
  }
  return rules;
}
