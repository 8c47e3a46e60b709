import { and, asc, desc, eq, inArray, isNull } from "drizzle-orm";
import type { Db } from "../../db-type.ts";
import { documents } from "../../schema/documents.ts";
import { targets } from "../../schema/extractions.ts";
import { snapshots } from "../../schema/snapshots.ts";

export interface TargetRevision {
  track: string;
  key: string;
  metric: string;
  unit: string;
  value: number;
  documentId: number;
  snapshotId: number;
  fetchedAt: Date;
}

/**
 * Each target's value in every stored version of its document, oldest first, for the overview's
 * charts. One row per (document, target, snapshot): when several extractor versions read the same
 * snapshot, the newest extraction wins. Canonical documents only (duplicates report nothing).
 */
export async function listTargetRevisions(
  db: Db,
  input: { tracks?: string[]; limit?: number } = {},
): Promise<TargetRevision[]> {
  const limit = Math.min(Math.max(input.limit ?? 5_000, 1), 20_000);
  const rows = await db
    .selectDistinctOn([targets.documentId, targets.key, snapshots.id], {
      track: targets.track,
      key: targets.key,
      metric: targets.metric,
      unit: targets.unit,
      value: targets.value,
      documentId: targets.documentId,
      snapshotId: snapshots.id,
      fetchedAt: snapshots.fetchedAt,
    })
    .from(targets)
    .innerJoin(snapshots, eq(snapshots.id, targets.snapshotId))
    .innerJoin(documents, eq(documents.id, targets.documentId))
    .where(
      and(
        isNull(documents.canonicalId),
        input.tracks && input.tracks.length > 0 ? inArray(targets.track, input.tracks) : undefined,
      ),
    )
    .orderBy(asc(targets.documentId), asc(targets.key), asc(snapshots.id), desc(targets.extractionId))
    .limit(limit);
  return rows;
}
