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
  /** A block element sits somewhere below (a leaf <div> counts as a paragraph). */
  hasBlock: boolean;
  /** Prose earned from direct paragraph-like children. */
  score: number;
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

function empty(): Stats {
  return { text: 0, link: 0, punct: 0, hasBlock: false, score: 0 };
}

/**
 * Density-based choice of the body: every element earns the prose of its direct paragraph-like
 * children (text, <p>, headings, leaf <div>s), discounted by link text and rewarded for
 * punctuation. Wrappers earn nothing from nested containers, so the tightest prose container wins.
 * Post-order walk without recursion.
 */
export function findMainContent(root: AnyNode): ContentCandidate | null {
  let best: ContentCandidate | null = null;
  const stats = new Map<AnyNode, Stats>();
  type Frame = { node: AnyNode; inLink: boolean; exit: boolean };
  const stack: Frame[] = [{ node: root, inLink: false, exit: false }];

  while (stack.length) {
    const { node, inLink, exit } = stack.pop()!;
    if (node.type === "text") {
      const data = (node as unknown as { data: string }).data;
      const text = countVisible(data);
      const s = empty();
      s.text = text;
      s.link = inLink ? text : 0;
      s.punct = data.match(PUNCT)?.length ?? 0;
      stats.set(node, s);
      continue;
    }
    const isRoot = node.type === "root";
    if (!isRoot && node.type !== "tag") continue;
    const el = node as Element;
    if (!isRoot && el !== root && isSkippedElement(el) && el.name !== "body" && el.name !== "html") continue;
    const children = el.children ?? [];
    const link = inLink || (!isRoot && el.name === "a");
    if (!exit) {
      stack.push({ node, inLink, exit: true });
      for (let i = children.length - 1; i >= 0; i--)
        stack.push({ node: children[i]!, inLink: link, exit: false });
      continue;
    }
    const total = empty();
    for (const child of children) {
      const s = stats.get(child);
      if (!s) continue;
      stats.delete(child);
      total.text += s.text;
      total.link += s.link;
      total.punct += s.punct;
      const childName = child.type === "tag" ? (child as Element).name.toLowerCase() : "";
      if (s.hasBlock || BLOCK_TAGS.has(childName) || childName === "td") total.hasBlock = true;
      const container = CONTAINER_TAGS.has(childName) && s.hasBlock;
      if (!container) {
        const prose = s.text - s.link;
        if (prose > 0) total.score += prose + 8 * s.punct;
      }
    }
    stats.set(node, total);
    if (!isRoot && total.score > 0 && (!best || total.score > best.score)) {
      best = { element: el, score: total.score, textLength: total.text };
    }
  }
  return best;
}
