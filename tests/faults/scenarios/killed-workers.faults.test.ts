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
  enqueueRecrawl,
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
import { bare, countDeliveredMails } from "../src/count-delivered-mails.ts";
import { countRecordedChanges } from "../src/count-recorded-changes.ts";
import { expectedChanges, type PublishedRevision, publishRevision } from "../src/publish-revision.ts";
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
/** The kill comes at a random moment up to this long after the round's crawls were enqueued. */
const MAX_KILL_DELAY_MS = 2_000;
/** Longest a round waits for its changes; what a killed crawl leaves is picked up by later rounds. */
const ROUND_SETTLE_MS = 3_000;
/** Bound of each of the final waits: changes recorded, then mails sent. */
const DRAIN_MS = 150_000;

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

/** "Recrawl now" for both sources; a click while a recrawl of the source waits or runs joins it. */
async function recrawlBothSources(sourceIds: string[]): Promise<void> {
  await Promise.all(
    sourceIds.map((sourceId) => enqueueRecrawl(crawlQueue, { sourceId, requestedBy: "faults" })),
  );
}

/** Paths of the documents with a change after `baselineId`. */
async function documentsChangedAfter(baselineId: number): Promise<Set<string>> {
  const [changes, documents] = await Promise.all([
    database.db.select({ id: schema.changes.id, documentId: schema.changes.documentId }).from(schema.changes),
    database.db.select({ id: schema.documents.id, url: schema.documents.url }).from(schema.documents),
  ]);
  const changed = new Set(changes.filter((c) => c.id > baselineId).map((c) => c.documentId));
  return new Set(documents.filter((d) => changed.has(d.id)).map((d) => new URL(d.url).pathname));
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
      TZ: "Asia/Shanghai",
    },
    { cwd: dir },
  );
  const workers = fleet.workers;
  const progress = (what: string) =>
    console.log(`killed workers: ${Math.round((Date.now() - started) / 1000)} s ${what}`);
  progress("fleet running");
  const logTail = () => workers.flatMap((w) => w.log.filter((l) => /"level":(40|50)/.test(l)).slice(-5));

  // The initial load, before anyone subscribes: every document added once.
  await recrawlBothSources(sourceIds);
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

  const revisions: PublishedRevision[] = [];
  const revisedPaths = () => revisions.map((r) => new URL(r.url).pathname);
  const queue: FixtureDocument[] = [...documents].sort(() => Math.random() - 0.5);
  const kills = { crawler: 0, notifier: 0 };
  // Deliveries whose mail the server had accepted while their row still said "sending" when the
  // notifier died: the one way SMTP can deliver twice (sending again after a crash is the point).
  const acceptedUnmarked = new Set<string>();
  let claimedAtKills = 0;
  let unsettledIterations = 0;
  const restarts: Promise<void>[] = [];

  for (let round = 0; round < ITERATIONS; round++) {
    for (const doc of queue.splice(0, REVISED_PER_ITERATION))
      revisions.push(await publishRevision(site, doc.id, round));
    await recrawlBothSources(sourceIds);

    // A random worker among those running (the others are still starting after their kill).
    if (!workers.some((w) => w.running)) await Promise.race(workers.map((w) => w.ready()));
    const victim: FleetWorker = pick(workers.filter((w) => w.running));
    await sleep(Math.random() * MAX_KILL_DELAY_MS);
    await victim.kill();
    kills[victim.role] += 1;
    if (victim.role === "notifier") {
      // A message whose final dot went out just before the kill is stored by the server just after.
      await sleep(300);
      const accepted = new Set(sink.messages.map((m) => bare(m.parsed.messageId)));
      const rows = await database.db
        .select({
          id: schema.deliveries.id,
          status: schema.deliveries.status,
          messageId: schema.deliveries.messageId,
        })
        .from(schema.deliveries);
      const sending = rows.filter((r) => r.status === "sending");
      claimedAtKills += sending.length;
      for (const r of sending) if (accepted.has(bare(r.messageId))) acceptedUnmarked.add(r.id);
    }
    const restart = victim.restart();
    restart.catch(() => {});
    restarts.push(restart);

    // Every revised document so far has its changes. A killed crawler leaves its crawl job active
    // until the job's lock lapses (2 min) and the fixture host's politeness slot taken until it
    // expires (30 s): a round whose crawl died leaves its revisions to later rounds' recrawls.
    const settled = await waitUntil(
      `round ${round + 1} recorded`,
      async () => {
        const changed = await documentsChangedAfter(baselineId);
        return revisedPaths().every((p) => changed.has(p));
      },
      { timeoutMs: ROUND_SETTLE_MS, intervalMs: 500, optional: true },
    );
    if (!settled) unsettledIterations += 1;
    progress(`round ${round + 1}: killed ${victim.name}, ${settled ? "settled" : "not settled"}`);
  }
  await Promise.all(restarts);

  // The end: what the revisions must have produced, then recrawls (clicked again every 10 s, as an
  // operator would while a dead worker's recrawl holds the button) until all of it is recorded.
  const expected = revisions.flatMap(expectedChanges);
  progress(`rounds done; ${expected.length} changes expected`);
  let lastClick = 0;
  const drained = await waitUntil(
    "every expected change recorded",
    async () => {
      if (Date.now() - lastClick > 10_000) {
        lastClick = Date.now();
        await recrawlBothSources(sourceIds);
      }
      return (await countRecordedChanges(database.db, { baselineId, expected })).lost.length === 0;
    },
    { timeoutMs: DRAIN_MS, intervalMs: 1_000, optional: true },
  );
  if (!drained) {
    const counts = await Promise.all([crawlQueue, extractQueue].map((q) => q.getJobCounts()));
    progress(
      `changes not all recorded; crawl ${JSON.stringify(counts[0])}, extract ${JSON.stringify(counts[1])}`,
    );
    for (const line of logTail()) console.log(line);
  }
  progress("changes drained");
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
    { timeoutMs: DRAIN_MS, intervalMs: 1_000, optional: true },
  );
  progress("mails drained");
  // Mails accepted by the server just before their row was marked sent.
  await sleep(1_000);

  const changes = await countRecordedChanges(database.db, { baselineId, expected });
  const mails = await countDeliveredMails(database.db, { baselineId, messages: sink.messages });
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
    "sent but unmarked at kills": acceptedUnmarked.size,
    "claimed at kills (sum)": claimedAtKills,
    "changes unmailed": mails.changesUnmailed,
    "changes mailed twice": mails.changesMailedTwice,
    windows: mails.windows,
    "rounds left to the next": unsettledIterations,
    seconds: Math.round((Date.now() - started) / 1000),
  });

  expect(changes.lost.slice(0, 10), "changes lost").toEqual([]);
  expect(changes.duplicated, "changes recorded twice").toBe(0);
  expect(changes.unexpected.slice(0, 10), "changes no revision explains").toEqual([]);
  expect(mails.expected, "digest windows").toBeGreaterThan(0);
  expect(mails.missed, "windows whose mail never arrived").toBe(0);
  expect(mails.changesUnmailed, "subscriber changes in no mail").toBe(0);
  expect(mails.changesMailedTwice, "subscriber changes in two windows").toBe(0);
  // SMTP cannot be exactly-once across a crash between "accepted" and "marked sent": every duplicate
  // must be one of those deliveries.
  expect(
    mails.duplicatedIds.filter((id) => !acceptedUnmarked.has(id)),
    "duplicate mails not sent-but-unmarked at a kill",
  ).toEqual([]);
}, 720_000);
