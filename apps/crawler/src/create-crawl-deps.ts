import type { Env } from "@trackwatch/config";
import {
  createBrowserRenderer,
  createFetcher,
  createLocalPoliteness,
  createPoliteness,
  createRobots,
  type Source,
} from "@trackwatch/crawl";
import type { Redis } from "ioredis";
import type { CrawlDeps } from "./processors/crawl.ts";

export interface OpenCrawlDeps extends CrawlDeps {
  close(): Promise<void>;
}

/** Hosts named in the sources' allow lists may resolve to private addresses (an intranet or fixture site). */
function privateHostsOf(sources: readonly Source[]): string[] {
  return [...new Set(sources.flatMap((s) => s.allow.map((host) => host.replace(/:\d+$/, ""))))];
}

/**
 * Fetcher, robots, politeness and (for `render: browser` sources) the browser renderer for crawls. With a Redis connection, politeness is shared by
 * every crawler process; without one (`trackwatch once`) it is kept in this process.
 */
export function createCrawlDeps(input: {
  config: Pick<Env, "CONTACT_URL" | "CRAWL_CONCURRENCY" | "QUEUE_PREFIX" | "CHROMIUM_PATH">;
  sources: readonly Source[];
  redis?: Redis | null;
  defaultSpacingMs?: number;
}): OpenCrawlDeps {
  const privateHosts = privateHostsOf(input.sources);
  const fetcher = createFetcher({ contactUrl: input.config.CONTACT_URL ?? null, privateHosts });
  // One browser per process, launched on the first `render: browser` page and only if a source needs it.
  const renderer = input.sources.some((s) => s.render === "browser")
    ? createBrowserRenderer({
        chromiumPath: input.config.CHROMIUM_PATH ?? null,
        contactUrl: input.config.CONTACT_URL ?? null,
        privateHosts,
      })
    : null;
  const robots = createRobots({ fetcher });
  const politeness = input.redis
    ? createPoliteness(input.redis, { prefix: `${input.config.QUEUE_PREFIX}:polite` })
    : createLocalPoliteness();
  return {
    fetcher,
    robots,
    politeness,
    renderer,
    concurrency: input.config.CRAWL_CONCURRENCY,
    defaultSpacingMs: input.defaultSpacingMs,
    async close() {
      await renderer?.close();
      await fetcher.close();
    },
  };
}
