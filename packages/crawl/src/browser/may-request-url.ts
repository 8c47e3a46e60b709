import { isIP } from "node:net";
import { isBlockedAddress } from "../fetch/blocked-address.ts";
import { allowNamesHost, isHostAllowed, isPortAllowed, normalizeHost } from "../fetch/host-allow.ts";

/**
 * Whether the browser may load this URL for a source: http(s) on an allowed host and, given the page's
 * own port, on a permitted port (see isPortAllowed), as for the fetcher.
 */
export function mayRequestUrl(url: string, allow: readonly string[], homePort?: string): boolean {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return false;
  }
  if (parsed.protocol !== "http:" && parsed.protocol !== "https:") return false;
  if (!isHostAllowed(parsed, allow)) return false;
  if (homePort && !isPortAllowed(parsed, homePort, allow)) return false;
  const host = normalizeHost(parsed.hostname);
  return !(isIP(host) && isBlockedAddress(host) && !allowNamesHost(host, allow));
}
