import { type CheerioAPI, load } from "cheerio";
import { looksLikeArticle } from "./looks-like-article.ts";
import { resolveLink } from "./resolve-link.ts";

export interface DiscoveredLink {
  url: string;
  /** The link text (or its title attribute), whitespace-collapsed. */
  title: string;
}

export interface DiscoverLinksInput {
  /** The list page's HTML, or an already loaded cheerio document. */
  html: string | CheerioAPI;
  /** The final URL of the list page (after redirects): relative hrefs resolve against it. */
  baseUrl: string;
  /** CSS selector for announcement links; without it, allowed links that look like articles. */
  selector?: string | undefined;
  allow: readonly string[];
}

/** Announcement links on a list page: absolute, deduplicated, in page order, only on allowed hosts. */
export function discoverLinks(input: DiscoverLinksInput): DiscoveredLink[] {
  const $ = typeof input.html === "string" ? load(input.html) : input.html;
  const base = $("base[href]").attr("href");
  const baseUrl = base
    ? (resolveLink(base, input.baseUrl, input.allow)?.href ?? input.baseUrl)
    : input.baseUrl;
  const anchors = $(input.selector ?? "a[href]");
  const seen = new Set<string>();
  const links: DiscoveredLink[] = [];
  anchors.each((_, element) => {
    // A selector may point at the <li>; take the first link inside it then.
    const anchor =
      element.type === "tag" && element.name === "a" ? $(element) : $(element).find("a[href]").first();
    const url = resolveLink(anchor.attr("href"), baseUrl, input.allow);
    if (!url) return;
    if (!input.selector && !looksLikeArticle(url)) return;
    if (seen.has(url.href)) return;
    seen.add(url.href);
    const title = (anchor.attr("title") || anchor.text()).replace(/\s+/g, " ").trim();
    links.push({ url: url.href, title });
  });
  return links;
}
