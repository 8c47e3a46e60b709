import { setTimeout as sleep } from "node:timers/promises";
import { scheduleWithBackOff } from "./back-off-for-result.ts";
import type { HostSlot, Politeness } from "./create-politeness.ts";

/**
 * Per-host politeness inside one process, with the same interface as the Redis one: for
 * `trackwatch once`, which runs without Redis. One request in flight per host, at least
 * `spacingMs` between the end of one and the start of the next; 429/503 push the host back.
 */
export function createLocalPoliteness(options: { defaultBackOffMs?: number } = {}): Politeness {
  const tails = new Map<string, Promise<void>>();
  /** Earliest time the next request to a host may start. */
  const notBefore = new Map<string, number>();

  async function withHost<T>(
    host: string,
    spacingMs: number,
    fn: (slot: HostSlot) => Promise<T>,
  ): Promise<T> {
    const key = host.toLowerCase();
    const previous = tails.get(key) ?? Promise.resolve();
    let release!: () => void;
    const mine = new Promise<void>((resolve) => {
      release = resolve;
    });
    const tail = previous.then(() => mine);
    tails.set(key, tail);
    await previous;
    let deferMs = 0;
    try {
      const wait = (notBefore.get(key) ?? 0) - Date.now();
      if (wait > 0) await sleep(wait);
      return await fn({
        deferFor(ms) {
          deferMs = Math.max(deferMs, Math.ceil(ms));
        },
      });
    } finally {
      const next = Date.now() + Math.max(spacingMs, deferMs);
      notBefore.set(key, Math.max(notBefore.get(key) ?? 0, next));
      release();
      if (tails.get(key) === tail) tails.delete(key);
    }
  }

  return {
    withHost,
    schedule: scheduleWithBackOff(withHost, options.defaultBackOffMs),
    async deferHost(host, ms) {
      const key = host.toLowerCase();
      notBefore.set(key, Math.max(notBefore.get(key) ?? 0, Date.now() + Math.ceil(ms)));
    },
  };
}
