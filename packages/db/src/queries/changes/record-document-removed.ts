import { and, desc, eq, isNull, sql } from "drizzle-orm";
import type { Db } from "../../db-type.ts";
import { documents, extractions } from "../../schema/index.ts";
import { appendChanges } from "./append-changes.ts";

/**
 * Appends "document removed" for a document the crawl has just marked removed (404/410 on two
 * consecutive runs). Another location of a document (canonical_id set) is not the document
 * disappearing, so it records nothing. Returns the change id, or null when nothing was appended.
 */
export async function recordDocumentRemoved(db: Db, input: { documentId: number }): Promise<number | null> {
  const [doc] = await db
    .select({
      id: documents.id,
      sourceId: documents.sourceId,
      title: documents.title,
      url: documents.url,
      docNumber: documents.docNumber,
      removedAt: documents.removedAt,
    })
    .from(documents)
    .where(and(eq(documents.id, input.documentId), isNull(documents.canonicalId)));
  if (!doc?.removedAt) return null;
  const [latest] = await db
    .select({
      id: extractions.id,
      snapshotId: extractions.snapshotId,
      track: sql<string | null>`${extractions.result}->'tracks'->>0`,
    })
    .from(extractions)
    .where(eq(extractions.documentId, doc.id))
    .orderBy(desc(extractions.snapshotId), desc(extractions.id))
    .limit(1);
  const { ids } = await appendChanges(db, [
    {
      kind: "document-removed",
      sourceId: doc.sourceId,
      documentId: doc.id,
      track: latest?.track ?? null,
      key: null,
      metric: null,
      before: { title: doc.title, url: doc.url, docNumber: doc.docNumber },
      after: null,
      sentence: null,
      fromSnapshotId: latest?.snapshotId ?? null,
      toSnapshotId: null,
      fromExtractionId: latest?.id ?? null,
      toExtractionId: null,
      // One removal per time the document went away; a retried hand-off appends nothing.
      dedupKey: `${doc.id}:removed:${doc.removedAt.getTime()}`,
    },
  ]);
  return ids[0] ?? null;
}
