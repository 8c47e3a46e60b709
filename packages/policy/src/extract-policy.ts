import type { AnyNode } from "domhandler";
import { extractMainText, findBody } from "./html/extract-main-text.ts";
import type { ExtractionInput } from "./html/load-input.ts";
import { renderText } from "./html/render-text.ts";
import { uniqueKeys } from "./keys/metric-key.ts";
import { collectPageHints } from "./meta/collect-page-hints.ts";
import { extractDocumentMeta } from "./meta/extract-document-meta.ts";
import { extractListPage, type ListPage } from "./meta/extract-list-page.ts";
import { findLabelledFields } from "./meta/find-labelled-fields.ts";
import { selectRules } from "./rules/select-rules.ts";
import { selectTargets } from "./targets/select-targets.ts";
import {
  type AnalyzedSentence,
  analyzeSentences,
  underBaselineHeading,
  underGoalHeading,
} from "./text/analyze-sentences.ts";
import { segmentText } from "./text/segment-text.ts";
import { AGGREGATE_TRACK, assignTrack, mentionsIn, type TrackContext } from "./tracks/assign-track.ts";
import { createTrackMatcher } from "./tracks/find-track-mentions.ts";
import { DEFAULT_LEXICON, type Lexicon, type LexiconExtension, mergeLexicon } from "./tracks/lexicon.ts";
import type { DocumentMeta, Extraction, PageType } from "./types.ts";
import { EXTRACTOR_VERSION } from "./version.ts";

export interface ExtractPolicyOptions {
  /** The page's URL: list links are resolved against it (or against `baseUrl`). */
  url?: string;
  baseUrl?: string;
  /** Words and tracks added to the default lexicon (from configuration). */
  lexicon?: LexiconExtension;
  /** The Content-Type the page was served with (informational; decoding happens before). */
  contentType?: string;
  /**
   * Text read out of the page's PDF/DOCX attachments: extracted as part of the document. Their
   * targets and rules carry `attachment` (the URL) and spans into that attachment's `text`.
   */
  attachments?: readonly ExtractionAttachment[];
}

export interface ExtractionAttachment {
  url: string;
  name: string | null;
  text: string;
  /** Why the crawler got no text (could not fetch or read the file); the warning used when text is empty. */
  warning?: string | null;
}

const mergedLexicons = new WeakMap<LexiconExtension, Lexicon>();
const GOV_FIELDS = ["indexNumber", "docNumber", "issuer", "writtenAt"] as const;
// A page whose source is a government body is an official page, not a news report.
const GOV_BODY = /(?:人民政府|政府|办公厅|辦公廳|办公室|委员会|委員會|委|局|厅|廳|部|署|管委会)$/;
// Prose has sentence punctuation; a list page's text is titles and dates.
const PROSE_MARKS = /[。，；]|[.,;] /g;

function lexiconFor(extension: LexiconExtension | undefined): Lexicon {
  if (!extension) return DEFAULT_LEXICON;
  let merged = mergedLexicons.get(extension);
  if (!merged) {
    merged = mergeLexicon(DEFAULT_LEXICON, extension);
    mergedLexicons.set(extension, merged);
  }
  return merged;
}

/** Whether `inner` is `outer` or sits inside it. */
function nested(inner: AnyNode, outer: AnyNode): boolean {
  for (let node: AnyNode | null = inner; node; node = node.parent) if (node === outer) return true;
  return false;
}

function emptyMeta(pageType: PageType): DocumentMeta {
  return { title: null, issuer: null, docNumber: null, publishedAt: null, language: null, pageType };
}

/**
 * html (or plain text, or a loaded cheerio `$`) → document metadata, tracks, targets and rules,
 * each with the sentence it came from. Never throws: odd input gives partial results and warnings.
 */
export function extractPolicy(input: ExtractionInput, options: ExtractPolicyOptions = {}): Extraction {
  try {
    const page = extract(input, options);
    return options.attachments?.length ? withAttachments(page, options.attachments, options) : page;
  } catch (error) {
    return {
      extractorVersion: EXTRACTOR_VERSION,
      document: emptyMeta("text"),
      tracks: [],
      targets: [],
      rules: [],
      text: "",
      warnings: [`extraction failed: ${(error as Error)?.message ?? String(error)}`],
    };
  }
}

function extract(input: ExtractionInput, options: ExtractPolicyOptions): Extraction {
  const main = extractMainText(input);
  const { $, text } = main;
  const warnings = [...main.warnings];

  let pageLines: string[];
  if ($) {
    const body = findBody($.root()[0] as AnyNode);
    pageLines = renderText(body, { skipChrome: false }).text.split("\n");
  } else {
    pageLines = text.split("\n", 40);
  }
  const fields = findLabelledFields(pageLines);

  // A list page: dated announcement links make up most of its main text, and it has little prose.
  let list: ListPage | null = null;
  if ($ && (text.match(PROSE_MARKS)?.length ?? 0) < 20) {
    const found = extractListPage($, { baseUrl: options.baseUrl ?? options.url });
    const linkChars = found?.links.reduce((n, l) => n + l.title.length, 0) ?? 0;
    const related =
      !main.contentElement ||
      !found ||
      nested(found.list, main.contentElement) ||
      nested(main.contentElement, found.list);
    if (found && related && linkChars * 2 >= text.length) list = found;
  }
  const pageType: PageType = !$
    ? "text"
    : list
      ? "list"
      : GOV_FIELDS.some((f) => fields[f] !== undefined) || GOV_BODY.test(fields.source ?? "")
        ? "detail"
        : "news";

  // The byline sits just above the body: the few page lines before the main text's first line.
  const newline = text.indexOf("\n");
  const firstLine = newline < 0 ? text : text.slice(0, newline);
  const at = $ && firstLine ? pageLines.indexOf(firstLine) : -1;
  const leadLines = at > 0 ? pageLines.slice(Math.max(0, at - 4), at) : [];
  const hints = $ ? collectPageHints($.root()[0] as AnyNode) : null;
  const document = extractDocumentMeta({ hints, fields, mainText: text, pageType, leadLines });
  if (list) {
    return {
      extractorVersion: EXTRACTOR_VERSION,
      document: {
        ...emptyMeta("list"),
        title: list.columnName ?? document.title,
        language: document.language ?? null,
      },
      tracks: [],
      targets: [],
      rules: [],
      text,
      links: list.links,
      pagination: list.pagination,
      warnings,
    };
  }

  const lexicon = lexiconFor(options.lexicon);
  const matcher = createTrackMatcher(lexicon);
  const segments = segmentText(text, main.blocks);
  const mentions = matcher.find(text);
  const titleTracks = matcher.find(document.title ?? "").map((m) => m.track);
  const counts = new Map<string, number>();
  for (const m of mentions) counts.set(m.track, (counts.get(m.track) ?? 0) + 1);
  const mostNamed = [...counts.entries()].sort((a, b) => b[1] - a[1])[0]?.[0] ?? null;
  const trackCtx: TrackContext = {
    mentions,
    paragraphs: segments.paragraphs,
    documentTrack: titleTracks[0] ?? mostNamed,
    newTracks: new Set(
      Object.entries(lexicon)
        .filter(([, d]) => d.newTrack)
        .map(([slug]) => slug),
    ),
  };
  const publishedYear = document.publishedAt ? Number(document.publishedAt.slice(0, 4)) : null;
  const sentences = analyzeSentences(text, segments, publishedYear);
  const trackAt = (s: AnalyzedSentence, position: number): string | null =>
    assignTrack(trackCtx, s.sentence, s.text, position);
  const goalParagraphs = new Map<number, boolean>();
  const baselineParagraphs = new Map<number, boolean>();
  const targets = uniqueKeys(
    selectTargets(sentences, {
      trackAt,
      underGoalHeading: (s) => {
        let v = goalParagraphs.get(s.sentence.paragraph);
        if (v === undefined) {
          v = underGoalHeading(text, segments, segments.paragraphs[s.sentence.paragraph]!);
          goalParagraphs.set(s.sentence.paragraph, v);
        }
        return v;
      },
      underBaselineHeading: (s) => {
        let v = baselineParagraphs.get(s.sentence.paragraph);
        if (v === undefined) {
          v = underBaselineHeading(text, segments, segments.paragraphs[s.sentence.paragraph]!);
          baselineParagraphs.set(s.sentence.paragraph, v);
        }
        return v;
      },
    }),
  );
  const rules = uniqueKeys(selectRules(sentences, trackAt));

  // The document's tracks: named in its title, heading a section or clause, or owning a figure.
  const tracks = new Set<string>(titleTracks);
  for (const p of segments.paragraphs) {
    const range = p.heading ? [p.start, p.end] : p.lead;
    if (!range) continue;
    // Headings and clause leads add the new tracks they name; other tracks need a figure or the title.
    for (const m of mentionsIn(mentions, range[0]!, range[1]!))
      if (trackCtx.newTracks.has(m.track)) tracks.add(m.track);
  }
  for (const item of [...targets, ...rules]) if (item.track !== AGGREGATE_TRACK) tracks.add(item.track);

  return {
    extractorVersion: EXTRACTOR_VERSION,
    document,
    tracks: [...tracks],
    targets,
    rules,
    text,
    warnings,
  };
}

/**
 * The page plus its attachments: each attachment's text is extracted like a plain-text page and its
 * targets and rules are added with the attachment as provenance. A text-less attachment (a scan)
 * adds a warning, not an empty result that could read as "everything removed".
 */
function withAttachments(
  page: Extraction,
  attachments: readonly ExtractionAttachment[],
  options: ExtractPolicyOptions,
): Extraction {
  if (page.document.pageType === "list") return page;
  const tracks = new Set(page.tracks);
  const targets = [...page.targets];
  const rules = [...page.rules];
  const warnings = [...page.warnings];
  for (const attachment of attachments) {
    const label = attachment.name ?? attachment.url;
    if (!attachment.text.trim()) {
      warnings.push(attachment.warning ?? `attachment ${label} has no text layer`);
      continue;
    }
    const found = extract(attachment.text, { lexicon: options.lexicon });
    for (const t of found.targets) targets.push({ ...t, attachment: attachment.url });
    for (const r of found.rules) rules.push({ ...r, attachment: attachment.url });
    for (const track of found.tracks) tracks.add(track);
    for (const w of found.warnings) warnings.push(`attachment ${label}: ${w}`);
  }
  return { ...page, tracks: [...tracks], targets: uniqueKeys(targets), rules: uniqueKeys(rules), warnings };
}
