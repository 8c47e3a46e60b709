import { sql } from "drizzle-orm";
import type { Db } from "../../db-type.ts";
import type { RecordUrlUnchangedInput } from "./record-url-unchanged.ts";

/**
 * recordUrlUnchanged for many URLs in one statement, for a crawl that already knows each document
 * has a stored version: marks the documents seen (gone counter reset, removal undone) and refreshes
 * the URLs' validators. A URL whose document or version has gone meanwhile is left as it was (its
 * next crawl finds validators without a version and fetches it afresh).
 */
export async function recordUrlsUnchanged(db: Db, inputs: readonly RecordUrlUnchangedInput[]): Promise<void> {
  const byUrl = new Map(inputs.map((input) => [input.url, input]));
  if (byUrl.size === 0) return;
  const values = sql.join(
    [...byUrl.values()].map(
      (i) =>
        sql`(${i.url}::text, ${i.sourceId}::text, ${i.lastStatus}::int, ${i.etag}::text, ${i.lastModified}::text)`,
    ),
    sql`, `,
  );
  await db.execute(sql`
    with input (url, source_id, last_status, etag, last_modified) as (values ${values}),
    doc as (
      update documents d
         set last_seen_at = now(), gone_count = 0, removed_at = null
        from input i
       where d.url = i.url and d.current_snapshot_id is not null
      returning d.url
    )
    update url_states s
       set last_status = i.last_status,
           etag = coalesce(i.etag, s.etag), last_modified = coalesce(i.last_modified, s.last_modified),
           source_id = i.source_id, checked_at = now()
      from input i
     where s.url = i.url and i.url in (select url from doc)`);
}
