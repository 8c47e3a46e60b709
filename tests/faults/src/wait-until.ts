/**
 * Polls `check` until it returns true. After `timeoutMs` it throws, or with `optional` returns false
 * so the caller can go on and let the final figures tell what is missing.
 */
export async function waitUntil(
  what: string,
  check: () => Promise<boolean>,
  options: { timeoutMs: number; intervalMs?: number; optional?: boolean; describe?: () => string[] },
): Promise<boolean> {
  const deadline = Date.now() + options.timeoutMs;
  let lastError: unknown;
  for (;;) {
    try {
      if (await check()) return true;
    } catch (error) {
      lastError = error;
    }
    if (Date.now() > deadline) {
      if (options.optional) return false;
      const detail = options.describe?.().join("\n") ?? "";
      throw new Error(
        `${what}: not within ${options.timeoutMs} ms${lastError ? ` (${String(lastError)})` : ""}\n${detail}`,
      );
    }
    await new Promise((resolve) => setTimeout(resolve, options.intervalMs ?? 250));
  }
}
