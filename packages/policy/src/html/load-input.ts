import { type CheerioAPI, load } from "cheerio";

export type ExtractionInput = string | CheerioAPI;

export type LoadedInput = { kind: "html"; $: CheerioAPI } | { kind: "text"; text: string; warning?: string };

// HTML parsers (parse5 and htmlparser2 alike) slow down quadratically on very deep nesting; past
// this depth the page is junk or an attack, and its tags are stripped instead of parsed.
const MAX_PARSE_DEPTH = 1000;
const BLOCK_TAG = /<\/?(?:p|div|br|li|tr|h[1-6]|table|section|article|ul|ol|dd|dt)\b[^>]*>/gi;

/** Tags out, blocks as line breaks, the few common entities decoded: linear. */
export function stripTags(html: string): string {
  const text = html
    .replace(/<(script|style)\b[^>]*>[\s\S]*?<\/\1\s*>/gi, "")
    .replace(BLOCK_TAG, "\n")
    .replace(/<[^>]*>/g, "")
    .replace(/&nbsp;/g, " ")
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&quot;/g, '"')
    .replace(/&amp;/g, "&");
  return normalizePlainText(text);
}
const VOID_TAGS = new Set([
  "area",
  "base",
  "br",
  "col",
  "embed",
  "hr",
  "img",
  "input",
  "link",
  "meta",
  "param",
  "source",
  "track",
  "wbr",
  "p",
  "li",
  "option",
  "td",
  "tr",
  "dd",
  "dt",
]);
const TAG = /<(\/?)([a-zA-Z][a-zA-Z0-9-]*)[^>]*?(\/?)>/g;

/** Approximate element depth from the tags alone (no parse); one linear pass. */
export function estimateNestingDepth(html: string): number {
  let depth = 0;
  let max = 0;
  TAG.lastIndex = 0;
  for (let m = TAG.exec(html); m; m = TAG.exec(html)) {
    const name = m[2]!.toLowerCase();
    if (VOID_TAGS.has(name) || m[3]) continue;
    if (m[1]) depth = Math.max(0, depth - 1);
    else if (++depth > max) max = depth;
  }
  return max;
}

// A document is HTML when it has a tag a browser would build a page from; anything else is plain text.
const HTML_HINT = /<(?:!doctype|html|head|body|div|p|table|span|meta|br|h[1-6]|ul|article|section|title)\b/i;

/** Accepts raw HTML, plain text or an already loaded cheerio `$`. */
export function loadInput(input: ExtractionInput): LoadedInput {
  if (typeof input !== "string") return { kind: "html", $: input };
  const head = input.length > 65536 ? input.slice(0, 65536) : input;
  if (HTML_HINT.test(head)) {
    if (estimateNestingDepth(input) > MAX_PARSE_DEPTH) {
      return {
        kind: "text",
        text: stripTags(input),
        warning: `markup nested deeper than ${MAX_PARSE_DEPTH} elements: read as text`,
      };
    }
    return { kind: "html", $: load(input) };
  }
  return { kind: "text", text: normalizePlainText(input) };
}

/** Plain text keeps its lines; only line endings, BOM and trailing blanks are normalized. */
export function normalizePlainText(text: string): string {
  return text
    .replace(/^\uFEFF/, "")
    .replace(/\r\n?/g, "\n")
    .split("\n")
    .map((line) => line.replace(/^[\s\u3000\u00a0]+|[\s\u3000\u00a0]+$/g, ""))
    .filter((line) => line.length > 0)
    .join("\n");
}
