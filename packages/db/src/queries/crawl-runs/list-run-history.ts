import { and, desc, eq, lt } from "drizzle-orm";
import type { Db } from "../../db-type.ts";
import { crawlRuns } from "../../schema/index.ts";

export interface RunHistoryEntry {
  id: number;
  linksFound: number;
  stats: Record<string, unknown>;
}

/** A source's last successful runs before `beforeRunId`, newest first: the baseline of the health check. */
export async function listRunHistory(
  db: Db,
  input: { sourceId: string; beforeRunId: number; limit?: number },
): Promise<RunHistoryEntry[]> {
  return db
    .select({ id: crawlRuns.id, linksFound: crawlRuns.linksFound, stats: crawlRuns.stats })
    .from(crawlRuns)
    .where(
      and(
        eq(crawlRuns.sourceId, input.sourceId),
        eq(crawlRuns.status, "succeeded"),
        lt(crawlRuns.id, input.beforeRunId),
      ),
    )
    .orderBy(desc(crawlRuns.id))
    .limit(input.limit ?? 5);
}
