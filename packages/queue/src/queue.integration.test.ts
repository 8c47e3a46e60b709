import { randomUUID } from "node:crypto";
import { Queue, QueueEvents, Worker } from "bullmq";
import type { Redis } from "ioredis";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { connectRedis, createRedis, RedisUnavailableError } from "./connection.ts";
import {
  CRAWL_QUEUE,
  type CrawlJob,
  type CrawlQueue,
  createCrawlQueue,
  enqueueRecrawl,
  releaseRecrawl,
} from "./crawl-queue.ts";
import { createExtractQueue, EXTRACT_QUEUE, type ExtractQueue, enqueueExtract } from "./extract-queue.ts";
import { createJobFollower } from "./job-follower.ts";
import { listSourceSchedules, upsertSourceSchedulers } from "./schedulers.ts";

const REDIS_URL = process.env.REDIS_URL ?? "redis://127.0.0.1:6379";

describe("queues on a real Redis", () => {
  const prefix = `{tw-test-${randomUUID().slice(0, 8)}}`;
  let redis: Redis;
  let crawl: CrawlQueue;
  let extract: ExtractQueue;

  beforeAll(async () => {
    redis = await connectRedis(REDIS_URL, { role: "worker" });
    crawl = createCrawlQueue(redis, prefix);
    extract = createExtractQueue(redis, prefix);
  });

  const openedEvents: QueueEvents[] = [];
  const queueEvents = async () => {
    const events = new QueueEvents(CRAWL_QUEUE, { connection: redis.duplicate(), prefix });
    openedEvents.push(events);
    await events.waitUntilReady();
    return events;
  };

  afterAll(async () => {
    await Promise.all(openedEvents.map((e) => e.close()));
    await crawl.obliterate({ force: true });
    await extract.obliterate({ force: true });
    await crawl.close();
    await extract.close();
    const leftovers = await redis.keys(`${prefix}*`);
    if (leftovers.length > 0) await redis.del(...leftovers);
    redis.disconnect();
  });

  it("collapses repeated recrawl clicks into one job but accepts one after the window", async () => {
    const first = await enqueueRecrawl(crawl, { sourceId: "s1", requestedBy: "admin" });
    const second = await enqueueRecrawl(crawl, { sourceId: "s1", requestedBy: "admin" });
    expect(second.jobId).toBe(first.jobId);
    expect(await crawl.getJobCountByTypes("wait", "delayed", "prioritized")).toBe(1);

    // Another source is not collapsed with the first.
    await enqueueRecrawl(crawl, { sourceId: "s2", requestedBy: "admin" });
    expect(await crawl.getJobCountByTypes("wait", "delayed", "prioritized")).toBe(2);

    // Once the dedup window is over (simulated by removing its key), a new recrawl is a new job.
    const dedupKeys = await redis.keys(`${prefix}:crawl:de:*`);
    expect(dedupKeys.length).toBeGreaterThan(0);
    const ttl = await redis.pttl(dedupKeys[0]!);
    expect(ttl).toBeGreaterThan(0);
    expect(ttl).toBeLessThanOrEqual(60_000);
    await redis.del(...dedupKeys);
    const third = await enqueueRecrawl(crawl, { sourceId: "s1", requestedBy: "admin" });
    expect(third.jobId).not.toBe(first.jobId);
    const job = await crawl.getJob(third.jobId);
    expect(job?.data).toEqual({ sourceId: "s1", trigger: "manual", requestedBy: "admin" });
  });

  it("runs a recrawl asked for right after the previous run finished", async () => {
    const worker = new Worker<CrawlJob>(
      CRAWL_QUEUE,
      async (job) => {
        // What the crawler's worker does when a manual run ends.
        await releaseRecrawl(crawl, job.data.sourceId);
        return "crawled";
      },
      { connection: redis.duplicate(), prefix },
    );
    try {
      const first = await enqueueRecrawl(crawl, { sourceId: "s3", requestedBy: "admin" });
      const firstJob = await crawl.getJob(first.jobId);
      await firstJob!.waitUntilFinished(await queueEvents(), 10_000);
      const next = await enqueueRecrawl(crawl, { sourceId: "s3", requestedBy: "admin" });
      expect(next.jobId).not.toBe(first.jobId);
    } finally {
      await worker.close();
    }
  });

  it("keeps one pending extract job per snapshot, and accepts the snapshot again once it ran", async () => {
    const a = await enqueueExtract(extract, { snapshotId: 42, documentId: 7, sourceId: "s1" });
    const b = await enqueueExtract(extract, { snapshotId: 42, documentId: 7, sourceId: "s1" });
    expect(b.jobId).toBe(a.jobId);
    expect(await extract.getJobCountByTypes("wait")).toBe(1);
    await expect(
      enqueueExtract(extract, { snapshotId: -1, documentId: 7, sourceId: "s1" }),
    ).rejects.toThrow();

    // A fresh database numbers snapshots from 1 again: once the job ran, the same id is a new job.
    const worker = new Worker(EXTRACT_QUEUE, async () => "extracted", {
      connection: redis.duplicate(),
      prefix,
    });
    try {
      const events = new QueueEvents(EXTRACT_QUEUE, { connection: redis.duplicate(), prefix });
      openedEvents.push(events);
      await events.waitUntilReady();
      await (await extract.getJob(a.jobId))!.waitUntilFinished(events, 10_000);
      const again = await enqueueExtract(extract, { snapshotId: 42, documentId: 7, sourceId: "s1" });
      expect(again.jobId).not.toBe(a.jobId);
    } finally {
      await worker.close();
    }
  });

  it("upserts one scheduler per scheduled source, removes stale ones, keeps a bad cron's old one", async () => {
    const tz = "Asia/Shanghai";
    const first = await upsertSourceSchedulers(
      crawl,
      [
        { id: "a", schedule: "0 */6 * * *" },
        { id: "b", schedule: "30 8 * * *" },
        { id: "c", schedule: null },
      ],
      { tz, redis },
    );
    expect(first.leader).toBe(true);
    expect(first.upserted.map((u) => u.sourceId).sort()).toEqual(["a", "b"]);
    let schedules = await listSourceSchedules(crawl);
    expect([...schedules.keys()].sort()).toEqual(["a", "b"]);
    expect(schedules.get("a")?.next?.getTime()).toBeGreaterThan(Date.now());

    // Run again (a restart): still exactly one scheduler per source.
    await upsertSourceSchedulers(
      crawl,
      [
        { id: "a", schedule: "0 */6 * * *" },
        { id: "b", schedule: "30 8 * * *" },
      ],
      {
        tz,
        redis,
      },
    );
    expect((await crawl.getJobSchedulers(0, -1)).length).toBe(2);

    // b dropped from the file, a given a broken cron: b removed, a's previous scheduler kept.
    // Without `redis`, the queue's own connection holds the lock.
    const third = await upsertSourceSchedulers(crawl, [{ id: "a", schedule: "not a cron" }], { tz });
    expect(third.removed).toEqual(["b"]);
    expect(third.invalid[0]?.sourceId).toBe("a");
    expect(third.invalid[0]?.error).toMatch(/invalid schedule/);
    schedules = await listSourceSchedules(crawl);
    expect([...schedules.keys()]).toEqual(["a"]);
  });

  it("lets only one of several concurrent starters upsert", async () => {
    const sources = [{ id: "x", schedule: "0 3 * * *" }];
    const results = await Promise.all(
      Array.from({ length: 5 }, () => upsertSourceSchedulers(crawl, sources, { tz: "UTC", redis })),
    );
    expect(results.filter((r) => r.leader)).toHaveLength(1);
    const schedulers = await crawl.getJobSchedulers(0, -1);
    expect(schedulers.filter((s) => (s.id ?? s.key) === "source-x")).toHaveLength(1);
  });
});

describe("createJobFollower", () => {
  it("reports a job's progress and result, and its failure", async () => {
    const prefix = `{tw-test-${randomUUID().slice(0, 8)}}`;
    const name = `follow-${randomUUID().slice(0, 6)}`;
    const connection = await connectRedis(REDIS_URL, { role: "worker" });
    const queue = new Queue(name, { connection, prefix });
    const worker = new Worker(
      name,
      async (job) => {
        await job.updateProgress({ pages: 1 });
        if (job.data.fail) throw new Error("list page answered 500");
        return { pages: 2 };
      },
      { connection, prefix },
    );
    const follower = await createJobFollower(name, {
      connection: createRedis(REDIS_URL, { role: "worker" }),
      prefix,
    });
    try {
      const progress: unknown[] = [];
      const ok = await queue.add("ok", { fail: false });
      await expect(follower.wait(ok.id!, { onProgress: (p) => progress.push(p) })).resolves.toEqual({
        pages: 2,
      });
      expect(progress).toEqual([{ pages: 1 }]);
      const bad = await queue.add("bad", { fail: true });
      await expect(follower.wait(bad.id!)).rejects.toThrow(/list page answered 500/);
    } finally {
      await follower.close();
      await worker.close();
      await queue.obliterate({ force: true });
      await queue.close();
      connection.disconnect();
    }
  });
});

describe("connection", () => {
  it("says how to start Redis when none answers", async () => {
    const url = "redis://127.0.0.1:1";
    const error = await connectRedis(url, { role: "producer", timeoutMs: 1_000 }).catch((e) => e);
    expect(error).toBeInstanceOf(RedisUnavailableError);
    expect(error.message).toMatch(/cannot reach Redis at redis:\/\/127\.0\.0\.1:1/);
    expect(error.message).toMatch(/redis-server --daemonize yes/);
  });

  it("fails a producer command at once when Redis is down instead of queueing it", async () => {
    const producer = createRedis("redis://127.0.0.1:1", { role: "producer" });
    const started = Date.now();
    await expect(producer.ping()).rejects.toThrow();
    expect(Date.now() - started).toBeLessThan(1_000);
    producer.disconnect();
  });
});
