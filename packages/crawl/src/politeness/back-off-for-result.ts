/** How long a host asked us to stay away: 429 and 503 back off, for Retry-After or else `fallbackMs`. */
export function backOffForResult(result: unknown, fallbackMs: number): number {
  if (typeof result !== "object" || result === null) return 0;
  const { ok, status, retryAfterMs } = result as { ok?: unknown; status?: unknown; retryAfterMs?: unknown };
  if (ok !== false || (status !== 429 && status !== 503)) return 0;
  return typeof retryAfterMs === "number" && retryAfterMs >= 0 ? retryAfterMs : fallbackMs;
}
