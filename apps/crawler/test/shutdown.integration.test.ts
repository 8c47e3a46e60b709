import { type ChildProcess, spawn } from "node:child_process";
import { randomUUID } from "node:crypto";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import type { Database } from "@trackwatch/db";
import { createTestDb } from "@trackwatch/db/testing";
import { connectRedis, createCrawlQueue, enqueueRecrawl } from "@trackwatch/queue";
import { type FixtureSite, startFixtureSite } from "@trackwatch/testkit";
import type { Redis } from "ioredis";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { stringify } from "yaml";

const MAIN = fileURLToPath(new URL("../src/main.ts", import.meta.url));
// tsx resolves from the working directory: run from the package.
const PACKAGE_DIR = fileURLToPath(new URL("..", import.meta.url));
const REDIS_URL = process.env.REDIS_URL ?? "redis://127.0.0.1:6379";
const POSTGRES_URL = process.env.TEST_POSTGRES_URL ?? "postgres://root@127.0.0.1:5432/test";

interface Crawler {
  child: ChildProcess;
  lines: Record<string, unknown>[];
  exited: Promise<{ code: number | null; ms: number }>;
  waitFor(predicate: (line: Record<string, unknown>) => boolean, timeoutMs?: number): Promise<void>;
}

describe("crawler process shutdown", () => {
  let site: FixtureSite;
  let database: Database;
  let databaseUrl: string;
  let dir: string;
  let redis: Redis;
  const prefix = `{tw-test-${randomUUID().slice(0, 8)}}`;

  beforeAll(async () => {
    site = await startFixtureSite();
    database = await createTestDb("postgres");
    const url = new URL(POSTGRES_URL);
    url.pathname = `/${database.location.split("/").at(-1)}`;
    databaseUrl = url.toString();
    dir = mkdtempSync(path.join(tmpdir(), "tw-crawler-"));
    writeFileSync(path.join(dir, "sources.yaml"), stringify([site.sources().municipal]));
    redis = await connectRedis(REDIS_URL, { role: "worker" });
  });
  afterAll(async () => {
    const keys = await redis.keys(`${prefix}*`);
    if (keys.length > 0) await redis.del(...keys);
    redis?.disconnect();
    await database?.close();
    await site?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  function startCrawler(): Crawler {
    const child = spawn(process.execPath, ["--import", "tsx", MAIN], {
      cwd: PACKAGE_DIR,
      env: {
        ...process.env,
        DATABASE_URL: databaseUrl,
        REDIS_URL,
        QUEUE_PREFIX: prefix,
        TRACKWATCH_SOURCES: path.join(dir, "sources.yaml"),
        LOG_LEVEL: "info",
      },
      stdio: ["ignore", "pipe", "pipe"],
    });
    const lines: Record<string, unknown>[] = [];
    const waiters: (() => void)[] = [];
    let buffer = "";
    child.stdout!.on("data", (chunk) => {
      buffer += chunk;
      let newline = buffer.indexOf("\n");
      while (newline >= 0) {
        const line = buffer.slice(0, newline);
        buffer = buffer.slice(newline + 1);
        try {
          lines.push(JSON.parse(line));
        } catch {
          lines.push({ msg: line });
        }
        for (const wake of waiters.splice(0)) wake();
        newline = buffer.indexOf("\n");
      }
    });
    let stderr = "";
    child.stderr!.on("data", (chunk) => {
      stderr += chunk;
    });
    let signalledAt = 0;
    const origKill = child.kill.bind(child);
    child.kill = (signal) => {
      signalledAt ||= Date.now();
      return origKill(signal);
    };
    const exited = new Promise<{ code: number | null; ms: number }>((resolve) =>
      child.on("close", (code) => resolve({ code, ms: Date.now() - signalledAt })),
    );
    return {
      child,
      lines,
      exited,
      async waitFor(predicate, timeoutMs = 60_000) {
        const deadline = Date.now() + timeoutMs;
        while (!lines.some(predicate)) {
          if (Date.now() > deadline || child.exitCode !== null) {
            throw new Error(
              `crawler did not log the expected line; stderr: ${stderr}; lines: ${JSON.stringify(lines)}`,
            );
          }
          await new Promise<void>((resolve) => {
            waiters.push(resolve);
            setTimeout(resolve, 200);
          });
        }
      },
    };
  }

  it("exits cleanly on SIGTERM, and at once on a second signal while a job runs", {
    timeout: 120_000,
  }, async () => {
    const idle = startCrawler();
    await idle.waitFor((l) => l.msg === "crawler ready");
    idle.child.kill("SIGTERM");
    const first = await idle.exited;
    expect(first.code).toBe(0);
    expect(first.ms).toBeLessThan(10_000);
    expect(idle.lines.some((l) => l.msg === "stopped")).toBe(true);

    // A crawl stuck on a slow list page: the first signal waits for it, the second does not.
    const busy = startCrawler();
    await busy.waitFor((l) => l.msg === "crawler ready");
    site.setFault("list:*", { kind: "slow", delayMs: 30_000 });
    const queue = createCrawlQueue(redis, prefix);
    const { jobId } = await enqueueRecrawl(queue, {
      sourceId: site.sources().municipal.id,
      requestedBy: "test",
    });
    for (let i = 0; i < 100 && !(await (await queue.getJob(jobId))?.isActive()); i++) {
      await new Promise((r) => setTimeout(r, 100));
    }
    busy.child.kill("SIGTERM");
    await busy.waitFor((l) => l.msg === "shutting down");
    await new Promise((r) => setTimeout(r, 300));
    expect(busy.child.exitCode).toBeNull();
    busy.child.kill("SIGINT");
    const second = await busy.exited;
    expect(second.code).toBe(130);
    expect(second.ms).toBeLessThan(5_000);
    site.clearFaults();
    await queue.close();
  });
});
