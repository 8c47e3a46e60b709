export { extractAttachmentText } from "./attachments/extract-attachment-text.ts";
export { type AttachmentLink, findAttachmentLinks } from "./attachments/find-attachment-links.ts";
export type { BrowserPoolStats } from "./browser/browser-pool.ts";
export {
  type BrowserRenderer,
  type BrowserRendererOptions,
  createBrowserRenderer,
  type RenderedHtml,
  type RenderOptions,
} from "./browser/create-browser-renderer.ts";
export { RenderError, type RenderErrorKind } from "./browser/render-error.ts";
export { resolveChromiumPath } from "./browser/resolve-chromium-path.ts";
export type { CharsetSource, DecodedBody } from "./charset/decode-body.ts";
export { decodeBody } from "./charset/decode-body.ts";
export { isBlockedAddress } from "./fetch/blocked-address.ts";
export {
  createFetcher,
  DEFAULT_MAX_BYTES,
  type Fetcher,
  type FetcherOptions,
  type FetchPageOptions,
  fetcherOptionsSchema,
} from "./fetch/create-fetcher.ts";
export type {
  FetchErrorKind,
  FetchFailure,
  FetchResult,
  FetchSuccess,
  FetchTimings,
  RedirectHop,
} from "./fetch/fetch-result.ts";
export { isHostAllowed } from "./fetch/host-allow.ts";
export { parseRetryAfter } from "./fetch/parse-retry-after.ts";
export { buildUserAgent } from "./fetch/user-agent.ts";
export { assessRunHealth, type RunHealth, type RunSignals } from "./health/assess-run-health.ts";
export { type DiscoveredLink, type DiscoverLinksInput, discoverLinks } from "./links/discover-links.ts";
export { findNextPage } from "./links/find-next-page.ts";
export { looksLikeArticle } from "./links/looks-like-article.ts";
export { resolveLink } from "./links/resolve-link.ts";
export { createLocalPoliteness } from "./politeness/create-local-politeness.ts";
export {
  createPoliteness,
  type HostSlot,
  type Politeness,
  type PolitenessOptions,
} from "./politeness/create-politeness.ts";
export { HostDeferredError } from "./politeness/host-deferred-error.ts";
export {
  createRobots,
  MAX_CRAWL_DELAY_MS,
  ROBOTS_MAX_TTL_MS,
  type Robots,
  type RobotsOptions,
  type RobotsVerdict,
} from "./robots/create-robots.ts";
export type {
  CrawlFetcher,
  CrawlPoliteness,
  CrawlRenderer,
  CrawlRobots,
  RenderedPage,
} from "./run/crawl-deps.ts";
export {
  type CrawlProgress,
  type CrawlRunSummary,
  type CrawlSourceInput,
  crawlSource,
  type DetailOutcome,
  type SourceHealthChange,
} from "./run/crawl-source.ts";
export { detectErrorPage } from "./run/detect-error-page.ts";
export { type CachedListPage, createListPageCache, type ListPageCache } from "./run/list-page-cache.ts";
export { DEFAULT_SOURCES_YAML } from "./sources/default-sources.ts";
export { BUILT_IN_SOURCES, loadSources, parseSources, SourcesError } from "./sources/load-sources.ts";
export { assertValidCron, nextRunAt } from "./sources/next-run-at.ts";
export { type Source, type SourceInput, sourceSchema, sourcesFileSchema } from "./sources/source-schema.ts";
