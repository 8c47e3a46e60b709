import { randomUUID } from "node:crypto";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { type Database, schema } from "@trackwatch/db";
import { createTestDb } from "@trackwatch/db/testing";
import {
  type CrawlQueue,
  connectRedis,
  createCrawlQueue,
  createExtractQueue,
  type ExtractQueue,
} from "@trackwatch/queue";
import {
  FIXTURE_TRACKS,
  type FixtureDocument,
  type FixtureSite,
  type SmtpSink,
  startFixtureSite,
  startSmtpSink,
} from "@trackwatch/testkit";
import { afterAll, beforeAll, expect, it } from "vitest";
import { countDeliveredMails } from "../src/count-delivered-mails.ts";
import { countRecordedChanges } from "../src/count-recorded-changes.ts";
import { type ExpectedChange, publishRevision } from "../src/publish-revision.ts";
import { reportScenario } from "../src/report-scenario.ts";
import { type Fleet, type FleetWorker, startFleet } from "../src/start-fleet.ts";
import { waitUntil } from "../src/wait-until.ts";

const REDIS_URL = process.env.REDIS_URL ?? "redis://127.0.0.1:6379";
const POSTGRES_URL = process.env.TEST_POSTGRES_URL ?? "postgres://root@127.0.0.1:5432/test";
const ITERATIONS = Number(process.env.FAULTS_KILL_ITERATIONS ?? 30);
const DOCUMENTS = 100;
const SUBSCRIBERS = 300;
/** Documents revised per iteration; each document is revised once, so 3 x 30 of the 100. */
const REVISED_PER_ITERATION = 3;
/** The kill comes at a random moment this long after the iteration's crawls were enqueued. */
const MAX_KILL_DELAY_MS = 3_000;
/** Per iteration; what a killed crawl leaves behind is picked up by the next iteration's crawls. */
const ITERATION_SETTLE_MS = 20_000;

type Redis = Awaited<ReturnType<typeof connectRedis>>;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const pick = <T>(items: readonly T[]): T => items[Math.floor(Math.random() * items.length)]!;

let site: FixtureSite;
let sink: SmtpSink;
let database: Database;
let redis: Redis;
let crawlQueue: CrawlQueue;
let extractQueue: ExtractQueue;
let fleet: Fleet | undefined;
let dir: string;
const prefix = `{tw-faults-kill-${randomUUID().slice(0, 8)}}`;

beforeAll(async () => {
  [site, sink, database, redis] = await Promise.all([
    startFixtureSite({ seed: false }),
    startSmtpSink(),
    createTestDb("postgres", { postgresUrl: POSTGRES_URL }),
    connectRedis(REDIS_URL, { role: "producer" }),
  ]);
  crawlQueue = createCrawlQueue(redis, prefix);
  extractQueue = createExtractQueue(redis, prefix);
  dir = mkdtempSync(path.join(tmpdir(), "tw-faults-kill-"));
});

afterAll(async () => {
  await fleet?.stop();
  await Promise.allSettled([crawlQueue?.close(), extractQueue?.close()]);
  if (redis) {
    const keys = await redis.keys(`${prefix}:*`);
    if (keys.length > 0) await redis.del(...keys);
    redis.disconnect();
  }
  await Promise.allSettled([site?.close(), sink?.close()]);
  await database?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

function databaseUrl(): string {
  const url = new URL(POSTGRES_URL);
  url.pathname = `/${database.location.split("/").pop()}`;
  return url.toString();
}

/** Both sources once, as their schedulers enqueue them (no manual-recrawl deduplication). */
async function crawlBothSources(sourceIds: string[]): Promise<void> {
  await Promise.all(
    sourceIds.map((sourceId) => crawlQueue.add(`crawl ${sourceId}`, { sourceId, trigger: "schedule" })),
  );
}

/**
 * Work the crawlers still have: jobs waiting, or active under a live lock. An active job whose lock
 * is gone belonged to a killed process; BullMQ re-runs it only once its lock duration has passed.
 */
async function crawlersBusy(): Promise<boolean> {
  for (const queue of [crawlQueue, extractQueue] as const) {
    const counts = await queue.getJobCounts("waiting", "prioritized", "waiting-children");
    if (Object.values(counts).some((n) => n > 0)) return true;
    for (const job of await queue.getJobs(["active"])) {
      if (await redis.exists(`${prefix}:${queue.name}:${job.id}:lock`)) return true;
    }
  }
  return false;
}

async function maxChangeId(): Promise<number> {
  const rows = await database.db.select({ id: schema.changes.id }).from(schema.changes);
  return rows.reduce((max, r) => Math.max(max, r.id), 0);
}

it(`${ITERATIONS} iterations of revisions with a random worker SIGKILLed: every change once, every window mailed`, async () => {
  const started = Date.now();
  const documents = site.generate(DOCUMENTS);
  const { municipal, commission } = site.sources();
  const sourceIds = [municipal.id, commission.id];
  // A yearly schedule and no spacing: only the scenario's own jobs crawl, at full speed.
  const yearly = { schedule: "0 3 1 1 *", spacingMs: 0 };
  // JSON is YAML: the sources file needs no YAML writer.
  writeFileSync(
    path.join(dir, "sources.yaml"),
    JSON.stringify([
      { ...municipal, ...yearly },
      { ...commission, ...yearly },
    ]),
  );
  fleet = await startFleet(
    ["crawler", "crawler", "notifier"],
    {
      DATABASE_URL: databaseUrl(),
      DATA_DIR: path.join(dir, "data"),
      REDIS_URL,
      QUEUE_PREFIX: prefix,
      SMTP_URL: sink.url,
      SMTP_POOL_SIZE: "3",
      // A mail claimed by a killed notifier is resent after this long.
      DELIVERY_STALE_MS: "6000",
      TRACKWATCH_SOURCES: path.join(dir, "sources.yaml"),
      HOST: "127.0.0.1",
      LOG_LEVEL: "info",
    },
    { cwd: dir },
  );
  const workers = fleet.workers;
  const progress = (what: string) =>
    console.log(`killed workers: ${Math.round((Date.now() - started) / 1000)} s ${what}`);
  progress("fleet running");
  const logTail = () => workers.flatMap((w) => w.log.filter((l) => /"level":(40|50)/.test(l)).slice(-5));

  // The initial load, before anyone subscribes: every document added once.
  await crawlBothSources(sourceIds);
  await waitUntil(
    `all ${DOCUMENTS} documents extracted`,
    async () => {
      const added = await database.db
        .select({ id: schema.changes.id, kind: schema.changes.kind })
        .from(schema.changes);
      return added.filter((c) => c.kind === "document-added").length >= DOCUMENTS;
    },
    { timeoutMs: 120_000, describe: logTail },
  );
  const baselineId = await maxChangeId();
  progress(`initial load recorded (${baselineId} changes)`);

  // Subscribers who joined after the initial load, all immediate; a third follow every track.
  await database.db.insert(schema.subscribers).values(
    Array.from({ length: SUBSCRIBERS }, (_, i) => ({
      email: `killed-${String(i).padStart(3, "0")}@example.org`,
      tracks:
        i % 3 === 0
          ? []
          : i % 3 === 1
            ? [FIXTURE_TRACKS[i % 4]!]
            : [FIXTURE_TRACKS[i % 4]!, FIXTURE_TRACKS[(i + 1) % 4]!],
      frequency: "immediate" as const,
      locale: i % 2 ? ("en" as const) : ("zh" as const),
      status: "active" as const,
      confirmedAt: new Date(),
      lastChangeId: baselineId,
    })),
  );

  const expected: ExpectedChange[] = [];
  const queue: FixtureDocument[] = [...documents].sort(() => Math.random() - 0.5);
  const kills = { crawler: 0, notifier: 0 };
  const inFlightAtKills: number[] = [];
  let unsettledIterations = 0;
  const restarts: Promise<void>[] = [];

  for (let round = 0; round < ITERATIONS; round++) {
    for (const doc of queue.splice(0, REVISED_PER_ITERATION))
      expected.push(...(await publishRevision(site, doc.id, round)));
    await crawlBothSources(sourceIds);

    // Kill a worker that is running (a slot may still be restarting from the previous round).
    const victim: FleetWorker = pick(workers);
    await victim.ready();
    await sleep(Math.random() * MAX_KILL_DELAY_MS);
    await victim.kill();
    kills[victim.role] += 1;
    if (victim.role === "notifier") {
      const rows = await database.db.select({ status: schema.deliveries.status }).from(schema.deliveries);
      inFlightAtKills.push(rows.filter((r) => r.status === "sending").length);
    }
    const restart = victim.restart();
    restart.catch(() => {});
    restarts.push(restart);

    // Quiescence: this round's changes recorded, or nothing left to do but jobs of the dead process,
    // which BullMQ re-runs once their lock lapses; the next round's crawls pick their pages up sooner.
    let settled = false;
    await waitUntil(
      `round ${round + 1} quiet`,
      async () => {
        settled = (await countRecordedChanges(database.db, { baselineId, expected })).lost.length === 0;
        return settled || !(await crawlersBusy());
      },
      { timeoutMs: ITERATION_SETTLE_MS, intervalMs: 500, optional: true },
    );
    if (!settled) unsettledIterations += 1;
    progress(`round ${round + 1}: killed ${victim.name}, ${settled ? "settled" : "not settled"}`);
  }
  await Promise.all(restarts);

  // The end: one more crawl of both sources, then every expected change and every mail.
  await crawlBothSources(sourceIds);
  await waitUntil(
    "every expected change recorded",
    async () => (await countRecordedChanges(database.db, { baselineId, expected })).lost.length === 0,
    { timeoutMs: 180_000, intervalMs: 1_000, optional: true },
  );
  await waitUntil(
    "every digest window sent",
    async () => {
      const [latest, subscribers, deliveries] = await Promise.all([
        maxChangeId(),
        database.db.select({ lastChangeId: schema.subscribers.lastChangeId }).from(schema.subscribers),
        database.db.select({ status: schema.deliveries.status }).from(schema.deliveries),
      ]);
      return (
        subscribers.every((s) => s.lastChangeId >= latest) &&
        deliveries.every((d) => d.status !== "pending" && d.status !== "sending")
      );
    },
    { timeoutMs: 120_000, intervalMs: 1_000, optional: true },
  );
  progress("final drain done");
  // Mails accepted by the server just before their row was marked sent.
  await sleep(1_000);

  const changes = await countRecordedChanges(database.db, { baselineId, expected });
  const mails = await countDeliveredMails(database.db, { baselineId, messages: sink.messages });
  const inFlight = inFlightAtKills.reduce((a, b) => a + b, 0);
  reportScenario("killed workers", {
    iterations: ITERATIONS,
    kills: `${kills.crawler} crawler + ${kills.notifier} notifier`,
    "changes expected": changes.expected,
    recorded: changes.recorded,
    "changes duplicated": changes.duplicated,
    unexpected: changes.unexpected.length,
    "mails expected": mails.expected,
    sent: mails.sent,
    "mails duplicated": mails.duplicated,
    missed: mails.missed,
    "in flight at kills": inFlight,
    "changes unmailed": mails.changesUnmailed,
    "changes mailed twice": mails.changesMailedTwice,
    windows: mails.windows,
    "rounds left to the next": unsettledIterations,
    seconds: Math.round((Date.now() - started) / 1000),
  });

  expect(changes.lost, "changes lost").toEqual([]);
  expect(changes.duplicated, "changes recorded twice").toBe(0);
  expect(changes.unexpected, "changes no revision explains").toEqual([]);
  expect(mails.expected, "digest windows").toBeGreaterThan(0);
  expect(mails.missed, "windows whose mail never arrived").toBe(0);
  expect(mails.changesUnmailed, "subscriber changes in no mail").toBe(0);
  expect(mails.changesMailedTwice, "subscriber changes in two windows").toBe(0);
  // SMTP cannot be exactly-once across a crash between "accepted" and "marked sent".
  expect(mails.duplicated, "duplicate mails beyond those in flight at the kills").toBeLessThanOrEqual(
    inFlight,
  );
}, 600_000);
