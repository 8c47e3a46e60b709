import type { DiscoveredLink } from "../links/discover-links.ts";

export interface CachedListPage {
  etag: string | null;
  lastModified: string | null;
  links: DiscoveredLink[];
  next: string | null;
}

/**
 * What each list page linked to at its last validators, so an unchanged list can be asked for with a
 * conditional GET: a 304 reuses the remembered links. Held in the worker's memory (bounded, LRU): a
 * fresh process simply fetches its lists in full once.
 */
export interface ListPageCache {
  get(key: string): CachedListPage | undefined;
  set(key: string, page: CachedListPage): void;
}

export function createListPageCache(maxEntries = 2_000): ListPageCache {
  const entries = new Map<string, CachedListPage>();
  return {
    get(key) {
      const page = entries.get(key);
      if (page) {
        entries.delete(key);
        entries.set(key, page);
      }
      return page;
    },
    set(key, page) {
      entries.delete(key);
      entries.set(key, page);
      if (entries.size > maxEntries) entries.delete(entries.keys().next().value!);
    },
  };
}
