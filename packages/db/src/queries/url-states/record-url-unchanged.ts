import { sql } from "drizzle-orm";
import type { Db } from "../../db-type.ts";

export interface RecordUrlUnchangedInput {
  url: string;
  sourceId: string;
  /** 304, or 200 with the same body as last time. */
  lastStatus: number;
  etag: string | null;
  lastModified: string | null;
}

/**
 * The crawler's cheapest path in one round trip: a known document answered "not modified" (or the
 * same bytes). Marks it seen (gone counter reset, removal undone) and refreshes the URL's
 * validators (a 304 without validators keeps the stored ones). Returns the document's current snapshot, or null when the document or its snapshot
 * is missing (then the caller fetches and stores it in full).
 */
export async function recordUrlUnchanged(
  db: Db,
  input: RecordUrlUnchangedInput,
): Promise<{ documentId: number; currentSnapshotId: number } | null> {
  const result = await db.execute<{ id: number; current_snapshot_id: number | null }>(sql`
    with doc as (
      update documents
         set last_seen_at = now(), gone_count = 0, removed_at = null
       where url = ${input.url} and current_snapshot_id is not null
      returning id, current_snapshot_id
    ), state as (
      update url_states
         set last_status = ${input.lastStatus},
             etag = coalesce(${input.etag}, etag), last_modified = coalesce(${input.lastModified}, last_modified),
             source_id = ${input.sourceId}, checked_at = now()
       where url = ${input.url} and exists (select 1 from doc)
    )
    select id, current_snapshot_id from doc`);
  const rows = (Array.isArray(result) ? result : (result as { rows: unknown[] }).rows) as {
    id: number | string;
    current_snapshot_id: number | string | null;
  }[];
  const row = rows[0];
  if (!row || row.current_snapshot_id === null) return null;
  return { documentId: Number(row.id), currentSnapshotId: Number(row.current_snapshot_id) };
}
