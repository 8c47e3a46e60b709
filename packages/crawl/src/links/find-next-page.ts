import { type CheerioAPI, load } from "cheerio";
import { resolveLink } from "./resolve-link.ts";

/**
 * The next list page named by the source's `next` selector, on an allowed host, or null on the last
 * page. A pager without an href (script-only, like the municipal portal's) yields null.
 */
export function findNextPage(input: {
  html: string | CheerioAPI;
  baseUrl: string;
  selector: string;
  allow: readonly string[];
}): string | null {
  const $ = typeof input.html === "string" ? load(input.html) : input.html;
  const element = $(input.selector).first();
  const href = element.is("a") ? element.attr("href") : element.find("a[href]").first().attr("href");
  const url = resolveLink(href, input.baseUrl, input.allow);
  if (!url) return null;
  return url.href === new URL(input.baseUrl).href ? null : url.href;
}
