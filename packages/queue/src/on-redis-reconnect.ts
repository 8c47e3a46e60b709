import type { Redis } from "ioredis";

/**
 * Calls `handler` each time `redis` is ready again after it lost its connection. A Redis that
 * restarted without persistence has lost every key (job schedulers, waiting jobs), so whoever
 * owns such state re-creates it from PostgreSQL here; a mere network blip makes that a no-op, as
 * every re-creation is idempotent. Returns a function that stops watching.
 */
export function onRedisReconnect(redis: Redis, handler: () => void): () => void {
  let connectedBefore = redis.status === "ready";
  const onReady = () => {
    if (connectedBefore) handler();
    connectedBefore = true;
  };
  redis.on("ready", onReady);
  return () => {
    redis.off("ready", onReady);
  };
}
