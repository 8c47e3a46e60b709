import { randomBytes } from "node:crypto";
import { createTestDb } from "@trackwatch/db/testing";
import { type NotifierConfig, type NotifierWorkers, startNotifierWorkers } from "@trackwatch/notifier";
import { createDigestQueue, createEmailQueue, createRedis } from "@trackwatch/queue";
import { type SmtpSink, type SmtpSinkOptions, startSmtpSink } from "@trackwatch/testkit";
import { pino } from "pino";

/**
 * The real notifier workers (digest + email queues, outbox sweep) in this process, on a fresh
 * PostgreSQL database, Redis under a random prefix and the testkit SMTP sink; `close` removes all.
 */
export async function startNotifierOnSink(
  options: { sink?: SmtpSinkOptions; sweepIntervalMs?: number } = {},
) {
  const database = await createTestDb("postgres");
  const sink: SmtpSink = await startSmtpSink(options.sink);
  const prefix = `{tw-faults-smtp-${randomBytes(4).toString("hex")}}`;
  const redis = createRedis(process.env.REDIS_URL ?? "redis://127.0.0.1:6379", { role: "worker" });
  const config: NotifierConfig = {
    DATA_DIR: "/tmp/trackwatch-faults-notifier",
    SMTP_URL: sink.url,
    SMTP_POOL_SIZE: 3,
    MAIL_FROM: "Trackwatch <digest@trackwatch.test>",
    DKIM_DOMAIN: undefined,
    DKIM_SELECTOR: undefined,
    DKIM_PRIVATE_KEY: undefined,
    PUBLIC_URL: "http://trackwatch.test",
    QUEUE_PREFIX: prefix,
    TZ: "Asia/Shanghai",
    DELIVERY_STALE_MS: 6_000,
  };
  const digestQueue = createDigestQueue(redis, prefix);
  const emailQueue = createEmailQueue(redis, prefix);
  let workers: NotifierWorkers | undefined;
  return {
    db: database.db,
    sink,
    digestQueue,
    emailQueue,
    async start() {
      workers = await startNotifierWorkers({
        db: database.db,
        redis,
        config,
        logger: pino({ level: process.env.FAULTS_LOG_LEVEL ?? "silent" }),
        schedule: false,
        digestSettleMs: 0,
        sweepIntervalMs: options.sweepIntervalMs ?? 1_000,
        // Short client timeouts so a dead server is noticed within a retry's backoff.
        transportOptions: {
          smtp: { connectionTimeout: 2_000, greetingTimeout: 2_000, socketTimeout: 5_000 },
        },
      });
      return workers;
    },
    async close() {
      await workers?.close();
      for (const queue of [digestQueue, emailQueue]) {
        await queue.obliterate({ force: true }).catch(() => {});
        await queue.close();
      }
      const keys = await redis.keys(`${prefix}:*`);
      if (keys.length > 0) await redis.del(...keys);
      await redis.quit();
      await sink.close();
      await database.close();
    },
  };
}

export type NotifierOnSink = Awaited<ReturnType<typeof startNotifierOnSink>>;
