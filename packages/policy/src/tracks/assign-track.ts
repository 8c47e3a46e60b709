import type { Paragraph, Sentence } from "../text/segment-text.ts";
import type { TrackMention } from "./find-track-mentions.ts";

export const AGGREGATE_TRACK = "new-tracks";

// Words that sum a figure over the tracks named around it.
const AGGREGATE = /合计|总计|共计|加总|总和|together(?!\s+with)|combined|in total|in aggregate/i;

export interface TrackContext {
  mentions: readonly TrackMention[];
  paragraphs: readonly Paragraph[];
  /** The document's own track when nothing closer names one (its title's track, else the most named). */
  documentTrack: string | null;
  newTracks: ReadonlySet<string>;
}

function mentionsIn(mentions: readonly TrackMention[], start: number, end: number): TrackMention[] {
  // mentions are sorted by start; a linear filter is fine for sentence-sized ranges
  let lo = 0;
  let hi = mentions.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (mentions[mid]!.start < start) lo = mid + 1;
    else hi = mid;
  }
  const out: TrackMention[] = [];
  for (let i = lo; i < mentions.length && mentions[i]!.start < end; i++) {
    if (mentions[i]!.end <= end) out.push(mentions[i]!);
  }
  return out;
}

/**
 * Which track a figure at `position` belongs to: an aggregate over several new tracks, else the
 * clause's lead phrase ("4.数字经济。", "元宇宙方面，"), else the nearest track named in its
 * sentence, else earlier in its paragraph, else its section headings, else the document's track.
 */
export function assignTrack(
  ctx: TrackContext,
  sentence: Sentence,
  sentenceText: string,
  position: number,
): string | null {
  const paragraph = ctx.paragraphs[sentence.paragraph]!;
  const inSentence = mentionsIn(ctx.mentions, sentence.start, sentence.end);
  if (AGGREGATE.test(sentenceText)) {
    const named = new Set(inSentence.map((m) => m.track).filter((t) => ctx.newTracks.has(t)));
    const around = named.size ? named : new Set(newTracksIn(ctx, paragraph.start, sentence.start));
    if (around.size >= 2 || named.size === 0) return AGGREGATE_TRACK;
  }
  if (paragraph.lead) {
    const lead = mentionsIn(ctx.mentions, paragraph.lead[0], paragraph.lead[1]);
    if (lead.length) return lead[0]!.track;
  }
  const before = inSentence.filter((m) => m.end <= position);
  if (before.length) return before[before.length - 1]!.track;
  const after = inSentence.filter((m) => m.start >= position);
  if (after.length) return after[0]!.track;
  const earlier = mentionsIn(ctx.mentions, paragraph.start, sentence.start);
  if (earlier.length) return earlier[earlier.length - 1]!.track;
  for (let i = paragraph.headings.length - 1; i >= 0; i--) {
    const heading = ctx.paragraphs[paragraph.headings[i]!]!;
    const inHeading = mentionsIn(ctx.mentions, heading.start, heading.end);
    if (inHeading.length) return inHeading[0]!.track;
  }
  return ctx.documentTrack;
}

/** Distinct new tracks named in a range (for aggregates). */
export function newTracksIn(ctx: TrackContext, start: number, end: number): string[] {
  return [...new Set(mentionsIn(ctx.mentions, start, end).map((m) => m.track))].filter((t) =>
    ctx.newTracks.has(t),
  );
}

export { mentionsIn };
