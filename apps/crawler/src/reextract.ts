import { type Db, listSnapshotsToReextract, refreshChangeLogStatistics } from "@trackwatch/db";
import { extractSnapshot } from "./extract-snapshot.ts";
import type { Extractor } from "./extractor.ts";

export interface ReextractSummary {
  extractorVersion: string;
  documents: number;
  /** Differences recorded; all flagged extractorOnly, never mailed as policy changes. */
  changes: number;
  changesByKind: Record<string, number>;
  failures: { snapshotId: number; message: string }[];
}

/**
 * `trackwatch reextract`: runs the current extractor over each document's newest snapshot that it
 * has not read yet. The diff is against the same snapshot's older extraction, so every difference
 * is the extractor's and is recorded with extractorOnly = true.
 */
export async function reextractAll(input: {
  db: Db;
  extractor: Extractor;
  sourceId?: string | null;
  onProgress?: (done: number) => void;
}): Promise<ReextractSummary> {
  const summary: ReextractSummary = {
    extractorVersion: input.extractor.version,
    documents: 0,
    changes: 0,
    changesByKind: {},
    failures: [],
  };
  let afterDocumentId = 0;
  for (;;) {
    const batch = await listSnapshotsToReextract(input.db, {
      extractorVersion: input.extractor.version,
      afterDocumentId,
      sourceId: input.sourceId ?? null,
      limit: 200,
    });
    if (batch.length === 0) break;
    for (const item of batch) {
      afterDocumentId = item.documentId;
      try {
        const result = await extractSnapshot({
          db: input.db,
          extractor: input.extractor,
          snapshotId: item.snapshotId,
        });
        summary.documents += 1;
        for (const change of result.changes) {
          summary.changes += 1;
          summary.changesByKind[change.kind] = (summary.changesByKind[change.kind] ?? 0) + 1;
        }
      } catch (error) {
        summary.failures.push({ snapshotId: item.snapshotId, message: (error as Error).message });
      }
      input.onProgress?.(summary.documents + summary.failures.length);
    }
  }
  await refreshChangeLogStatistics(input.db);
  return summary;
}
