import { and, asc, eq } from "drizzle-orm";
import type { Db } from "../../db-type.ts";
import { attachments, documents } from "../../schema/index.ts";
import type { AttachmentRow } from "./list-snapshot-attachments.ts";

/**
 * The attachments of the current version of the document at `url` (none for an unknown URL): one
 * read, so a page answering 304 costs little more when it has no attachments to re-check.
 */
export async function listCurrentAttachments(db: Db, input: { url: string }): Promise<AttachmentRow[]> {
  const rows = await db
    .select({ attachment: attachments })
    .from(documents)
    .innerJoin(
      attachments,
      and(eq(attachments.snapshotId, documents.currentSnapshotId), eq(documents.url, input.url)),
    )
    .where(eq(documents.url, input.url))
    .orderBy(asc(attachments.id));
  return rows.map((r) => r.attachment);
}
