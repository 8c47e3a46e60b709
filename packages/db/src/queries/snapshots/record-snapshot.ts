import { sql } from "drizzle-orm";
import type { Db } from "../../db-type.ts";

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
 * current snapshot: one statement, so one round trip per changed page.
 */
export async function recordSnapshot(db: Db, input: RecordSnapshotInput): Promise<RecordedSnapshot> {
  const result = await db.execute(sql`
    with prev as (
      select current_snapshot_id from documents where id = ${input.documentId}
    ), ins as (
      insert into snapshots (document_id, sha256, text_sha256, http_status, content_type, etag,
                             last_modified, charset, byte_size, body)
      select ${input.documentId}, ${input.sha256}, ${input.textSha256}, ${input.httpStatus},
             ${input.contentType}, ${input.etag}, ${input.lastModified}, ${input.charset},
             ${input.byteSize}, ${input.body}
       where exists (select 1 from prev)
      on conflict (document_id, sha256) do nothing
      returning id
    ), chosen as (
      select id from ins
      union all
      select id from snapshots
       where document_id = ${input.documentId} and sha256 = ${input.sha256} and not exists (select 1 from ins)
    ), upd as (
      update documents set current_snapshot_id = (select id from chosen)
       where id = ${input.documentId} and exists (select 1 from chosen)
    )
    select (select id from chosen) as id,
           exists (select 1 from ins) as created,
           (select current_snapshot_id from prev) as previous_snapshot_id,
           exists (select 1 from prev) as document_exists`);
  const rows = (Array.isArray(result) ? result : (result as { rows: unknown[] }).rows) as {
    id: number | string | null;
    created: boolean;
    previous_snapshot_id: number | string | null;
    document_exists: boolean;
  }[];
  const row = rows[0]!;
  if (!row.document_exists || row.id === null)
    throw new Error(`recordSnapshot: no document ${input.documentId}`);
  return {
    id: Number(row.id),
    created: row.created,
    previousSnapshotId: row.previous_snapshot_id === null ? null : Number(row.previous_snapshot_id),
  };
}
