import { sql } from "drizzle-orm";
import type { Db } from "../../db-type.ts";
import { executeRows } from "../../execute-rows.ts";
import type { RecordSnapshotInput } from "../snapshots/record-snapshot.ts";

/**
 * A document seen for the first time, stored with its first version in one statement (the
 * snapshot's id is drawn first, so the document row can point at it as it is inserted). Returns
 * null when a document at this URL exists after all (another run stored it meanwhile): the caller
 * then takes the recordDocumentSeen + recordSnapshot path.
 */
export async function recordNewDocument(
  db: Db,
  input: {
    sourceId: string;
    url: string;
    title?: string | null;
    snapshot: Omit<RecordSnapshotInput, "documentId">;
  },
): Promise<{ documentId: number; snapshotId: number } | null> {
  const s = input.snapshot;
  const rows = await executeRows<{ document_id: number | string; snapshot_id: number | string }>(
    db,
    sql`
    with ids as (
      select nextval(pg_get_serial_sequence('snapshots', 'id')) as snapshot_id
    ), doc as (
      insert into documents (source_id, url, title, current_snapshot_id)
      select ${input.sourceId}, ${input.url}, ${input.title || null}, snapshot_id from ids
      on conflict (url) do nothing
      returning id, current_snapshot_id
    ), snap as (
      insert into snapshots (id, document_id, sha256, text_sha256, http_status, content_type, etag,
                             last_modified, charset, byte_size, body)
      overriding system value
      select doc.current_snapshot_id, doc.id, ${s.sha256}, ${s.textSha256}, ${s.httpStatus},
             ${s.contentType}, ${s.etag}, ${s.lastModified}, ${s.charset}, ${s.byteSize}, ${s.body}
        from doc
      returning id, document_id
    )
    select document_id, id as snapshot_id from snap`,
  );
  const row = rows[0];
  if (!row) return null;
  return { documentId: Number(row.document_id), snapshotId: Number(row.snapshot_id) };
}
