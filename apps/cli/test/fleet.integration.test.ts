import { randomUUID } from "node:crypto";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import {
  type ChangeView,
  confirmSubscription,
  type Database,
  findSubscriberByEmail,
  issueSubscriberToken,
  listChanges,
  listRecentCrawlRuns,
  subscribe,
} from "@trackwatch/db";
import { createTestDb } from "@trackwatch/db/testing";
import {
  type CrawlQueue,
  connectRedis,
  createCrawlQueue,
  createDigestQueue,
  createEmailQueue,
  createExtractQueue,
  type DigestQueue,
  type EmailQueue,
  type ExtractQueue,
  enqueueDigest,
} from "@trackwatch/queue";
import {
  type FixtureDocument,
  type FixtureSite,
  type SmtpSink,
  startFixtureSite,
  startSmtpSink,
} from "@trackwatch/testkit";
import type { Redis } from "ioredis";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { stringify } from "yaml";
import { eventually, metricValue, startTrackwatch, type TrackwatchProcess } from "./trackwatch-process.ts";

const REDIS_URL = process.env.REDIS_URL ?? "redis://127.0.0.1:6379";
const POSTGRES_URL = process.env.TEST_POSTGRES_URL ?? "postgres://root@127.0.0.1:5432/test";
const DOCUMENTS = 200;
const SUBSCRIBERS = 5;
const REVISED = 10;

// Service mode as infra/ describes it: separate crawler and notifier processes sharing one
// PostgreSQL and one Redis. Work must be split between them without doing anything twice.
describe("a fleet: two crawler processes and one notifier on one PostgreSQL and one Redis", () => {
  const prefix = `{tw-fleet-${randomUUID().slice(0, 8)}}`;
  let site: FixtureSite;
  let sink: SmtpSink;
  let database: Database;
  let redis: Redis;
  let queues: { crawl: CrawlQueue; extract: ExtractQueue; digest: DigestQueue; email: EmailQueue };
  let dir: string;
  let documents: FixtureDocument[];
  let sourceIds: string[];
  const fleet: TrackwatchProcess[] = [];
  const metricsUrls: string[] = [];

  beforeAll(async () => {
    [site, sink, database, redis] = await Promise.all([
      startFixtureSite({ seed: false }),
      startSmtpSink(),
      createTestDb("postgres", { postgresUrl: POSTGRES_URL }),
      connectRedis(REDIS_URL, { role: "producer" }),
    ]);
    documents = site.generate(DOCUMENTS);
    const { municipal, commission } = site.sources();
    sourceIds = [municipal.id, commission.id];
    dir = mkdtempSync(path.join(tmpdir(), "tw-fleet-"));
    // A yearly schedule: only the test's own jobs crawl.
    const yearly = { schedule: "0 3 1 1 *", spacingMs: 0 };
    writeFileSync(
      path.join(dir, "sources.yaml"),
      stringify([
        { ...municipal, ...yearly },
        { ...commission, ...yearly },
      ]),
    );
    queues = {
      crawl: createCrawlQueue(redis, prefix),
      extract: createExtractQueue(redis, prefix),
      digest: createDigestQueue(redis, prefix),
      email: createEmailQueue(redis, prefix),
    };
  }, 60_000);

  afterAll(async () => {
    for (const tw of fleet) tw.kill();
    await Promise.allSettled(Object.values(queues ?? {}).map((queue) => queue.close()));
    if (redis) {
      const keys = await redis.keys(`${prefix}:*`);
      if (keys.length > 0) await redis.del(...keys);
      redis.disconnect();
    }
    await Promise.allSettled([site?.close(), sink?.close()]);
    // Drop the database only once no process holds a connection to it.
    await Promise.allSettled(fleet.map((tw) => tw.exited));
    await database?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  }, 60_000);

  const databaseUrl = () => {
    const url = new URL(POSTGRES_URL);
    url.pathname = `/${database.location.split("/").pop()}`;
    return url.toString();
  };

  async function idle(what: string, timeoutMs: number) {
    let last = "";
    try {
      await eventually(
        what,
        async () => {
          const counts = await Promise.all([
            // The crawl queue's delayed jobs are the sources' next scheduled runs.
            queues.crawl.getJobCounts("waiting", "active", "prioritized"),
            queues.extract.getJobCounts("waiting", "active", "delayed", "prioritized", "waiting-children"),
          ]);
          last = JSON.stringify(counts);
          return counts.every((c) => Object.values(c).every((n) => n === 0)) ? true : undefined;
        },
        { timeoutMs, intervalMs: 300 },
      );
    } catch (error) {
      const failures = fleet.flatMap((tw) => tw.stdout.split("\n").filter((l) => /"level":(40|50)/.test(l)));
      throw new Error(
        `${(error as Error).message}; crawl, extract: ${last}\n${failures.slice(-5).join("\n")}`,
      );
    }
  }

  async function crawlAll(jobsPerSource: number) {
    const jobs = await Promise.all(
      sourceIds.flatMap((sourceId) =>
        Array.from({ length: jobsPerSource }, () =>
          // As the scheduler enqueues them (no manual-recrawl deduplication).
          queues.crawl.add(`crawl ${sourceId}`, { sourceId, trigger: "schedule" }),
        ),
      ),
    );
    await eventually(
      "crawl jobs finished",
      async () => {
        const states = await Promise.all(jobs.map((job) => queues.crawl.getJobState(job.id!)));
        if (states.includes("failed")) throw new Error(`a crawl failed: ${states.join(", ")}`);
        return states.every((s) => s === "completed") ? true : undefined;
      },
      { timeoutMs: 90_000, intervalMs: 300 },
    );
    await idle("extraction drained", 90_000);
  }

  async function allChanges(): Promise<ChangeView[]> {
    const all: ChangeView[] = [];
    let cursor: number | undefined;
    do {
      const page = await listChanges(database.db, { limit: 500, cursor });
      all.push(...page.changes);
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
    return all;
  }

  it("starts the processes on the shared services", async () => {
    const env = {
      DATABASE_URL: databaseUrl(),
      DATA_DIR: path.join(dir, "data"),
      REDIS_URL,
      QUEUE_PREFIX: prefix,
      SMTP_URL: sink.url,
      TRACKWATCH_SOURCES: path.join(dir, "sources.yaml"),
      HOST: "127.0.0.1",
      METRICS_PORT: "0",
      LOG_LEVEL: "info",
    };
    for (const app of ["crawler", "crawler", "notifier"])
      fleet.push(startTrackwatch(["start", app], env, dir));
    for (const tw of fleet) {
      const [, url] = await tw.waitFor(/metrics:\s+(http:\/\/\S+)/, 60_000);
      metricsUrls.push(url!);
    }
    expect(fleet.every((tw) => tw.stdout.includes("Trackwatch is running."))).toBe(true);
  }, 90_000);

  it("crawls every one of 200 documents exactly once between two crawler processes", async () => {
    for (let i = 0; i < SUBSCRIBERS; i++) {
      const email = `fleet-${i}-${randomUUID().slice(0, 6)}@example.org`;
      await subscribe(database.db, { email, tracks: [], frequency: "daily", locale: "en" });
      const row = await findSubscriberByEmail(database.db, email);
      const token = await issueSubscriberToken(database.db, { subscriberId: row!.id, scope: "confirm" });
      await confirmSubscription(database.db, { token });
    }

    await crawlAll(1);
    const uncrawled = documents.filter((doc) => site.requestCount(doc.path) !== 1);
    expect(uncrawled.map((doc) => `${doc.path} ×${site.requestCount(doc.path)}`)).toEqual([]);
    const runs = await listRecentCrawlRuns(database.db, {});
    expect(runs).toHaveLength(2);
    expect(runs.every((run) => run.status === "succeeded")).toBe(true);
    expect(runs.reduce((sum, run) => sum + run.newDocuments, 0)).toBe(DOCUMENTS);

    // Each process counts what it did; together, two crawls and one extraction per document.
    const scrapes = await Promise.all(metricsUrls.map(async (url) => (await fetch(url)).text()));
    const sum = (queue: string) =>
      scrapes.reduce(
        (n, text) => n + (metricValue(text, "trackwatch_jobs_total", { queue, outcome: "completed" }) ?? 0),
        0,
      );
    expect(sum("crawl")).toBe(2);
    expect(sum("extract")).toBe(DOCUMENTS);
    console.info(
      `fleet: extract jobs per crawler process ${scrapes
        .slice(0, 2)
        .map(
          (text) =>
            metricValue(text, "trackwatch_jobs_total", { queue: "extract", outcome: "completed" }) ?? 0,
        )
        .join(" + ")}`,
    );
  }, 240_000);

  it("records each change of revised documents once, though both crawlers crawl each source at the same time", async () => {
    const before = new Set((await allChanges()).map((c) => c.id));
    const revised = [
      ...documents.filter((d) => d.site === "municipal").slice(0, REVISED / 2),
      ...documents.filter((d) => d.site === "commission").slice(0, REVISED / 2),
    ];
    for (const doc of revised) site.publishRevision(doc.id);

    await crawlAll(2);
    const fresh = (await allChanges()).filter((c) => !before.has(c.id));
    const revisedPaths = new Set(revised.map((d) => d.path));
    expect(fresh.filter((c) => !revisedPaths.has(new URL(c.document.url).pathname))).toEqual([]);
    const perDocument = new Map<string, number>();
    for (const change of fresh)
      perDocument.set(change.document.url, (perDocument.get(change.document.url) ?? 0) + 1);
    expect(perDocument.size).toBe(REVISED);
    const keys = fresh.map((c) => `${c.document.id} ${c.kind} ${c.key}`);
    expect(new Set(keys).size).toBe(keys.length);
    // The same revision of the same plan yields the same set of changes for every document.
    expect(new Set(perDocument.values()).size).toBe(1);
  }, 240_000);

  it("mails every confirmed subscriber exactly one digest", async () => {
    // Digest runs cover changes a few seconds old (slow transactions must not be skipped).
    await new Promise((resolve) => setTimeout(resolve, 6_000));
    await enqueueDigest(queues.digest, { frequency: "daily" });
    await enqueueDigest(queues.digest, { frequency: "daily" });
    // Digests carry List-Unsubscribe. The other mails are the confirmation requests subscribe()
    // queued: without the web app enqueueing them, the outbox sweep sends them within a minute.
    const digests = () => sink.messages.filter((m) => /^List-Unsubscribe:/im.test(m.raw.toString("utf8")));
    await eventually(
      "a digest for every subscriber",
      async () => (digests().length >= SUBSCRIBERS ? true : undefined),
      {
        timeoutMs: 60_000,
      },
    );
    await eventually(
      "digest and email queues drained",
      async () => {
        const counts = await Promise.all(
          [queues.digest, queues.email].map((q) => q.getJobCounts("waiting", "active", "prioritized")),
        );
        return counts.every((c) => Object.values(c).every((n) => n === 0)) ? true : undefined;
      },
      { timeoutMs: 30_000 },
    );
    await new Promise((resolve) => setTimeout(resolve, 2_000));
    const recipients = digests().flatMap((m) => m.to);
    expect(recipients).toHaveLength(SUBSCRIBERS);
    expect(new Set(recipients).size).toBe(SUBSCRIBERS);
    const notifier = await (await fetch(metricsUrls[2]!)).text();
    const sent = metricValue(notifier, "trackwatch_mails_total", { outcome: "sent" }) ?? 0;
    expect(sent).toBeGreaterThanOrEqual(SUBSCRIBERS);
    expect(sent).toBeLessThanOrEqual(sink.messages.length);
  }, 120_000);

  it("stops every process cleanly on SIGTERM", async () => {
    const stopAt = Date.now();
    for (const tw of fleet) tw.child.kill("SIGTERM");
    const exits = await Promise.race([
      Promise.all(fleet.map((tw) => tw.exited)),
      new Promise<never>((_, reject) =>
        setTimeout(() => reject(new Error("not all exited within 15 s")), 15_000),
      ),
    ]);
    expect(exits).toEqual(fleet.map(() => ({ code: 0, signal: null })));
    console.info(`fleet: all processes exited ${Date.now() - stopAt} ms after SIGTERM`);
  }, 20_000);
});
