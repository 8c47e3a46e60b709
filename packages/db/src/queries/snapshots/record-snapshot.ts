import { and, eq } from "drizzle-orm";
import type { Db } from "../../db-type.ts";
import { documents, snapshots } from "../../schema/index.ts";

export interface RecordSnapshotInput {
  documentId: number;
  /** sha256 of the raw (decompressed, undecoded) bytes: the snapshot's address. */
  sha256: string;
  textSha256: string | null;
  httpStatus: number;
  contentType: string | null;
  etag: string | null;
  lastModified: string | null;
  charset: string | null;
  byteSize: number;
  /** The decoded body. */
  body: string;
}

export interface RecordedSnapshot {
  id: number;
  /** False when these exact bytes were stored for the document before (a page flipping back). */
  created: boolean;
  /** The document's current snapshot before this one, null for a new document. */
  previousSnapshotId: number | null;
}

/**
 * Stores a document version, content-addressed by (document, sha256), and makes it the document's
 * current snapshot, in one transaction.
 */
export async function recordSnapshot(db: Db, input: RecordSnapshotInput): Promise<RecordedSnapshot> {
  return db.transaction(async (tx) => {
    const [doc] = await tx
      .select({ currentSnapshotId: documents.currentSnapshotId })
      .from(documents)
      .where(eq(documents.id, input.documentId))
      .for("update");
    if (!doc) throw new Error(`recordSnapshot: no document ${input.documentId}`);
    const inserted = await tx
      .insert(snapshots)
      .values(input)
      .onConflictDoNothing({ target: [snapshots.documentId, snapshots.sha256] })
      .returning({ id: snapshots.id });
    let id = inserted[0]?.id;
    if (id === undefined) {
      const [existing] = await tx
        .select({ id: snapshots.id })
        .from(snapshots)
        .where(and(eq(snapshots.documentId, input.documentId), eq(snapshots.sha256, input.sha256)));
      id = existing!.id;
    }
    await tx.update(documents).set({ currentSnapshotId: id }).where(eq(documents.id, input.documentId));
    return { id, created: inserted.length > 0, previousSnapshotId: doc.currentSnapshotId };
  });
}
