/**
 * Web benchmark: the change-log page and the JSON API under load, on a PostgreSQL database holding
 * 100,000 changes. autocannon drives each for 10 s at 50 connections and the figures are requests
 * per second and p99 latency (plus the first page filtered by track, and an older cursor page, which
 * exercise the keyset indexes), next to /healthz as the floor. Run: npm run bench -- web
 */
import { randomBytes } from "node:crypto";
import { loadConfig } from "@trackwatch/config";
import { appendChanges, type NewChange, recordDocumentSeen, syncSources } from "@trackwatch/db";
import { createTestDb } from "@trackwatch/db/testing";
import { createCrawlQueue, createEmailQueue, createRedis } from "@trackwatch/queue";
import { startWeb } from "@trackwatch/web";
import autocannon from "autocannon";

const CHANGES = 100_000;
const DOCUMENTS = 200;
const BATCH = 2_000;
const DURATION_S = 10;
const CONNECTIONS = 50;
const TRACKS = ["metaverse", "green-low-carbon", "smart-terminals", "digital-economy"];
const KINDS = ["target-changed", "target-added", "rule-changed", "rule-added"] as const;

const database = await createTestDb("postgres");
const { db } = database;
const prefix = `tw-bench-web-${randomBytes(4).toString("hex")}`;
const redis = createRedis(process.env.REDIS_URL ?? "redis://127.0.0.1:6379", { role: "producer" });
const queues = { crawl: createCrawlQueue(redis, prefix), email: createEmailQueue(redis, prefix) };

try {
  const seedStart = performance.now();
  await syncSources(db, { sources: [{ id: "bench", name: "Bench source", definition: { id: "bench" } }] });
  const documentIds: number[] = [];
  for (let d = 0; d < DOCUMENTS; d++) {
    const doc = await recordDocumentSeen(db, {
      sourceId: "bench",
      url: `https://bench.example.gov.cn/${d}.html`,
      title: `上海市关于培育新赛道的行动方案（第${d}号）`,
    });
    documentIds.push(doc.id);
  }
  for (let start = 0; start < CHANGES; start += BATCH) {
    const batch: NewChange[] = [];
    for (let i = start; i < Math.min(CHANGES, start + BATCH); i++) {
      const track = TRACKS[i % TRACKS.length]!;
      batch.push({
        kind: KINDS[i % KINDS.length]!,
        sourceId: "bench",
        documentId: documentIds[i % DOCUMENTS]!,
        track,
        key: `${track}/metric-${i}`,
        metric: `产业规模 ${i}`,
        before: { comparator: ">=", value: 350_000_000_000 + i, unit: "CNY", year: 2025 },
        after: { comparator: ">=", value: 400_000_000_000 + i, unit: "CNY", year: 2025 },
        sentence: `到2025年，产业规模达到${3500 + (i % 1000)}亿元。`,
        fromSnapshotId: null,
        toSnapshotId: null,
        fromExtractionId: null,
        toExtractionId: null,
      });
    }
    await appendChanges(db, batch);
  }
  const seedSeconds = (performance.now() - seedStart) / 1000;

  const config = loadConfig({ PORT: "0", HOST: "127.0.0.1", QUEUE_PREFIX: prefix, LOG_LEVEL: "warn" });
  const quiet = { info: () => {}, warn: () => {}, error: (obj: unknown) => console.error(obj) };
  const web = await startWeb({
    db,
    config,
    queues,
    redis,
    log: quiet,
    sources: [{ id: "bench", name: "Bench" }],
  });

  // An older page: the cursor of a change roughly in the middle of the log.
  const middle = await (await fetch(`${web.url}/api/changes?limit=200`)).json();
  const cursor = Math.floor((middle.changes[0].id as number) / 2);
  // The floor: the same server answering without the database or rendering, measured alongside so
  // the figures can be read against what this machine (shared, 2 cores) gives at that moment.
  const targets = [
    ["floor: /healthz (no database)", "/healthz"],
    ["change log page /changes", "/changes"],
    ["JSON API /api/changes", "/api/changes"],
    ["change log filtered by track", "/changes?track=metaverse"],
    ["JSON API, older cursor page", `/api/changes?cursor=${cursor}`],
  ] as const;

  const rows: string[] = [];
  for (const [label, path] of targets) {
    const result = await autocannon({
      url: `${web.url}${path}`,
      connections: CONNECTIONS,
      duration: DURATION_S,
      headers: { "accept-language": "zh-CN" },
    });
    rows.push(
      `${label.padEnd(32)} ${result.requests.average.toFixed(0).padStart(7)} req/s   p99 ${String(result.latency.p99).padStart(5)} ms   non-2xx ${result.non2xx}   errors ${result.errors}`,
    );
  }
  // autocannon hangs up with requests still queued in the server; let them finish before the
  // database goes away.
  await new Promise((resolve) => setTimeout(resolve, 3_000));
  await web.close();

  console.log(
    `web bench: ${CHANGES.toLocaleString("en")} changes on PostgreSQL (seeded in ${seedSeconds.toFixed(1)} s), ${DURATION_S} s at ${CONNECTIONS} connections each`,
  );
  for (const row of rows) console.log(`  ${row}`);
} finally {
  for (const queue of Object.values(queues)) {
    await queue.obliterate({ force: true }).catch(() => {});
    await queue.close();
  }
  redis.disconnect();
  await database.close();
}
