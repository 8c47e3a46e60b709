import { pollUntilValue } from "./poll-until-value.ts";

/**
 * Polls `check` until it returns true. After `timeoutMs` it throws, or with `optional` returns false
 * so the caller can go on and let the final figures tell what is missing.
 */
export async function waitUntil(
  what: string,
  check: () => Promise<boolean>,
  options: { timeoutMs: number; intervalMs?: number; optional?: boolean; describe?: () => string[] },
): Promise<boolean> {
  const { describe } = options;
  try {
    return await pollUntilValue(what, async () => ((await check()) ? true : undefined), {
      timeoutMs: options.timeoutMs,
      intervalMs: options.intervalMs ?? 250,
      describe: describe && (() => `\n${describe().join("\n")}`),
    });
  } catch (error) {
    if (options.optional) return false;
    throw error;
  }
}
