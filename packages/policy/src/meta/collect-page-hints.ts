import type { AnyNode, Element } from "domhandler";
import { cleanText, nodeText } from "../html/node-text.ts";

/** What the metadata stage reads from the markup, gathered in one walk (no CSS queries). */
export interface PageHints {
  /** <meta name|property → content>, first occurrence wins, names lower-cased. */
  meta: Map<string, string>;
  pageTitle: string;
  /** <h1> and elements whose class/id says title/headline, outside lists and navigation. */
  headings: string[];
  /** Text of logo/brand elements. */
  logos: string[];
  /** datetime attributes of <time>. */
  times: string[];
  /** Text of elements whose class/id says time/date, outside list items and footers. */
  dateTexts: string[];
}

const TITLE_ATTR = /title|headline/i;
const LOGO_ATTR = /logo|brand/i;
const DATE_ATTR = /time|date/i;
const NOT_TITLE = /list|nav/i;
const MAX_TEXT = 400;

/** One iterative walk over the page: linear even on deeply nested markup. */
export function collectPageHints(root: AnyNode): PageHints {
  const hints: PageHints = {
    meta: new Map(),
    pageTitle: "",
    headings: [],
    logos: [],
    times: [],
    dateTexts: [],
  };
  // Each frame carries whether an ancestor excludes titles (nav, list) or dates (li, footer).
  const stack: Array<{ node: AnyNode; noTitle: boolean; noDate: boolean }> = [
    { node: root, noTitle: false, noDate: false },
  ];
  while (stack.length) {
    const { node, noTitle, noDate } = stack.pop()!;
    if (node.type !== "tag" && node.type !== "root") continue;
    const el = node as Element;
    let childNoTitle = noTitle;
    let childNoDate = noDate;
    if (node.type === "tag") {
      const name = el.name;
      const cls = `${el.attribs.class ?? ""} ${el.attribs.id ?? ""}`;
      if (name === "meta") {
        const key = (el.attribs.name ?? el.attribs.property ?? "").toLowerCase();
        const content = el.attribs.content?.trim();
        if (key && content && !hints.meta.has(key)) hints.meta.set(key, content);
        continue;
      }
      if (name === "title" && !hints.pageTitle) {
        hints.pageTitle = cleanText(nodeText(el, MAX_TEXT));
        continue;
      }
      if (name === "script" || name === "style") continue;
      if (name === "time" && el.attribs.datetime) hints.times.push(el.attribs.datetime);
      const excluded =
        noTitle ||
        ["header", "nav", "footer", "ul", "ol"].includes(name) ||
        NOT_TITLE.test(el.attribs.class ?? "");
      if (!excluded && (name === "h1" || TITLE_ATTR.test(cls))) {
        const text = cleanText(nodeText(el, MAX_TEXT));
        if (text.length >= 4 && text.length <= 200) hints.headings.push(text);
      }
      if (LOGO_ATTR.test(cls) && hints.logos.length < 4) hints.logos.push(cleanText(nodeText(el, MAX_TEXT)));
      const dateExcluded = noDate || name === "li" || name === "footer";
      if (!dateExcluded && DATE_ATTR.test(cls) && hints.dateTexts.length < 8) {
        hints.dateTexts.push(cleanText(nodeText(el, MAX_TEXT)));
      }
      childNoTitle = excluded;
      childNoDate = dateExcluded;
    }
    const children = el.children;
    for (let i = children.length - 1; i >= 0; i--)
      stack.push({ node: children[i]!, noTitle: childNoTitle, noDate: childNoDate });
  }
  return hints;
}
