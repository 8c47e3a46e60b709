import type { Element } from "domhandler";

/** Elements that never carry readable text. */
export const NON_TEXT_TAGS = new Set([
  "script",
  "style",
  "noscript",
  "template",
  "iframe",
  "svg",
  "canvas",
  "select",
  "option",
  "button",
  "input",
  "textarea",
  "head",
  "title",
  "meta",
  "link",
  "object",
  "embed",
  "video",
  "audio",
  "map",
]);

/** Page chrome by element name. */
const CHROME_TAGS = new Set(["nav", "footer", "aside", "header", "menu"]);

// Class/id words that name page chrome on portals and news sites. Matched as whole tokens of
// the class or id (split on - _ and spaces) so "article-content" never matches "article-top".
const CHROME_TOKENS = new Set([
  "nav",
  "navbar",
  "navigation",
  "menu",
  "header",
  "footer",
  "foot",
  "topbar",
  "top",
  "bottom",
  "breadcrumb",
  "breadcrumbs",
  "crumb",
  "crumbs",
  "position",
  "location",
  "sidebar",
  "side",
  "aside",
  "share",
  "toolbar",
  "tools",
  "print",
  "search",
  "related",
  "recommend",
  "comment",
  "comments",
  "copyright",
  "banner",
  "ad",
  "ads",
  "advert",
  "login",
  "subscribe",
  "pagination",
  "pager",
  "qrcode",
  "masthead",
  "tags",
  "kicker",
  "byline",
  "meta",
  "fujian",
  "attachment",
  "attachments",
  "hot",
  "links",
  "friendlink",
  "most",
]);

const TOKEN_SPLIT = /[\s_-]+/;

function hasChromeToken(value: string | undefined): boolean {
  if (!value) return false;
  for (const token of value.toLowerCase().split(TOKEN_SPLIT)) if (CHROME_TOKENS.has(token)) return true;
  return false;
}

function isHidden(el: Element): boolean {
  if (el.attribs.hidden !== undefined) return true;
  const style = el.attribs.style;
  return style !== undefined && /display\s*:\s*none|visibility\s*:\s*hidden/i.test(style);
}

/** True for elements whose subtree is never part of the main text. */
export function isSkippedElement(el: Element): boolean {
  const name = el.name.toLowerCase();
  if (NON_TEXT_TAGS.has(name)) return true;
  if (CHROME_TAGS.has(name)) return true;
  if (isHidden(el)) return true;
  return hasChromeToken(el.attribs.class) || hasChromeToken(el.attribs.id);
}
