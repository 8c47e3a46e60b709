import { eq } from "drizzle-orm";
import type { Db } from "../../db-type.ts";
import { crawlRuns } from "../../schema/index.ts";

export type CrawlRunRow = typeof crawlRuns.$inferSelect;

export class CrawlRunNotFoundError extends Error {
  override name = "CrawlRunNotFoundError";
}

export async function getCrawlRun(db: Db, input: { id: number }): Promise<CrawlRunRow> {
  const [row] = await db.select().from(crawlRuns).where(eq(crawlRuns.id, input.id)).limit(1);
  if (!row) throw new CrawlRunNotFoundError(`no crawl run ${input.id}`);
  return row;
}
