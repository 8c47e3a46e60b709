import { sql } from "drizzle-orm";
import type { Db } from "../../db-type.ts";

/**
 * Updates the planner's statistics of the change-log tables. Embedded PGlite has no autovacuum:
 * without statistics the "current targets" query picks a nested loop that is quadratic in the
 * number of documents (10 s instead of 0.6 s at 10,000). Called after a crawl, `trackwatch once`
 * and `trackwatch reextract`; cheap (a sample per table), harmless on PostgreSQL.
 */
export async function refreshChangeLogStatistics(db: Db): Promise<void> {
  await db.execute(sql`analyze documents, snapshots, extractions, targets, rules, changes`);
}
