import { sql } from "drizzle-orm";
import type { Db } from "../../db-type.ts";

/**
 * For re-extraction after an extractor upgrade: per document (ids above `afterDocumentId`), the
 * newest snapshot that has been extracted, when no extraction by `extractorVersion` exists for it.
 * Older snapshots are history and stay as they were extracted.
 */
export async function listSnapshotsToReextract(
  db: Db,
  input: { extractorVersion: string; afterDocumentId?: number; limit?: number; sourceId?: string | null },
): Promise<{ documentId: number; snapshotId: number; sourceId: string }[]> {
  const limit = Math.min(Math.max(input.limit ?? 500, 1), 5_000);
  const rows = await db.execute(sql`
    select latest.document_id as "documentId", latest.snapshot_id as "snapshotId", d.source_id as "sourceId"
    from (
      select distinct on (e.document_id) e.document_id, e.snapshot_id
      from extractions e
      where e.document_id > ${input.afterDocumentId ?? 0}
      order by e.document_id, e.snapshot_id desc
    ) latest
    join documents d on d.id = latest.document_id
    where not exists (
      select 1 from extractions done
      where done.snapshot_id = latest.snapshot_id and done.extractor_version = ${input.extractorVersion}
    )
    ${input.sourceId ? sql`and d.source_id = ${input.sourceId}` : sql``}
    order by latest.document_id
    limit ${limit}
  `);
  const list = (Array.isArray(rows) ? rows : (rows as { rows: unknown[] }).rows) as {
    documentId: number | string;
    snapshotId: number | string;
    sourceId: string;
  }[];
  return list.map((r) => ({
    documentId: Number(r.documentId),
    snapshotId: Number(r.snapshotId),
    sourceId: r.sourceId,
  }));
}
