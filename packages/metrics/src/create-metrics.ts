// The metric definitions live in their own package rather than in packages/queue: the web app
// serves them, the crawler and notifier record into them, and neither the queue package (used by
// every producer, the CLI included) nor the apps should each carry prom-client and their own names.
// It knows BullMQ only through the two small structural types below, so it imports no app.
import { Counter, collectDefaultMetrics, Gauge, Registry } from "prom-client";

/** The part of a BullMQ Worker recorded here. */
export interface WorkerLike {
  readonly name: string;
  on(
    event: "completed",
    listener: (job: { returnvalue?: unknown } | undefined, result: unknown) => void,
  ): unknown;
  on(event: "failed", listener: (job: unknown, error: Error) => void): unknown;
}

/** The part of a BullMQ Queue read for the depth gauge. */
export interface QueueLike {
  readonly name: string;
  getJobCounts(...types: string[]): Promise<Record<string, number>>;
}

const DEPTH_STATES = ["waiting", "active", "delayed", "prioritized"] as const;

// A crawl job's return value (CrawlJobResult) names its page counts; these are the ones exported.
const CRAWL_PAGE_RESULTS = {
  pagesFetched: "fetched",
  notModified: "304",
  unchanged: "unchanged",
  newDocuments: "new",
  changed: "changed",
  failed: "failed",
} as const;

export interface TrackwatchMetrics {
  readonly registry: Registry;
  /** Counts jobs (and, for `crawl` and `email`, pages and mails) from the worker's events. */
  recordWorker(worker: WorkerLike): void;
  /** Reports these queues' depth, read from Redis on every scrape. */
  watchQueues(queues: readonly QueueLike[]): void;
  /** The text a scrape gets, and its content type. */
  scrape(): Promise<{ body: string; contentType: string }>;
}

/**
 * One registry per process (not prom-client's global one, so tests can hold several). In a fleet
 * every process exposes its own counters and Prometheus sums them across instances.
 */
export function createMetrics(options: { defaultMetrics?: boolean } = {}): TrackwatchMetrics {
  const registry = new Registry();
  if (options.defaultMetrics !== false) collectDefaultMetrics({ register: registry, prefix: "trackwatch_" });

  const jobs = new Counter({
    name: "trackwatch_jobs_total",
    help: "Jobs finished by this process, by queue and outcome (completed, failed).",
    labelNames: ["queue", "outcome"] as const,
    registers: [registry],
  });
  const crawlPages = new Counter({
    name: "trackwatch_crawl_pages_total",
    help: "Detail pages of crawl runs, by result (fetched, 304, unchanged, new, changed, failed).",
    labelNames: ["result"] as const,
    registers: [registry],
  });
  const mails = new Counter({
    name: "trackwatch_mails_total",
    help: "Mails handed to the transport (sent) or given up on by a failed email job (failed).",
    labelNames: ["outcome"] as const,
    registers: [registry],
  });
  const watched: QueueLike[] = [];
  new Gauge({
    name: "trackwatch_queue_jobs",
    help: "Jobs in each queue by state, read from Redis when scraped.",
    labelNames: ["queue", "state"] as const,
    registers: [registry],
    async collect() {
      this.reset();
      // A queue that cannot be read (Redis down) is left out rather than failing the whole scrape.
      const counts = await Promise.allSettled(watched.map((queue) => queue.getJobCounts(...DEPTH_STATES)));
      counts.forEach((result, i) => {
        if (result.status !== "fulfilled") return;
        for (const state of DEPTH_STATES) {
          this.set({ queue: watched[i]!.name, state }, result.value[state] ?? 0);
        }
      });
    },
  });
  // Zero-valued series exist from the start, so rate() and absent() behave before the first job.
  for (const result of Object.values(CRAWL_PAGE_RESULTS)) crawlPages.inc({ result }, 0);
  for (const outcome of ["sent", "failed"]) mails.inc({ outcome }, 0);

  return {
    registry,
    recordWorker(worker) {
      const queue = worker.name;
      for (const outcome of ["completed", "failed"]) jobs.inc({ queue, outcome }, 0);
      worker.on("completed", (_job, result) => {
        jobs.inc({ queue, outcome: "completed" });
        if (!result || typeof result !== "object") return;
        const record = result as Record<string, unknown>;
        if (queue === "crawl") {
          for (const [field, label] of Object.entries(CRAWL_PAGE_RESULTS)) {
            const count = record[field];
            if (typeof count === "number" && count > 0) crawlPages.inc({ result: label }, count);
          }
        } else if (queue === "email" && record.outcome === "sent") {
          mails.inc({ outcome: "sent" });
        }
      });
      worker.on("failed", () => {
        jobs.inc({ queue, outcome: "failed" });
        if (queue === "email") mails.inc({ outcome: "failed" });
      });
    },
    watchQueues(queues) {
      for (const queue of queues) if (!watched.includes(queue)) watched.push(queue);
    },
    async scrape() {
      return { body: await registry.metrics(), contentType: registry.contentType };
    },
  };
}
