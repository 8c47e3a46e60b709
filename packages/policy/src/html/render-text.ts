import type { AnyNode, Element } from "domhandler";
import { isSkippedElement } from "./boilerplate.ts";

/** One line of the rendered text: a paragraph, heading, list item or table row. */
export interface TextBlock {
  start: number;
  end: number;
  /** From <h1>–<h6>, or a line that is bold throughout (<p><strong>一、…</strong></p>). */
  heading: boolean;
}

export interface RenderedText {
  text: string;
  blocks: TextBlock[];
}

export const BLOCK_TAGS = new Set([
  "address",
  "article",
  "blockquote",
  "body",
  "center",
  "dd",
  "div",
  "dl",
  "dt",
  "figcaption",
  "figure",
  "form",
  "h1",
  "h2",
  "h3",
  "h4",
  "h5",
  "h6",
  "hr",
  "li",
  "main",
  "ol",
  "p",
  "pre",
  "section",
  "table",
  "tbody",
  "thead",
  "tfoot",
  "tr",
  "ul",
  "caption",
]);

const HEADING_TAGS = new Set(["h1", "h2", "h3", "h4", "h5", "h6"]);
const BOLD_TAGS = new Set(["strong", "b"]);
const EDGE_SPACE = /^[\s\u3000\u00a0]+|[\s\u3000\u00a0]+$/g;
const INNER_SPACE = /[ \t\n\r\f\u00a0]+/g;

/**
 * Renders a subtree as text, one line per block element, skipping page chrome. Whitespace is
 * collapsed as a browser would; leading full-width indentation (　　) is dropped.
 */
export function renderText(root: AnyNode, options: { skipChrome?: boolean } = {}): RenderedText {
  const skipChrome = options.skipChrome ?? true;
  const lines: string[] = [];
  const headings: boolean[] = [];
  let line = "";
  let boldChars = 0;
  let plainChars = 0;
  let headingDepth = 0;
  let headingChars = 0;

  const flush = (): void => {
    const trimmed = line.replace(EDGE_SPACE, "");
    if (trimmed) {
      lines.push(trimmed);
      const bold = boldChars > 0 && plainChars === 0;
      headings.push(bold || headingChars > trimmed.length / 2);
    }
    line = "";
    boldChars = 0;
    plainChars = 0;
    headingChars = 0;
  };

  const text = (data: string, bold: boolean): void => {
    if (!data) return;
    const collapsed = data.replace(INNER_SPACE, " ");
    if (collapsed === " " && (line === "" || line.endsWith(" "))) return;
    line += collapsed;
    const visible = collapsed.replace(/\s/g, "").length;
    if (bold) boldChars += visible;
    else plainChars += visible;
    if (headingDepth > 0) headingChars += visible;
  };

  // Iterative walk (deeply nested junk must not overflow the stack): an exit frame closes a block.
  type Frame = { node: AnyNode; bold: boolean } | { exit: string };
  const stack: Frame[] = [{ node: root, bold: false }];
  while (stack.length) {
    const frame = stack.pop()!;
    if ("exit" in frame) {
      if (HEADING_TAGS.has(frame.exit)) headingDepth--;
      if (BLOCK_TAGS.has(frame.exit)) flush();
      continue;
    }
    const { node, bold } = frame;
    if (node.type === "text") {
      text((node as unknown as { data: string }).data, bold);
      continue;
    }
    if (node.type === "root") {
      const children = (node as unknown as { children: AnyNode[] }).children;
      for (let i = children.length - 1; i >= 0; i--) stack.push({ node: children[i]!, bold });
      continue;
    }
    if (node.type !== "tag") continue;
    const el = node as Element;
    if (el !== root && skipChrome && isSkippedElement(el)) continue;
    const name = el.name.toLowerCase();
    if (name === "br") {
      flush();
      continue;
    }
    if (BLOCK_TAGS.has(name)) flush();
    if ((name === "td" || name === "th") && line && !line.endsWith(" ")) line += " ";
    if (HEADING_TAGS.has(name)) headingDepth++;
    const childBold = bold || BOLD_TAGS.has(name);
    stack.push({ exit: name });
    for (let i = el.children.length - 1; i >= 0; i--) stack.push({ node: el.children[i]!, bold: childBold });
  }
  flush();

  const blocks: TextBlock[] = [];
  let offset = 0;
  for (let i = 0; i < lines.length; i++) {
    const text = lines[i]!;
    blocks.push({ start: offset, end: offset + text.length, heading: headings[i]! });
    offset += text.length + 1;
  }
  return { text: lines.join("\n"), blocks };
}
