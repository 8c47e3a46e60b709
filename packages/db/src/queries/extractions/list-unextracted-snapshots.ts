import { and, eq, isNotNull, notExists, sql } from "drizzle-orm";
import type { Db } from "../../db-type.ts";
import { documents, extractions } from "../../schema/index.ts";

/**
 * Current snapshots that were never extracted: an extraction that failed after its snapshot was
 * stored (in `trackwatch once`, where no queue retries it). The next run picks them up here.
 */
export async function listUnextractedSnapshots(
  db: Db,
  input: { sourceId?: string | null; limit?: number } = {},
): Promise<{ snapshotId: number; documentId: number; sourceId: string }[]> {
  const conditions = [
    isNotNull(documents.currentSnapshotId),
    notExists(
      db
        .select({ one: sql`1` })
        .from(extractions)
        .where(eq(extractions.snapshotId, documents.currentSnapshotId)),
    ),
  ];
  if (input.sourceId) conditions.push(eq(documents.sourceId, input.sourceId));
  const rows = await db
    .select({
      snapshotId: documents.currentSnapshotId,
      documentId: documents.id,
      sourceId: documents.sourceId,
    })
    .from(documents)
    .where(and(...conditions))
    .orderBy(documents.currentSnapshotId)
    .limit(Math.min(Math.max(input.limit ?? 1_000, 1), 10_000));
  return rows.map((r) => ({ snapshotId: r.snapshotId!, documentId: r.documentId, sourceId: r.sourceId }));
}
