import { loadSources } from "@trackwatch/crawl";
import { createDb, migrate, syncSources } from "@trackwatch/db";
import { connectRedis, createEmailQueue, queuePrefix } from "@trackwatch/queue";
import { createSourceHealthAlert } from "./alert-source-health.ts";
import { createCrawlDeps } from "./create-crawl-deps.ts";
import { createLogger } from "./create-logger.ts";
import { getCrawlerConfig } from "./env.ts";
import { keepSourcesScheduled } from "./keep-sources-scheduled.ts";
import { policyExtractor } from "./policy-extractor.ts";
import { startCrawlerWorkers } from "./start-crawler-workers.ts";

/** Running jobs get this long to finish after SIGTERM; then they are handed back to the queue. */
const SHUTDOWN_GRACE_MS = 10_000;

/**
 * The crawler process on its own: config → database → Redis → fetcher, robots, politeness, browser →
 * workers for `crawl` and `extract` → schedulers (leader only). SIGTERM/SIGINT close the workers
 * (bounded wait), then the browser and fetcher, Redis and the database, in reverse order of opening;
 * a second signal exits at once.
 */
let stopping = false;

async function main(): Promise<void> {
  const config = getCrawlerConfig();
  const log = createLogger({ level: config.LOG_LEVEL, name: "crawler" });
  // Closed in reverse order; registered as each thing opens, so a signal during start-up closes what exists.
  const closers: { name: string; close: () => Promise<void> | void }[] = [];
  const stop = async (signal: string) => {
    if (stopping) {
      log.warn({ signal }, "second signal: exiting now");
      process.exit(130);
    }
    stopping = true;
    log.info({ signal }, "shutting down");
    let failed = false;
    for (const closer of closers.reverse()) {
      try {
        await closer.close();
      } catch (error) {
        failed = true;
        log.error({ err: error, what: closer.name }, "error during shutdown");
      }
    }
    log.info("stopped");
    process.exit(failed ? 1 : 0);
  };
  process.on("SIGTERM", () => void stop("SIGTERM"));
  process.on("SIGINT", () => void stop("SIGINT"));

  const sources = await loadSources(config.TRACKWATCH_SOURCES);
  const database = await createDb(config);
  closers.push({ name: "database", close: () => database.close() });
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
  closers.push({ name: "redis", close: () => redis.disconnect() });
  const prefix = queuePrefix(config);
  const crawl = createCrawlDeps({ config, sources, redis });
  closers.push({ name: "fetcher and browser", close: () => crawl.close() });
  if (stopping) return;
  // Source-health alerts go through the outbox and the notifier's email queue.
  const emailQueue = createEmailQueue(redis, prefix);
  closers.push({ name: "email queue", close: () => emailQueue.close() });
  const workers = await startCrawlerWorkers({
    db: database.db,
    connection: redis,
    prefix,
    crawl,
    extractor: policyExtractor,
    log,
    onHealthChange: createSourceHealthAlert({
      db: database.db,
      emailQueue,
      adminEmail: config.ADMIN_EMAIL,
      publicUrl: config.PUBLIC_URL,
      mailFrom: config.MAIL_FROM,
      log,
    }),
  });
  closers.push({ name: "workers", close: () => workers.close({ timeoutMs: SHUTDOWN_GRACE_MS }) });

  const schedules = await keepSourcesScheduled({ redis, prefix, sources, tz: config.TZ, log });
  closers.push({ name: "scheduler watch", close: schedules.stop });
  log.info({ sources: sources.length, prefix }, "crawler ready");
}

main().catch((error: unknown) => {
  // A signal during start-up closes connections under the steps still running; that is not a failure.
  if (stopping) return;
  process.stderr.write(`trackwatch crawler: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
