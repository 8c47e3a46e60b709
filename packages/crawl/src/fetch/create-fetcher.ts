import { setTimeout as sleep } from "node:timers/promises";
import { Agent } from "undici";
import { z } from "zod";
import { backoffDelay } from "./backoff-delay.ts";
import type { AttemptInput } from "./fetch-attempt.ts";
import { fetchAttempt } from "./fetch-attempt.ts";
import type { FetchResult } from "./fetch-result.ts";
import { createGuardedLookup } from "./guarded-lookup.ts";
import { buildUserAgent } from "./user-agent.ts";

export const DEFAULT_MAX_BYTES = 10 * 1024 * 1024;

export const fetcherOptionsSchema = z.object({
  /** The operator's contact (config CONTACT_URL), put in the User-Agent. */
  contactUrl: z.string().nullish(),
  userAgent: z.string().min(1).optional(),
  connectTimeoutMs: z.number().int().positive().default(10_000),
  headersTimeoutMs: z.number().int().positive().default(20_000),
  /** Longest silence between two body chunks. */
  bodyIdleTimeoutMs: z.number().int().positive().default(20_000),
  /** Deadline per attempt for everything (redirects, headers, body): stops slowloris dribbling. */
  totalTimeoutMs: z.number().int().positive().default(60_000),
  maxBytes: z.number().int().positive().default(DEFAULT_MAX_BYTES),
  maxRedirects: z.number().int().min(0).max(20).default(5),
  /** Extra attempts after a timeout, 5xx or network error. */
  retries: z.number().int().min(0).max(10).default(2),
  retryBaseMs: z.number().int().min(0).default(1_000),
  retryMaxMs: z.number().int().min(0).default(15_000),
  /** A 503 asking for a longer wait than this is returned to the caller (politeness defers the host). */
  maxRetryAfterMs: z.number().int().min(0).default(30_000),
  /** Hostnames allowed to resolve to private/loopback addresses (an intranet source). IP-literal allow entries need not be listed. */
  privateHosts: z.array(z.string()).default([]),
  /** Keep-alive connections per origin. */
  connectionsPerOrigin: z.number().int().positive().default(4),
});

export type FetcherOptions = z.input<typeof fetcherOptionsSchema>;

export interface FetchPageOptions extends AttemptInput {
  /** Hosts the fetch may touch, every redirect hop included (the source's `allow`). */
  allow: readonly string[];
  /** Override the fetcher's retry count for this call (0 for robots.txt, say). */
  retries?: number;
  /** Override the size cap for this call (a large PDF attachment, say); applies to wire and decoded bytes. */
  maxBytes?: number;
}

export interface Fetcher {
  readonly userAgent: string;
  readonly maxBytes: number;
  fetchPage(url: string, options: FetchPageOptions): Promise<FetchResult>;
  close(): Promise<void>;
}

/** An HTTP client for crawling: one undici Agent with an SSRF-guarded DNS lookup, shared by all fetches. */
export function createFetcher(options: FetcherOptions = {}): Fetcher {
  const settings = fetcherOptionsSchema.parse(options);
  const userAgent = settings.userAgent ?? buildUserAgent(settings.contactUrl);
  const agent = new Agent({
    connect: { timeout: settings.connectTimeoutMs, lookup: createGuardedLookup(settings.privateHosts) },
    headersTimeout: settings.headersTimeoutMs,
    bodyTimeout: settings.bodyIdleTimeoutMs,
    connections: settings.connectionsPerOrigin,
    keepAliveTimeout: 10_000,
  });
  const attemptSettings = {
    agent,
    userAgent,
    maxBytes: settings.maxBytes,
    maxRedirects: settings.maxRedirects,
    totalTimeoutMs: settings.totalTimeoutMs,
  };

  async function fetchPage(url: string, pageOptions: FetchPageOptions): Promise<FetchResult> {
    const startedAt = new Date();
    const started = performance.now();
    const retries = pageOptions.retries ?? settings.retries;
    for (let attempt = 0; ; attempt++) {
      const outcome = await fetchAttempt(
        url,
        pageOptions,
        pageOptions.maxBytes ? { ...attemptSettings, maxBytes: pageOptions.maxBytes } : attemptSettings,
      );
      const { headersMs, ...result } = outcome;
      const timings = {
        startedAt: startedAt.toISOString(),
        headersMs,
        totalMs: Math.round(performance.now() - started),
        attempts: attempt + 1,
      };
      const done =
        result.ok ||
        !result.retryable ||
        result.kind === "http-4xx" || // 429: the host said slow down; politeness defers it, we do not hammer
        attempt >= retries ||
        (result.retryAfterMs ?? 0) > settings.maxRetryAfterMs ||
        pageOptions.signal?.aborted;
      if (done) return { ...result, timings } as FetchResult;
      const wait = Math.max(
        backoffDelay(attempt, settings.retryBaseMs, settings.retryMaxMs),
        result.retryAfterMs ?? 0,
      );
      await sleep(wait, undefined, { signal: pageOptions.signal }).catch(() => {});
    }
  }

  return {
    userAgent,
    maxBytes: settings.maxBytes,
    fetchPage,
    close: () => agent.close(),
  };
}
