import { type Db, SnapshotNotFoundError } from "@trackwatch/db";
import {
  type DigestQueue,
  type ExtractJob,
  enqueueImmediateDigest,
  extractJobSchema,
} from "@trackwatch/queue";
import { type Job, UnrecoverableError } from "bullmq";
import type { Logger } from "pino";
import {
  type ExtractSnapshotHooks,
  type ExtractSnapshotResult,
  extractSnapshot,
} from "../extract-snapshot.ts";
import type { Extractor } from "../extractor.ts";

export interface ExtractProcessorDeps {
  db: Db;
  extractor: Extractor;
  log: Logger;
  hooks?: ExtractSnapshotHooks;
  /** Opens (or joins) the debounced immediate digest run after policy changes were appended. */
  digestQueue?: DigestQueue;
}

/**
 * The `extract` queue's processor: validate the payload, then extractSnapshot (one transaction,
 * idempotent). A bad payload or a snapshot that does not exist can never succeed on retry.
 */
export function createExtractProcessor(deps: ExtractProcessorDeps) {
  return async function processExtract(job: Job<ExtractJob>): Promise<ExtractSnapshotResult> {
    const parsed = extractJobSchema.safeParse(job.data);
    if (!parsed.success) {
      throw new UnrecoverableError(
        `invalid extract payload: ${parsed.error.issues.map((i) => i.message).join("; ")}`,
      );
    }
    const { snapshotId, sourceId } = parsed.data;
    const log = deps.log.child({ queue: job.queueName, jobId: job.id, source: sourceId, snapshotId });
    let result: ExtractSnapshotResult;
    try {
      result = await extractSnapshot({
        db: deps.db,
        extractor: deps.extractor,
        snapshotId,
        hooks: deps.hooks,
      });
    } catch (error) {
      if (error instanceof SnapshotNotFoundError) throw new UnrecoverableError(error.message);
      throw error;
    }
    // Extractor-only differences are never mailed, so they do not wake the immediate digest.
    if (deps.digestQueue && result.changes.some((change) => !change.extractorOnly)) {
      await enqueueImmediateDigest(deps.digestQueue);
    }
    log.info(
      {
        outcome: result.skipped ?? (result.created ? "extracted" : "already-extracted"),
        documentId: result.documentId,
        extractionId: result.extractionId,
        targets: result.targets,
        rules: result.rules,
        changes: result.changes.length,
        base: result.base,
        ...(result.links.reason ? { linked: result.links } : {}),
      },
      "extract job done",
    );
    return result;
  };
}
