import { desc, eq } from "drizzle-orm";
import type { Db } from "../../db-type.ts";
import { snapshots } from "../../schema/index.ts";

export interface SnapshotSummary {
  id: number;
  sha256: string;
  textSha256: string | null;
  httpStatus: number;
  contentType: string | null;
  charset: string | null;
  byteSize: number;
  fetchedAt: Date;
}

/** The stored versions of a document, newest first, without their bodies. */
export async function listDocumentSnapshots(
  db: Db,
  input: { documentId: number },
): Promise<SnapshotSummary[]> {
  return db
    .select({
      id: snapshots.id,
      sha256: snapshots.sha256,
      textSha256: snapshots.textSha256,
      httpStatus: snapshots.httpStatus,
      contentType: snapshots.contentType,
      charset: snapshots.charset,
      byteSize: snapshots.byteSize,
      fetchedAt: snapshots.fetchedAt,
    })
    .from(snapshots)
    .where(eq(snapshots.documentId, input.documentId))
    .orderBy(desc(snapshots.id));
}
