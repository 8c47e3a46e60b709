import { createHash } from "node:crypto";
import { extractMainText } from "@trackwatch/policy";
import type { CheerioAPI } from "cheerio";

/**
 * The main text as the change check sees it, and the parsed page it came from (null for plain
 * text), so the caller can look for links in it without parsing the page a second time.
 */
export function readMainText(body: string): { text: string; $: CheerioAPI | null } {
  const main = extractMainText(body);
  return { text: main.text.replace(/\s+/g, " ").trim(), $: main.$ };
}

/**
 * The hash that decides whether a page changed for a reader: the main text as extraction sees it,
 * whitespace collapsed, so a visitor counter, a clock or a reshuffled menu do not count.
 */
export function mainTextOf(body: string): string {
  return readMainText(body).text;
}

export function sha256Hex(text: string): string {
  return createHash("sha256").update(text).digest("hex");
}
