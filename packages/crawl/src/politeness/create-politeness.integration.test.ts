import { randomUUID } from "node:crypto";
import { setTimeout as sleep } from "node:timers/promises";
import { Redis } from "ioredis";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseRetryAfter } from "../fetch/parse-retry-after.ts";
import { createPoliteness } from "./create-politeness.ts";
import { HostDeferredError } from "./host-deferred-error.ts";

const REDIS_URL = process.env.REDIS_URL ?? "redis://127.0.0.1:6379";
const prefix = `test:polite:${randomUUID()}`;
// Two connections stand for two crawler processes.
let redisA: Redis;
let redisB: Redis;

beforeAll(() => {
  redisA = new Redis(REDIS_URL);
  redisB = new Redis(REDIS_URL);
});
afterAll(async () => {
  const keys = await redisA.keys(`${prefix}:*`);
  if (keys.length > 0) await redisA.del(...keys);
  redisA.disconnect();
  redisB.disconnect();
});

interface Span {
  start: number;
  end: number;
}

async function timed(spans: Span[], workMs: number): Promise<void> {
  const span = { start: performance.now(), end: 0 };
  await sleep(workMs);
  span.end = performance.now();
  spans.push(span);
}

describe("politeness (real Redis)", () => {
  it("keeps one request in flight per host across two processes", async () => {
    const a = createPoliteness(redisA, { prefix });
    const b = createPoliteness(redisB, { prefix });
    let inFlight = 0;
    let maxInFlight = 0;
    const task = async () => {
      inFlight++;
      maxInFlight = Math.max(maxInFlight, inFlight);
      await sleep(15);
      inFlight--;
    };
    await Promise.all(Array.from({ length: 20 }, (_, i) => (i % 2 ? a : b).withHost("one.example", 0, task)));
    expect(maxInFlight).toBe(1);
  });

  it("runs different hosts in parallel", async () => {
    const a = createPoliteness(redisA, { prefix });
    const started = performance.now();
    await Promise.all(
      ["h1.example", "h2.example", "h3.example"].map((host) => a.withHost(host, 0, () => sleep(200))),
    );
    expect(performance.now() - started).toBeLessThan(500);
  });

  it("spaces requests to one host by at least spacingMs, whichever process sends them", async () => {
    const a = createPoliteness(redisA, { prefix });
    const b = createPoliteness(redisB, { prefix });
    const spans: Span[] = [];
    await Promise.all(
      Array.from({ length: 4 }, (_, i) =>
        (i % 2 ? a : b).withHost("spaced.example", 150, () => timed(spans, 5)),
      ),
    );
    spans.sort((x, y) => x.start - y.start);
    for (let i = 1; i < spans.length; i++) {
      // 2 ms tolerance for Redis TIME vs the local clock.
      expect(spans[i]!.start - spans[i - 1]!.end).toBeGreaterThanOrEqual(148);
    }
  });

  it("honours Retry-After (seconds and HTTP date) for every process", async () => {
    const a = createPoliteness(redisA, { prefix });
    const b = createPoliteness(redisB, { prefix });
    let firstEnd = 0;
    await a.withHost("busy.example", 0, async (slot) => {
      slot.deferFor(parseRetryAfter("1") ?? 0);
      firstEnd = performance.now();
    });
    await b.withHost("busy.example", 0, async () => {
      expect(performance.now() - firstEnd).toBeGreaterThanOrEqual(990);
    });

    const inTwoSeconds = new Date(Math.ceil(Date.now() / 1000) * 1000 + 2000).toUTCString();
    await a.withHost("dated.example", 0, async (slot) => slot.deferFor(parseRetryAfter(inTwoSeconds) ?? 0));
    const before = performance.now();
    await b.withHost("dated.example", 0, async () => {});
    expect(performance.now() - before).toBeGreaterThanOrEqual(900);
  });

  it("schedule backs a host off after a 429 result with Retry-After", async () => {
    const a = createPoliteness(redisA, { prefix });
    const url = "http://throttled.example/list.html";
    await a.schedule(url, { spacingMs: 0 }, async () => ({ ok: false, status: 429, retryAfterMs: 700 }));
    const before = performance.now();
    await a.schedule(url, { spacingMs: 0 }, async () => ({ ok: true, status: 200 }));
    expect(performance.now() - before).toBeGreaterThanOrEqual(690);
  });

  it("gives up with HostDeferredError when the host is deferred beyond maxWaitMs", async () => {
    const a = createPoliteness(redisA, { prefix, maxWaitMs: 1_000 });
    await a.deferHost("far.example", 60_000);
    await expect(a.withHost("far.example", 0, async () => "never")).rejects.toBeInstanceOf(HostDeferredError);
  });

  it("recovers a host whose holder crashed once the lock expires, and keeps a live holder's lock renewed", async () => {
    const a = createPoliteness(redisA, { prefix, lockTtlMs: 300 });
    const b = createPoliteness(redisB, { prefix, lockTtlMs: 300 });
    // A crashed process left its lock behind.
    await redisA.set(`${prefix}:host:{crashed.example}:lock`, "dead-token", "PX", 300);
    const before = performance.now();
    await a.withHost("crashed.example", 0, async () => {});
    expect(performance.now() - before).toBeGreaterThanOrEqual(250);

    // A holder working for 3x the TTL keeps the host: renewal, not expiry, decides.
    let overlap = false;
    let holding = false;
    const long = a.withHost("slow.example", 0, async () => {
      holding = true;
      await sleep(900);
      holding = false;
    });
    await sleep(50);
    await b.withHost("slow.example", 0, async () => {
      overlap = holding;
    });
    await long;
    expect(overlap).toBe(false);
  });

  it("does not delete a lock that has passed to another holder", async () => {
    const a = createPoliteness(redisA, { prefix, lockTtlMs: 200 });
    const key = `${prefix}:host:{stolen.example}:lock`;
    await a.withHost("stolen.example", 0, async () => {
      // Our lock expires mid-task and someone else takes the host.
      await sleep(10);
      await redisB.set(key, "other-holder", "PX", 5_000);
    });
    expect(await redisA.get(key)).toBe("other-holder");
  });
});
