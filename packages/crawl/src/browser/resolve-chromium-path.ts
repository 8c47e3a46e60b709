import { existsSync } from "node:fs";

export const SYSTEM_CHROMIUM = "/usr/bin/chromium";

/**
 * The Chromium to launch: CHROMIUM_PATH when configured, else the system /usr/bin/chromium when present,
 * else undefined (Playwright's own downloaded browser).
 */
export function resolveChromiumPath(configured?: string | null): string | undefined {
  if (configured) {
    if (!existsSync(configured)) throw new Error(`CHROMIUM_PATH ${configured} does not exist`);
    return configured;
  }
  return existsSync(SYSTEM_CHROMIUM) ? SYSTEM_CHROMIUM : undefined;
}
