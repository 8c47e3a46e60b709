import type { Db } from "../../db-type.ts";
import { attachments } from "../../schema/index.ts";

export interface AttachmentInput {
  url: string;
  name: string | null;
  kind: "pdf" | "docx";
  sha256: string;
  byteSize: number;
  text: string;
  /** Why the text is empty or partial (a scan without a text layer, a file that could not be read). */
  warning: string | null;
}

/** Stores the attachments read with one snapshot; a retried crawl finds them stored and adds nothing. */
export async function recordAttachments(
  db: Db,
  input: { snapshotId: number; attachments: readonly AttachmentInput[] },
): Promise<void> {
  if (input.attachments.length === 0) return;
  await db
    .insert(attachments)
    .values(input.attachments.map((a) => ({ ...a, snapshotId: input.snapshotId })))
    .onConflictDoNothing({ target: [attachments.snapshotId, attachments.url] });
}
