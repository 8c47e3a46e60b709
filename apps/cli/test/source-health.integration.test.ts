import { randomBytes } from "node:crypto";
import {
  type CrawlRunSummary,
  crawlSource,
  createFetcher,
  createLocalPoliteness,
  createRobots,
  type Fetcher,
  type Source,
  sourceSchema,
} from "@trackwatch/crawl";
import { createSourceHealthAlert, extractSnapshot, policyExtractor } from "@trackwatch/crawler";
import { type Database, listSourceCrawlStatus, schema, syncSources } from "@trackwatch/db";
import { createTestDb } from "@trackwatch/db/testing";
import { type NotifierWorkers, startNotifierWorkers } from "@trackwatch/notifier";
import { createEmailQueue, createRedis, type EmailQueue } from "@trackwatch/queue";
import { type FixtureSite, type SmtpSink, startFixtureSite, startSmtpSink } from "@trackwatch/testkit";
import type { Redis } from "ioredis";
import { pino } from "pino";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

const ADMIN_EMAIL = "ops@trackwatch.test";
const MAIL_FROM = "Trackwatch <alerts@trackwatch.test>";
const PUBLIC_URL = "http://trackwatch.test";

describe("source health: a redesigned site turns the source unhealthy and back (postgres, redis, smtp)", () => {
  let site: FixtureSite;
  let database: Database;
  let sink: SmtpSink;
  let redis: Redis;
  let emailQueue: EmailQueue;
  let notifier: NotifierWorkers;
  let fetcher: Fetcher;
  let source: Source;
  const prefix = `{twtest-${randomBytes(4).toString("hex")}}`;
  const log = pino({ level: process.env.TEST_LOG_LEVEL ?? "silent" });

  /** One crawl run through the real crawl and extract steps, alerting through the outbox. */
  async function crawlAndExtract(): Promise<CrawlRunSummary> {
    const snapshots: number[] = [];
    const summary = await crawlSource({
      db: database.db,
      fetcher,
      politeness: createLocalPoliteness(),
      robots: createRobots({ fetcher }),
      source,
      trigger: "manual",
      defaultSpacingMs: 0,
      onSnapshot: (id) => {
        snapshots.push(id);
      },
      onHealthChange: createSourceHealthAlert({
        db: database.db,
        emailQueue,
        adminEmail: ADMIN_EMAIL,
        publicUrl: PUBLIC_URL,
        mailFrom: MAIL_FROM,
        log,
      }),
    });
    for (const snapshotId of snapshots)
      await extractSnapshot({ db: database.db, extractor: policyExtractor, snapshotId });
    return summary;
  }

  async function status() {
    const row = (await listSourceCrawlStatus(database.db)).find((s) => s.id === source.id);
    if (!row) throw new Error(`no status for ${source.id}`);
    return row;
  }

  /** Mail is asynchronous: give a wrongly sent extra message time to arrive before counting. */
  async function settledMessageCount(): Promise<number> {
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    return sink.messages.length;
  }

  beforeAll(async () => {
    site = await startFixtureSite();
    database = await createTestDb("postgres");
    sink = await startSmtpSink();
    redis = createRedis(process.env.REDIS_URL ?? "redis://127.0.0.1:6379", { role: "worker" });
    emailQueue = createEmailQueue(redis, prefix);
    notifier = await startNotifierWorkers({
      db: database.db,
      redis,
      logger: log,
      schedule: false,
      sweepIntervalMs: 1_000,
      digestSettleMs: 0,
      config: {
        DATA_DIR: "/tmp/trackwatch-health-test",
        SMTP_URL: sink.url,
        SMTP_POOL_SIZE: 1,
        MAIL_FROM,
        DKIM_DOMAIN: undefined,
        DKIM_SELECTOR: undefined,
        DKIM_PRIVATE_KEY: undefined,
        PUBLIC_URL,
        QUEUE_PREFIX: prefix,
        TZ: "Asia/Shanghai",
        DELIVERY_STALE_MS: 6_000,
      },
    });
    source = sourceSchema.parse(site.sources().commission);
    fetcher = createFetcher({ retries: 0, privateHosts: ["127.0.0.1"] });
    await syncSources(database.db, {
      sources: [
        { id: source.id, name: source.name, definition: source as unknown as Record<string, unknown> },
      ],
    });
  });

  afterAll(async () => {
    await notifier?.close();
    await emailQueue?.obliterate({ force: true }).catch(() => {});
    await emailQueue?.close();
    const keys = (await redis?.keys(`${prefix}:*`)) ?? [];
    if (keys.length > 0) await redis.del(...keys);
    await redis?.quit();
    await fetcher?.close();
    await sink?.close();
    await database?.close();
    await site?.close();
  });

  it("stays healthy and silent while the site looks as usual", async () => {
    for (let i = 0; i < 2; i++) {
      const run = await crawlAndExtract();
      expect(run.status).toBe("succeeded");
      expect(run.linksFound).toBe(site.listDocuments("commission").length);
      expect(run.health).toEqual({ health: "healthy", reason: null });
    }
    expect(await status()).toMatchObject({ health: "healthy", healthReason: null });
    expect(await settledMessageCount()).toBe(0);
  });

  it("turns unhealthy with the reason on a redesign, records no removal, and mails the operator once", async () => {
    const documentsBefore = await database.db.select().from(schema.documents);
    site.setLayout("redesigned");
    const usual = site.listDocuments("commission").length;
    const run = await crawlAndExtract();
    expect(run.health).toEqual({
      health: "unhealthy",
      reason: `list pages yielded no announcement links (usually ${usual})`,
    });
    expect(await status()).toMatchObject({
      health: "unhealthy",
      healthReason: `list pages yielded no announcement links (usually ${usual})`,
    });
    const [mail] = await sink.waitForMessages(1, 20_000);
    expect(mail!.to).toEqual([ADMIN_EMAIL]);
    expect(mail!.parsed.subject).toBe(`[Trackwatch] 来源异常：${source.name}`);
    expect(mail!.parsed.text).toContain("list pages yielded no announcement links");

    // A second broken run changes nothing: still unhealthy, no second mail, nothing removed.
    expect((await crawlAndExtract()).health?.health).toBe("unhealthy");
    expect(await settledMessageCount()).toBe(1);
    const documentsAfter = await database.db.select().from(schema.documents);
    expect(documentsAfter).toHaveLength(documentsBefore.length);
    expect(documentsAfter.every((d) => d.removedAt === null)).toBe(true);
    const changes = await database.db.select().from(schema.changes);
    expect(changes.filter((c) => c.kind.endsWith("-removed"))).toEqual([]);
  });

  it("recovers when the selectors match again, with one recovery mail", async () => {
    site.setLayout("normal");
    const run = await crawlAndExtract();
    expect(run.health).toEqual({ health: "healthy", reason: null });
    expect(await status()).toMatchObject({ health: "healthy", healthReason: null });
    const mails = await sink.waitForMessages(2, 20_000);
    expect(mails[1]!.parsed.subject).toBe(`[Trackwatch] 来源已恢复：${source.name}`);
    expect((await crawlAndExtract()).health?.health).toBe("healthy");
    expect(await settledMessageCount()).toBe(2);
  });
});
