import { sql } from "drizzle-orm";
import type { Db } from "../../db-type.ts";
import { executeRows } from "../../execute-rows.ts";

export interface UnlistedDocument {
  id: number;
  url: string;
  title: string | null;
}

/**
 * A source's documents that no list showed in a run (not seen since `notSeenSince`, the run's
 * start) and are not removed, for a re-check of their own URL: first those that already answered
 * 404/410 once (so a second one in the next run removes them), then the longest unchecked.
 */
export async function listUnlistedDocuments(
  db: Db,
  input: { sourceId: string; notSeenSince: Date; limit: number },
): Promise<UnlistedDocument[]> {
  const rows = await executeRows<{ id: number | string; url: string; title: string | null }>(
    db,
    sql`
    select d.id, d.url, d.title
      from documents d
      left join url_states s on s.url = d.url
     where d.source_id = ${input.sourceId} and d.removed_at is null
       and d.last_seen_at < ${input.notSeenSince.toISOString()}::timestamptz
     order by d.gone_count > 0 desc, coalesce(s.checked_at, d.last_seen_at) asc, d.id asc
     limit ${input.limit}`,
  );
  return rows.map((row) => ({ id: Number(row.id), url: row.url, title: row.title }));
}
