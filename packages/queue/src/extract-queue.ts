import { type ConnectionOptions, type JobsOptions, Queue } from "bullmq";
import { z } from "zod";

export const EXTRACT_QUEUE = "extract";

export const extractJobSchema = z.object({
  snapshotId: z.number().int().positive(),
  documentId: z.number().int().positive(),
  sourceId: z.string().min(1),
});
export type ExtractJob = z.infer<typeof extractJobSchema>;

/** Extraction is pure and the write is one transaction, so retries are cheap and safe. */
export const EXTRACT_JOB_OPTIONS = {
  attempts: 5,
  backoff: { type: "exponential", delay: 2_000 },
  removeOnComplete: { age: 24 * 3600, count: 10_000 },
  removeOnFail: { age: 30 * 24 * 3600 },
} satisfies JobsOptions;

export type ExtractQueue = Queue<ExtractJob>;

export function createExtractQueue(connection: ConnectionOptions, prefix: string): ExtractQueue {
  return new Queue<ExtractJob>(EXTRACT_QUEUE, { connection, prefix, defaultJobOptions: EXTRACT_JOB_OPTIONS });
}

/**
 * One pending extraction per snapshot: a retried crawl that hands the same snapshot over again
 * joins the waiting job (BullMQ deduplication, released when the job ends). Not a fixed job id:
 * completed jobs are kept for a day, and a fresh database numbers its snapshots from 1 again, so
 * a reused id would silently drop their extractions. A late duplicate is harmless: the extract
 * step is idempotent per snapshot and extractor version.
 */
function extractDedupId(snapshotId: number): string {
  return `snapshot-${snapshotId}`;
}

function extractJobOptions(snapshotId: number): JobsOptions {
  return { ...EXTRACT_JOB_OPTIONS, deduplication: { id: extractDedupId(snapshotId) } };
}

export async function enqueueExtract(queue: ExtractQueue, input: ExtractJob): Promise<{ jobId: string }> {
  const payload = extractJobSchema.parse(input);
  const job = await queue.add(
    `extract ${payload.snapshotId}`,
    payload,
    extractJobOptions(payload.snapshotId),
  );
  if (!job.id) throw new Error(`extract queue returned no job id for snapshot ${payload.snapshotId}`);
  return { jobId: job.id };
}

/** Bulk variant for a crawl that produced many snapshots: one round trip. */
export async function enqueueExtracts(
  queue: ExtractQueue,
  inputs: ExtractJob[],
): Promise<{ jobIds: string[] }> {
  if (inputs.length === 0) return { jobIds: [] };
  const payloads = inputs.map((input) => extractJobSchema.parse(input));
  const jobs = await queue.addBulk(
    payloads.map((payload) => ({
      name: `extract ${payload.snapshotId}`,
      data: payload,
      opts: extractJobOptions(payload.snapshotId),
    })),
  );
  return { jobIds: jobs.map((job) => job.id ?? "") };
}
