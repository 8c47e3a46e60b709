import type { Redis } from "ioredis";

export interface RateLimitResult {
  allowed: boolean;
  /** Seconds until the window resets. */
  retryAfter: number;
}

export interface RateLimiter {
  /** Counts one attempt for `key`; refused once more than `limit` fall in the current window. */
  hit(key: string, limit: number, windowSeconds: number): Promise<RateLimitResult>;
}

/** Fixed windows in Redis (shared by every web process), or in memory when Redis is absent or down. */
export function createRateLimiter(options: { redis?: Redis; prefix: string }): RateLimiter {
  const memory = new Map<string, { count: number; resetAt: number }>();

  function hitMemory(key: string, limit: number, windowSeconds: number): RateLimitResult {
    const now = Date.now();
    if (memory.size > 50_000) {
      for (const [k, v] of memory) if (v.resetAt <= now) memory.delete(k);
    }
    let entry = memory.get(key);
    if (!entry || entry.resetAt <= now) {
      entry = { count: 0, resetAt: now + windowSeconds * 1000 };
      memory.set(key, entry);
    }
    entry.count += 1;
    return {
      allowed: entry.count <= limit,
      retryAfter: Math.max(1, Math.ceil((entry.resetAt - now) / 1000)),
    };
  }

  return {
    async hit(key, limit, windowSeconds) {
      const fullKey = `${options.prefix}:${key}`;
      if (options.redis) {
        try {
          const results = await options.redis
            .multi()
            .set(fullKey, "0", "EX", windowSeconds, "NX")
            .incr(fullKey)
            .ttl(fullKey)
            .exec();
          const count = Number(results?.[1]?.[1]);
          const ttl = Number(results?.[2]?.[1]);
          if (Number.isFinite(count)) {
            return { allowed: count <= limit, retryAfter: ttl > 0 ? ttl : windowSeconds };
          }
        } catch {
          // Redis down: keep limiting in this process rather than letting everything through.
        }
      }
      return hitMemory(fullKey, limit, windowSeconds);
    },
  };
}
