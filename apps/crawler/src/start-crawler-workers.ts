import type { Db } from "@trackwatch/db";
import {
  CRAWL_QUEUE,
  type CrawlJob,
  createCrawlQueue,
  createDigestQueue,
  createExtractQueue,
  EXTRACT_QUEUE,
  type ExtractJob,
  type ExtractQueue,
  onRedisReconnect,
  releaseRecrawl,
} from "@trackwatch/queue";
import { type Job, Worker } from "bullmq";
import type { Redis } from "ioredis";
import type { Logger } from "pino";
import type { ExtractSnapshotHooks } from "./extract-snapshot.ts";
import type { Extractor } from "./extractor.ts";
import { type CrawlDeps, type CrawlProcessorDeps, createCrawlProcessor } from "./processors/crawl.ts";
import { createExtractProcessor } from "./processors/extract.ts";
import { requeueUnextractedSnapshots } from "./requeue-unextracted-snapshots.ts";

export interface CrawlerWorkerDeps {
  db: Db;
  /** A worker-role connection (maxRetriesPerRequest: null); BullMQ duplicates it per worker. */
  connection: Redis;
  prefix: string;
  crawl: CrawlDeps;
  extractor: Extractor;
  log: Logger;
  concurrency?: { crawl?: number; extract?: number };
  hooks?: ExtractSnapshotHooks;
  onHealthChange?: CrawlProcessorDeps["onHealthChange"];
}

export interface CrawlerWorkers {
  crawlWorker: Worker<CrawlJob>;
  extractWorker: Worker<ExtractJob>;
  extractQueue: ExtractQueue;
  /**
   * Stop taking jobs and wait up to `timeoutMs` for running ones; after that they are dropped
   * without completing, and BullMQ hands them to another worker once their lock expires.
   */
  close(options?: { timeoutMs?: number }): Promise<void>;
}

function listen<T>(worker: Worker<T>, log: Logger): void {
  worker.on("failed", (job: Job<T> | undefined, error: Error) => {
    log.error(
      { queue: worker.name, jobId: job?.id, attempt: job?.attemptsMade, err: error, outcome: "failed" },
      "job failed",
    );
  });
  worker.on("error", (error: Error) => {
    // Connection-level errors carry no job; stalled-job errors name it in the message.
    log.error({ queue: worker.name, jobId: (error as { jobId?: string }).jobId, err: error }, "worker error");
  });
  worker.on("stalled", (jobId: string) => {
    log.warn({ queue: worker.name, jobId, outcome: "stalled" }, "job stalled; it will be retried");
  });
}

/** The crawler's two workers (`crawl`, `extract`); used by apps/crawler main and `trackwatch start`. */
export async function startCrawlerWorkers(deps: CrawlerWorkerDeps): Promise<CrawlerWorkers> {
  const log = deps.log;
  const extractQueue = createExtractQueue(deps.connection, deps.prefix);
  const digestQueue = createDigestQueue(deps.connection, deps.prefix);
  const crawlProcessor = createCrawlProcessor({
    db: deps.db,
    crawl: deps.crawl,
    extractQueue,
    log,
    onHealthChange: deps.onHealthChange,
  });
  const extractProcessor = createExtractProcessor({
    db: deps.db,
    extractor: deps.extractor,
    log,
    hooks: deps.hooks,
    digestQueue,
  });
  const crawlWorker = new Worker<CrawlJob>(CRAWL_QUEUE, crawlProcessor, {
    connection: deps.connection,
    prefix: deps.prefix,
    concurrency: deps.concurrency?.crawl ?? 2,
    // A crawl of a slow site can run for minutes; renew the lock well before it lapses.
    lockDuration: 120_000,
  });
  const extractWorker = new Worker<ExtractJob>(EXTRACT_QUEUE, extractProcessor, {
    connection: deps.connection,
    prefix: deps.prefix,
    concurrency: deps.concurrency?.extract ?? 2,
  });
  listen(crawlWorker, log);
  listen(extractWorker, log);
  const crawlQueue = createCrawlQueue(deps.connection, deps.prefix);
  const release = (job: Job<CrawlJob> | undefined, final: boolean) => {
    if (!job || job.data.trigger !== "manual" || !final) return;
    releaseRecrawl(crawlQueue, job.data.sourceId).catch((error: unknown) =>
      log.warn({ queue: CRAWL_QUEUE, jobId: job.id, err: error }, "could not release the recrawl key"),
    );
  };
  crawlWorker.on("completed", (job) => release(job, true));
  crawlWorker.on("failed", (job) => release(job, !job || job.attemptsMade >= (job.opts.attempts ?? 1)));
  await Promise.all([crawlWorker.waitUntilReady(), extractWorker.waitUntilReady()]);
  log.info({ queues: [CRAWL_QUEUE, EXTRACT_QUEUE], prefix: deps.prefix }, "crawler workers started");

  // Snapshots whose extract job Redis lost (restarted empty) or never got (a crash right after the
  // snapshot was stored): at start, and each time Redis is back after a lost connection.
  const requeue = async (reason: string) => {
    try {
      const requeued = await requeueUnextractedSnapshots(deps.db, extractQueue);
      if (requeued > 0)
        log.info({ queue: EXTRACT_QUEUE, requeued, reason }, "unextracted snapshots re-enqueued");
    } catch (error) {
      log.error({ queue: EXTRACT_QUEUE, err: error, reason }, "could not re-enqueue unextracted snapshots");
    }
  };
  await requeue("start");
  const stopWatching = onRedisReconnect(deps.connection, () => void requeue("redis reconnected"));

  let closing: Promise<void> | undefined;
  return {
    crawlWorker,
    extractWorker,
    extractQueue,
    close({ timeoutMs = 10_000 } = {}) {
      closing ??= (async () => {
        stopWatching();
        const graceful = Promise.all([crawlWorker.close(), extractWorker.close()]).then(() => true);
        const timer = new Promise<false>((resolve) => setTimeout(() => resolve(false), timeoutMs).unref());
        if (!(await Promise.race([graceful, timer]))) {
          // BullMQ's close(true) would return the graceful close still waiting for the job, so stop
          // waiting instead: once this process drops Redis the job's lock lapses and another worker
          // takes it over as stalled. Its writes are transactional, so nothing half-done remains.
          log.warn({ timeoutMs }, "jobs still running at shutdown; handing them back");
        }
        await Promise.all([extractQueue.close(), crawlQueue.close(), digestQueue.close()]);
      })();
      return closing;
    },
  };
}
