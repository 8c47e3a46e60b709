import type { CheerioAPI } from "cheerio";
import type { DocumentMeta, PageType } from "../types.ts";
import { detectLanguage } from "./detect-language.ts";
import type { LabelledFields } from "./find-labelled-fields.ts";
import { parseDate } from "./parse-date.ts";

export const DOC_NUMBER_RE =
  /[\u4e00-\u9fa5]{1,10}[〔［[（(【]\s*(?:19|20)\d{2}\s*[〕］\]）)】]\s*(?:第\s*)?\d{1,5}\s*号/;
const NOTICE_TITLE = /关于(?:印发|转发|发布|公布)?《(.+)》(?:的)?(?:通知|公告|决定)$/;

export interface MetaInput {
  $: CheerioAPI | null;
  fields: LabelledFields;
  /** Lines of the main text, for the doc number line and the language. */
  mainText: string;
  pageType: PageType;
  /** Page lines just above the main text (byline, date), nearest last. */
  leadLines?: readonly string[];
}

function metaContent($: CheerioAPI, names: string[]): string | null {
  for (const name of names) {
    const value = $(`meta[name="${name}"], meta[property="${name}"]`).first().attr("content");
    if (value?.trim()) return value.trim();
  }
  return null;
}

function clean(text: string): string {
  return text.replace(/[\s\u3000\u00a0]+/g, " ").trim();
}

/** <title> without the site name: "Policy_栏目_Site", "Policy-Site", "Policy | Site". */
export function splitPageTitle(pageTitle: string): string[] {
  return pageTitle
    .split(/\s*(?:_|\s\|\s|\s-\s|-(?=[^-]*$)|\s–\s)\s*/)
    .map((s) => s.trim())
    .filter(Boolean);
}

function findTitle($: CheerioAPI): string | null {
  const fromMeta = metaContent($, ["ArticleTitle", "articletitle", "og:title", "twitter:title"]);
  const pageTitle = clean($("title").first().text());
  const parts = splitPageTitle(pageTitle);
  const candidates: string[] = [];
  $("h1, [id*=title i], [class*=title i], [class*=headline i]").each((_, el) => {
    if ($(el).closest("header, nav, footer, ul, ol, .list, [class*=list], [class*=nav]").length) return;
    const text = clean($(el).text());
    if (text.length >= 4 && text.length <= 200) candidates.push(text);
  });
  if (fromMeta && !parts.slice(1).includes(fromMeta)) return fromMeta;
  // A heading the <title> starts with is the document's own title without the site suffix.
  const matching = candidates.find((c) => pageTitle.startsWith(c));
  if (matching) return matching;
  const h1 = candidates[0];
  if (h1) return h1;
  return parts[0] ?? null;
}

function unwrapNoticeTitle(title: string | null): string | null {
  if (!title) return title;
  const m = NOTICE_TITLE.exec(title);
  return m ? m[1]!.trim() : title;
}

function findOutlet($: CheerioAPI): string | null {
  const fromMeta = metaContent($, ["og:site_name", "application-name", "SiteName", "sitename"]);
  if (fromMeta) return fromMeta;
  const logo = clean($("[class*=logo i], [class*=brand i], [id*=logo i]").first().text());
  if (logo && logo.length <= 60) return logo;
  const parts = splitPageTitle(clean($("title").first().text()));
  return parts.length > 1 ? parts[parts.length - 1]! : null;
}

function findPublished($: CheerioAPI): string | null {
  const fromMeta = metaContent($, [
    "PubDate",
    "pubdate",
    "publishdate",
    "article:published_time",
    "og:published_time",
    "date",
    "DC.date",
  ]);
  const metaDate = parseDate(fromMeta);
  if (metaDate) return metaDate;
  const timeAttr = parseDate($("time[datetime]").first().attr("datetime"));
  if (timeAttr) return timeAttr;
  let found: string | null = null;
  $("[class*=time i], [class*=date i], [id*=time i], [id*=date i]").each((_, el) => {
    if (found) return;
    if ($(el).closest("li, footer").length) return;
    found = parseDate($(el).text());
  });
  return found;
}

/** Stage 2: document metadata from labelled fields, <meta> tags, headings and the main text. */
export function extractDocumentMeta(input: MetaInput): DocumentMeta {
  const { $, fields, mainText, pageType, leadLines = [] } = input;
  const empty = (v: string | undefined): string | null => (v === undefined || v === "" ? null : v);
  let title = empty(fields.title) ?? ($ ? findTitle($) : null);
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
  if (!issuer && $) issuer = metaContent($, ["ContentSource", "contentsource", "author_org"]);
  if (!issuer) issuer = empty(fields.source);
  if (!issuer && $ && pageType === "news") issuer = findOutlet($);

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
    ($ ? findPublished($) : null) ??
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
