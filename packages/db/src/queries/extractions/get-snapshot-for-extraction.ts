import { eq } from "drizzle-orm";
import type { Db } from "../../db-type.ts";
import { attachments, documents, snapshots } from "../../schema/index.ts";

export class SnapshotNotFoundError extends Error {
  override name = "SnapshotNotFoundError";
}

export interface SnapshotForExtraction {
  snapshot: {
    id: number;
    body: string;
    contentType: string | null;
    httpStatus: number;
    fetchedAt: Date;
  };
  document: {
    id: number;
    sourceId: string;
    url: string;
    title: string | null;
    issuer: string | null;
    docNumber: string | null;
    canonicalId: number | null;
    supersedesId: number | null;
  };
  attachments: { id: number; url: string; name: string | null; text: string; warning: string | null }[];
}

/** Everything the extract job needs about one snapshot. Throws SnapshotNotFoundError. */
export async function getSnapshotForExtraction(
  db: Db,
  input: { snapshotId: number },
): Promise<SnapshotForExtraction> {
  const [row] = await db
    .select({
      snapshot: {
        id: snapshots.id,
        body: snapshots.body,
        contentType: snapshots.contentType,
        httpStatus: snapshots.httpStatus,
        fetchedAt: snapshots.fetchedAt,
      },
      document: {
        id: documents.id,
        sourceId: documents.sourceId,
        url: documents.url,
        title: documents.title,
        issuer: documents.issuer,
        docNumber: documents.docNumber,
        canonicalId: documents.canonicalId,
        supersedesId: documents.supersedesId,
      },
    })
    .from(snapshots)
    .innerJoin(documents, eq(documents.id, snapshots.documentId))
    .where(eq(snapshots.id, input.snapshotId));
  if (!row) throw new SnapshotNotFoundError(`snapshot ${input.snapshotId} not found`);
  const files = await db
    .select({
      id: attachments.id,
      url: attachments.url,
      name: attachments.name,
      text: attachments.text,
      warning: attachments.warning,
    })
    .from(attachments)
    .where(eq(attachments.snapshotId, input.snapshotId));
  return { ...row, attachments: files };
}
