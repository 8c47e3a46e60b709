import { type CrawlProgress, type CrawlSourceInput, crawlSource, type Source } from "@trackwatch/crawl";
import {
  type Db,
  listUnextractedSnapshots,
  recordDocumentRemoved,
  refreshChangeLogStatistics,
  syncSources,
} from "@trackwatch/db";
import {
  type ExtractSnapshotHooks,
  type ExtractSnapshotResult,
  extractSnapshot,
} from "./extract-snapshot.ts";
import type { Extractor } from "./extractor.ts";
import type { CrawlDeps } from "./processors/crawl.ts";

export interface OnceChange {
  id: number;
  kind: string;
  track: string | null;
  key: string | null;
  documentId: number;
  sourceId: string;
  extractorOnly: boolean;
}

export interface OnceSourceSummary {
  id: string;
  status: "succeeded" | "failed";
  error: string | null;
  runId: number;
  pagesFetched: number;
  notModified: number;
  unchanged: number;
  newDocuments: number;
  changed: number;
  failed: number;
  removed: number;
  extracted: number;
  extractFailures: { snapshotId: number; message: string }[];
}

export interface OnceSummary {
  sources: OnceSourceSummary[];
  /** Detail pages checked (304, unchanged, new, changed, failed). */
  documentsSeen: number;
  newDocuments: number;
  changedDocuments: number;
  removedDocuments: number;
  /** Targets and rules in the versions extracted by this run. */
  targets: number;
  rules: number;
  changesByTrack: Record<string, number>;
  changes: OnceChange[];
  ok: boolean;
}

export type OnceProgress =
  | { phase: "crawl"; sourceId: string; progress: CrawlProgress }
  | { phase: "extract"; sourceId: string; done: number; total: number };

export interface RunOnceInput {
  db: Db;
  sources: Source[];
  crawl: CrawlDeps;
  extractor: Extractor;
  onProgress?: (progress: OnceProgress) => void;
  hooks?: ExtractSnapshotHooks;
  /** A source turned unhealthy or recovered (createSourceHealthAlert). */
  onHealthChange?: CrawlSourceInput["onHealthChange"];
}

/**
 * `trackwatch once`: every enabled source crawled, then each new or changed snapshot extracted and
 * diffed, with the same functions the workers call, but in this process and without Redis.
 * Extraction runs after each source's crawl, one snapshot at a time, so the embedded database
 * never sees two transactions at once.
 */
export async function runOnce(input: RunOnceInput): Promise<OnceSummary> {
  const { db, extractor } = input;
  await syncSources(db, {
    sources: input.sources.map((s) => ({
      id: s.id,
      name: s.name,
      issuer: s.issuer ?? null,
      enabled: s.enabled,
      definition: s as unknown as Record<string, unknown>,
    })),
  });
  const summary: OnceSummary = {
    sources: [],
    documentsSeen: 0,
    newDocuments: 0,
    changedDocuments: 0,
    removedDocuments: 0,
    targets: 0,
    rules: 0,
    changesByTrack: {},
    changes: [],
    ok: true,
  };
  const record = (result: ExtractSnapshotResult) => {
    summary.targets += result.targets;
    summary.rules += result.rules;
    for (const change of result.changes) {
      const track = change.track ?? "(none)";
      summary.changesByTrack[track] = (summary.changesByTrack[track] ?? 0) + 1;
      summary.changes.push({
        id: change.id,
        kind: change.kind,
        track: change.track,
        key: change.key,
        documentId: result.reportedDocumentId,
        sourceId: result.sourceId,
        extractorOnly: change.extractorOnly,
      });
    }
  };

  for (const source of input.sources) {
    if (!source.enabled) continue;
    const snapshots: number[] = [];
    const removed: number[] = [];
    const run = await crawlSource({
      db,
      fetcher: input.crawl.fetcher,
      politeness: input.crawl.politeness,
      robots: input.crawl.robots,
      renderer: input.crawl.renderer ?? null,
      concurrency: input.crawl.concurrency,
      defaultSpacingMs: input.crawl.defaultSpacingMs,
      source,
      trigger: "once",
      requestedBy: "cli",
      onSnapshot(snapshotId) {
        snapshots.push(snapshotId);
      },
      onRemoved(documentId) {
        removed.push(documentId);
      },
      onProgress: (progress) => input.onProgress?.({ phase: "crawl", sourceId: source.id, progress }),
      onHealthChange: input.onHealthChange,
    });
    const sourceSummary: OnceSourceSummary = {
      id: source.id,
      status: run.status,
      error: run.error,
      runId: run.runId,
      pagesFetched: run.pagesFetched,
      notModified: run.notModified,
      unchanged: run.unchanged,
      newDocuments: run.newDocuments,
      changed: run.changed,
      failed: run.failed,
      removed: run.removed,
      extracted: 0,
      extractFailures: [],
    };
    for (const documentId of removed) {
      const id = await recordDocumentRemoved(db, { documentId });
      if (id !== null) {
        summary.changes.push({
          id,
          kind: "document-removed",
          track: null,
          key: null,
          documentId,
          sourceId: source.id,
          extractorOnly: false,
        });
        summary.changesByTrack["(none)"] = (summary.changesByTrack["(none)"] ?? 0) + 1;
      }
    }
    // Snapshots stored earlier whose extraction failed are retried here (no queue does it in this mode).
    const pending = await listUnextractedSnapshots(db, { sourceId: source.id });
    const toExtract = [...new Set([...snapshots, ...pending.map((p) => p.snapshotId)])].sort((a, b) => a - b);
    for (const [index, snapshotId] of toExtract.entries()) {
      try {
        const result = await extractSnapshot({ db, extractor, snapshotId, hooks: input.hooks });
        record(result);
        sourceSummary.extracted += 1;
      } catch (error) {
        // One bad page must not stop the rest; it is reported and the next run retries it.
        sourceSummary.extractFailures.push({ snapshotId, message: (error as Error).message });
      }
      input.onProgress?.({ phase: "extract", sourceId: source.id, done: index + 1, total: toExtract.length });
    }
    summary.sources.push(sourceSummary);
    summary.documentsSeen += run.notModified + run.unchanged + run.newDocuments + run.changed + run.failed;
    summary.newDocuments += run.newDocuments;
    summary.changedDocuments += run.changed;
    summary.removedDocuments += run.removed;
    if (run.status === "failed" || sourceSummary.extractFailures.length > 0) summary.ok = false;
  }
  await refreshChangeLogStatistics(db);
  return summary;
}
