/**
 * Digest benchmark: one daily digest to 10,000 subscribers through the notifier (digest job →
 * outbox rows → email jobs → claim, render, send, mark sent) into a loopback SMTP server that
 * discards what it receives, then raw nodemailer sending the same pre-rendered messages with the
 * same pool settings. Prints mails per second and peak RSS for both and their ratio.
 * Run: npm run bench -- digest [--subscribers=N] [--pool=N] [--concurrency=N]
 */
import { randomBytes } from "node:crypto";
import { Worker } from "node:worker_threads";
import { appendChanges, schema } from "@trackwatch/db";
import { createTestDb, makeDocument, makeSource } from "@trackwatch/db/testing";
import { buildDigestMessage, DIGEST_PREVIEW } from "@trackwatch/mail";
import { startNotifierWorkers } from "@trackwatch/notifier";
import { createDigestQueue, createEmailQueue, createRedis, enqueueDigest } from "@trackwatch/queue";
import { sql } from "drizzle-orm";
import nodemailer from "nodemailer";
import { pino } from "pino";

// npm run bench -- digest [--subscribers=N] [--pool=N] [--concurrency=N]
const arg = (name: string, fallback: number) =>
  Number(process.argv.find((a) => a.startsWith(`--${name}=`))?.split("=")[1] ?? fallback);
const SUBSCRIBERS = arg("subscribers", 10_000);
const POOL = arg("pool", 5);
const REDIS_URL = process.env.REDIS_URL ?? "redis://127.0.0.1:6379";

/** The SMTP server runs on its own thread so it does not share the senders' event loop. */
async function startDiscardingSmtp(): Promise<{
  port: number;
  received(): Promise<number>;
  stop(): Promise<void>;
}> {
  const worker = new Worker(
    `
    const { parentPort } = require("node:worker_threads");
    const { SMTPServer } = require("smtp-server");
    let received = 0;
    const server = new SMTPServer({
      authOptional: true, disabledCommands: ["STARTTLS"], logger: false, maxClients: 1000,
      onData(stream, _session, callback) { stream.on("end", () => { received++; callback(); }); stream.resume(); },
    });
    server.listen(0, "127.0.0.1", () => parentPort.postMessage({ port: server.server.address().port }));
    parentPort.on("message", (m) => {
      if (m === "count") parentPort.postMessage({ received });
      if (m === "stop") server.close(() => process.exit(0));
    });
    `,
    { eval: true },
  );
  const port = await new Promise<number>((resolve) => worker.once("message", (m) => resolve(m.port)));
  return {
    port,
    received: () =>
      new Promise((resolve) => {
        worker.once("message", (m) => resolve(m.received));
        worker.postMessage("count");
      }),
    stop: async () => {
      worker.postMessage("stop");
      await new Promise((resolve) => worker.once("exit", resolve));
    },
  };
}

/** Samples RSS every 200 ms while `fn` runs; returns its result, the peak and the growth in MiB. */
async function withPeakRss<T>(
  fn: () => Promise<T>,
): Promise<{ result: T; peakMiB: number; growthMiB: number }> {
  const start = process.memoryUsage().rss;
  let peak = start;
  const timer = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage().rss);
  }, 200);
  try {
    const result = await fn();
    peak = Math.max(peak, process.memoryUsage().rss);
    return { result, peakMiB: peak / 2 ** 20, growthMiB: (peak - start) / 2 ** 20 };
  } finally {
    clearInterval(timer);
  }
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const fmt = (n: number, digits = 0) => n.toLocaleString("en-US", { maximumFractionDigits: digits });

const smtp = await startDiscardingSmtp();
const database = await createTestDb("postgres");
const { db } = database;
const prefix = `{tw-bench-digest-${randomBytes(4).toString("hex")}}`;
const redis = createRedis(REDIS_URL, { role: "worker" });
const digestQueue = createDigestQueue(redis, prefix);
const emailQueue = createEmailQueue(redis, prefix);
const config = {
  DATA_DIR: "/tmp/trackwatch-bench",
  SMTP_URL: `smtp://127.0.0.1:${smtp.port}`,
  SMTP_POOL_SIZE: POOL,
  MAIL_FROM: "Trackwatch <digest@bench.test>",
  DKIM_DOMAIN: undefined,
  DKIM_SELECTOR: undefined,
  DKIM_PRIVATE_KEY: undefined,
  PUBLIC_URL: "http://bench.test",
  QUEUE_PREFIX: prefix,
  TZ: "Asia/Shanghai",
  DELIVERY_STALE_MS: 120_000,
};

try {
  // Seed: 10,000 active subscribers, half per language, and the three changes of the preview.
  const source = await makeSource(db);
  const document = await makeDocument(db, { sourceId: source.id });
  await appendChanges(
    db,
    DIGEST_PREVIEW.changes.map((c) => ({
      kind: c.kind as "target-changed",
      sourceId: source.id,
      documentId: document.id,
      track: c.track,
      key: c.key,
      metric: c.metric,
      before: c.before,
      after: c.after,
      sentence: c.sentence,
      fromSnapshotId: null,
      toSnapshotId: null,
      fromExtractionId: null,
      toExtractionId: null,
      detectedAt: new Date(Date.now() - 60_000),
    })),
  );
  const emails = Array.from({ length: SUBSCRIBERS }, (_, i) => `reader-${i}@bench.test`);
  for (let i = 0; i < SUBSCRIBERS; i += 1_000) {
    await db.insert(schema.subscribers).values(
      emails.slice(i, i + 1_000).map((email, j) => ({
        email,
        locale: (i + j) % 2 ? ("en" as const) : ("zh" as const),
        status: "active" as const,
      })),
    );
  }

  // Raw nodemailer: the same messages rendered beforehand, same pool size, all queued at once.
  const rawRun = () =>
    withPeakRss(async () => {
      const before = await smtp.received();
      const messages = emails.map((to, i) =>
        buildDigestMessage(
          { from: config.MAIL_FROM, to, messageId: `<raw-${i}@bench.test>` },
          { ...DIGEST_PREVIEW, locale: i % 2 ? "en" : "zh", publicUrl: config.PUBLIC_URL },
        ),
      );

      const transport = nodemailer.createTransport({
        url: config.SMTP_URL,
        pool: true,
        maxConnections: POOL,
        maxMessages: 1_000,
      });
      const started = performance.now();
      await Promise.all(messages.map((m) => transport.sendMail(m)));
      const seconds = (performance.now() - started) / 1000;
      transport.close();
      if ((await smtp.received()) - before !== SUBSCRIBERS) throw new Error("raw nodemailer lost messages");
      return seconds;
    });

  // The notifier, end to end.
  const base = await smtp.received();
  let outboxSeconds = 0;
  let emailJobsInFlight = 0;
  const notifier = await withPeakRss(async () => {
    const workers = await startNotifierWorkers({
      db,
      redis,
      config,
      logger: pino({ level: "silent" }),
      schedule: false,
      // The notifier's own default (pool size x EMAIL_JOBS_PER_CONNECTION) unless --concurrency=N.
      emailConcurrency: process.argv.some((a) => a.startsWith("--concurrency="))
        ? arg("concurrency", 0)
        : undefined,
    });
    emailJobsInFlight = workers.workers.email.concurrency;
    const started = performance.now();
    await enqueueDigest(digestQueue, { frequency: "daily" });
    let firstMail = 0;
    for (;;) {
      const received = await smtp.received();
      if (received > base && !firstMail) firstMail = performance.now();
      if (received >= SUBSCRIBERS + base) break;
      await sleep(50);
    }
    const seconds = (performance.now() - started) / 1000;
    outboxSeconds = (firstMail - started) / 1000;
    await workers.close();
    return seconds;
  });
  const sent = await db.$count(schema.deliveries);
  const [span] = await db
    .select({
      firstRecorded: sql<string>`min(${schema.deliveries.createdAt})`,
      lastRecorded: sql<string>`max(${schema.deliveries.createdAt})`,
      lastSent: sql<string>`max(${schema.deliveries.sentAt})`,
    })
    .from(schema.deliveries);
  const since = (t: string) => (new Date(t).getTime() - new Date(span!.firstRecorded).getTime()) / 1000;

  // Twice, averaged: the machine's load drifts during a run.
  const rawFirst = await rawRun();
  const rawSecond = await rawRun();
  const raw = {
    result: (rawFirst.result + rawSecond.result) / 2,
    peakMiB: Math.max(rawFirst.peakMiB, rawSecond.peakMiB),
    growthMiB: Math.max(rawFirst.growthMiB, rawSecond.growthMiB),
  };

  const notifierRate = SUBSCRIBERS / notifier.result;
  const rawRate = SUBSCRIBERS / raw.result;
  console.log(
    `digest bench: ${fmt(SUBSCRIBERS)} subscribers, SMTP pool ${POOL}, loopback SMTP (discarding), ` +
      `${emailJobsInFlight} email jobs in flight`,
  );
  console.log(
    `  notifier (digest job + outbox + email jobs): ${fmt(notifier.result, 1)} s, ${fmt(notifierRate)} mails/s, ` +
      `peak RSS ${fmt(notifier.peakMiB)} MiB (+${fmt(notifier.growthMiB)}), ${fmt(sent)} deliveries (first mail after ${fmt(outboxSeconds, 1)} s, ` +
      `outbox written in ${fmt(since(span!.lastRecorded), 1)} s, last sent at ${fmt(since(span!.lastSent), 1)} s)`,
  );
  console.log(
    `  raw nodemailer (pre-rendered, same pool):     ${fmt(raw.result, 1)} s, ${fmt(rawRate)} mails/s ` +
      `(runs: ${fmt(SUBSCRIBERS / rawFirst.result)}, ${fmt(SUBSCRIBERS / rawSecond.result)}), ` +
      `peak RSS ${fmt(raw.peakMiB)} MiB (+${fmt(raw.growthMiB)})`,
  );
  console.log(`  ratio notifier / raw: ${(notifierRate / rawRate).toFixed(2)} (goal >= 0.80)`);
} finally {
  await digestQueue.obliterate({ force: true }).catch(() => {});
  await emailQueue.obliterate({ force: true }).catch(() => {});
  await digestQueue.close();
  await emailQueue.close();
  await redis.quit();
  await database.close();
  await smtp.stop();
}
