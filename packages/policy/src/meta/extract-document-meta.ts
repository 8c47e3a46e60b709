import type { DocumentMeta, PageType } from "../types.ts";
import type { PageHints } from "./collect-page-hints.ts";
import { detectLanguage } from "./detect-language.ts";
import type { LabelledFields } from "./find-labelled-fields.ts";
import { parseDate } from "./parse-date.ts";

export const DOC_NUMBER_RE =
  /[\u4e00-\u9fa5]{1,10}[〔［[（(【]\s*(?:19|20)\d{2}\s*[〕］\]）)】]\s*(?:第\s*)?\d{1,5}\s*号/;
const NOTICE_TITLE = /关于(?:印发|转发|发布|公布)?《(.+)》(?:的)?(?:通知|公告|决定)$/;

export interface MetaInput {
  /** Null for plain-text input. */
  hints: PageHints | null;
  fields: LabelledFields;
  /** Lines of the main text, for the doc number line and the language. */
  mainText: string;
  pageType: PageType;
  /** Page lines just above the main text (byline, date), nearest last. */
  leadLines?: readonly string[];
}

function metaContent(hints: PageHints, names: string[]): string | null {
  for (const name of names) {
    const value = hints.meta.get(name.toLowerCase());
    if (value) return value;
  }
  return null;
}

/** <title> without the site name: "Policy_栏目_Site", "Policy-Site", "Policy | Site". */
export function splitPageTitle(pageTitle: string): string[] {
  return pageTitle
    .split(/\s*(?:_|\s\|\s|\s-\s|-(?=[^-]*$)|\s–\s)\s*/)
    .map((s) => s.trim())
    .filter(Boolean);
}

function findTitle(hints: PageHints): string | null {
  const fromMeta = metaContent(hints, ["ArticleTitle", "og:title", "twitter:title"]);
  const pageTitle = hints.pageTitle;
  const parts = splitPageTitle(pageTitle);
  if (fromMeta && !parts.slice(1).includes(fromMeta)) return fromMeta;
  // A heading the <title> starts with is the document's own title without the site suffix.
  const matching = hints.headings.find((c) => pageTitle.startsWith(c));
  if (matching) return matching;
  const h1 = hints.headings[0];
  if (h1) return h1;
  return parts[0] ?? null;
}

function unwrapNoticeTitle(title: string | null): string | null {
  if (!title) return title;
  const m = NOTICE_TITLE.exec(title);
  return m ? m[1]!.trim() : title;
}

function findOutlet(hints: PageHints): string | null {
  const fromMeta = metaContent(hints, ["og:site_name", "application-name", "SiteName"]);
  if (fromMeta) return fromMeta;
  const logo = hints.logos.find((l) => l && l.length <= 60);
  if (logo) return logo;
  const parts = splitPageTitle(hints.pageTitle);
  return parts.length > 1 ? parts[parts.length - 1]! : null;
}

function findPublished(hints: PageHints): string | null {
  const fromMeta = metaContent(hints, [
    "PubDate",
    "publishdate",
    "article:published_time",
    "og:published_time",
    "date",
    "DC.date",
  ]);
  return (
    parseDate(fromMeta) ??
    parseDate(hints.times[0]) ??
    hints.dateTexts.reduce<string | null>((found, text) => found ?? parseDate(text), null)
  );
}

/** Stage 2: document metadata from labelled fields, <meta> tags, headings and the main text. */
export function extractDocumentMeta(input: MetaInput): DocumentMeta {
  const { hints, fields, mainText, pageType, leadLines = [] } = input;
  const empty = (v: string | undefined): string | null => (v === undefined || v === "" ? null : v);
  let title = empty(fields.title) ?? (hints ? findTitle(hints) : null);
  if (!title && pageType === "text") title = mainText.split("\n", 1)[0]?.slice(0, 120) ?? null;
  title = unwrapNoticeTitle(title);
  // A generic page title (通知公告) gives way to the notice title printed at the top of the body.
  if (!title || title.length <= 8) {
    for (const line of mainText.split("\n", 8)) {
      const inner = NOTICE_TITLE.exec(line)?.[1];
      if (inner) {
        title = inner.trim();
        break;
      }
    }
  }

  let issuer = empty(fields.issuer);
  if (!issuer && hints) issuer = metaContent(hints, ["ContentSource", "author_org"]);
  if (!issuer) issuer = empty(fields.source);
  if (!issuer && hints && pageType === "news") issuer = findOutlet(hints);

  let docNumber: string | null = null;
  if (fields.docNumber !== undefined) {
    docNumber = DOC_NUMBER_RE.exec(fields.docNumber)?.[0] ?? empty(fields.docNumber);
  } else {
    // A doc number printed on its own line near the top of the body (not one cited in prose).
    for (const line of mainText.split("\n", 12)) {
      const m = DOC_NUMBER_RE.exec(line);
      if (m && line.length <= m[0].length + 4) {
        docNumber = m[0];
        break;
      }
    }
  }

  const publishedAt =
    parseDate(fields.publishedAt) ??
    parseDate(fields.publishedTime) ??
    (hints ? findPublished(hints) : null) ??
    [...leadLines].reverse().reduce<string | null>((found, line) => found ?? parseDate(line), null);

  return {
    title,
    issuer,
    docNumber: docNumber ? docNumber.replace(/\s+/g, "") : null,
    publishedAt,
    writtenAt: parseDate(fields.writtenAt),
    revisedAt: parseDate(fields.revisedAt),
    indexNumber: empty(fields.indexNumber),
    language: detectLanguage(mainText || title || ""),
    pageType,
  };
}
