import { type CheerioAPI, load } from "cheerio";
import { resolveLink } from "../links/resolve-link.ts";

export type AttachmentKind = "pdf" | "docx";

export interface AttachmentLink {
  url: string;
  /** The link text (附件 names are usually the file name), or the file name from the URL. */
  name: string;
  kind: AttachmentKind;
}

/** Attachments are announced as such (附件：…), or linked by their file name. */
const ATTACHMENT_CONTEXT = /附件|附\s*件|attachment|annex/i;

/** More than this on one page is a file index, not a plan's attachments. */
export const MAX_ATTACHMENTS_PER_PAGE = 10;

export function attachmentKindOf(url: string): AttachmentKind | null {
  const path = new URL(url).pathname.toLowerCase();
  if (path.endsWith(".pdf")) return "pdf";
  if (path.endsWith(".docx")) return "docx";
  return null;
}

/**
 * PDF and DOCX links of a detail page on the source's allowed hosts, each once, in page order:
 * those under a 附件 (attachment) label or named by their file name, outside header, footer and nav.
 */
export function findAttachmentLinks(
  html: string | CheerioAPI,
  baseUrl: string,
  allow: readonly string[],
): AttachmentLink[] {
  const $ = typeof html === "string" ? load(html) : html;
  const found = new Map<string, AttachmentLink>();
  $("a[href]").each((_, element) => {
    if (found.size >= MAX_ATTACHMENTS_PER_PAGE) return false;
    const url = resolveLink($(element).attr("href"), baseUrl, allow);
    if (!url) return;
    const kind = attachmentKindOf(url.href);
    if (!kind || found.has(url.href)) return;
    const link = $(element);
    // A guide or form linked from every page's header or footer is no attachment of this announcement.
    if (link.closest("header, footer, nav, .footer, #footer, .header, #header").length > 0) return;
    const text = link.text().replace(/\s+/g, " ").trim();
    const labelled = link
      .parents()
      .not("html, body")
      .slice(0, 2)
      .toArray()
      .some((parent) => ATTACHMENT_CONTEXT.test($(parent).text()));
    if (!labelled && !/\.(pdf|docx)$/i.test(text)) return;
    const name = text || decodeURIComponent(url.pathname.slice(url.pathname.lastIndexOf("/") + 1));
    found.set(url.href, { url: url.href, name, kind });
  });
  return [...found.values()];
}
