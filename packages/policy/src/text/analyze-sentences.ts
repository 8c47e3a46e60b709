import { findFigures } from "../figures/adapt-quantities.ts";
import type { Figure } from "../figures/find-figures.ts";
import { findYears } from "../numbers/index.ts";
import type { Paragraph, Segments, Sentence } from "./segment-text.ts";

export interface AnalyzedSentence {
  sentence: Sentence;
  text: string;
  /** Offsets index `text` (the sentence). */
  figures: Figure[];
  /** The deadline each figure falls under, by figure index (null: none stated). */
  years: Array<number | null>;
  /** A bare past year leads the sentence ("2021年，…"): its figures are baselines. */
  pastYearLead: boolean;
  /** Has a deadline year of its own. */
  hasDeadline: boolean;
}

/** "届时" / "By then" / "Over the same period": the sentence inherits the previous deadline. */
export const CARRY_OVER =
  /^(?:[（(]?[一二三四五六七八九十\d]+[)）、.]\s*)?(?:届时|届時|同期|到那时|彼时)|\b(?:by then|by that time|over the same period|in the same period|by the same year)\b/i;
// Only a clause number may precede a sentence's leading year: "（一）2023年，…".
const LEAD_PREFIX = /^\s*(?:[（(][一二三四五六七八九十\d]+[)）]|[一二三四五六七八九十\d]+[、.．])?\s*$/;
const FIVE_YEAR_PLAN = /[“"]?十([三四五六七])五[”"]?(?:期间|末|时期|期末)/;
const FIVE_YEAR_PLAN_END: Record<string, number> = { 三: 2020, 四: 2025, 五: 2030, 六: 2035, 七: 2040 };
const GOAL_HEADING = /目标|goals?|targets?/i;
const HEADING_COLON = /[：:]$/;

const BASELINE_HEADING = /发展基础|基础条件|现状|回顾|进展|成效|成就|\bbackground\b|\bachievements\b/i;

/** Is this paragraph under a heading that describes the starting point (一、发展基础)? */
export function underBaselineHeading(text: string, segments: Segments, paragraph: Paragraph): boolean {
  const h = paragraph.headings[paragraph.headings.length - 1];
  if (h === undefined) return false;
  const p = segments.paragraphs[h]!;
  return BASELINE_HEADING.test(text.slice(p.start, p.end));
}

/** Is this paragraph under a heading that names goals (二、发展目标)? */
export function underGoalHeading(text: string, segments: Segments, paragraph: Paragraph): boolean {
  return paragraph.headings.some((h) => {
    const p = segments.paragraphs[h]!;
    return GOAL_HEADING.test(text.slice(p.start, p.end));
  });
}

/**
 * Finds every figure with the deadline that governs it: a deadline in its own sentence (the
 * nearest one before it, else the first after), else one stated earlier in its paragraph, else one
 * carried over by 届时 / "By then", else one of an introducing line ending in a colon for the list
 * items that follow, else one in a governing heading.
 */
export function analyzeSentences(
  text: string,
  segments: Segments,
  publishedYear: number | null,
): AnalyzedSentence[] {
  const out: AnalyzedSentence[] = [];
  let lastYear: number | null = null;
  let paragraphYear: number | null = null;
  let listYear: number | null = null;
  let currentParagraph = -1;
  const headingYears = new Map<number, number>();
  let earliestDeadline: number | null = null;
  for (const s of segments.sentences) {
    for (const y of findYears(text.slice(s.start, s.end))) {
      if (y.kind === "deadline" && (earliestDeadline === null || y.year < earliestDeadline))
        earliestDeadline = y.year;
    }
  }

  for (const sentence of segments.sentences) {
    const paragraph = segments.paragraphs[sentence.paragraph]!;
    const sentenceText = text.slice(sentence.start, sentence.end);
    const years = findYears(sentenceText);
    const deadlines = years.filter(
      (y) => y.kind === "deadline" || (y.kind === "period" && sentenceText.slice(0, y.start).trim() === ""),
    );

    if (sentence.paragraph !== currentParagraph) {
      const previous = currentParagraph >= 0 ? segments.paragraphs[currentParagraph]! : null;
      if (
        previous &&
        !previous.heading &&
        HEADING_COLON.test(text.slice(previous.start, previous.end)) &&
        paragraphYear
      ) {
        listYear = paragraphYear;
      } else if (paragraph.heading || paragraph.level === null) {
        listYear = null;
      }
      currentParagraph = sentence.paragraph;
      let headingYear: number | null = null;
      for (const h of paragraph.headings) headingYear = headingYears.get(h) ?? headingYear;
      paragraphYear = listYear ?? headingYear;
      if (paragraph.heading && deadlines.length) headingYears.set(sentence.paragraph, deadlines[0]!.year);
    }
    if (CARRY_OVER.test(sentenceText) && lastYear !== null) paragraphYear = lastYear;

    // A bare year leading the sentence ("2021年，…"): past when not after the publication year
    // (or, undated, not after the earliest deadline the document states).
    const leadingYear = years.find(
      (y) => y.kind === "other" && LEAD_PREFIX.test(sentenceText.slice(0, y.start)),
    );
    const reference = publishedYear ?? earliestDeadline;
    const futureLead = leadingYear !== undefined && reference !== null && leadingYear.year > reference;
    if (futureLead && !deadlines.length) deadlines.push({ ...leadingYear, kind: "deadline" });
    // A past lead carries over the following ；-joined clauses of the same sentence.
    const previous = out[out.length - 1];
    const carriedPast =
      previous !== undefined &&
      previous.sentence.paragraph === sentence.paragraph &&
      previous.pastYearLead &&
      /[；;]$/.test(previous.text);
    const pastYearLead =
      (leadingYear !== undefined && !futureLead && !deadlines.length) || (carriedPast && !deadlines.length);
    // "十四五"期间 / 末: the plan period's last year, for this sentence only.
    const planPeriod = deadlines.length ? null : FIVE_YEAR_PLAN.exec(sentenceText);
    const periodYear = planPeriod ? (FIVE_YEAR_PLAN_END[planPeriod[1]!] ?? null) : null;

    const figures = findFigures(sentenceText);
    const figureYears = figures.map((f) => {
      let year: number | null = null;
      for (const d of deadlines) if (d.end <= f.start) year = d.year;
      if (year === null) year = deadlines.find((d) => d.start >= f.end)?.year ?? null;
      return year ?? paragraphYear ?? periodYear;
    });
    if (deadlines.length) {
      const last = deadlines[deadlines.length - 1]!.year;
      paragraphYear = last;
      lastYear = last;
    }
    out.push({
      sentence,
      text: sentenceText,
      figures,
      years: figureYears,
      pastYearLead,
      hasDeadline: deadlines.length > 0,
    });
  }
  return out;
}
