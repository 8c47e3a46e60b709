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

/** BullMQ refuses integer job ids, hence the `snapshot-` prefix; one snapshot, one job. */
export function extractJobId(snapshotId: number): string {
  return `snapshot-${snapshotId}`;
}

/** The job id is the snapshot id, so a retried crawl never extracts the same snapshot twice. */
export async function enqueueExtract(queue: ExtractQueue, input: ExtractJob): Promise<{ jobId: string }> {
  const payload = extractJobSchema.parse(input);
  const jobId = extractJobId(payload.snapshotId);
  await queue.add(`extract ${payload.snapshotId}`, payload, { ...EXTRACT_JOB_OPTIONS, jobId });
  return { jobId };
}

/** Bulk variant for a crawl that produced many snapshots: one round trip. */
export async function enqueueExtracts(
  queue: ExtractQueue,
  inputs: ExtractJob[],
): Promise<{ jobIds: string[] }> {
  if (inputs.length === 0) return { jobIds: [] };
  const payloads = inputs.map((input) => extractJobSchema.parse(input));
  await queue.addBulk(
    payloads.map((payload) => ({
      name: `extract ${payload.snapshotId}`,
      data: payload,
      opts: { ...EXTRACT_JOB_OPTIONS, jobId: extractJobId(payload.snapshotId) },
    })),
  );
  return { jobIds: payloads.map((p) => extractJobId(p.snapshotId)) };
}
