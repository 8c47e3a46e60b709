import {
  hasEventWording,
  hasGoalWording,
  isForecast,
  isParenthesized,
  isPastFigure,
  isSizeQualifier,
  isStructuralCount,
  ruleKindOf,
} from "../figures/figure-context.ts";
import { metricPhrase } from "../figures/metric-phrase.ts";
import { metricSlug } from "../keys/metric-key.ts";
import type { AnalyzedSentence } from "../text/analyze-sentences.ts";
import type { Target } from "../types.ts";

const TARGET_KINDS = new Set(["money", "count", "percent", "physical", "per-unit"]);

export interface TargetSelectionContext {
  /** Track of a figure at an absolute offset in the sentence's text. */
  trackAt(sentence: AnalyzedSentence, position: number): string | null;
  /** The sentence sits under a heading that names goals. */
  underGoalHeading(sentence: AnalyzedSentence): boolean;
  /** The sentence sits under a heading that describes the starting point (发展基础). */
  underBaselineHeading(sentence: AnalyzedSentence): boolean;
}

/**
 * Stage 5a: the figures that are goals. Not targets: rule figures, baselines and past results,
 * event figures, conversions in parentheses, sizes of counted things, the plan's own structure.
 */
export function selectTargets(sentences: readonly AnalyzedSentence[], ctx: TargetSelectionContext): Target[] {
  const targets: Target[] = [];
  const seen = new Set<string>();
  for (const s of sentences) {
    if (!s.figures.length) continue;
    const goalContext = hasGoalWording(s.text) || ctx.underGoalHeading(s);
    const event = hasEventWording(s.text) && !s.hasDeadline;
    if (event || s.pastYearLead || isForecast(s.text)) continue;
    if (!s.hasDeadline && ctx.underBaselineHeading(s)) continue;
    s.figures.forEach((f, i) => {
      if (!TARGET_KINDS.has(f.kind)) return;
      if (ruleKindOf(s.text, f)) return;
      if (isParenthesized(s.text, f.start, f.end)) return;
      if (isSizeQualifier(s.text, f, s.figures)) return;
      if (isStructuralCount(s.text, f)) return;
      if (isPastFigure(s.text, f.start, f.end)) return;
      const year = s.years[i] ?? null;
      if (year === null && !goalContext) return;
      const track = ctx.trackAt(s, s.sentence.start + f.start);
      if (!track) return;
      const metric = metricPhrase(s.text, f);
      const key = `${track}/${metricSlug(metric)}`;
      // The same goal repeated in a headline, a summary box or a table counts once.
      const identity = `${key}|${f.value}|${f.unit}|${year}`;
      if (seen.has(identity)) return;
      seen.add(identity);
      targets.push({
        key,
        track,
        metric,
        comparator: f.comparator,
        value: f.value,
        valueMax: f.valueMax,
        unit: f.unit,
        year,
        text: s.text,
        span: [s.sentence.start, s.sentence.end],
      });
    });
  }
  return targets;
}
