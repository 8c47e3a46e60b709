import type { TextBlock } from "../html/render-text.ts";

export interface Paragraph {
  start: number;
  end: number;
  /** A section heading (HTML heading, bold line, or a short numbered line without a full stop). */
  heading: boolean;
  /** Numbering depth: 0 for 第X章 or an unnumbered heading, 1 for 一、, 2 for （一）, 3 for 1., 4 for (1); null when unnumbered. */
  level: number | null;
  /** [start, end) of a clause's lead phrase ("（一）加强资金引导。", "4.数字经济。", "元宇宙方面，"), if any. */
  lead: [number, number] | null;
  /** Index of the governing heading paragraphs, outermost first. */
  headings: number[];
}

export interface Sentence {
  start: number;
  end: number;
  paragraph: number;
}

export interface Segments {
  paragraphs: Paragraph[];
  sentences: Sentence[];
}

const CN_NUM = "[一二三四五六七八九十百零〇两]+";
const NUMBERING: Array<[RegExp, number]> = [
  [new RegExp(`^第${CN_NUM}[章节部分篇]`), 0],
  [new RegExp(`^${CN_NUM}[、．.]`), 1],
  [new RegExp(`^[（(]${CN_NUM}[）)]`), 2],
  [/^[0-9０-９]{1,2}[.．、](?![0-9０-９])/, 3],
  [/^[（(][0-9０-９]{1,2}[）)]/, 4],
  [/^第[0-9一二三四五六七八九十百]+条/, 3],
];
const HEADING_MAX = 40;
const ZH_BREAK = /[。！？；!?;]/;
const LEAD_MAX = 24;

function numberingOf(line: string): { level: number; length: number } | null {
  for (const [re, level] of NUMBERING) {
    const m = re.exec(line);
    if (m) return { level, length: m[0].length };
  }
  return null;
}

// An English full stop ends a sentence when followed by a space and a capital, digit or quote,
// and does not close an abbreviation (No., U.S., Mr.).
function isEnglishStop(text: string, i: number): boolean {
  const c = text[i];
  if (c !== ".") return false;
  const next = text[i + 1];
  if (next === undefined) return true;
  if (next !== " ") return false;
  const after = text[i + 2];
  if (after === undefined || !/[A-Z0-9"“'‘(]/.test(after)) return false;
  const before = text.slice(Math.max(0, i - 4), i);
  return !/(?:\b[A-Z]|\bNo|\bMr|\bMs|\bDr|\bSt|\bvs|\bCo|\bInc|\bLtd|\bJan|\bFeb|\bAug|\bSept?|\bOct|\bNov|\bDec)$/.test(
    before,
  );
}

/** Stage 3: paragraphs with heading structure, and sentences with offsets into `text`. */
export function segmentText(text: string, blocks: readonly TextBlock[]): Segments {
  const paragraphs: Paragraph[] = [];
  const sentences: Sentence[] = [];
  const stack: Array<{ level: number; index: number }> = [];
  for (const block of blocks) {
    const line = text.slice(block.start, block.end);
    if (!line) continue;
    const numbering = numberingOf(line);
    const terminated = /[。；！？.;!?]$/.test(line);
    const short = line.length <= HEADING_MAX;
    const heading =
      (block.heading && line.length <= 80) ||
      (numbering !== null && short && !terminated && !/[，,]/.test(line));
    let level = numbering?.level ?? null;
    if (heading && level === null) level = 0;
    let lead: [number, number] | null = null;
    if (!heading) {
      const body = numbering ? line.slice(numbering.length) : line;
      const offset = block.start + (numbering?.length ?? 0);
      const stop = body.search(ZH_BREAK);
      if (numbering && stop > 0 && stop <= LEAD_MAX && !/[，,]/.test(body.slice(0, stop))) {
        lead = [block.start, offset + stop + 1];
      } else {
        const aspect = /^(.{2,16}?)(?:方面|领域|板块|赛道)[，,：:]/.exec(body);
        const english = /^(?:For|Under|In|On)\s+(?:the\s+)?([^,]{3,60}?),/.exec(body);
        const m = aspect ?? english;
        if (m) lead = [offset, offset + m[0].length];
      }
    }
    const index = paragraphs.length;
    if (heading) {
      while (stack.length && stack[stack.length - 1]!.level >= level!) stack.pop();
    }
    paragraphs.push({
      start: block.start,
      end: block.end,
      heading,
      level,
      lead,
      headings: stack.map((s) => s.index),
    });
    if (heading) stack.push({ level: level!, index });

    // Sentences: split at Chinese stops and semicolons, and at English full stops.
    let s = block.start;
    for (let i = block.start; i < block.end; i++) {
      const c = text[i]!;
      if (ZH_BREAK.test(c) || isEnglishStop(text, i)) {
        if (i + 1 - s > 0) sentences.push({ start: s, end: i + 1, paragraph: index });
        s = i + 1;
        while (s < block.end && /[\s\u3000”"’)）]/.test(text[s]!)) {
          if (/[”"’)）]/.test(text[s]!)) sentences[sentences.length - 1]!.end = s + 1;
          s++;
        }
        i = s - 1;
      }
    }
    if (s < block.end) sentences.push({ start: s, end: block.end, paragraph: index });
  }
  return { paragraphs, sentences };
}
