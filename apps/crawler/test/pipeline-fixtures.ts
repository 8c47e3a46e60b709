import {
  createFetcher,
  createLocalPoliteness,
  createRobots,
  type Source,
  sourceSchema,
} from "@trackwatch/crawl";
import type { Database } from "@trackwatch/db";
import { createTestDb, type EngineKind } from "@trackwatch/db/testing";
import type { FixtureSite } from "@trackwatch/testkit";
import type { CrawlDeps } from "../src/processors/crawl.ts";

/** A fresh migrated database from @trackwatch/db/testing; cleanup discards it. */
export async function openTestDb(
  engine: EngineKind,
): Promise<{ database: Database; cleanup: () => Promise<void> }> {
  const database = await createTestDb(engine);
  return { database, cleanup: () => database.close() };
}

/** The fixture site's static sources, validated like a sources file. */
export function fixtureSources(site: FixtureSite): Source[] {
  const { municipal, commission } = site.sources();
  return [municipal, commission].map((s) => sourceSchema.parse(s));
}

export function localCrawlDeps(sources: Source[]): CrawlDeps & { close(): Promise<void> } {
  const privateHosts = [...new Set(sources.flatMap((s) => s.allow.map((h) => h.replace(/:\d+$/, ""))))];
  const fetcher = createFetcher({ retries: 0, privateHosts });
  return {
    fetcher,
    robots: createRobots({ fetcher }),
    politeness: createLocalPoliteness(),
    renderer: null,
    concurrency: 4,
    defaultSpacingMs: 0,
    close: () => fetcher.close(),
  };
}
