import { type CheerioAPI, load } from "cheerio";
import { type DiscoveredLink, discoverLinks } from "../links/discover-links.ts";
import { findNextPage } from "../links/find-next-page.ts";
import type { Source } from "../sources/source-schema.ts";

export interface ParsedListPage {
  links: DiscoveredLink[];
  next: string | null;
}

export type ListFetch = ({ ok: true } & ParsedListPage) | { ok: false; message: string };

export interface CrawlListPagesResult {
  links: DiscoveredLink[];
  pages: number;
  /** Set when a list page could not be read: the run fails with this message. */
  error: string | null;
}

/** Links and the next-page URL of one list page, by the source's selectors. */
export function parseListPage(html: string | CheerioAPI, baseUrl: string, source: Source): ParsedListPage {
  const $ = typeof html === "string" ? load(html) : html;
  return {
    links: discoverLinks({ html: $, baseUrl, selector: source.links, allow: source.allow }),
    next: source.next ? findNextPage({ html: $, baseUrl, selector: source.next, allow: source.allow }) : null,
  };
}

/**
 * Walks every list page of a source: each `list` URL and, with a `next` selector, the pages after it
 * up to `maxPages` per list URL. Links are deduplicated across pages and lists, in page order.
 */
export async function crawlListPages(input: {
  source: Source;
  fetchList(url: string): Promise<ListFetch>;
  onPage?(url: string, links: number): void;
  signal?: AbortSignal | undefined;
}): Promise<CrawlListPagesResult> {
  const { source } = input;
  const links: DiscoveredLink[] = [];
  const seenLinks = new Set<string>();
  const visited = new Set<string>();
  let pages = 0;
  for (const start of source.list) {
    let url: string | null = start;
    for (let page = 0; url && page < source.maxPages; page++) {
      if (input.signal?.aborted) return { links, pages, error: "crawl aborted while reading list pages" };
      if (visited.has(url)) break;
      visited.add(url);
      const fetched = await input.fetchList(url);
      if (!fetched.ok) return { links, pages, error: `list page ${url} failed: ${fetched.message}` };
      pages += 1;
      let added = 0;
      for (const link of fetched.links) {
        if (seenLinks.has(link.url)) continue;
        seenLinks.add(link.url);
        links.push(link);
        added += 1;
      }
      input.onPage?.(url, added);
      url = fetched.next;
    }
  }
  return { links, pages, error: null };
}
