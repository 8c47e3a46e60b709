import { eq, sql } from "drizzle-orm";
import type { Db } from "../../db-type.ts";
import { documents } from "../../schema/index.ts";

/** Consecutive runs that must answer 404/410 before a document counts as removed. */
export const GONE_RUNS_TO_REMOVE = 2;

export interface DocumentGone {
  id: number;
  goneCount: number;
  /** True only on the run that crossed the threshold. */
  removedNow: boolean;
  removed: boolean;
}

/**
 * Records that a known document's URL answered 404/410 in this run. Call it once per run and URL:
 * the second consecutive call marks the document removed. Unknown URLs return null (never stored).
 */
export async function recordDocumentGone(db: Db, input: { url: string }): Promise<DocumentGone | null> {
  const [row] = await db
    .update(documents)
    .set({
      goneCount: sql`${documents.goneCount} + 1`,
      removedAt: sql`case when ${documents.removedAt} is null and ${documents.goneCount} + 1 >= ${GONE_RUNS_TO_REMOVE}
        then now() else ${documents.removedAt} end`,
    })
    .where(eq(documents.url, input.url))
    .returning({ id: documents.id, goneCount: documents.goneCount, removedAt: documents.removedAt });
  if (!row) return null;
  return {
    id: row.id,
    goneCount: row.goneCount,
    removedNow: row.goneCount === GONE_RUNS_TO_REMOVE && row.removedAt !== null,
    removed: row.removedAt !== null,
  };
}
