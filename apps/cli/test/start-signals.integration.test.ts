import { randomUUID } from "node:crypto";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import type { Database } from "@trackwatch/db";
import { createTestDb } from "@trackwatch/db/testing";
import { type CrawlQueue, connectRedis, createCrawlQueue } from "@trackwatch/queue";
import { type FixtureSite, startFixtureSite } from "@trackwatch/testkit";
import type { Redis } from "ioredis";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { stringify } from "yaml";
import { SHUTDOWN_TIMEOUT_MS } from "../src/commands/start.ts";
import { eventually, startTrackwatch, type TrackwatchProcess } from "./trackwatch-process.ts";

const REDIS_URL = process.env.REDIS_URL ?? "redis://127.0.0.1:6379";
const POSTGRES_URL = process.env.TEST_POSTGRES_URL ?? "postgres://root@127.0.0.1:5432/test";

describe("trackwatch start crawler and signals", () => {
  const prefix = `{tw-signals-${randomUUID().slice(0, 8)}}`;
  let site: FixtureSite;
  let database: Database;
  let redis: Redis;
  let crawlQueue: CrawlQueue;
  let dir: string;
  let tw: TrackwatchProcess | undefined;

  beforeAll(async () => {
    [site, database, redis] = await Promise.all([
      startFixtureSite({ seed: true }),
      createTestDb("postgres", { postgresUrl: POSTGRES_URL }),
      connectRedis(REDIS_URL, { role: "producer" }),
    ]);
    crawlQueue = createCrawlQueue(redis, prefix);
    dir = mkdtempSync(path.join(tmpdir(), "tw-signals-"));
    const { municipal } = site.sources();
    writeFileSync(path.join(dir, "sources.yaml"), stringify([{ ...municipal, schedule: "0 3 1 1 *" }]));
    // Every detail page answers slowly, so a crawl is still running when the signals come.
    site.setFault("detail:*", { kind: "slow", delayMs: 60_000 });
  }, 60_000);

  afterAll(async () => {
    tw?.kill();
    await tw?.exited;
    await crawlQueue?.close();
    if (redis) {
      const keys = await redis.keys(`${prefix}:*`);
      if (keys.length > 0) await redis.del(...keys);
      redis.disconnect();
    }
    await site?.close();
    await database?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  }, 60_000);

  function startCrawler(queuePrefix: string): TrackwatchProcess {
    const url = new URL(POSTGRES_URL);
    url.pathname = `/${database.location.split("/").pop()}`;
    return startTrackwatch(
      ["start", "crawler"],
      {
        DATABASE_URL: url.toString(),
        DATA_DIR: path.join(dir, "data"),
        REDIS_URL,
        QUEUE_PREFIX: queuePrefix,
        TRACKWATCH_SOURCES: path.join(dir, "sources.yaml"),
        LOG_LEVEL: "info",
      },
      dir,
    );
  }

  async function startSlowCrawl(process: TrackwatchProcess, queue: CrawlQueue) {
    await process.waitFor(/Trackwatch is running\./, 60_000);
    const before = site.stats.requests;
    const job = await queue.add("crawl", { sourceId: site.sources().municipal.id, trigger: "schedule" });
    await eventually(
      "the crawl reached a (slow) detail page",
      async () =>
        (await queue.getJobState(job.id!)) === "active" && site.stats.requests > before + 1
          ? true
          : undefined,
      { timeoutMs: 20_000 },
    );
  }

  it("waits for a running job after the first SIGINT and exits at once on the second", async () => {
    tw = startCrawler(prefix);
    await tw.waitFor(/Trackwatch is running\./, 60_000);
    const job = await crawlQueue.add("crawl", { sourceId: site.sources().municipal.id, trigger: "schedule" });
    await eventually(
      "the crawl reached a (slow) detail page",
      async () =>
        (await crawlQueue.getJobState(job.id!)) === "active" && site.stats.requests > 1 ? true : undefined,
      { timeoutMs: 20_000 },
    );

    tw.child.kill("SIGINT");
    await tw.waitFor(/"msg":"shutting down"/, 5_000);
    // Graceful: the running crawl holds the process open (up to the shutdown bound).
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    expect(tw.child.exitCode).toBeNull();

    const secondAt = Date.now();
    tw.child.kill("SIGINT");
    const exit = await Promise.race([
      tw.exited,
      new Promise<never>((_, reject) => setTimeout(() => reject(new Error("no exit within 3 s")), 3_000)),
    ]);
    expect(exit.code).toBe(130);
    expect(tw.stdout).toContain("second signal: exiting now");
    console.info(`second SIGINT: exited after ${Date.now() - secondAt} ms`);
  }, 120_000);

  it("on one SIGTERM hands a stuck job back after the shutdown bound and exits 0", async () => {
    const otherPrefix = `${prefix.slice(0, -1)}-term}`;
    const queue = createCrawlQueue(redis, otherPrefix);
    try {
      const crawler = startCrawler(otherPrefix);
      tw = crawler;
      await startSlowCrawl(crawler, queue);
      const stopAt = Date.now();
      crawler.child.kill("SIGTERM");
      const exit = await Promise.race([
        crawler.exited,
        new Promise<never>((_, reject) =>
          setTimeout(
            () =>
              reject(new Error(`no exit within 20 s:\n${crawler.stdout.split("\n").slice(-8).join("\n")}`)),
            20_000,
          ),
        ),
      ]);
      const stopMs = Date.now() - stopAt;
      const warnings = crawler.stdout.split("\n").filter((line) => /"level":[45]0/.test(line));
      expect(exit, warnings.join("\n")).toEqual({ code: 0, signal: null });
      expect(crawler.stdout).toContain("handing them back");
      expect(stopMs).toBeGreaterThanOrEqual(SHUTDOWN_TIMEOUT_MS - 1_000);
      // The bound, a grace for the worker, a little for what closes after it (start-services.ts).
      expect(stopMs).toBeLessThan(SHUTDOWN_TIMEOUT_MS + 10_000);
      console.info(`SIGTERM with a stuck crawl: exited after ${stopMs} ms`);
    } finally {
      await queue.obliterate({ force: true }).catch(() => {});
      await queue.close();
    }
  }, 120_000);
});
