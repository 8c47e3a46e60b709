import { and, desc, eq, type SQL } from "drizzle-orm";
import type { Db } from "../../db-type.ts";
import { crawlRuns } from "../../schema/index.ts";

export type CrawlRunView = typeof crawlRuns.$inferSelect;

/**
 * Crawl runs newest first, optionally of one source or one queue job (the admin page's run history
 * and its "recrawl now" progress poll).
 */
export async function listRecentCrawlRuns(
  db: Db,
  input: { sourceId?: string | null; jobId?: string | null; limit?: number } = {},
): Promise<CrawlRunView[]> {
  const limit = Math.min(Math.max(Math.trunc(input.limit ?? 50), 1), 500);
  const conditions: SQL[] = [];
  if (input.sourceId) conditions.push(eq(crawlRuns.sourceId, input.sourceId));
  if (input.jobId) conditions.push(eq(crawlRuns.jobId, input.jobId));
  return db
    .select()
    .from(crawlRuns)
    .where(conditions.length > 0 ? and(...conditions) : undefined)
    .orderBy(desc(crawlRuns.startedAt), desc(crawlRuns.id))
    .limit(limit);
}
