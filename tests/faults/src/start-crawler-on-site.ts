import { randomBytes } from "node:crypto";
import { createFetcher, createPoliteness, createRobots, type Source, sourceSchema } from "@trackwatch/crawl";
import {
  type CrawlerWorkers,
  type CrawlJobResult,
  policyExtractor,
  startCrawlerWorkers,
} from "@trackwatch/crawler";
import { syncSources } from "@trackwatch/db";
import { createTestDb } from "@trackwatch/db/testing";
import {
  CRAWL_QUEUE,
  createCrawlQueue,
  createJobFollower,
  createRedis,
  enqueueRecrawl,
} from "@trackwatch/queue";
import { type FixtureSite, type FixtureSiteOptions, startFixtureSite } from "@trackwatch/testkit";
import { pino } from "pino";

const REDIS_URL = process.env.REDIS_URL ?? "redis://127.0.0.1:6379";

/**
 * The real crawler workers (crawl + extract queues, policy extractor) in this process over the
 * fixture site, a fresh PostgreSQL database and Redis under a random prefix. Fetch timeouts are
 * short so that a slowloris page costs seconds, not the production minute.
 */
export async function startCrawlerOnSite(
  options: { site?: FixtureSiteOptions; totalTimeoutMs?: number } = {},
) {
  const site: FixtureSite = await startFixtureSite(options.site);
  const database = await createTestDb("postgres");
  const db = database.db;
  const { municipal, commission } = site.sources();
  const sources: Source[] = [municipal, commission].map((s) => sourceSchema.parse(s));
  await syncSources(db, {
    sources: sources.map((s) => ({
      id: s.id,
      name: s.name,
      definition: s as unknown as Record<string, unknown>,
    })),
  });
  const prefix = `{tw-faults-crawl-${randomBytes(4).toString("hex")}}`;
  const redis = createRedis(REDIS_URL, { role: "worker" });
  const privateHosts = [...new Set(sources.flatMap((s) => s.allow.map((h) => h.replace(/:\d+$/, ""))))];
  const fetcher = createFetcher({
    privateHosts,
    retries: 0,
    totalTimeoutMs: options.totalTimeoutMs ?? 4_000,
    bodyIdleTimeoutMs: 3_000,
    headersTimeoutMs: 3_000,
  });
  const workers: CrawlerWorkers = await startCrawlerWorkers({
    db,
    connection: redis,
    prefix,
    crawl: {
      fetcher,
      robots: createRobots({ fetcher }),
      politeness: createPoliteness(redis, { prefix: `${prefix}:polite` }),
      renderer: null,
      concurrency: 4,
      defaultSpacingMs: 0,
    },
    extractor: policyExtractor,
    log: pino({ level: process.env.FAULTS_LOG_LEVEL ?? "silent" }),
    concurrency: { crawl: 2, extract: 2 },
  });
  const crawlQueue = createCrawlQueue(redis, prefix);
  const follower = await createJobFollower(CRAWL_QUEUE, {
    connection: createRedis(REDIS_URL, { role: "worker" }),
    prefix,
  });

  return {
    site,
    db,
    sources,
    /** Recrawls every source through the crawl queue and waits for the runs and their extractions. */
    async crawlAll(): Promise<CrawlJobResult[]> {
      const jobs = await Promise.all(
        sources.map((s) => enqueueRecrawl(crawlQueue, { sourceId: s.id, requestedBy: "faults" })),
      );
      const results = (await Promise.all(
        jobs.map(({ jobId }) => follower.wait(jobId, { timeoutMs: 120_000 })),
      )) as CrawlJobResult[];
      const deadline = Date.now() + 120_000;
      for (;;) {
        const counts = await workers.extractQueue.getJobCounts("waiting", "active", "delayed", "prioritized");
        if (Object.values(counts).every((n) => n === 0)) break;
        if (Date.now() > deadline) throw new Error(`extract jobs still pending: ${JSON.stringify(counts)}`);
        await new Promise((resolve) => setTimeout(resolve, 200));
      }
      return results;
    },
    async close() {
      await follower.close();
      await workers.close({ timeoutMs: 5_000 });
      await crawlQueue.obliterate({ force: true }).catch(() => {});
      await workers.extractQueue.obliterate({ force: true }).catch(() => {});
      await crawlQueue.close();
      await fetcher.close();
      const keys = await redis.keys(`${prefix}*`);
      if (keys.length > 0) await redis.del(...keys);
      redis.disconnect();
      await database.close();
      await site.close();
    },
  };
}

export type CrawlerOnSite = Awaited<ReturnType<typeof startCrawlerOnSite>>;
