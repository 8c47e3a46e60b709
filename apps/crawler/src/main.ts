import { loadSources } from "@trackwatch/crawl";
import { createDb, migrate, syncSources } from "@trackwatch/db";
import { connectRedis, createCrawlQueue, queuePrefix, upsertSourceSchedulers } from "@trackwatch/queue";
import { createCrawlDeps } from "./create-crawl-deps.ts";
import { createLogger } from "./create-logger.ts";
import { getCrawlerConfig } from "./env.ts";
import { policyExtractor } from "./policy-extractor.ts";
import { startCrawlerWorkers } from "./start-crawler-workers.ts";

/**
 * The crawler process on its own: config → database → Redis → fetcher, robots, politeness →
 * workers for `crawl` and `extract` → schedulers (leader only). SIGTERM/SIGINT close the workers
 * (bounded wait), then the fetcher, Redis and the database; a second signal exits at once.
 */
async function main(): Promise<void> {
  const config = getCrawlerConfig();
  const log = createLogger({ level: config.LOG_LEVEL, name: "crawler" });
  const sources = await loadSources(config.TRACKWATCH_SOURCES);
  const database = await createDb(config);
  await migrate(database.db);
  await syncSources(database.db, {
    sources: sources.map((s) => ({
      id: s.id,
      name: s.name,
      issuer: s.issuer ?? null,
      enabled: s.enabled,
      definition: s as unknown as Record<string, unknown>,
    })),
  });
  const redis = await connectRedis(config.REDIS_URL, { role: "worker" });
  const prefix = queuePrefix(config);
  const crawl = createCrawlDeps({ config, sources, redis });
  const workers = await startCrawlerWorkers({
    db: database.db,
    connection: redis,
    prefix,
    crawl,
    extractor: policyExtractor,
    log,
  });
  const crawlQueue = createCrawlQueue(redis, prefix);
  const schedulers = await upsertSourceSchedulers(crawlQueue, sources, { tz: config.TZ, redis });
  if (schedulers.leader) {
    log.info({ upserted: schedulers.upserted, removed: schedulers.removed }, "source schedulers updated");
  }
  for (const problem of schedulers.invalid) log.error(problem, "source not scheduled");
  await crawlQueue.close();

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) {
      log.warn({ signal }, "second signal: exiting now");
      process.exit(130);
    }
    stopping = true;
    log.info({ signal }, "shutting down");
    try {
      await workers.close({ timeoutMs: 10_000 });
      await crawl.close();
      redis.disconnect();
      await database.close();
      log.info("stopped");
      process.exit(0);
    } catch (error) {
      log.error({ err: error }, "error during shutdown");
      process.exit(1);
    }
  };
  process.on("SIGTERM", () => void stop("SIGTERM"));
  process.on("SIGINT", () => void stop("SIGINT"));
}

main().catch((error: unknown) => {
  process.stderr.write(`trackwatch crawler: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
