import type { Job, Worker } from "bullmq";
import type { Logger } from "pino";

/**
 * One uniform "job finished" line per job of every worker this process runs: queue, id, source
 * (for crawl and extract jobs) and outcome, so `grep jobId` or a log query follows any job. The
 * apps' own lines add the detail (a crawl's page counts, a failure's error and attempt).
 */
export function logJobOutcomes(worker: Worker, log: Logger): void {
  const line = (job: Job | undefined, outcome: "completed" | "failed") => {
    const data = (job?.data ?? {}) as { sourceId?: unknown };
    const finishedAt = job?.finishedOn ?? Date.now();
    const fields = {
      queue: worker.name,
      jobId: job?.id,
      source: typeof data.sourceId === "string" ? data.sourceId : undefined,
      outcome,
      attempts: job?.attemptsMade,
      durationMs: job?.processedOn ? finishedAt - job.processedOn : undefined,
    };
    if (outcome === "completed") log.info(fields, "job finished");
    else log.warn(fields, "job finished");
  };
  worker.on("completed", (job) => line(job, "completed"));
  worker.on("failed", (job) => line(job, "failed"));
}
