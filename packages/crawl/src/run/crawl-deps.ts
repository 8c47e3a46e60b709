import type { Fetcher } from "../fetch/create-fetcher.ts";
import type { Robots } from "../robots/create-robots.ts";

/**
 * Per-host politeness as crawlSource needs it: run one request for a URL's host when the host may
 * be contacted (one in flight, minimum spacing), holding the host until the request settles.
 */
export interface CrawlPoliteness {
  schedule<T>(url: string, options: { spacingMs: number }, task: () => Promise<T>): Promise<T>;
  /** Holds a host's slot for several requests in a row (used when spacing is 0). */
  withHost?<T>(
    host: string,
    spacingMs: number,
    fn: (slot: { deferFor(ms: number): void }) => Promise<T>,
  ): Promise<T>;
}

/** A page as a browser built it, for `render: browser` list pages. */
export interface RenderedPage {
  url: string;
  html: string;
  status: number | null;
}

export interface CrawlRenderer {
  /** `waitFor`: a selector that appears once the page's script has built the list. */
  render(
    url: string,
    options: { allow: readonly string[]; waitFor?: string; signal?: AbortSignal },
  ): Promise<RenderedPage>;
}

export type CrawlFetcher = Pick<Fetcher, "fetchPage">;
export type CrawlRobots = Pick<Robots, "check">;
