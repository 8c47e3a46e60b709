/**
 * Exponential back-off with "equal jitter" (half the bound fixed, half random), so that many
 * workers retrying the same failing host do not retry in lock-step.
 */
export function backoffDelay(attempt: number, baseMs: number, maxMs: number, random = Math.random): number {
  const bound = Math.min(maxMs, baseMs * 2 ** attempt);
  return Math.round(bound / 2 + random() * (bound / 2));
}
