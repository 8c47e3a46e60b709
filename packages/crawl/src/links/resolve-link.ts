import { isHostAllowed } from "../fetch/host-allow.ts";

/**
 * An href made absolute against the page, without its fragment, or null when it is not an http(s)
 * link on an allowed host. Crawled markup never chooses a host outside `allow`.
 */
export function resolveLink(href: string | undefined, baseUrl: string, allow: readonly string[]): URL | null {
  if (!href) return null;
  const trimmed = href.trim();
  if (!trimmed || trimmed.startsWith("#") || /^(javascript|mailto|tel|data):/i.test(trimmed)) return null;
  let url: URL;
  try {
    url = new URL(trimmed, baseUrl);
  } catch {
    return null;
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") return null;
  if (url.username || url.password) return null;
  if (!isHostAllowed(url, allow)) return null;
  url.hash = "";
  return url;
}
