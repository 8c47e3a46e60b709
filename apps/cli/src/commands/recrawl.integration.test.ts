import { spawn } from "node:child_process";
import { randomUUID } from "node:crypto";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { sourceSchema } from "@trackwatch/crawl";
import {
  type CrawlerWorkers,
  createCrawlDeps,
  type OpenCrawlDeps,
  policyExtractor,
  startCrawlerWorkers,
} from "@trackwatch/crawler";
import { type Database, syncSources } from "@trackwatch/db";
import { createTestDb } from "@trackwatch/db/testing";
import { connectRedis } from "@trackwatch/queue";
import { type FixtureSite, startFixtureSite } from "@trackwatch/testkit";
import type { Redis } from "ioredis";
import { pino } from "pino";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { stringify } from "yaml";

const BIN = fileURLToPath(new URL("../../bin/trackwatch.js", import.meta.url));
const REDIS_URL = process.env.REDIS_URL ?? "redis://127.0.0.1:6379";

function trackwatch(args: string[], env: Record<string, string>) {
  return new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, ...args], {
      cwd: tmpdir(),
      env: { ...process.env, ...env },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk) => {
      stdout += chunk;
    });
    child.stderr.on("data", (chunk) => {
      stderr += chunk;
    });
    child.on("error", reject);
    child.on("close", (code) => resolve({ code, stdout, stderr }));
  });
}

describe("trackwatch recrawl", () => {
  const prefix = `{tw-test-${randomUUID().slice(0, 8)}}`;
  let site: FixtureSite;
  let database: Database;
  let redis: Redis;
  let crawl: OpenCrawlDeps;
  let workers: CrawlerWorkers;
  let dir: string;
  let sourcesFile: string;

  beforeAll(async () => {
    site = await startFixtureSite();
    const sources = [sourceSchema.parse(site.sources().municipal)];
    dir = mkdtempSync(path.join(tmpdir(), "tw-recrawl-"));
    sourcesFile = path.join(dir, "sources.yaml");
    writeFileSync(sourcesFile, stringify([site.sources().municipal]));
    database = await createTestDb("postgres");
    await syncSources(database.db, {
      sources: sources.map((s) => ({
        id: s.id,
        name: s.name,
        definition: s as unknown as Record<string, unknown>,
      })),
    });
    redis = await connectRedis(REDIS_URL, { role: "worker" });
    crawl = createCrawlDeps({
      config: {
        CONTACT_URL: undefined,
        CRAWL_CONCURRENCY: 4,
        QUEUE_PREFIX: prefix,
        CHROMIUM_PATH: undefined,
      },
      sources,
      redis,
    });
    workers = await startCrawlerWorkers({
      db: database.db,
      connection: redis,
      prefix,
      crawl,
      extractor: policyExtractor,
      log: pino({ level: "silent" }),
    });
  });
  afterAll(async () => {
    await workers?.close({ timeoutMs: 5_000 });
    await crawl?.close();
    const keys = await redis.keys(`${prefix}*`);
    if (keys.length > 0) await redis.del(...keys);
    redis?.disconnect();
    await database?.close();
    await site?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it("queues a manual crawl and, with --wait, prints its progress and outcome", {
    timeout: 120_000,
  }, async () => {
    const run = await trackwatch(["recrawl", "fixture-municipal", "--wait", "--sources", sourcesFile], {
      REDIS_URL,
      QUEUE_PREFIX: prefix,
    });
    expect(run.stderr).toBe("");
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^recrawl of fixture-municipal queued as job \S+$/m);
    // Progress lines as the run reports them; a fast run may skip straight from lists to done.
    expect(run.stdout).toMatch(/^ {2}phase=(lists|details|done) /m);
    expect(run.stdout).toMatch(/^done: .*status=succeeded.*newDocuments=3/m);
  });

  it("refuses an unknown source and says how to start Redis when none answers", {
    timeout: 60_000,
  }, async () => {
    const unknown = await trackwatch(["recrawl", "no-such-source", "--sources", sourcesFile], {
      REDIS_URL,
      QUEUE_PREFIX: prefix,
    });
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toMatch(/unknown source "no-such-source" \(known: fixture-municipal\)/);
    const noRedis = await trackwatch(["recrawl", "fixture-municipal", "--sources", sourcesFile], {
      REDIS_URL: "redis://127.0.0.1:1",
    });
    expect(noRedis.code).toBe(1);
    expect(noRedis.stderr.trim().split("\n")).toHaveLength(1);
    expect(noRedis.stderr).toMatch(
      /cannot reach Redis at redis:\/\/127\.0\.0\.1:1.*redis-server --daemonize yes/,
    );
  });
});
