import {
  type CrawlFetcher,
  type CrawlPoliteness,
  type CrawlProgress,
  type CrawlRenderer,
  type CrawlRobots,
  type CrawlRunSummary,
  crawlSource,
  type Source,
  type SourceHealthChange,
  sourceSchema,
} from "@trackwatch/crawl";
import {
  type Db,
  getSource,
  recordDocumentRemoved,
  refreshChangeLogStatistics,
  SourceNotFoundError,
} from "@trackwatch/db";
import { type CrawlJob, crawlJobSchema, type ExtractQueue, enqueueExtract } from "@trackwatch/queue";
import { type Job, UnrecoverableError } from "bullmq";
import type { Logger } from "pino";

/** What a crawl needs besides the database: the fetching engineer's components. */
export interface CrawlDeps {
  fetcher: CrawlFetcher;
  politeness: CrawlPoliteness;
  robots: CrawlRobots;
  renderer?: CrawlRenderer | null;
  concurrency?: number;
  defaultSpacingMs?: number;
}

export interface CrawlProcessorDeps {
  db: Db;
  crawl: CrawlDeps;
  extractQueue: ExtractQueue;
  log: Logger;
  /** A source turned unhealthy or recovered: alert the operator (createSourceHealthAlert). */
  onHealthChange?: (change: SourceHealthChange) => Promise<void>;
}

/** What a crawl job returns (and `trackwatch recrawl --wait` prints). */
export type CrawlJobResult = Omit<CrawlRunSummary, "errors" | "snapshotIds"> & {
  extractJobs: number;
  errors: number;
};

/** The source as synced from the sources file at start; a row that no longer validates is a permanent failure. */
async function loadSource(db: Db, sourceId: string): Promise<Source> {
  let row: Awaited<ReturnType<typeof getSource>>;
  try {
    row = await getSource(db, { id: sourceId });
  } catch (error) {
    if (error instanceof SourceNotFoundError) throw new UnrecoverableError(error.message);
    throw error;
  }
  if (!row.enabled)
    throw new UnrecoverableError(`source "${sourceId}" is disabled (no longer in the sources file)`);
  const parsed = sourceSchema.safeParse(row.definition);
  if (!parsed.success) {
    throw new UnrecoverableError(
      `source "${sourceId}" has an invalid stored definition: ${parsed.error.message}`,
    );
  }
  return parsed.data;
}

/**
 * The `crawl` queue's processor: crawlSource for the job's source, one extract job per new or
 * changed snapshot (job id = snapshot id), a "document removed" change for pages gone twice, and
 * progress reported through job.updateProgress. A failed list page fails the job (BullMQ retries it).
 */
export function createCrawlProcessor(deps: CrawlProcessorDeps) {
  return async function processCrawl(job: Job<CrawlJob>): Promise<CrawlJobResult> {
    const parsed = crawlJobSchema.safeParse(job.data);
    if (!parsed.success) {
      throw new UnrecoverableError(
        `invalid crawl payload: ${parsed.error.issues.map((i) => i.message).join("; ")}`,
      );
    }
    const { sourceId, trigger, requestedBy } = parsed.data;
    const log = deps.log.child({ queue: job.queueName, jobId: job.id, source: sourceId });
    const source = await loadSource(deps.db, sourceId);
    let extractJobs = 0;
    let lastProgressAt = 0;
    const summary = await crawlSource({
      db: deps.db,
      fetcher: deps.crawl.fetcher,
      politeness: deps.crawl.politeness,
      robots: deps.crawl.robots,
      renderer: deps.crawl.renderer ?? null,
      concurrency: deps.crawl.concurrency,
      defaultSpacingMs: deps.crawl.defaultSpacingMs,
      source,
      trigger,
      requestedBy: requestedBy ?? null,
      jobId: job.id ?? null,
      async onSnapshot(snapshotId, info) {
        await enqueueExtract(deps.extractQueue, { snapshotId, documentId: info.documentId, sourceId });
        extractJobs += 1;
      },
      async onRemoved(documentId, url) {
        const changeId = await recordDocumentRemoved(deps.db, { documentId });
        log.info({ documentId, url, changeId }, "document removed");
      },
      onHealthChange: deps.onHealthChange,
      onProgress(progress: CrawlProgress) {
        // At most a few updates a second: each one is a Redis round trip and an event.
        const now = Date.now();
        if (progress.phase !== "done" && now - lastProgressAt < 250) return;
        lastProgressAt = now;
        job
          .updateProgress({ ...progress, extractJobs })
          .catch((error) => log.warn({ err: error }, "could not report progress"));
      },
    });
    // Embedded PGlite has no autovacuum; keep the planner's statistics current after new rows.
    if (summary.newDocuments + summary.changed > 0) await refreshChangeLogStatistics(deps.db);
    const { errors, snapshotIds: _snapshotIds, ...counts } = summary;
    const result: CrawlJobResult = { ...counts, extractJobs, errors: errors.length };
    const outcome = summary.status === "succeeded" ? "succeeded" : "failed";
    log[outcome === "succeeded" ? "info" : "warn"](
      { outcome, trigger, requestedBy, ...result, firstErrors: errors.slice(0, 3) },
      "crawl job done",
    );
    if (summary.status === "failed") {
      throw new Error(
        `crawl of ${sourceId} failed: ${summary.error ?? "unknown error"} (run ${summary.runId})`,
      );
    }
    return result;
  };
}
