import { type ConnectionOptions, type JobsOptions, Queue } from "bullmq";
import { z } from "zod";

export const CRAWL_QUEUE = "crawl";

/**
 * Repeated "recrawl now" clicks collapse into one job while it waits or runs, for at most this long;
 * the worker releases the key when the run ends (releaseRecrawl), so a click after that always runs.
 */
export const RECRAWL_DEDUP_TTL_MS = 60_000;

export const crawlJobSchema = z.object({
  sourceId: z.string().min(1),
  trigger: z.enum(["schedule", "manual"]),
  /** Who asked for a manual run (an admin, `cli`, ...); null for the schedule. */
  requestedBy: z.string().min(1).nullish(),
});
export type CrawlJob = z.infer<typeof crawlJobSchema>;

/**
 * A crawl touches many pages and records its own per-page failures, so a job only fails as a
 * whole for transient reasons (database or list page down): retry a few times, minutes apart.
 */
export const CRAWL_JOB_OPTIONS = {
  attempts: 3,
  backoff: { type: "exponential", delay: 60_000 },
  removeOnComplete: { age: 7 * 24 * 3600, count: 1_000 },
  removeOnFail: { age: 30 * 24 * 3600 },
} satisfies JobsOptions;

export type CrawlQueue = Queue<CrawlJob>;

export function createCrawlQueue(connection: ConnectionOptions, prefix: string): CrawlQueue {
  return new Queue<CrawlJob>(CRAWL_QUEUE, { connection, prefix, defaultJobOptions: CRAWL_JOB_OPTIONS });
}

/**
 * Manual recrawl. BullMQ deduplication (not a fixed job id) collapses clicks within a minute while
 * a recrawl asked for later always runs: a reused job id would be ignored for as long as the
 * completed job is kept. Returns the job id, which is the existing job's id when deduplicated.
 */
export async function enqueueRecrawl(
  queue: CrawlQueue,
  input: { sourceId: string; requestedBy: string },
): Promise<{ jobId: string }> {
  const payload = crawlJobSchema.parse({ ...input, trigger: "manual" });
  const job = await queue.add(`recrawl ${payload.sourceId}`, payload, {
    ...CRAWL_JOB_OPTIONS,
    deduplication: { id: recrawlDedupId(payload.sourceId), ttl: RECRAWL_DEDUP_TTL_MS },
  });
  if (!job.id) throw new Error(`crawl queue returned no job id for ${payload.sourceId}`);
  return { jobId: job.id };
}

function recrawlDedupId(sourceId: string): string {
  return `recrawl-${sourceId}`;
}

/**
 * Called by the crawl worker when a manual run finished (or failed for good): BullMQ keeps a
 * deduplication key for its whole ttl even after the job completed, which would silently swallow
 * a "recrawl now" asked for right after a run.
 */
export async function releaseRecrawl(queue: CrawlQueue, sourceId: string): Promise<void> {
  await queue.removeDeduplicationKey(recrawlDedupId(sourceId));
}
