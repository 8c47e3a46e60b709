import { type CrawlState, type Db, listCrawlStates } from "@trackwatch/db";

/** Detail URLs whose crawl states are read in one query. */
const CHUNK = 100;

export interface CrawlStateReader {
  /** The URL's state as the run found it; read with the next links of the run in one query. */
  get(url: string): Promise<CrawlState>;
}

/**
 * Reads a run's crawl states a chunk of links at a time, in link order (the order the details are
 * fetched in), so a page costs no round trip of its own and memory holds one or two chunks only.
 */
export function createCrawlStateReader(db: Db, urls: readonly string[]): CrawlStateReader {
  const indexOf = new Map(urls.map((url, i) => [url, i]));
  const chunks = new Map<number, Promise<Map<string, CrawlState>>>();
  const remaining = new Map<number, number>();

  return {
    async get(url) {
      const index = indexOf.get(url);
      if (index === undefined) {
        return (await listCrawlStates(db, { urls: [url] })).get(url)!;
      }
      const chunk = Math.floor(index / CHUNK);
      let states = chunks.get(chunk);
      if (!states) {
        const slice = urls.slice(chunk * CHUNK, (chunk + 1) * CHUNK);
        states = listCrawlStates(db, { urls: slice });
        chunks.set(chunk, states);
        remaining.set(chunk, slice.length);
        // A failed read is retried by the chunk's next page rather than failing all of them.
        states.catch(() => chunks.delete(chunk));
      }
      const state = (await states).get(url)!;
      const left = (remaining.get(chunk) ?? 1) - 1;
      remaining.set(chunk, left);
      if (left <= 0) {
        chunks.delete(chunk);
        remaining.delete(chunk);
      }
      return state;
    },
  };
}
