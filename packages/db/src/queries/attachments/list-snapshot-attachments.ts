import { asc, eq } from "drizzle-orm";
import type { Db } from "../../db-type.ts";
import { attachments } from "../../schema/index.ts";

export type AttachmentRow = typeof attachments.$inferSelect;

/** The attachments stored with one snapshot, in the order they were linked. */
export async function listSnapshotAttachments(
  db: Db,
  input: { snapshotId: number },
): Promise<AttachmentRow[]> {
  return db
    .select()
    .from(attachments)
    .where(eq(attachments.snapshotId, input.snapshotId))
    .orderBy(asc(attachments.id));
}
