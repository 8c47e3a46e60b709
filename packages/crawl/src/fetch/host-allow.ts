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
    const { pattern, port: wantPort } = parseAllowEntry(entry);
    if (wantPort && wantPort !== port) return false;
    if (pattern.startsWith("*.")) return host.endsWith(pattern.slice(1)) && isIP(host) === 0;
    return host === pattern;
  });
}

function parseAllowEntry(entry: string): { pattern: string; port: string | null } {
  const lower = entry.trim().toLowerCase();
  const withPort = /^(\[[^\]]+\]|[^:]+):(\d+)$/.exec(lower);
  if (withPort?.[1] && withPort[2]) return { pattern: normalizeHost(withPort[1]), port: withPort[2] };
  return { pattern: normalizeHost(lower), port: null };
}

/** Whether an allow entry names this exact host (not through a wildcard): the only way to reach a private IP literal. */
export function allowNamesHost(host: string, allow: readonly string[]): boolean {
  const wanted = normalizeHost(host);
  return allow.some((entry) => parseAllowEntry(entry).pattern === wanted);
}

export function effectivePort(url: URL): string {
  return url.port || (url.protocol === "https:" ? "443" : "80");
}

/**
 * Ports a crawl may use on an allowed host: the port the source's own URL uses, the default ports, or one
 * an allow entry names. So a redirect or a planted link cannot turn `allow: ["127.0.0.1"]` into a request
 * to 127.0.0.1:5432.
 */
export function isPortAllowed(url: URL, homePort: string, allow: readonly string[]): boolean {
  const port = effectivePort(url);
  if (port === homePort || port === "80" || port === "443") return true;
  const host = normalizeHost(url.hostname);
  return allow.some((entry) => {
    const parsed = parseAllowEntry(entry);
    if (parsed.port !== port) return false;
    return parsed.pattern.startsWith("*.") ? host.endsWith(parsed.pattern.slice(1)) : parsed.pattern === host;
  });
}
