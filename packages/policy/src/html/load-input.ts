import { type CheerioAPI, load } from "cheerio";

export type ExtractionInput = string | CheerioAPI;

export type LoadedInput = { kind: "html"; $: CheerioAPI } | { kind: "text"; text: string };

// A document is HTML when it has a tag a browser would build a page from; anything else is plain text.
const HTML_HINT = /<(?:!doctype|html|head|body|div|p|table|span|meta|br|h[1-6]|ul|article|section|title)\b/i;

/** Accepts raw HTML, plain text or an already loaded cheerio `$`. */
export function loadInput(input: ExtractionInput): LoadedInput {
  if (typeof input !== "string") return { kind: "html", $: input };
  const head = input.length > 65536 ? input.slice(0, 65536) : input;
  if (HTML_HINT.test(head)) return { kind: "html", $: load(input) };
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
