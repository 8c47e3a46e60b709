import { randomUUID } from "node:crypto";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import type { Database } from "@trackwatch/db";
import { createTestDb } from "@trackwatch/db/testing";
import { connectRedis, createCrawlQueue, createExtractQueue } from "@trackwatch/queue";
import { type FixtureSite, startFixtureSite } from "@trackwatch/testkit";
import type { Redis } from "ioredis";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { stringify } from "yaml";
import { pollUntilValue } from "../src/poll-until-value.ts";
import { readPipelineState } from "../src/read-pipeline-state.ts";
import { reportScenario } from "../src/report-scenario.ts";
import { type AppProcess, startAppProcess } from "../src/start-app-process.ts";
import { type DedicatedPostgres, startDedicatedPostgres } from "../src/start-dedicated-postgres.ts";

const REDIS_URL = process.env.REDIS_URL ?? "redis://127.0.0.1:6379";
const DOCUMENTS = 150;
/** How long PostgreSQL stays down. */
const DOWNTIME_MS = 3_000;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

// Scenario 3 of issue 10. PostgreSQL is the source of truth: when it goes away in the middle of an
// extraction batch, jobs fail and retry, and every write is all-or-nothing, so afterwards each
// document is extracted exactly once, no change is doubled and no half-written rows remain.
describe("PostgreSQL restarts in the middle of an extraction batch", () => {
  const prefix = `{tw-faults-pg-${randomUUID().slice(0, 8)}}`;
  let postgres: DedicatedPostgres;
  let site: FixtureSite;
  let database: Database;
  let redis: Redis;
  let dir: string;
  let sourceIds: string[];
  let crawler: AppProcess | undefined;

  beforeAll(async () => {
    [postgres, site, redis] = await Promise.all([
      startDedicatedPostgres(),
      startFixtureSite({ seed: false }),
      connectRedis(REDIS_URL, { role: "worker" }),
    ]);
    database = await createTestDb("postgres", { postgresUrl: postgres.url });
    site.generate(DOCUMENTS);
    const { municipal, commission } = site.sources();
    sourceIds = [municipal.id, commission.id];
    dir = mkdtempSync(path.join(tmpdir(), "tw-faults-pg-"));
    // Yearly: only the scenario's own jobs crawl.
    const yearly = { schedule: "0 3 1 1 *", spacingMs: 0 };
    writeFileSync(
      path.join(dir, "sources.yaml"),
      stringify([
        { ...municipal, ...yearly },
        { ...commission, ...yearly },
      ]),
    );
  }, 120_000);

  afterAll(async () => {
    const logDir = process.env.FAULTS_LOG_DIR;
    if (logDir && crawler)
      writeFileSync(path.join(logDir, "postgres-restart-crawler.log"), crawler.stdout + crawler.stderr);
    crawler?.kill();
    await crawler?.exited;
    if (redis) {
      const keys = await redis.keys(`${prefix}:*`);
      if (keys.length > 0) await redis.del(...keys);
      redis.disconnect();
    }
    await site?.close();
    await database?.close().catch(() => {});
    await postgres?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  }, 60_000);

  const databaseUrl = () => {
    const url = new URL(postgres.url);
    url.pathname = `/${database.location.split("/").pop()}`;
    return url.toString();
  };

  /** Jobs the crawler logged as failed (each one is then retried by BullMQ), by queue. */
  const failedJobs = (queue: string) =>
    new Set(
      (crawler?.logLines(50) ?? [])
        .filter((l) => l.msg === "job failed" && l.queue === queue)
        .map((l) => String(l.jobId)),
    );

  const errors = () =>
    (crawler?.logLines(50) ?? [])
      .slice(-5)
      .map((l) => `${l.msg} ${JSON.stringify((l.err as { message?: string })?.message ?? "")}`)
      .join("\n");

  it("extracts every document exactly once, with no partial rows, though PostgreSQL restarted mid-batch", async () => {
    crawler = await startAppProcess("crawler", {
      DATABASE_URL: databaseUrl(),
      DATA_DIR: path.join(dir, "data"),
      REDIS_URL,
      QUEUE_PREFIX: prefix,
      TRACKWATCH_SOURCES: path.join(dir, "sources.yaml"),
    });
    const crawlQueue = createCrawlQueue(redis, prefix);
    const extractQueue = createExtractQueue(redis, prefix);
    try {
      for (const sourceId of sourceIds)
        await crawlQueue.add(`crawl ${sourceId}`, { sourceId, trigger: "schedule" });

      const before = await pollUntilValue(
        "extraction under way",
        async () => {
          const state = await readPipelineState(database.db);
          return state.extracted >= DOCUMENTS / 6 && state.unextracted >= 5 ? state : undefined;
        },
        { timeoutMs: 90_000, intervalMs: 50, describe: errors },
      );
      const stoppedAt = Date.now();
      await postgres.stop("immediate");
      await sleep(DOWNTIME_MS);
      await postgres.start();
      const downtimeMs = Date.now() - stoppedAt;

      const after = await pollUntilValue(
        "every document extracted",
        async () => {
          const state = await readPipelineState(database.db);
          return state.documents === DOCUMENTS && state.unextracted === 0 && state.unfinishedCrawlRuns === 0
            ? state
            : undefined;
        },
        { timeoutMs: 150_000, intervalMs: 500, describe: errors },
      );
      // Let retries still in flight settle, then judge the final rows.
      await pollUntilValue(
        "queues drained",
        async () => {
          const counts = await Promise.all([
            // The crawl queue's delayed jobs are the sources' next scheduled runs.
            crawlQueue.getJobCounts("waiting", "active"),
            extractQueue.getJobCounts("waiting", "active", "delayed"),
          ]);
          return counts.every((c) => Object.values(c).every((n) => n === 0)) ? true : undefined;
        },
        { timeoutMs: 150_000, intervalMs: 500, describe: errors },
      );
      const state = await readPipelineState(database.db);
      const extractFailed = failedJobs("extract");
      const crawlFailed = failedJobs("crawl");
      const extractFailedForGood = (await extractQueue.getJobCounts("failed")).failed ?? 0;
      reportScenario("postgres restart", {
        downtime: `${(downtimeMs / 1000).toFixed(1)} s`,
        "at the stop": `${before.documents} documents seen, ${before.extracted} extracted`,
        "documents expected/extracted": `${DOCUMENTS}/${state.extracted}`,
        "extract jobs failed+retried": extractFailed.size,
        "extract jobs failed for good": extractFailedForGood,
        "crawl jobs failed+retried": crawlFailed.size,
        "extractions doubled": state.extractionsDoubled,
        "changes expected/recorded/duplicated": `${state.changesExpected}/${state.changes}/${state.changesDuplicated}`,
        "partial rows": state.partialRows,
        "process restarts": crawler.running ? 0 : 1,
      });
      expect(after.extracted).toBe(DOCUMENTS);
      expect(state.extracted).toBe(DOCUMENTS);
      expect(state.extractionsDoubled).toBe(0);
      expect(state.changesDuplicated).toBe(0);
      expect(state.changes).toBe(state.changesExpected);
      expect(state.partialDetails).toEqual([]);
      expect(state.unfinishedCrawlRuns).toBe(0);
      expect(extractFailedForGood).toBe(0);
      // The pool reconnected: the same process did all of it.
      expect(crawler.running).toBe(true);
    } finally {
      await Promise.all([crawlQueue.close(), extractQueue.close()]);
    }
  }, 280_000);
});
