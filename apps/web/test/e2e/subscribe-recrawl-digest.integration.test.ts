import { randomBytes } from "node:crypto";
import { mkdirSync } from "node:fs";
import { createServer } from "node:net";
import path from "node:path";
import { loadConfig } from "@trackwatch/config";
import { sourceSchema } from "@trackwatch/crawl";
import { createCrawlDeps, policyExtractor, startCrawlerWorkers } from "@trackwatch/crawler";
import {
  type Database,
  findSubscriberByEmail,
  listChanges,
  listRecentCrawlRuns,
  syncSources,
} from "@trackwatch/db";
import { createTestDb } from "@trackwatch/db/testing";
import { startNotifierWorkers } from "@trackwatch/notifier";
import {
  createCrawlQueue,
  createDigestQueue,
  createEmailQueue,
  createRedis,
  enqueueDigest,
} from "@trackwatch/queue";
import {
  type FixtureSite,
  SEED_DOCUMENT_IDS,
  type SmtpSink,
  startFixtureSite,
  startSmtpSink,
} from "@trackwatch/testkit";
import type { Redis } from "ioredis";
import { pino } from "pino";
import { type Browser, chromium, type Page } from "playwright-core";
import { afterAll, beforeAll, expect, it } from "vitest";
import { type RunningWeb, startWeb } from "../../src/start-web.ts";

const SCREENSHOTS = path.resolve(import.meta.dirname, "../../../../docs/screenshots");
const ADMIN_TOKEN = "e2e-admin-token-0123456789abcdef";
const READER = `reader-${randomBytes(3).toString("hex")}@example.org`;

let site: FixtureSite;
let sink: SmtpSink;
let database: Database;
let workerRedis: Redis;
let producerRedis: Redis;
let web: RunningWeb;
let browser: Browser;
let page: Page;
const closers: (() => Promise<unknown>)[] = [];

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

async function waitFor<T>(
  what: string,
  probe: () => Promise<T | null | undefined | false>,
  timeoutMs = 60_000,
) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

let digestQueue: ReturnType<typeof createDigestQueue>;
let municipalId: string;

beforeAll(async () => {
  site = await startFixtureSite();
  sink = await startSmtpSink();
  database = await createTestDb("postgres");
  const port = await freePort();
  const prefix = `tw-e2e-${randomBytes(5).toString("hex")}`;
  const config = loadConfig({
    PORT: String(port),
    HOST: "127.0.0.1",
    PUBLIC_URL: `http://127.0.0.1:${port}`,
    SMTP_URL: sink.url,
    ADMIN_TOKEN,
    QUEUE_PREFIX: prefix,
    MAIL_FROM: "Trackwatch <trackwatch@example.org>",
    LOG_LEVEL: "warn",
  });
  const log = pino({ level: "warn" });
  const { municipal, commission } = site.sources();
  const sources = [municipal, commission].map((s) => sourceSchema.parse(s));
  municipalId = municipal.id;
  await syncSources(database.db, {
    sources: sources.map((s) => ({
      id: s.id,
      name: s.name,
      definition: s as unknown as Record<string, unknown>,
    })),
  });

  workerRedis = createRedis(config.REDIS_URL, { role: "worker" });
  producerRedis = createRedis(config.REDIS_URL, { role: "producer" });
  const crawlDeps = createCrawlDeps({ config, sources, redis: workerRedis, defaultSpacingMs: 0 });
  const crawler = await startCrawlerWorkers({
    db: database.db,
    connection: workerRedis,
    prefix,
    crawl: crawlDeps,
    extractor: policyExtractor,
    log,
  });
  const notifier = await startNotifierWorkers({
    db: database.db,
    redis: workerRedis,
    config,
    logger: log,
    schedule: false,
    digestSettleMs: 0,
  });
  const queues = {
    crawl: createCrawlQueue(producerRedis, prefix),
    email: createEmailQueue(producerRedis, prefix),
  };
  digestQueue = createDigestQueue(producerRedis, prefix);
  web = await startWeb({ db: database.db, config, queues, redis: producerRedis, log, sources });
  closers.push(
    () => web.close(),
    () => crawler.close({ timeoutMs: 5_000 }),
    () => notifier.close(),
    () => crawlDeps.close(),
    async () => {
      for (const queue of [queues.crawl, queues.email, digestQueue, crawler.extractQueue]) {
        await queue.obliterate({ force: true }).catch(() => {});
        await queue.close();
      }
    },
  );

  // Baseline: both sources crawled once, as their schedule would, so the revision below is a change
  // and not a new document. (A manual recrawl here would swallow the admin's click: clicks within a
  // minute are deduplicated.)
  for (const source of sources) {
    const job = await queues.crawl.add(`crawl ${source.id}`, { sourceId: source.id, trigger: "schedule" });
    const jobId = job.id!;
    await waitFor(`baseline crawl of ${source.id}`, async () => {
      const [run] = await listRecentCrawlRuns(database.db, { jobId, limit: 1 });
      return run && run.status !== "running";
    });
  }
  await waitFor("baseline targets", async () => {
    const { changes } = await listChanges(database.db, {
      kind: "target-added",
      track: "metaverse",
      limit: 1,
    });
    return changes.length > 0;
  });

  browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
    headless: true,
    args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking"],
  });
  page = await browser.newPage({ locale: "en-US", viewport: { width: 1200, height: 900 } });
  mkdirSync(SCREENSHOTS, { recursive: true });
}, 180_000);

afterAll(async () => {
  await browser?.close();
  for (const close of closers) await close().catch(() => {});
  if (workerRedis) {
    const keys = await workerRedis.keys(`tw-e2e-*`).catch(() => [] as string[]);
    if (keys.length > 0) await workerRedis.del(...keys);
  }
  workerRedis?.disconnect();
  producerRedis?.disconnect();
  await database?.close();
  await sink?.close();
  await site?.close();
}, 60_000);

it("subscribe → confirm by mail → admin recrawl after a revision → change in log and overview → digest with a working unsubscribe link", async () => {
  // A visitor subscribes to the Metaverse track, immediately, in English.
  await page.goto(`${web.url}/subscribe?lang=en`);
  await page.getByLabel("Email address").fill(READER);
  await page.getByLabel("Metaverse").check();
  await page.getByLabel("Immediately").check();
  await page.getByLabel("Language").selectOption("en");
  await page.getByRole("button", { name: "Subscribe" }).click();
  await expect.poll(() => page.getByRole("status").textContent()).toContain(READER);

  // The confirmation arrives through the notifier and real SMTP; its link confirms.
  const [confirmation] = await sink.waitForMessages(1, 30_000);
  expect(confirmation!.to).toEqual([READER]);
  const confirmUrl = new RegExp(`${web.url}/confirm/[A-Za-z0-9_-]{43}`).exec(
    confirmation!.parsed.text ?? "",
  )?.[0];
  expect(confirmUrl).toBeTruthy();
  await page.goto(confirmUrl!);
  await page.getByRole("button", { name: "Confirm subscription" }).click();
  await expect.poll(() => page.getByRole("status").textContent()).toContain(READER);
  expect((await findSubscriberByEmail(database.db, READER))?.status).toBe("active");

  // The fixture site publishes a revision; an admin signs in and clicks Recrawl now.
  site.publishRevision(SEED_DOCUMENT_IDS.metaversePlan);
  await page.goto(`${web.url}/admin`);
  expect(page.url()).toBe(`${web.url}/admin/login`);
  await page.getByLabel("Admin token").fill(ADMIN_TOKEN);
  await page.getByRole("button", { name: "Sign in" }).click();
  await page.waitForURL(`${web.url}/admin`);
  const row = page.locator(`#source-${municipalId}`);
  await row.getByRole("button", { name: "Recrawl now" }).click();
  // The page polls the run's status until it finishes (progressive enhancement, no reload).
  await expect
    .poll(() => row.locator("output").textContent(), { timeout: 60_000 })
    .toMatch(/succeeded|completed/);
  await page.reload();
  await page.screenshot({ path: path.join(SCREENSHOTS, "admin.png"), fullPage: true });

  // The change shows up in the change log and on the overview.
  const scale = await waitFor("the revised industry scale in the change log", async () => {
    const { changes } = await listChanges(database.db, {
      kind: "target-changed",
      track: "metaverse",
      limit: 20,
    });
    return changes.find((c) => c.key === "metaverse/industry-scale");
  });
  await page.goto(`${web.url}/changes?track=metaverse&kind=target-changed`);
  const entry = page.locator(`#change-${scale.id}`);
  await expect.poll(() => entry.count()).toBe(1);
  expect(await entry.locator(".kind").textContent()).toBe("Target changed");
  await page.screenshot({ path: path.join(SCREENSHOTS, "change-log.png"), fullPage: true });
  await page.goto(`${web.url}/`);
  expect(await page.locator(`#change-${scale.id}`).count()).toBe(1);
  expect(await page.locator("#track-metaverse svg.chart").count()).toBe(1);
  await page.screenshot({ path: path.join(SCREENSHOTS, "overview.png"), fullPage: true });

  // The document shows the sentence highlighted and the two versions side by side.
  await page.goto(
    `${web.url}/documents/${scale.document.id}?a=${scale.fromSnapshotId}&b=${scale.toSnapshotId}#diff`,
  );
  expect(await page.locator(".doc-text mark").count()).toBeGreaterThan(0);
  expect(await page.locator(".diff del", { hasText: "3500亿元" }).count()).toBe(1);
  expect(await page.locator(".diff ins", { hasText: "4000亿元" }).count()).toBe(1);
  await page.screenshot({ path: path.join(SCREENSHOTS, "document.png"), fullPage: true });

  // Readable on a phone: nothing wider than the screen but the tables' own scroll boxes.
  const phone = await browser.newPage({ viewport: { width: 390, height: 844 }, locale: "zh-CN" });
  await phone.goto(`${web.url}/changes`);
  expect(await phone.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
  await phone.screenshot({ path: path.join(SCREENSHOTS, "change-log-phone.png") });
  await phone.close();

  // The queue dashboard renders under the admin session (its own CSP allows its inline styles, no inline script).
  const cspErrors: string[] = [];
  page.on("console", (message) => {
    const text = message.text();
    // The dashboard links a Google web font; blocking it is intended.
    if (/Content Security Policy/i.test(text) && !text.includes("fonts.googleapis.com")) cspErrors.push(text);
  });
  await page.goto(`${web.url}/admin/queues`);
  await expect
    .poll(() => page.getByText("crawl", { exact: true }).count(), { timeout: 20_000 })
    .toBeGreaterThan(0);
  expect(cspErrors).toEqual([]);

  // The immediate digest run mails the subscriber once, with a working unsubscribe link.
  await enqueueDigest(digestQueue, { frequency: "immediate" });
  const digest = await waitFor(
    "the digest mail",
    async () => sink.messages.find((m) => m.to.includes(READER) && m !== confirmation),
    60_000,
  );
  expect(digest.parsed.text ?? "").toMatch(/→/);
  const html = typeof digest.parsed.html === "string" ? digest.parsed.html : "";
  expect(html.length).toBeGreaterThan(0);
  // A blank page of its own: written into one of the app's pages, the app's CSP would drop the mail's inline CSS.
  const mail = await browser.newPage({ viewport: { width: 800, height: 900 } });
  await mail.setContent(html);
  await mail.screenshot({ path: path.join(SCREENSHOTS, "digest.png"), fullPage: true });
  await mail.close();
  const unsubscribeUrl = new RegExp(`${web.url}/unsubscribe/[A-Za-z0-9_-]{43}`).exec(
    digest.parsed.headers.get("list-unsubscribe")?.toString() ?? digest.parsed.text ?? "",
  )?.[0];
  expect(unsubscribeUrl).toBeTruthy();
  await page.goto(unsubscribeUrl!);
  await page.getByRole("button", { name: "Unsubscribe" }).click();
  await expect.poll(() => page.getByRole("status").textContent()).toContain("unsubscribed");
  expect((await findSubscriberByEmail(database.db, READER))?.status).toBe("unsubscribed");
}, 240_000);
