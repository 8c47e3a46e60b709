import type { Db } from "@trackwatch/db";
import { type DigestJob, digestJobSchema, type EmailQueue, enqueueEmails } from "@trackwatch/queue";
import { type Job, UnrecoverableError } from "bullmq";
import type { Logger } from "pino";
import { runDigest } from "../run-digest.ts";

export interface DigestProcessorDeps {
  db: Db;
  emailQueue: EmailQueue;
  tz: string;
  messageDomain: string;
  settleMs?: number;
  logger: Logger;
}

/**
 * One digest run: outbox rows first (committed per batch of subscribers), then one email job per
 * row. A crash in between loses nothing: the outbox sweep enqueues what has no job.
 */
export function createDigestProcessor(deps: DigestProcessorDeps) {
  return async (job: Job<DigestJob>) => {
    const parsed = digestJobSchema.safeParse(job.data);
    if (!parsed.success) throw new UnrecoverableError(`invalid digest job: ${parsed.error.message}`);
    // The scheduler creates each job ahead of time with a delay: the due time picks the window.
    const at = new Date(job.timestamp + (job.opts.delay ?? 0));
    // Email jobs go out batch by batch: sending starts while later subscribers are still recorded.
    const result = await runDigest(deps.db, {
      frequency: parsed.data.frequency,
      at,
      tz: deps.tz,
      messageDomain: deps.messageDomain,
      settleMs: deps.settleMs,
      onBatch: async (ids) => {
        await enqueueEmails(
          deps.emailQueue,
          ids.map((deliveryId) => ({ deliveryId })),
        );
      },
    });
    deps.logger.info(
      { queue: "digest", jobId: job.id, window: result.windowKey, deliveries: result.deliveryIds.length },
      "digest run recorded",
    );
    return { windowKey: result.windowKey, deliveries: result.deliveryIds.length };
  };
}
