import { randomUUID } from "node:crypto";
import { setTimeout as sleep } from "node:timers/promises";
import type { Redis } from "ioredis";
import { z } from "zod";
import { scheduleWithBackOff } from "./back-off-for-result.ts";
import { HostDeferredError } from "./host-deferred-error.ts";
import { ACQUIRE_HOST_SLOT, DEFER_HOST, RELEASE_HOST_SLOT, RENEW_HOST_SLOT } from "./host-slot-scripts.ts";

export const DEFAULT_SPACING_MS = 3_000;

export const politenessOptionsSchema = z.object({
  /** Key prefix, e.g. the queue prefix plus ":polite". */
  prefix: z.string().min(1),
  /** A crashed holder blocks its host for at most this long; live holders renew it every third of it. */
  lockTtlMs: z.number().int().min(100).default(30_000),
  /** Poll interval while another process holds the host. */
  pollMs: z.number().int().min(1).default(25),
  /** Longest a caller waits for its turn before HostDeferredError. */
  maxWaitMs: z
    .number()
    .int()
    .min(0)
    .default(10 * 60_000),
  /** Back-off after a 429/503 that gives no Retry-After; default ten times the spacing, 1–60 s. */
  defaultBackOffMs: z.number().int().min(0).optional(),
});

export type PolitenessOptions = z.input<typeof politenessOptionsSchema>;

export interface HostSlot {
  /** Keep every worker off this host for at least `ms` after this request (429/503 Retry-After). */
  deferFor(ms: number): void;
}

export interface Politeness {
  /** Runs fn as the only request in flight to `host` across all processes, at least `spacingMs` after the previous one ended. */
  withHost<T>(host: string, spacingMs: number, fn: (slot: HostSlot) => Promise<T>): Promise<T>;
  /**
   * withHost for a URL's host, backing the host off when the task returns a FetchFailure with status
   * 429 or 503 (for its Retry-After, else defaultBackOffMs or fallbackBackOffMs(spacingMs)). Throws
   * HostDeferredError past maxWaitMs.
   */
  schedule<T>(url: string, options: { spacingMs: number }, task: () => Promise<T>): Promise<T>;
  deferHost(host: string, ms: number): Promise<void>;
}

type AcquireReply = [number, number];

/** Per-host politeness shared by every crawler process through Redis; see host-slot-scripts.ts. */
export function createPoliteness(redis: Redis, options: PolitenessOptions): Politeness {
  const settings = politenessOptionsSchema.parse(options);
  // In-process queue per host, so only one local caller polls Redis and local hand-offs are immediate.
  const localTails = new Map<string, Promise<void>>();

  const keys = (host: string) => {
    const tag = `${settings.prefix}:host:{${host.toLowerCase()}}`;
    return { lock: `${tag}:lock`, next: `${tag}:next` };
  };

  async function acquire(host: string, token: string): Promise<void> {
    const { lock, next } = keys(host);
    const started = Date.now();
    for (;;) {
      const [acquired, waitMs] = (await redis.eval(
        ACQUIRE_HOST_SLOT,
        2,
        lock,
        next,
        token,
        settings.lockTtlMs,
      )) as AcquireReply;
      if (acquired === 1) return;
      const delay = waitMs > 0 ? waitMs : settings.pollMs + Math.floor(Math.random() * settings.pollMs);
      const waited = Date.now() - started;
      if (waited + delay > settings.maxWaitMs)
        throw new HostDeferredError(host, waitMs > 0 ? waitMs : settings.pollMs);
      await sleep(delay);
    }
  }

  async function holdRedisSlot<T>(
    host: string,
    spacingMs: number,
    fn: (slot: HostSlot) => Promise<T>,
  ): Promise<T> {
    const token = randomUUID();
    const { lock, next } = keys(host);
    await acquire(host, token);
    let deferMs = 0;
    const renew = setInterval(
      () => {
        redis.eval(RENEW_HOST_SLOT, 1, lock, token, settings.lockTtlMs).catch(() => {});
      },
      Math.max(50, Math.floor(settings.lockTtlMs / 3)),
    );
    try {
      return await fn({
        deferFor(ms) {
          deferMs = Math.max(deferMs, Math.ceil(ms));
        },
      });
    } finally {
      clearInterval(renew);
      // A failed release must not throw away a page already fetched: the lock expires on its own.
      await redis.eval(RELEASE_HOST_SLOT, 2, lock, next, token, Math.max(spacingMs, deferMs)).catch(() => {});
    }
  }

  async function withHost<T>(
    host: string,
    spacingMs: number,
    fn: (slot: HostSlot) => Promise<T>,
  ): Promise<T> {
    const key = host.toLowerCase();
    const previous = localTails.get(key) ?? Promise.resolve();
    let done!: () => void;
    const mine = new Promise<void>((resolve) => {
      done = resolve;
    });
    const tail = previous.then(() => mine);
    localTails.set(key, tail);
    await previous;
    try {
      return await holdRedisSlot(host, spacingMs, fn);
    } finally {
      done();
      if (localTails.get(key) === tail) localTails.delete(key);
    }
  }

  return {
    withHost,
    schedule: scheduleWithBackOff(withHost, settings.defaultBackOffMs),
    async deferHost(host, ms) {
      await redis.eval(DEFER_HOST, 1, keys(host).next, Math.ceil(ms));
    },
  };
}
