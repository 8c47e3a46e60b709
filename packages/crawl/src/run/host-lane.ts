import type { FetchResult } from "../fetch/fetch-result.ts";
import type { CrawlPoliteness } from "./crawl-deps.ts";

/** Upper bound on requests made under one hold of a host slot, so other workers get their turn. */
const MAX_BATCH = 25;
/**
 * How long a held slot waits for this run's next request before letting go: a worker is usually
 * a few milliseconds away (storing the previous page), and a new hold costs two Redis round trips.
 */
const LINGER_MS = 15;

interface Pending {
  url: string;
  run: () => Promise<FetchResult>;
  resolve: (result: FetchResult) => void;
  reject: (error: unknown) => void;
}

interface Lane {
  queue: Pending[];
  draining: boolean;
  /** Wakes a lingering batch when a request arrives. */
  wake: (() => void) | null;
}

export type HostFetch = (url: string, run: () => Promise<FetchResult>) => Promise<FetchResult>;

/**
 * Sends one run's requests to their host one at a time through the shared politeness. With a
 * spacing of 0 (fixture sites, benchmarks, intranet sources) consecutive queued requests share one
 * hold of the host slot instead of paying a Redis acquire and release each; with any spacing each
 * request takes the slot on its own, as politeness requires.
 */
export function createHostLanes(politeness: CrawlPoliteness, spacingMs: number): HostFetch {
  const withHost = politeness.withHost?.bind(politeness);
  if (spacingMs > 0 || !withHost) {
    return (url, run) => politeness.schedule(url, { spacingMs }, run);
  }
  const hold = withHost;
  const lanes = new Map<string, Lane>();

  function linger(lane: Lane): Promise<void> {
    return new Promise<void>((resolve) => {
      const timer = setTimeout(() => {
        lane.wake = null;
        resolve();
      }, LINGER_MS);
      lane.wake = () => {
        clearTimeout(timer);
        lane.wake = null;
        resolve();
      };
    });
  }

  async function drain(host: string, lane: Lane): Promise<void> {
    lane.draining = true;
    try {
      while (lane.queue.length > 0) {
        let backOff: { url: string; result: FetchResult } | null = null;
        await hold(host, 0, async () => {
          for (let n = 0; n < MAX_BATCH; n++) {
            if (lane.queue.length === 0) await linger(lane);
            const item = lane.queue.shift();
            if (!item) return;
            try {
              const result = await item.run();
              item.resolve(result);
              if (!result.ok && (result.status === 429 || result.status === 503)) {
                backOff = { url: item.url, result };
                return;
              }
            } catch (error) {
              item.reject(error);
            }
          }
        });
        if (backOff) {
          // 429/503: hand the answer to politeness once, outside the slot, so its own rules
          // (Retry-After, else its configured default) keep every worker away from the host.
          const { url, result } = backOff as { url: string; result: FetchResult };
          await politeness.schedule(url, { spacingMs: 0 }, async () => result);
        }
      }
    } catch (error) {
      // The host is deferred (or Redis failed): everything waiting for it fails the same way.
      for (const item of lane.queue.splice(0)) item.reject(error);
    } finally {
      lane.draining = false;
    }
  }

  return (url, run) =>
    new Promise<FetchResult>((resolve, reject) => {
      const host = new URL(url).hostname.toLowerCase();
      let lane = lanes.get(host);
      if (!lane) {
        lane = { queue: [], draining: false, wake: null };
        lanes.set(host, lane);
      }
      lane.queue.push({ url, run, resolve, reject });
      if (lane.wake) lane.wake();
      else if (!lane.draining) void drain(host, lane);
    });
}
