/**
 * Polls `check` until it returns a value other than undefined and returns that value; throws after
 * `timeoutMs` with what `describe` says about the last state, so a scenario that hangs says where.
 */
export async function pollUntilValue<T>(
  what: string,
  check: () => Promise<T | undefined>,
  options: { timeoutMs: number; intervalMs?: number; describe?: () => string },
): Promise<T> {
  const deadline = Date.now() + options.timeoutMs;
  let lastError: unknown;
  for (;;) {
    try {
      const value = await check();
      if (value !== undefined) return value;
    } catch (error) {
      lastError = error;
    }
    if (Date.now() > deadline) {
      const state = options.describe ? `; ${options.describe()}` : "";
      throw new Error(
        `${what}: not within ${options.timeoutMs} ms${lastError ? ` (${String(lastError)})` : ""}${state}`,
      );
    }
    await new Promise((resolve) => setTimeout(resolve, options.intervalMs ?? 200));
  }
}
