import { createHash } from "node:crypto";
import { extractMainText } from "@trackwatch/policy";

/**
 * The hash that decides whether a page changed for a reader: the main text as extraction sees it,
 * whitespace collapsed, so a visitor counter, a clock or a reshuffled menu do not count.
 */
export function mainTextOf(body: string): string {
  return extractMainText(body).text.replace(/\s+/g, " ").trim();
}

export function sha256Hex(text: string): string {
  return createHash("sha256").update(text).digest("hex");
}
