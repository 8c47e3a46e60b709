import type { AnyNode, Element } from "domhandler";
import { isSkippedElement } from "./boilerplate.ts";
import { BLOCK_TAGS } from "./render-text.ts";

export interface ContentCandidate {
  element: Element;
  score: number;
  /** Characters of readable text under the element. */
  textLength: number;
}

interface Stats {
  text: number;
  link: number;
  punct: number;
  hasBlock: boolean;
}

// Sentence punctuation marks prose; menus and link lists have little of it.
const PUNCT = /[，。；：、！？,;:.!?]/g;
const CONTAINER_TAGS = new Set([
  "div",
  "section",
  "article",
  "main",
  "table",
  "tbody",
  "tr",
  "td",
  "ul",
  "ol",
  "dl",
  "form",
  "body",
  "center",
]);

function countVisible(data: string): number {
  let n = 0;
  for (let i = 0; i < data.length; i++) {
    const c = data.charCodeAt(i);
    if (c > 32 && c !== 0x3000 && c !== 0xa0) n++;
  }
  return n;
}

/**
 * Density-based choice of the body: every element earns the prose of its direct paragraph-like
 * children (text, <p>, headings, leaf <div>s), discounted by link text and rewarded for
 * punctuation. Wrappers earn nothing from nested containers, so the tightest prose container wins.
 */
export function findMainContent(root: AnyNode): ContentCandidate | null {
  let best: ContentCandidate | null = null;

  const visit = (node: AnyNode, inLink: boolean): Stats => {
    if (node.type === "text") {
      const data = (node as unknown as { data: string }).data;
      const text = countVisible(data);
      const punct = data.match(PUNCT)?.length ?? 0;
      return { text, link: inLink ? text : 0, punct, hasBlock: false };
    }
    const children = (node as unknown as { children?: AnyNode[] }).children;
    if (node.type === "root") {
      const total: Stats = { text: 0, link: 0, punct: 0, hasBlock: true };
      for (const child of children ?? []) {
        const s = visit(child, inLink);
        total.text += s.text;
        total.link += s.link;
      }
      return total;
    }
    if (node.type !== "tag") return { text: 0, link: 0, punct: 0, hasBlock: false };
    const el = node as Element;
    if (isSkippedElement(el) && el.name !== "body" && el.name !== "html") {
      return { text: 0, link: 0, punct: 0, hasBlock: false };
    }
    const name = el.name.toLowerCase();
    const link = inLink || name === "a";
    // hasBlock: whether a block element sits anywhere below this one (a leaf <div> is a paragraph)
    const total: Stats = { text: 0, link: 0, punct: 0, hasBlock: false };
    let score = 0;
    for (const child of children ?? []) {
      const s = visit(child, link);
      total.text += s.text;
      total.link += s.link;
      total.punct += s.punct;
      const childName = child.type === "tag" ? (child as Element).name.toLowerCase() : "";
      const container = CONTAINER_TAGS.has(childName) && s.hasBlock;
      if (s.hasBlock || BLOCK_TAGS.has(childName) || childName === "td") total.hasBlock = true;
      if (!container) {
        const prose = s.text - s.link;
        if (prose > 0) score += prose + 8 * s.punct;
      }
    }
    if (score > 0 && (!best || score > best.score)) best = { element: el, score, textLength: total.text };
    return total;
  };

  visit(root, false);
  return best;
}
