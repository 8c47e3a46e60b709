import { randomUUID } from "node:crypto";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { createRedis } from "@trackwatch/queue";
import { type FixtureSite, SEED_DOCUMENT_IDS, startFixtureSite } from "@trackwatch/testkit";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { stringify } from "yaml";
import { eventually, metricValue, startTrackwatch, type TrackwatchProcess } from "./trackwatch-process.ts";
import { createWebClient } from "./web-client.ts";

const REDIS_URL = process.env.REDIS_URL ?? "redis://127.0.0.1:6379";
const ADMIN_TOKEN = `admin-${randomUUID()}`;

interface ChangeJson {
  id: number;
  before: unknown;
  after: unknown;
  document: { url: string };
}

// `trackwatch start` as an operator runs it: a child process on a fresh DATA_DIR (PGlite), the
// fixture site as its only website, everything observed over HTTP.
describe("trackwatch start (one process, embedded defaults)", () => {
  const prefix = `{tw-start-${randomUUID().slice(0, 8)}}`;
  let site: FixtureSite;
  let dir: string;
  let tw: TrackwatchProcess | undefined;

  beforeAll(async () => {
    site = await startFixtureSite({ seed: true });
    dir = mkdtempSync(path.join(tmpdir(), "tw-start-"));
    const { municipal } = site.sources();
    // Manual recrawls of one source are deduplicated for a minute, so the crawl after the revision
    // goes through a second source over the same site (documents are shared by URL).
    writeFileSync(
      path.join(dir, "sources.yaml"),
      stringify([
        { ...municipal, spacingMs: 0 },
        { ...municipal, id: `${municipal.id}-again`, name: `${municipal.name} (again)`, spacingMs: 0 },
      ]),
    );
  });

  afterAll(async () => {
    tw?.kill();
    await site?.close();
    const redis = createRedis(REDIS_URL, { role: "worker" });
    try {
      const keys = await redis.keys(`${prefix}:*`);
      if (keys.length > 0) await redis.del(...keys);
    } finally {
      redis.disconnect();
    }
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it("serves the web app, crawls on 'recrawl now', shows a revision's change, and exits cleanly on SIGTERM", async () => {
    const startedAt = Date.now();
    tw = startTrackwatch(
      ["start"],
      {
        DATA_DIR: path.join(dir, "data"),
        DATABASE_URL: "",
        SMTP_URL: "",
        REDIS_URL,
        QUEUE_PREFIX: prefix,
        PORT: "0",
        HOST: "127.0.0.1",
        ADMIN_TOKEN,
        TRACKWATCH_SOURCES: path.join(dir, "sources.yaml"),
        LOG_LEVEL: "info",
      },
      dir,
    );
    const [, url] = await tw.waitFor(/web app:\s+(http:\/\/\S+)/, 60_000);
    const web = createWebClient(url!);
    await eventually(
      "ready",
      async () => ((await web.request("/readyz")).status === 200 ? true : undefined),
      {
        timeoutMs: 20_000,
      },
    );
    const readyMs = Date.now() - startedAt;
    expect(tw.stdout).toContain("fixture-municipal-again");

    await web.signIn(ADMIN_TOKEN);
    const municipal = site.sources().municipal.id;
    const first = await web.recrawl(municipal, { timeoutMs: 60_000 });
    expect(first.state).toBe("completed");
    expect(first.run?.newDocuments, JSON.stringify(first)).toBeGreaterThan(0);

    // Extraction runs on its own queue after the crawl; /metrics says when it is drained.
    const extractIdle = async (atLeast: number) =>
      eventually(
        "extract queue drained",
        async () => {
          const text = await (await web.request("/metrics")).text();
          const pending = metricValue(text, "trackwatch_queue_jobs", { queue: "extract" });
          const done =
            metricValue(text, "trackwatch_jobs_total", { queue: "extract", outcome: "completed" }) ?? 0;
          return pending === 0 && done >= atLeast ? text : undefined;
        },
        { timeoutMs: 60_000 },
      );
    const afterFirst = await extractIdle(first.run!.newDocuments);
    expect(metricValue(afterFirst, "trackwatch_jobs_total", { queue: "crawl", outcome: "completed" })).toBe(
      1,
    );
    expect(metricValue(afterFirst, "trackwatch_crawl_pages_total", { result: "new" })).toBe(
      first.run!.newDocuments,
    );

    const before = (await (await web.request("/api/changes?limit=100")).json()) as { changes: ChangeJson[] };
    const seen = new Set(before.changes.map((c) => c.id));

    const revised = site.publishRevision(SEED_DOCUMENT_IDS.metaversePlan);
    const second = await web.recrawl(`${municipal}-again`, { timeoutMs: 60_000 });
    expect(second.state).toBe("completed");
    expect(second.run?.changed).toBe(1);

    const changed = await eventually(
      "the revision's change in /api/changes",
      async () => {
        const body = (await (await web.request("/api/changes?limit=100")).json()) as {
          changes: ChangeJson[];
        };
        const fresh = body.changes.filter((c) => !seen.has(c.id));
        return fresh.length > 0 ? fresh : undefined;
      },
      { timeoutMs: 30_000 },
    );
    expect(changed.every((c) => new URL(c.document.url).pathname === revised.path)).toBe(true);
    expect(changed.some((c) => c.before !== null && c.after !== null)).toBe(true);

    const metrics = await (await web.request("/metrics")).text();
    expect(metricValue(metrics, "trackwatch_jobs_total", { queue: "crawl", outcome: "completed" })).toBe(2);
    expect(metricValue(metrics, "trackwatch_crawl_pages_total", { result: "changed" })).toBe(1);
    expect(metricValue(metrics, "trackwatch_queue_jobs", { queue: "crawl", state: "waiting" })).toBe(0);

    // Every job left one "job finished" line naming its queue, id, source and outcome.
    const finished = tw.stdout
      .split("\n")
      .filter((line) => line.startsWith("{"))
      .map((line) => JSON.parse(line) as Record<string, unknown>)
      .filter((entry) => entry.msg === "job finished");
    const crawlLines = finished.filter((entry) => entry.queue === "crawl");
    expect(crawlLines.map((entry) => entry.source).sort()).toEqual([municipal, `${municipal}-again`]);
    const extractLines = finished.filter((entry) => entry.queue === "extract");
    expect(extractLines).toHaveLength(metricValue(metrics, "trackwatch_jobs_total", { queue: "extract" })!);
    for (const entry of [...crawlLines, ...extractLines]) {
      expect(entry).toMatchObject({
        outcome: "completed",
        jobId: expect.any(String),
        source: expect.any(String),
      });
    }

    const stopAt = Date.now();
    tw.child.kill("SIGTERM");
    const exit = await Promise.race([
      tw.exited,
      new Promise<never>((_, reject) => setTimeout(() => reject(new Error("no exit within 10 s")), 10_000)),
    ]);
    const stopMs = Date.now() - stopAt;
    expect(exit).toEqual({ code: 0, signal: null });
    // Figures for the run log (not asserted beyond the bounds above).
    console.info(`trackwatch start: ready after ${readyMs} ms, exited ${stopMs} ms after SIGTERM`);
  }, 180_000);
});
