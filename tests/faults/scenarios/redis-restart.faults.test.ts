import { randomUUID } from "node:crypto";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { type Database, schema } from "@trackwatch/db";
import { createTestDb } from "@trackwatch/db/testing";
import {
  connectRedis,
  createCrawlQueue,
  createDigestQueue,
  DIGEST_SCHEDULES,
  enqueueDigest,
  sourceSchedulerId,
} from "@trackwatch/queue";
import { type FixtureSite, type SmtpSink, startFixtureSite, startSmtpSink } from "@trackwatch/testkit";
import type { Redis } from "ioredis";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { stringify } from "yaml";
import { pollUntilValue } from "../src/poll-until-value.ts";
import { readPipelineState } from "../src/read-pipeline-state.ts";
import { reportScenario } from "../src/report-scenario.ts";
import { type AppProcess, startAppProcess } from "../src/start-app-process.ts";
import { type DedicatedRedis, startDedicatedRedis } from "../src/start-dedicated-redis.ts";

const POSTGRES_URL = process.env.TEST_POSTGRES_URL ?? "postgres://root@127.0.0.1:5432/test";
const DOCUMENTS = 80;
const SUBSCRIBERS = 150;
/** How long Redis stays down each time. */
const DOWNTIME_MS = 3_000;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

// Scenario 2 of issue 10. Redis only carries work (DESIGN.md): a Redis that restarts empty in the
// middle of a crawl and of a digest may delay work but must not lose or double any of it.
describe("Redis restarts empty in the middle of a crawl and of a digest", () => {
  const prefix = `{tw-faults-redis-${randomUUID().slice(0, 8)}}`;
  let redisServer: DedicatedRedis;
  let site: FixtureSite;
  let sink: SmtpSink;
  let database: Database;
  let redis: Redis;
  let dir: string;
  let sourceIds: string[];
  const apps: AppProcess[] = [];
  const restarts: { what: string; downtimeMs: number; restartedAt: number; note: string }[] = [];
  let schedulersRecreated = "no";
  let lastState = "";

  beforeAll(async () => {
    [redisServer, site, sink, database] = await Promise.all([
      startDedicatedRedis(),
      startFixtureSite({ seed: false }),
      startSmtpSink(),
      createTestDb("postgres", { postgresUrl: POSTGRES_URL }),
    ]);
    // A worker-role connection waits through the restart instead of failing the scenario's reads.
    redis = await connectRedis(redisServer.url, { role: "worker" });
    site.generate(DOCUMENTS);
    const { municipal, commission } = site.sources();
    sourceIds = [municipal.id, commission.id];
    dir = mkdtempSync(path.join(tmpdir(), "tw-faults-redis-"));
    // Yearly: only the scenario's own jobs crawl, but each source has a scheduler to lose.
    const yearly = { schedule: "0 3 1 1 *", spacingMs: 0 };
    writeFileSync(
      path.join(dir, "sources.yaml"),
      stringify([
        { ...municipal, ...yearly },
        { ...commission, ...yearly },
      ]),
    );
    const emails = Array.from(
      { length: SUBSCRIBERS },
      (_, i) => `redis-${String(i).padStart(4, "0")}@example.org`,
    );
    await database.db.insert(schema.subscribers).values(
      emails.map((email) => ({
        email,
        tracks: [],
        frequency: "daily" as const,
        locale: "en" as const,
        status: "active" as const,
        confirmedAt: new Date(),
      })),
    );
  }, 120_000);

  afterAll(async () => {
    // FAULTS_LOG_DIR keeps each process's log, to read after a failure.
    const logDir = process.env.FAULTS_LOG_DIR;
    if (logDir)
      for (const app of apps)
        writeFileSync(path.join(logDir, `redis-restart-${app.app}.log`), app.stdout + app.stderr);
    for (const app of apps) app.kill();
    await Promise.allSettled(apps.map((app) => app.exited));
    redis?.disconnect();
    await Promise.allSettled([redisServer?.close(), site?.close(), sink?.close()]);
    await database?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  }, 60_000);

  const databaseUrl = () => {
    const url = new URL(POSTGRES_URL);
    url.pathname = `/${database.location.split("/").pop()}`;
    return url.toString();
  };

  // Refused connections while Redis is down are expected; anything else is worth reading.
  const failures = () =>
    apps
      .flatMap((app) =>
        app
          .logLines(50)
          .filter((l) => (l.err as { code?: string } | undefined)?.code !== "ECONNREFUSED")
          .map((l) => `${app.app}: ${l.msg} ${(l.err as { message?: string } | undefined)?.message ?? ""}`),
      )
      .slice(-8)
      .join("\n");

  /** Stops the dedicated Redis for DOWNTIME_MS and starts it again, empty. */
  async function restartRedis(what: string, note: string) {
    const marker = `${prefix}:restart-marker`;
    await redis.set(marker, what);
    const stoppedAt = Date.now();
    await redisServer.stop();
    await sleep(DOWNTIME_MS);
    await redisServer.start();
    restarts.push({ what, downtimeMs: Date.now() - stoppedAt, restartedAt: Date.now(), note });
    expect(await redis.exists(marker)).toBe(0); // it came back empty
  }

  /** What an app re-enqueued from PostgreSQL in its first sweep after the restart `what`. */
  function requeuedAfter(what: string, app: "crawler" | "notifier"): number {
    const restartedAt = restarts.find((r) => r.what === what)?.restartedAt ?? Number.POSITIVE_INFINITY;
    const message = app === "crawler" ? "unextracted snapshots re-enqueued" : "outbox sweep";
    const sweep = apps
      .filter((a) => a.app === app)
      .flatMap((a) => a.logLines(30))
      .find((l) => l.msg === message && Number(l.time) >= restartedAt);
    return Number(sweep?.requeued ?? 0);
  }

  async function schedulerIds(): Promise<string[]> {
    const crawl = createCrawlQueue(redis, prefix);
    const digest = createDigestQueue(redis, prefix);
    try {
      const all = [...(await crawl.getJobSchedulers(0, -1)), ...(await digest.getJobSchedulers(0, -1))];
      return all.map((s) => s.id ?? s.key).sort();
    } finally {
      await Promise.all([crawl.close(), digest.close()]);
    }
  }
  const expectedSchedulers = () =>
    [
      ...sourceIds.map(sourceSchedulerId),
      DIGEST_SCHEDULES.daily.id,
      DIGEST_SCHEDULES.weekly.id,
      "digest-immediate-sweep",
    ].sort();

  it("starts a crawler and a notifier process on the dedicated Redis", async () => {
    const env = {
      DATABASE_URL: databaseUrl(),
      DATA_DIR: path.join(dir, "data"),
      REDIS_URL: redisServer.url,
      QUEUE_PREFIX: prefix,
      SMTP_URL: sink.url,
      SMTP_POOL_SIZE: "2",
      DELIVERY_STALE_MS: "20000",
      TRACKWATCH_SOURCES: path.join(dir, "sources.yaml"),
    };
    apps.push(...(await Promise.all([startAppProcess("crawler", env), startAppProcess("notifier", env)])));
    expect(await schedulerIds()).toEqual(expectedSchedulers());
  }, 90_000);

  it("crawls and extracts every document once though Redis restarted empty mid-crawl", async () => {
    // Slow detail pages stretch the crawl so the restart lands in its middle.
    site.setFault("detail:*", { kind: "slow", delayMs: 50 });
    const crawl = createCrawlQueue(redis, prefix);
    try {
      for (const sourceId of sourceIds)
        await crawl.add(`crawl ${sourceId}`, { sourceId, trigger: "schedule" });
    } finally {
      await crawl.close();
    }
    await pollUntilValue(
      "a third of the documents snapshotted and extraction behind",
      async () => {
        const state = await readPipelineState(database.db);
        // Best with extract jobs waiting (they are lost with Redis); any moment before the crawl ends will do.
        const midCrawl = state.unextracted >= 3 || state.documents < DOCUMENTS;
        return state.documents >= DOCUMENTS / 3 && midCrawl ? true : undefined;
      },
      { timeoutMs: 60_000, intervalMs: 50, describe: failures },
    );
    const before = await readPipelineState(database.db);
    await restartRedis(
      "crawl",
      `${before.documents} documents seen, ${before.unextracted} waiting for extraction`,
    );

    await pollUntilValue(
      "every document extracted",
      async () => {
        const state = await readPipelineState(database.db);
        lastState = `${state.documents} documents, ${state.unextracted} not extracted, ${state.unfinishedCrawlRuns} crawl runs unfinished`;
        return state.documents === DOCUMENTS && state.unextracted === 0 && state.unfinishedCrawlRuns === 0
          ? state
          : undefined;
      },
      {
        timeoutMs: 90_000,
        describe: () => `${lastState}\n${failures()}`,
      },
    );
    schedulersRecreated = await pollUntilValue(
      "schedulers re-created",
      async () =>
        JSON.stringify(await schedulerIds()) === JSON.stringify(expectedSchedulers()) ? "yes" : undefined,
      { timeoutMs: 60_000, describe: () => "schedulers missing" },
    ).catch(() => "no");
    site.clearFaults();
    expect(schedulersRecreated).toBe("yes");
    const state = await readPipelineState(database.db);
    expect(state.extractionsDoubled).toBe(0);
    expect(state.changesDuplicated).toBe(0);
    expect(state.changes).toBe(state.changesExpected);
    expect(state.partialDetails).toEqual([]);
    expect(state.unfinishedCrawlRuns).toBe(0);
    expect(apps.every((app) => app.running)).toBe(true);
  }, 200_000);

  it("mails every subscriber exactly once though Redis restarted empty mid-digest", async () => {
    // Digest runs cover changes a few seconds old (slow transactions must not be skipped).
    await sleep(6_000);
    const digestQueue = createDigestQueue(redis, prefix);
    try {
      await enqueueDigest(digestQueue, { frequency: "daily" });
    } finally {
      await digestQueue.close();
    }
    const deliveries = () =>
      database.db
        .select({ status: schema.deliveries.status, recipient: schema.deliveries.recipient })
        .from(schema.deliveries);
    await pollUntilValue(
      "a tenth of the mails sent",
      async () => {
        const rows = await deliveries();
        return rows.filter((r) => r.status === "sent").length >= SUBSCRIBERS / 10 ? true : undefined;
      },
      { timeoutMs: 60_000, describe: failures },
    );
    const rows = await deliveries();
    const pending = rows.filter((r) => r.status !== "sent").length;
    await restartRedis(
      "digest",
      `${rows.length} of ${SUBSCRIBERS} deliveries recorded, ${pending} not sent yet`,
    );

    await pollUntilValue(
      "every delivery sent",
      async () => {
        const now = await deliveries();
        return now.length === SUBSCRIBERS && now.every((r) => r.status === "sent") ? true : undefined;
      },
      {
        timeoutMs: 120_000,
        describe: () => `${sink.messages.length} mails received\n${failures()}`,
      },
    );
    await sleep(2_000);
    const received = new Map<string, number>();
    for (const m of sink.messages) {
      const to = m.to[0]!.toLowerCase();
      received.set(to, (received.get(to) ?? 0) + 1);
    }
    const duplicated = [...received.values()].reduce((sum, n) => sum + n - 1, 0);
    const state = await readPipelineState(database.db);
    const line = reportScenario("redis restart", {
      restarts: restarts.length,
      downtime: `${restarts.map((r) => (r.downtimeMs / 1000).toFixed(1)).join(" + ")} s`,
      "documents expected/extracted": `${DOCUMENTS}/${state.extracted}`,
      "changes expected/recorded/duplicated": `${state.changesExpected}/${state.changes}/${state.changesDuplicated}`,
      "mails expected/sent/duplicated": `${SUBSCRIBERS}/${received.size}/${duplicated}`,
      "schedulers re-created": schedulersRecreated,
      "extract jobs re-enqueued": requeuedAfter("crawl", "crawler"),
      "deliveries re-enqueued": requeuedAfter("digest", "notifier"),
      "at the restarts": restarts.map((r) => `${r.what}: ${r.note}`).join("; "),
    });
    expect(line).toContain("redis restart");
    expect(received.size).toBe(SUBSCRIBERS);
    expect(duplicated).toBe(0);
    expect(apps.every((app) => app.running)).toBe(true);
  }, 200_000);
});
