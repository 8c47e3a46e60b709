import type { Env } from "@trackwatch/config";
import { type Db, expirePendingSubscribers } from "@trackwatch/db";
import { createMailTransport, type MailTransport, messageIdDomain } from "@trackwatch/mail";
import {
  createDigestQueue,
  createEmailQueue,
  DIGEST_QUEUE,
  type DigestJob,
  EMAIL_QUEUE,
  type EmailJob,
  onRedisReconnect,
  queuePrefix,
  upsertDigestSchedulers,
} from "@trackwatch/queue";
import { Worker } from "bullmq";
import type { Redis } from "ioredis";
import type { Logger } from "pino";
import { createOutboxBatching } from "./outbox-batching.ts";
import { createDigestProcessor } from "./processors/digest.ts";
import { createEmailProcessor } from "./processors/email.ts";
import { createDeliveryRenderer } from "./render-delivery.ts";
import { requeuePendingDeliveries } from "./requeue-pending-deliveries.ts";

/**
 * A job spends most of its time waiting for its claim and its sent record, which go to the
 * database in batches shared by the jobs in flight; with 4 per connection the SMTP pool sat idle
 * between batches (bench/digest.ts: 20 in flight sent about half as fast as 100). A job waiting
 * for a connection costs little; a crash resends at most the jobs in flight.
 */
export const EMAIL_JOBS_PER_CONNECTION = 20;

export type NotifierConfig = Pick<
  Env,
  | "DATA_DIR"
  | "SMTP_URL"
  | "SMTP_POOL_SIZE"
  | "MAIL_FROM"
  | "DKIM_DOMAIN"
  | "DKIM_SELECTOR"
  | "DKIM_PRIVATE_KEY"
  | "PUBLIC_URL"
  | "QUEUE_PREFIX"
  | "TZ"
  | "DELIVERY_STALE_MS"
>;

export interface NotifierDeps {
  db: Db;
  /** A worker-role connection (maxRetriesPerRequest: null); BullMQ duplicates it as needed. */
  redis: Redis;
  config: NotifierConfig;
  logger: Logger;
  /** Defaults to the transport the config describes. */
  transport?: MailTransport;
  /** Pool and timeout overrides for that transport. */
  transportOptions?: Parameters<typeof createMailTransport>[1];
  /** Outbox sweep period. */
  sweepIntervalMs?: number;
  /** Email jobs in flight; defaults to EMAIL_JOBS_PER_CONNECTION per pooled connection. */
  emailConcurrency?: number;
  /** Register the daily/weekly schedulers (off for tests that drive runs by hand). */
  schedule?: boolean;
  /** See getDigestHorizon; tests that append changes just before a run pass 0. */
  digestSettleMs?: number;
}

export interface NotifierWorkers {
  transport: MailTransport;
  /** The digest and email workers, for callers that record their events (metrics). */
  workers: { digest: Worker<DigestJob>; email: Worker<EmailJob> };
  /** Stops taking jobs, waits for the ones in flight, then closes queues and the transport. */
  close(): Promise<void>;
}

/**
 * The digest and email workers, the schedulers and the outbox sweep, over connections the caller
 * owns (so `trackwatch start` can run them in-process next to the other apps).
 */
export async function startNotifierWorkers(deps: NotifierDeps): Promise<NotifierWorkers> {
  const { db, redis, config, logger } = deps;
  const prefix = queuePrefix(config);
  const transport = deps.transport ?? createMailTransport(config, deps.transportOptions);
  const staleAfterMs = config.DELIVERY_STALE_MS;
  // A dead worker's job comes back when its lock lapses; keep that shorter than a stale claim.
  const lockDuration = Math.min(30_000, Math.max(5_000, Math.floor(staleAfterMs / 2)));

  const digestQueue = createDigestQueue(redis, prefix);
  const emailQueue = createEmailQueue(redis, prefix);
  if (deps.schedule !== false) await upsertDigestSchedulers(digestQueue, { tz: config.TZ });

  const sendDeps = {
    db,
    transport,
    from: config.MAIL_FROM,
    publicUrl: config.PUBLIC_URL,
    staleAfterMs,
    renderer: createDeliveryRenderer({ db, from: config.MAIL_FROM, publicUrl: config.PUBLIC_URL }),
    ...createOutboxBatching(db, { staleAfterMs: staleAfterMs }),
  };
  const digestWorker = new Worker<DigestJob>(
    DIGEST_QUEUE,
    createDigestProcessor({
      db,
      emailQueue,
      tz: config.TZ,
      messageDomain: messageIdDomain(config.MAIL_FROM),
      settleMs: deps.digestSettleMs,
      logger,
    }),
    { connection: redis, prefix, concurrency: 1, lockDuration, stalledInterval: lockDuration },
  );
  const emailWorker = new Worker<EmailJob>(EMAIL_QUEUE, createEmailProcessor({ ...sendDeps, logger }), {
    connection: redis,
    prefix,
    concurrency: deps.emailConcurrency ?? config.SMTP_POOL_SIZE * EMAIL_JOBS_PER_CONNECTION,
    lockDuration,
    stalledInterval: lockDuration,
  });
  for (const [queue, worker] of [
    [DIGEST_QUEUE, digestWorker],
    [EMAIL_QUEUE, emailWorker],
  ] as const) {
    worker.on("error", (error) => logger.error({ queue, err: error }, "worker error"));
    worker.on("failed", (job, error) =>
      logger.warn(
        { queue, jobId: job?.id, attempts: job?.attemptsMade, outcome: "failed", err: error.message },
        "job failed",
      ),
    );
  }

  const sweep = async () => {
    try {
      const requeued = await requeuePendingDeliveries(db, emailQueue, { staleAfterMs });
      const expired = await expirePendingSubscribers(db);
      if (requeued || expired) logger.info({ queue: EMAIL_QUEUE, requeued, expired }, "outbox sweep");
    } catch (error) {
      logger.error({ queue: EMAIL_QUEUE, err: error }, "outbox sweep failed");
    }
  };
  await sweep();
  const timer = setInterval(() => void sweep(), deps.sweepIntervalMs ?? 60_000);
  timer.unref();
  // A Redis that restarted empty lost the digest schedulers and every email job: re-create the
  // schedulers and sweep the outbox now rather than at the next tick.
  const stopWatching = onRedisReconnect(redis, () => {
    void (async () => {
      try {
        if (deps.schedule !== false) await upsertDigestSchedulers(digestQueue, { tz: config.TZ });
      } catch (error) {
        logger.error({ queue: DIGEST_QUEUE, err: error }, "could not re-create the digest schedulers");
      }
      await sweep();
    })();
  });
  logger.info(
    { queues: [DIGEST_QUEUE, EMAIL_QUEUE], transport: transport.kind, to: transport.location },
    "notifier started",
  );

  let closed = false;
  return {
    transport,
    workers: { digest: digestWorker, email: emailWorker },
    async close() {
      if (closed) return;
      closed = true;
      clearInterval(timer);
      stopWatching();
      await Promise.all([digestWorker.close(), emailWorker.close()]);
      await Promise.all([digestQueue.close(), emailQueue.close()]);
      if (!deps.transport) transport.close();
    },
  };
}
