import type { AnyNode, Element } from "domhandler";

/**
 * Text of a subtree, walked without recursion and cut at `max` characters: cheerio's .text()
 * recurses and overflows the stack on deeply nested junk.
 */
export function nodeText(node: AnyNode, max = 4000): string {
  let text = "";
  const stack: AnyNode[] = [node];
  while (stack.length && text.length < max) {
    const n = stack.pop()!;
    if (n.type === "text") text += (n as unknown as { data: string }).data;
    else if (n.type === "tag" || n.type === "root") {
      const el = n as Element;
      if (el.name === "script" || el.name === "style") continue;
      for (let i = el.children.length - 1; i >= 0; i--) stack.push(el.children[i]!);
    }
  }
  return text.length > max ? text.slice(0, max) : text;
}

export function cleanText(text: string): string {
  return text.replace(/[\s\u3000\u00a0]+/g, " ").trim();
}
