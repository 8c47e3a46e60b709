import type { Fetcher } from "../fetch/create-fetcher.ts";
import type { RobotsTxt } from "./fetch-robots-txt.ts";
import { fetchRobotsTxt } from "./fetch-robots-txt.ts";

/** RFC 9309: a cached robots.txt SHOULD NOT be used for more than 24 hours. */
export const ROBOTS_MAX_TTL_MS = 24 * 60 * 60 * 1000;
export const MAX_CRAWL_DELAY_MS = 300_000;
export const ROBOTS_PRODUCT_TOKEN = "Trackwatch";

export interface RobotsOptions {
  fetcher: Fetcher;
  /** How long a fetched robots.txt is trusted; capped at 24 h. */
  ttlMs?: number;
  /** How long an unreachable robots.txt blocks the origin before we ask again. */
  unreachableTtlMs?: number;
  now?: () => number;
}

export interface RobotsVerdict {
  allowed: boolean;
  /** Crawl-delay for Trackwatch (or *), capped at 300 s; null when none is given. */
  crawlDelayMs: number | null;
  state: RobotsTxt["state"];
  robotsUrl: string;
  detail: string | null;
}

export interface Robots {
  check(url: string, allow: readonly string[]): Promise<RobotsVerdict>;
  /** Forget a cached origin (an operator "recrawl now" after fixing robots.txt, say). */
  forget(origin: string): void;
}

interface Entry {
  robots: Promise<RobotsTxt>;
  expiresAt: number;
}

/**
 * robots.txt per origin, fetched once and cached in this process's memory (not shared between worker
 * processes: each fetches it at most once a day per origin, which is cheap and keeps Redis out of it).
 */
export function createRobots(options: RobotsOptions): Robots {
  const now = options.now ?? Date.now;
  const ttlMs = Math.min(options.ttlMs ?? ROBOTS_MAX_TTL_MS, ROBOTS_MAX_TTL_MS);
  const unreachableTtlMs = options.unreachableTtlMs ?? 5 * 60 * 1000;
  const cache = new Map<string, Entry>();

  function load(origin: string, allow: readonly string[]): Promise<RobotsTxt> {
    const cached = cache.get(origin);
    if (cached && cached.expiresAt > now()) return cached.robots;
    // Concurrent checks for one origin share a single fetch.
    const entry: Entry = {
      robots: fetchRobotsTxt(options.fetcher, origin, allow),
      expiresAt: Number.POSITIVE_INFINITY,
    };
    cache.set(origin, entry);
    entry.robots.then(
      (robots) => {
        entry.expiresAt = now() + (robots.state === "unreachable" ? unreachableTtlMs : ttlMs);
      },
      () => cache.delete(origin),
    );
    if (cache.size > 10_000) {
      for (const [key, value] of cache) if (value.expiresAt <= now()) cache.delete(key);
    }
    return entry.robots;
  }

  return {
    async check(url, allow) {
      const origin = new URL(url).origin;
      const robots = await load(origin, allow);
      if (robots.state === "unavailable") {
        return {
          allowed: true,
          crawlDelayMs: null,
          state: robots.state,
          robotsUrl: robots.url,
          detail: robots.detail,
        };
      }
      if (robots.state === "unreachable") {
        return {
          allowed: false,
          crawlDelayMs: null,
          state: robots.state,
          robotsUrl: robots.url,
          detail: robots.detail,
        };
      }
      const delay = robots.robot.getCrawlDelay(ROBOTS_PRODUCT_TOKEN);
      const crawlDelayMs =
        typeof delay === "number" && Number.isFinite(delay) && delay > 0
          ? Math.min(delay * 1000, MAX_CRAWL_DELAY_MS)
          : null;
      return {
        allowed: robots.robot.isAllowed(url, ROBOTS_PRODUCT_TOKEN) !== false,
        crawlDelayMs,
        state: robots.state,
        robotsUrl: robots.url,
        detail: null,
      };
    },
    forget(origin) {
      cache.delete(new URL(origin).origin);
    },
  };
}
