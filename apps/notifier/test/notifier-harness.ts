import { randomBytes } from "node:crypto";
import type { Database } from "@trackwatch/db";
import { createDigestQueue, createEmailQueue, createRedis } from "@trackwatch/queue";
import { type SmtpSink, startSmtpSink } from "@trackwatch/testkit";
import { pino } from "pino";
import {
  type NotifierConfig,
  type NotifierWorkers,
  startNotifierWorkers,
} from "../src/start-notifier-workers.ts";
import { createPostgresTestDb } from "./postgres-test-db.ts";

export const REDIS_URL = process.env.REDIS_URL ?? "redis://127.0.0.1:6379";

export function testConfig(sink: SmtpSink, prefix: string): NotifierConfig {
  return {
    DATA_DIR: "/tmp/trackwatch-notifier-test",
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
}

/** Real PostgreSQL, Redis under a random prefix, an SMTP sink; everything removed by `close`. */
export async function startHarness(options: { sink?: Parameters<typeof startSmtpSink>[0] } = {}) {
  const database: Database & { url: string; cleanup(): Promise<void> } = await createPostgresTestDb();
  const sink = await startSmtpSink(options.sink);
  const prefix = `{twtest-${randomBytes(4).toString("hex")}}`;
  const redis = createRedis(REDIS_URL, { role: "worker" });
  const config = testConfig(sink, prefix);
  const digestQueue = createDigestQueue(redis, prefix);
  const emailQueue = createEmailQueue(redis, prefix);
  let workers: NotifierWorkers | undefined;
  const logger = pino({ level: process.env.TEST_LOG_LEVEL ?? "silent" });
  return {
    db: database.db,
    database,
    sink,
    redis,
    prefix,
    config,
    digestQueue,
    emailQueue,
    async start(extra: { schedule?: boolean } = {}) {
      workers = await startNotifierWorkers({
        db: database.db,
        redis,
        config,
        logger,
        schedule: extra.schedule ?? false,
        digestSettleMs: 0,
        sweepIntervalMs: 1_000,
        transportOptions: {
          smtp: { connectionTimeout: 2_000, greetingTimeout: 2_000, socketTimeout: 5_000 },
        },
      });
      return workers;
    },
    async close() {
      await workers?.close();
      await digestQueue.obliterate({ force: true }).catch(() => {});
      await emailQueue.obliterate({ force: true }).catch(() => {});
      for (const id of ["digest-daily", "digest-weekly", "digest-immediate-sweep"])
        await digestQueue.removeJobScheduler(id).catch(() => {});
      await digestQueue.close();
      await emailQueue.close();
      const keys = await redis.keys(`${prefix}:*`);
      if (keys.length > 0) await redis.del(...keys);
      await redis.quit();
      await sink.close();
      await database.cleanup();
    },
  };
}

export type Harness = Awaited<ReturnType<typeof startHarness>>;

/** Polls until `check` holds, or throws after `timeoutMs` naming what was awaited. */
export async function waitFor<T>(
  what: string,
  check: () => Promise<T | false>,
  timeoutMs = 60_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const result = await check();
    if (result !== false) return result;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}
