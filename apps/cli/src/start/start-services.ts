import type { Env } from "@trackwatch/config";
import { loadSources, type Source } from "@trackwatch/crawl";
import {
  createCrawlDeps,
  createLogger,
  createSourceHealthAlert,
  keepSourcesScheduled,
  policyExtractor,
  startCrawlerWorkers,
} from "@trackwatch/crawler";
import { createDb, type Db, migrate, syncSources } from "@trackwatch/db";
import { createMetrics, serveMetrics, type TrackwatchMetrics } from "@trackwatch/metrics";
import { startNotifierWorkers } from "@trackwatch/notifier";
import {
  connectRedis,
  createCrawlQueue,
  createDigestQueue,
  createEmailQueue,
  createExtractQueue,
  queuePrefix,
} from "@trackwatch/queue";
import { startWeb } from "@trackwatch/web";
import type { Worker } from "bullmq";
import type { Logger } from "pino";
import { logJobOutcomes } from "./log-job-outcomes.ts";
import type { Role } from "./roles.ts";

const CLOSE_GRACE_MS = 5_000;
// Parts closed after one that ran over still get this long (Redis and the database close in ms).
const MIN_CLOSE_MS = 2_000;

export interface ScheduledRun {
  sourceId: string;
  name: string;
  next: Date | null;
}

export interface RunningServices {
  log: Logger;
  db: Db;
  sources: Source[];
  url: string | null;
  /** Where this process's /metrics is served: the web app's, else METRICS_PORT's, else null. */
  metricsUrl: string | null;
  metrics: TrackwatchMetrics;
  schedule: ScheduledRun[];
  /**
   * Stops taking jobs, waits up to `timeoutMs` for running ones, then closes browser, Redis and the
   * database. Resolves within `timeoutMs` plus a few seconds, naming the parts left open if any;
   * `handedBack` when those are only parts serving running jobs (BullMQ redelivers them).
   */
  close(options?: { timeoutMs?: number }): Promise<{ leftOpen: string[]; handedBack: boolean }>;
}

/**
 * Starts the chosen apps in this process on shared resources: migrations first, then one
 * database handle (PGlite allows only one process), Redis connections, workers, schedulers and
 * the web server. Whatever was opened before a failure is closed again before the error is thrown.
 */
export async function startServices(
  config: Env,
  roles: Role[],
  options: { sourcesFile?: string; log?: Logger } = {},
): Promise<RunningServices> {
  const log = options.log ?? createLogger({ level: config.LOG_LEVEL, name: "trackwatch" });
  // `handsBack`: the part serves running jobs; still closing at the bound means a job is handed back.
  const closers: Array<{
    name: string;
    close: (timeoutMs: number) => Promise<unknown>;
    handsBack?: boolean;
  }> = [];
  // Every part gets the shutdown bound plus this grace; a part still closing after that is left
  // behind (a worker's running job then returns to the queue when its lock lapses) so that the
  // process always exits within a bound an init system can rely on.
  const closeAll = async (timeoutMs: number): Promise<{ leftOpen: string[]; handedBack: boolean }> => {
    const deadline = Date.now() + timeoutMs + CLOSE_GRACE_MS;
    const leftOpen: string[] = [];
    let handedBack = true;
    for (const { name, close, handsBack } of closers.reverse()) {
      let timer: NodeJS.Timeout | undefined;
      const bound = new Promise<"bound">((resolve) => {
        timer = setTimeout(() => resolve("bound"), Math.max(MIN_CLOSE_MS, deadline - Date.now()));
      });
      try {
        if ((await Promise.race([close(timeoutMs), bound])) === "bound") {
          leftOpen.push(name);
          handedBack &&= handsBack === true;
          log.warn({ part: name, timeoutMs }, "still closing at the shutdown bound; leaving it");
        }
      } catch (error) {
        log.error({ err: error, part: name }, "error while closing");
      } finally {
        clearTimeout(timer);
      }
    }
    closers.length = 0;
    return { leftOpen, handedBack: leftOpen.length > 0 && handedBack };
  };

  try {
    const sources = await loadSources(options.sourcesFile ?? config.TRACKWATCH_SOURCES);
    // Redis first: without it nothing runs, and saying so should not wait for migrations.
    const redis = await connectRedis(config.REDIS_URL, { role: "worker" });
    closers.push({ name: "redis", close: async () => redis.disconnect() });
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

    const prefix = queuePrefix(config);
    // One registry for everything this process runs; under `trackwatch start` the web app serves
    // the workers' counters too. In a fleet each process exposes its own (METRICS_PORT for workers).
    const metrics = createMetrics();
    let url: string | null = null;
    let metricsUrl: string | null = null;
    let schedule: ScheduledRun[] = [];

    if (roles.includes("crawler")) {
      const crawl = createCrawlDeps({ config, sources, redis });
      closers.push({ name: "fetcher", close: () => crawl.close(), handsBack: true });
      // Source-health alerts: an outbox row and an email job, sent by the notifier.
      const alertQueue = createEmailQueue(redis, prefix);
      closers.push({ name: "alert queue", close: () => alertQueue.close() });
      const workers = await startCrawlerWorkers({
        db: database.db,
        connection: redis,
        prefix,
        crawl,
        extractor: policyExtractor,
        log,
        onHealthChange: createSourceHealthAlert({
          db: database.db,
          emailQueue: alertQueue,
          adminEmail: config.ADMIN_EMAIL,
          publicUrl: config.PUBLIC_URL,
          mailFrom: config.MAIL_FROM,
          log,
        }),
      });
      closers.push({
        name: "crawler workers",
        close: (timeoutMs) => workers.close({ timeoutMs }),
        handsBack: true,
      });
      for (const worker of [workers.crawlWorker, workers.extractWorker]) {
        metrics.recordWorker(worker);
        logJobOutcomes(worker as Worker, log);
      }
      const schedules = await keepSourcesScheduled({ redis, prefix, sources, tz: config.TZ, log });
      schedule = schedules.first.upserted.map((u) => ({
        sourceId: u.sourceId,
        name: sources.find((s) => s.id === u.sourceId)?.name ?? u.sourceId,
        next: u.next,
      }));
      closers.push({ name: "scheduler watch", close: async () => schedules.stop() });
    }

    if (roles.includes("notifier")) {
      const workers = await startNotifierWorkers({ db: database.db, redis, config, logger: log });
      closers.push({ name: "notifier workers", close: () => workers.close(), handsBack: true });
      for (const worker of [workers.workers.digest, workers.workers.email]) {
        metrics.recordWorker(worker);
        logJobOutcomes(worker as Worker, log);
      }
    }

    const metricsPort = roles.includes("web") ? undefined : config.METRICS_PORT;
    if (roles.includes("web") || metricsPort !== undefined) {
      // Requests and scrapes must fail fast when Redis is down, so they get a producer connection.
      const producer = await connectRedis(config.REDIS_URL, { role: "producer" });
      closers.push({ name: "producer redis", close: async () => producer.disconnect() });
      const queues = {
        crawl: createCrawlQueue(producer, prefix),
        extract: createExtractQueue(producer, prefix),
        digest: createDigestQueue(producer, prefix),
        email: createEmailQueue(producer, prefix),
      };
      closers.push({
        name: "producer queues",
        close: () => Promise.allSettled(Object.values(queues).map((queue) => queue.close())),
      });
      metrics.watchQueues(Object.values(queues));
      if (roles.includes("web")) {
        const web = await startWeb({
          db: database.db,
          config,
          queues,
          redis: producer,
          log,
          sources,
          metrics,
        });
        closers.push({ name: "web server", close: () => web.close() });
        url = web.url;
        metricsUrl = `${web.url}/metrics`;
      } else if (metricsPort !== undefined) {
        const server = await serveMetrics(metrics, { port: metricsPort, host: config.HOST });
        closers.push({ name: "metrics server", close: () => server.close() });
        metricsUrl = server.url;
        log.info({ url: server.url }, "metrics listening");
      }
    }

    return {
      log,
      db: database.db,
      sources,
      url,
      metricsUrl,
      metrics,
      schedule,
      close: (closeOptions) => closeAll(closeOptions?.timeoutMs ?? 10_000),
    };
  } catch (error) {
    await closeAll(2_000);
    throw error;
  }
}
