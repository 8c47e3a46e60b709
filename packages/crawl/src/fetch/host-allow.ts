import { isIP } from "node:net";

/** Lower-cased hostname without IPv6 brackets or a trailing dot. */
export function normalizeHost(host: string): string {
  return host
    .trim()
    .toLowerCase()
    .replace(/^\[|\]$/g, "")
    .replace(/\.$/, "");
}

/**
 * Whether a URL may be fetched for a source. An entry matches its exact host ("sheitc.sh.gov.cn",
 * "127.0.0.1") or, written "*.sh.gov.cn", any subdomain; "host:port" restricts the port as well.
 */
export function isHostAllowed(url: URL, allow: readonly string[]): boolean {
  const host = normalizeHost(url.hostname);
  const port = url.port || (url.protocol === "https:" ? "443" : "80");
  return allow.some((entry) => {
    let pattern = entry.trim().toLowerCase();
    let wantPort: string | null = null;
    const withPort = /^(\[[^\]]+\]|[^:]+):(\d+)$/.exec(pattern);
    if (withPort?.[1] && withPort[2]) {
      pattern = withPort[1];
      wantPort = withPort[2];
    }
    pattern = normalizeHost(pattern);
    if (wantPort && wantPort !== port) return false;
    if (pattern.startsWith("*.")) return host.endsWith(pattern.slice(1)) && isIP(host) === 0;
    return host === pattern;
  });
}
