export { createSourceHealthAlert, type SourceHealthAlertDeps } from "./alert-source-health.ts";
export { createCrawlDeps, type OpenCrawlDeps } from "./create-crawl-deps.ts";
export { createLogger } from "./create-logger.ts";
export {
  type ExtractSnapshotHooks,
  type ExtractSnapshotInput,
  type ExtractSnapshotResult,
  extractSnapshot,
} from "./extract-snapshot.ts";
export type { Extractor, ExtractorInput } from "./extractor.ts";
export { keepSourcesScheduled, type SourceSchedules } from "./keep-sources-scheduled.ts";
export { policyExtractor } from "./policy-extractor.ts";
export { type CrawlDeps, type CrawlJobResult, createCrawlProcessor } from "./processors/crawl.ts";
export { createExtractProcessor } from "./processors/extract.ts";
export { type ReextractSummary, reextractAll } from "./reextract.ts";
export { type OnceChange, type OnceProgress, type OnceSummary, runOnce } from "./run-once.ts";
export { type CrawlerWorkerDeps, type CrawlerWorkers, startCrawlerWorkers } from "./start-crawler-workers.ts";
