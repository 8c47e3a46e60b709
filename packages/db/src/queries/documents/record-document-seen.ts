import { sql } from "drizzle-orm";
import type { Db } from "../../db-type.ts";
import { documents } from "../../schema/index.ts";

export interface DocumentSeen {
  id: number;
  created: boolean;
  currentSnapshotId: number | null;
}

/**
 * Registers a fetched announcement URL (or finds it) and records that it answered: last seen now, the
 * gone counter back to zero, a removal undone. The list's link text is kept as a title until
 * extraction finds the real one.
 */
export async function recordDocumentSeen(
  db: Db,
  input: { sourceId: string; url: string; title?: string | null },
): Promise<DocumentSeen> {
  const [row] = await db
    .insert(documents)
    .values({ sourceId: input.sourceId, url: input.url, title: input.title || null })
    .onConflictDoUpdate({
      target: documents.url,
      set: {
        lastSeenAt: sql`now()`,
        goneCount: 0,
        removedAt: null,
        title: sql`coalesce(${documents.title}, excluded.title)`,
      },
    })
    .returning({
      id: documents.id,
      currentSnapshotId: documents.currentSnapshotId,
      // xmax is 0 on a freshly inserted row and set on one the conflict clause updated.
      created: sql<boolean>`(xmax = 0)`,
    });
  return { id: row!.id, created: Boolean(row!.created), currentSnapshotId: row!.currentSnapshotId };
}
