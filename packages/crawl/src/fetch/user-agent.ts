export const CRAWLER_VERSION = "0.1";

/** Names the crawler and how to reach its operator, as polite crawlers do; the contact comes from CONTACT_URL. */
export function buildUserAgent(contactUrl?: string | null): string {
  return contactUrl
    ? `Trackwatch/${CRAWLER_VERSION} (+${contactUrl})`
    : `Trackwatch/${CRAWLER_VERSION} (policy announcement monitor; operator contact not configured)`;
}
