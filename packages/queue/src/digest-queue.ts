import { type ConnectionOptions, type JobsOptions, Queue } from "bullmq";
import { z } from "zod";

export const DIGEST_QUEUE = "digest";

export const digestJobSchema = z.object({ frequency: z.enum(["immediate", "daily", "weekly"]) });
export type DigestJob = z.infer<typeof digestJobSchema>;

/**
 * A digest run only writes outbox rows and is idempotent per subscriber and window, so retries are
 * safe; they matter when PostgreSQL blips at 08:00.
 */
export const DIGEST_JOB_OPTIONS = {
  attempts: 5,
  backoff: { type: "exponential", delay: 10_000 },
  removeOnComplete: { age: 7 * 24 * 3600, count: 1_000 },
  removeOnFail: { age: 30 * 24 * 3600 },
} satisfies JobsOptions;

/** Immediate subscribers hear about a crawl's changes this long after the first of them. */
export const IMMEDIATE_DIGEST_DELAY_MS = 30_000;

export const DIGEST_SCHEDULES = {
  daily: { id: "digest-daily", pattern: "0 8 * * *" },
  weekly: { id: "digest-weekly", pattern: "0 8 * * 1" },
} as const;

export type DigestQueue = Queue<DigestJob>;

export function createDigestQueue(connection: ConnectionOptions, prefix: string): DigestQueue {
  return new Queue<DigestJob>(DIGEST_QUEUE, { connection, prefix, defaultJobOptions: DIGEST_JOB_OPTIONS });
}

/**
 * Called by the extract processor after it appended changes. The first call opens a delayed run;
 * calls during the delay are dropped by BullMQ deduplication, so one crawl that changes five
 * targets yields one mail per immediate subscriber. The dedup window ends a little before the run
 * starts: a call in between opens another run rather than being lost.
 */
export async function enqueueImmediateDigest(
  queue: DigestQueue,
  options: { delayMs?: number } = {},
): Promise<{ jobId: string | undefined }> {
  const delay = options.delayMs ?? IMMEDIATE_DIGEST_DELAY_MS;
  const job = await queue.add(
    "digest immediate",
    { frequency: "immediate" },
    {
      ...DIGEST_JOB_OPTIONS,
      delay,
      deduplication: { id: "digest-immediate", ttl: Math.max(1, delay - 2_000) },
    },
  );
  return { jobId: job.id };
}

/** A manual run (`trackwatch digest --frequency daily --send`, tests). */
export async function enqueueDigest(
  queue: DigestQueue,
  input: DigestJob,
): Promise<{ jobId: string | undefined }> {
  const payload = digestJobSchema.parse(input);
  const job = await queue.add(`digest ${payload.frequency}`, payload, DIGEST_JOB_OPTIONS);
  return { jobId: job.id };
}

/** A safety net under enqueueImmediateDigest: immediate subscribers are checked this often anyway. */
export const IMMEDIATE_DIGEST_SWEEP_MS = 30_000;

/**
 * Daily at 08:00 and Mondays at 08:00 in the configured zone, plus an immediate run every 30 s so
 * that immediate subscribers hear within a minute even of changes whose producer did not call
 * enqueueImmediateDigest (a run with nothing new costs two small queries). upsertJobScheduler is
 * idempotent and these ids never change, so every notifier may call this at start without a
 * leader lock.
 */
export async function upsertDigestSchedulers(queue: DigestQueue, options: { tz: string }): Promise<void> {
  for (const frequency of ["daily", "weekly"] as const) {
    const { id, pattern } = DIGEST_SCHEDULES[frequency];
    await queue.upsertJobScheduler(
      id,
      { pattern, tz: options.tz },
      { name: `digest ${frequency}`, data: { frequency }, opts: DIGEST_JOB_OPTIONS },
    );
  }
  await queue.upsertJobScheduler(
    "digest-immediate-sweep",
    { every: IMMEDIATE_DIGEST_SWEEP_MS },
    {
      name: "digest immediate",
      data: { frequency: "immediate" },
      opts: { ...DIGEST_JOB_OPTIONS, removeOnComplete: true, removeOnFail: { age: 24 * 3600 } },
    },
  );
}
