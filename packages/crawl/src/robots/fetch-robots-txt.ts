import robotsParser from "robots-parser";
import type { Fetcher } from "../fetch/create-fetcher.ts";

type Robot = ReturnType<typeof robotsParser>;

/**
 * RFC 9309 outcomes: "parsed" (2xx), "unavailable" (4xx, or redirects that lead nowhere we may go: crawl
 * freely) and "unreachable" (5xx, 429, timeout, network: assume complete disallow for now).
 */
export type RobotsTxt =
  | { state: "parsed"; robot: Robot; url: string }
  | { state: "unavailable"; url: string; detail: string }
  | { state: "unreachable"; url: string; detail: string };

/** Fetches and parses /robots.txt for an origin through the crawler's own fetcher (same UA, caps, guards). */
export async function fetchRobotsTxt(
  fetcher: Fetcher,
  origin: string,
  allow: readonly string[],
): Promise<RobotsTxt> {
  const url = new URL("/robots.txt", origin).href;
  const result = await fetcher.fetchPage(url, { allow, accept: "text/plain,*/*;q=0.5", retries: 1 });
  if (result.ok) {
    // RFC 9309: robots.txt is UTF-8; parsing is line-based, so invalid bytes only spoil their own line.
    const text = new TextDecoder("utf-8").decode(result.bytes);
    return { state: "parsed", robot: robotsParser(url, text), url };
  }
  switch (result.kind) {
    case "http-4xx":
      if (result.status === 429) return { state: "unreachable", url, detail: "HTTP 429" };
      return { state: "unavailable", url, detail: result.message };
    case "redirect-loop":
    case "redirect-outside-allow":
      return { state: "unavailable", url, detail: result.message };
    default:
      return { state: "unreachable", url, detail: `${result.kind}: ${result.message}` };
  }
}
