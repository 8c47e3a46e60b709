import type { Db } from "../../db-type.ts";
import { crawlRuns } from "../../schema/index.ts";

export interface StartCrawlRunInput {
  sourceId: string;
  trigger: "schedule" | "manual" | "once";
  requestedBy?: string | null;
  jobId?: string | null;
}

/** Opens a crawl run (status running) and returns its id. */
export async function startCrawlRun(
  db: Db,
  input: StartCrawlRunInput,
): Promise<{ id: number; startedAt: Date }> {
  const [row] = await db
    .insert(crawlRuns)
    .values({
      sourceId: input.sourceId,
      trigger: input.trigger,
      requestedBy: input.requestedBy ?? null,
      jobId: input.jobId ?? null,
    })
    .returning({ id: crawlRuns.id, startedAt: crawlRuns.startedAt });
  return row!;
}
