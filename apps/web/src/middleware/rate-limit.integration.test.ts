import { randomBytes } from "node:crypto";
import { connectRedis, createRedis } from "@trackwatch/queue";
import type { Redis } from "ioredis";
import { afterAll, beforeAll, expect, it } from "vitest";
import { createRateLimiter } from "./rate-limit.ts";

let redis: Redis;
const prefix = `tw-web-rl-${randomBytes(5).toString("hex")}`;

beforeAll(async () => {
  redis = await connectRedis(process.env.REDIS_URL ?? "redis://127.0.0.1:6379", { role: "producer" });
});

afterAll(async () => {
  const keys = await redis.keys(`${prefix}:*`);
  if (keys.length > 0) await redis.del(...keys);
  redis.disconnect();
});

it("shares one window between web processes through Redis", async () => {
  const a = createRateLimiter({ redis, prefix });
  const b = createRateLimiter({ redis, prefix });
  const results = [];
  for (let i = 0; i < 3; i++)
    results.push((await a.hit("k", 4, 60)).allowed, (await b.hit("k", 4, 60)).allowed);
  expect(results).toEqual([true, true, true, true, false, false]);
  const refused = await a.hit("k", 4, 60);
  expect(refused.retryAfter).toBeGreaterThan(0);
  expect(refused.retryAfter).toBeLessThanOrEqual(60);
});

it("keeps limiting in memory when Redis cannot be reached", async () => {
  const dead = createRedis("redis://127.0.0.1:1", { role: "producer" });
  try {
    const limiter = createRateLimiter({ redis: dead, prefix });
    const allowed = [];
    for (let i = 0; i < 6; i++) allowed.push((await limiter.hit("ip", 5, 60)).allowed);
    expect(allowed).toEqual([true, true, true, true, true, false]);
  } finally {
    dead.disconnect();
  }
});
