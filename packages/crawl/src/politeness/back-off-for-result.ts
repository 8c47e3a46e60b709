/**
 * Back-off after a 429/503 that names no Retry-After: ten times the source's spacing, within 1–60 s. A
 * source crawled every 3 s rests 30 s; the fixture site (spacing 0) only 1 s, so tests and benchmarks
 * that provoke a 503 do not stall the host for the next case.
 */
export function fallbackBackOffMs(spacingMs: number): number {
  return Math.min(60_000, Math.max(1_000, spacingMs * 10));
}

/** How long a host asked us to stay away: 429 and 503 back off, for Retry-After or else `fallbackMs`. */
export function backOffForResult(result: unknown, fallbackMs: number): number {
  if (typeof result !== "object" || result === null) return 0;
  const { ok, status, retryAfterMs } = result as { ok?: unknown; status?: unknown; retryAfterMs?: unknown };
  if (ok !== false || (status !== 429 && status !== 503)) return 0;
  return typeof retryAfterMs === "number" && retryAfterMs >= 0 ? retryAfterMs : fallbackMs;
}

type WithHost = <T>(
  host: string,
  spacingMs: number,
  fn: (slot: { deferFor(ms: number): void }) => Promise<T>,
) => Promise<T>;

/**
 * `Politeness.schedule` for either implementation: run the task in the URL's host slot and, when it
 * answered 429/503, keep the host resting for the back-off before the next request.
 */
export function scheduleWithBackOff(withHost: WithHost, defaultBackOffMs: number | undefined) {
  return <T>(url: string, { spacingMs }: { spacingMs: number }, task: () => Promise<T>): Promise<T> =>
    withHost(new URL(url).hostname, spacingMs, async (slot) => {
      const result = await task();
      const backOffMs = backOffForResult(result, defaultBackOffMs ?? fallbackBackOffMs(spacingMs));
      if (backOffMs > 0) slot.deferFor(backOffMs);
      return result;
    });
}
