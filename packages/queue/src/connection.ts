import { Redis, type RedisOptions } from "ioredis";

export type RedisRole = "worker" | "producer";

/** Thrown when Redis does not answer; the message says how to start one. */
export class RedisUnavailableError extends Error {
  override name = "RedisUnavailableError";
}

export function redisUnavailableMessage(url: string, cause?: unknown): string {
  const reason = cause instanceof Error ? cause.message : cause ? String(cause) : "no answer";
  return (
    `cannot reach Redis at ${redactUrl(url)} (${reason}); ` +
    "start one with `redis-server --daemonize yes` or set REDIS_URL"
  );
}

function redactUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = "***";
    return parsed.toString();
  } catch {
    return url;
  }
}

/**
 * One ioredis connection per role. Workers block on Redis and must never give up on a command
 * (`maxRetriesPerRequest: null`, as BullMQ requires); producers run inside requests and CLI commands,
 * so they fail at once when Redis is down (`enableOfflineQueue: false`) instead of hanging.
 */
export function createRedis(url: string, { role }: { role: RedisRole }): Redis {
  const options: RedisOptions =
    role === "worker"
      ? { maxRetriesPerRequest: null, enableReadyCheck: true }
      : { maxRetriesPerRequest: 1, enableOfflineQueue: false, connectTimeout: 5_000 };
  // Keep reconnecting with a capped backoff; the caller decides when an absent Redis is fatal.
  options.retryStrategy = (times) => Math.min(times * 200, 5_000);
  const redis = new Redis(url, options);
  // Without a listener ioredis prints every failed reconnect as an unhandled error event.
  redis.on("error", () => {});
  return redis;
}

/**
 * Waits until the connection is ready, or throws a RedisUnavailableError naming the URL and how to
 * start Redis. Used at start so a missing Redis is one clear line instead of a retry loop.
 */
export async function waitForRedis(
  redis: Redis,
  { url, timeoutMs = 3_000 }: { url: string; timeoutMs?: number },
) {
  if (redis.status === "ready") return;
  let lastError: unknown;
  const onError = (error: unknown) => {
    lastError = error;
  };
  redis.on("error", onError);
  try {
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => {
        redis.off("ready", onReady);
        reject(new RedisUnavailableError(redisUnavailableMessage(url, lastError ?? "timed out")));
      }, timeoutMs);
      function onReady() {
        clearTimeout(timer);
        resolve();
      }
      redis.once("ready", onReady);
    });
  } finally {
    redis.off("error", onError);
  }
}

/** createRedis + waitForRedis; on failure the connection is closed before the error is thrown. */
export async function connectRedis(
  url: string,
  { role, timeoutMs }: { role: RedisRole; timeoutMs?: number },
): Promise<Redis> {
  const redis = createRedis(url, { role });
  try {
    await waitForRedis(redis, { url, timeoutMs });
    return redis;
  } catch (error) {
    redis.disconnect();
    throw error;
  }
}
