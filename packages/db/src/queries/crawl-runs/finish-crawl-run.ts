import { eq, sql } from "drizzle-orm";
import type { Db } from "../../db-type.ts";
import { type CrawlRunError, crawlRuns } from "../../schema/index.ts";

export interface CrawlRunCounters {
  linksFound: number;
  pagesFetched: number;
  notModified: number;
  unchanged: number;
  newDocuments: number;
  changed: number;
  failed: number;
  bytes: number;
}

export interface FinishCrawlRunInput extends CrawlRunCounters {
  id: number;
  status: "succeeded" | "failed";
  /** Why the run as a whole failed (a broken list page), or null. */
  error?: string | null;
  errors: CrawlRunError[];
  stats?: Record<string, unknown>;
}

/** Closes a crawl run with its counters and errors. */
export async function finishCrawlRun(db: Db, input: FinishCrawlRunInput): Promise<void> {
  const { id, status, error, errors, stats, ...counters } = input;
  await db
    .update(crawlRuns)
    .set({
      ...counters,
      status,
      error: error ?? null,
      errors,
      stats: stats ?? {},
      finishedAt: sql`now()`,
    })
    .where(eq(crawlRuns.id, id));
}
