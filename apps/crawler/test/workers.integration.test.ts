import { randomUUID } from "node:crypto";
import type { Source } from "@trackwatch/crawl";
import { type Database, type Db, listChanges, syncSources } from "@trackwatch/db";
import {
  CRAWL_QUEUE,
  type CrawlQueue,
  connectRedis,
  createCrawlQueue,
  createDigestQueue,
  createJobFollower,
  createRedis,
  enqueueExtract,
  enqueueRecrawl,
  type JobFollower,
} from "@trackwatch/queue";
import { type FixtureSite, startFixtureSite } from "@trackwatch/testkit";
import type { Redis } from "ioredis";
import pino from "pino";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createCrawlDeps, type OpenCrawlDeps } from "../src/create-crawl-deps.ts";
import { policyExtractor } from "../src/policy-extractor.ts";
import type { CrawlJobResult } from "../src/processors/crawl.ts";
import { type CrawlerWorkers, startCrawlerWorkers } from "../src/start-crawler-workers.ts";
import { fixtureSources, openTestDb } from "./pipeline-fixtures.ts";

const REDIS_URL = process.env.REDIS_URL ?? "redis://127.0.0.1:6379";

async function until<T>(
  what: string,
  probe: () => Promise<T | null | undefined | false>,
  timeoutMs = 30_000,
) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

describe.each(["postgres", "pglite"] as const)("crawler workers on a real Redis and %s", (engine) => {
  const prefix = `{tw-test-${randomUUID().slice(0, 8)}}`;
  const logLines: Record<string, unknown>[] = [];
  const log = pino({ level: "info" }, { write: (line: string) => logLines.push(JSON.parse(line)) });
  let site: FixtureSite;
  let database: Database;
  let cleanup: () => Promise<void>;
  let db: Db;
  let sources: Source[];
  let redis: Redis;
  let crawl: OpenCrawlDeps;
  let workers: CrawlerWorkers;
  let crawlQueue: CrawlQueue;
  let follower: JobFollower;

  beforeAll(async () => {
    site = await startFixtureSite();
    ({ database, cleanup } = await openTestDb(engine));
    db = database.db;
    sources = fixtureSources(site);
    await syncSources(db, {
      sources: sources.map((s) => ({
        id: s.id,
        name: s.name,
        definition: s as unknown as Record<string, unknown>,
      })),
    });
    redis = await connectRedis(REDIS_URL, { role: "worker" });
    crawl = createCrawlDeps({
      config: {
        CONTACT_URL: undefined,
        CRAWL_CONCURRENCY: 4,
        QUEUE_PREFIX: prefix,
        CHROMIUM_PATH: undefined,
      },
      sources,
      redis,
      defaultSpacingMs: 0,
    });
    workers = await startCrawlerWorkers({
      db,
      connection: redis,
      prefix,
      crawl,
      extractor: policyExtractor,
      log,
      concurrency: { crawl: 1, extract: 2 },
    });
    crawlQueue = createCrawlQueue(redis, prefix);
    follower = await createJobFollower(CRAWL_QUEUE, {
      connection: createRedis(REDIS_URL, { role: "worker" }),
      prefix,
    });
  });

  afterAll(async () => {
    await follower?.close();
    await workers?.close({ timeoutMs: 5_000 });
    await crawlQueue?.obliterate({ force: true });
    await workers?.extractQueue.obliterate({ force: true }).catch(() => {});
    await crawlQueue?.close();
    await crawl?.close();
    const leftovers = await redis.keys(`${prefix}*`);
    if (leftovers.length > 0) await redis.del(...leftovers);
    redis?.disconnect();
    await cleanup?.();
    await site?.close();
  });

  it("runs a manual recrawl through the crawl and extract queues and records the changes", async () => {
    const municipal = sources[0]!;
    const { jobId } = await enqueueRecrawl(crawlQueue, { sourceId: municipal.id, requestedBy: "test" });
    const progress: unknown[] = [];
    const result = (await follower.wait(jobId, { onProgress: (p) => progress.push(p) })) as CrawlJobResult;
    expect(result).toMatchObject({
      sourceId: municipal.id,
      status: "succeeded",
      newDocuments: 3,
      extractJobs: 3,
    });
    expect(progress.length).toBeGreaterThan(0);

    const extractQueue = workers.extractQueue;
    await until("the extract jobs", async () => {
      const counts = await extractQueue.getJobCounts("waiting", "active", "delayed", "completed");
      const pending = (counts.waiting ?? 0) + (counts.active ?? 0) + (counts.delayed ?? 0);
      return pending === 0 && (counts.completed ?? 0) >= 3;
    });
    const log = await listChanges(db, { sourceId: municipal.id, kind: "document-added" });
    expect(log.changes).toHaveLength(3);

    // Three documents' changes open one debounced immediate digest run, not three.
    const digestQueue = createDigestQueue(redis, prefix);
    try {
      const digests = await digestQueue.getJobs(["delayed", "waiting"]);
      expect(digests.filter((job) => job.data.frequency === "immediate")).toHaveLength(1);
    } finally {
      await digestQueue.obliterate({ force: true });
      await digestQueue.close();
    }

    // Every job logged its queue, id, source and outcome.
    const crawlLine = logLines.find((l) => l.queue === CRAWL_QUEUE && l.jobId === jobId);
    expect(crawlLine).toMatchObject({ source: municipal.id, outcome: "succeeded" });
    expect(logLines.filter((l) => l.queue === "extract" && l.outcome === "extracted")).toHaveLength(3);
  });

  it("does not extract a snapshot twice when its job is enqueued again", async () => {
    const before = (await listChanges(db, { limit: 500 })).changes.length;
    const [snapshot] = await workers.extractQueue.getJobs(["completed"], 0, 0);
    expect(snapshot).toBeDefined();
    await enqueueExtract(workers.extractQueue, snapshot!.data);
    await new Promise((r) => setTimeout(r, 500));
    expect((await listChanges(db, { limit: 500 })).changes.length).toBe(before);
  });

  it("fails a job with an invalid payload or an unknown source at once, without retries", async () => {
    const bad = await workers.extractQueue.add("bad", { snapshotId: -5 } as never);
    const unknown = await crawlQueue.add("unknown", { sourceId: "no-such-source", trigger: "manual" });
    const failedBad = await until("the bad extract job to fail", async () => {
      const job = await workers.extractQueue.getJob(bad.id!);
      // Re-read after the state check: the job read before it may predate the failure.
      return (await job?.isFailed()) ? workers.extractQueue.getJob(bad.id!) : null;
    });
    expect(failedBad!.failedReason).toMatch(/invalid extract payload/);
    await expect(follower.wait(unknown.id!)).rejects.toThrow(/unknown source "no-such-source"/);
    // Both queues allow several attempts; an unrecoverable failure stays failed instead of being retried.
    await new Promise((r) => setTimeout(r, 500));
    expect(await (await workers.extractQueue.getJob(bad.id!))?.getState()).toBe("failed");
    expect(await (await crawlQueue.getJob(unknown.id!))?.getState()).toBe("failed");
    expect((await crawlQueue.getJob(unknown.id!))?.attemptsMade ?? 0).toBeLessThanOrEqual(1);
    expect(logLines.some((l) => l.jobId === bad.id && l.outcome === "failed")).toBe(true);
  });
});
