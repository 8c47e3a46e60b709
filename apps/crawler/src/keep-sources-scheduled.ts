import {
  createCrawlQueue,
  onRedisReconnect,
  type ScheduledSource,
  type UpsertSchedulersResult,
  upsertSourceSchedulers,
} from "@trackwatch/queue";
import type { Redis } from "ioredis";
import type { Logger } from "pino";

export interface SourceSchedules {
  /** What the upsert at start did (empty unless this process was the leader). */
  first: UpsertSchedulersResult;
  /** Stops re-creating the schedulers on reconnect. */
  stop: () => void;
}

/**
 * Upserts the sources' crawl schedulers now (leader only) and again each time Redis is back after a
 * lost connection: a Redis that restarted empty lost them, and without this no source would be
 * crawled on schedule again. Shared by the crawler process and `trackwatch start`.
 */
export async function keepSourcesScheduled(deps: {
  redis: Redis;
  prefix: string;
  sources: ScheduledSource[];
  tz: string;
  log: Logger;
}): Promise<SourceSchedules> {
  const { redis, prefix, sources, tz, log } = deps;
  const upsert = async () => {
    const crawlQueue = createCrawlQueue(redis, prefix);
    try {
      const result = await upsertSourceSchedulers(crawlQueue, sources, { tz, redis });
      if (result.leader) {
        log.info({ upserted: result.upserted, removed: result.removed }, "source schedulers updated");
      }
      for (const problem of result.invalid) log.error(problem, "source not scheduled");
      return result;
    } finally {
      await crawlQueue.close();
    }
  };
  const first = await upsert();
  const stop = onRedisReconnect(redis, () => {
    upsert().catch((error: unknown) =>
      log.error({ err: error }, "could not re-create the source schedulers"),
    );
  });
  return { first, stop };
}
