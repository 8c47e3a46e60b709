import { sql } from "drizzle-orm";
import type { Db } from "../../db-type.ts";
import { executeRows } from "../../execute-rows.ts";

/** What the crawler needs to know about a detail URL before fetching it, read for many URLs at once. */
export interface CrawlState {
  url: string;
  /** The URL's crawl state (validators, last hashes), null for a URL never fetched. */
  urlState: {
    etag: string | null;
    lastModified: string | null;
    bodySha256: string | null;
    textSha256: string | null;
  } | null;
  /** The document at this URL, null when none is stored. */
  document: {
    id: number;
    currentSnapshotId: number | null;
    /** Whether its current version has attachments (which an unchanged page must re-check). */
    hasAttachments: boolean;
  } | null;
}

interface Row extends Record<string, unknown> {
  url: string;
  has_state: boolean;
  etag: string | null;
  last_modified: string | null;
  body_sha256: string | null;
  text_sha256: string | null;
  document_id: number | string | null;
  current_snapshot_id: number | string | null;
  has_attachments: boolean;
}

/**
 * The crawl states of a batch of URLs in one round trip, keyed by URL (every URL asked for has an
 * entry): a run reads its detail pages' states a chunk at a time instead of once per page.
 */
export async function listCrawlStates(
  db: Db,
  input: { urls: readonly string[] },
): Promise<Map<string, CrawlState>> {
  const states = new Map<string, CrawlState>();
  if (input.urls.length === 0) return states;
  const urls = sql.join(
    input.urls.map((url) => sql`${url}`),
    sql`, `,
  );
  const rows = await executeRows<Row>(
    db,
    sql`
    select w.url, s.url is not null as has_state, s.etag, s.last_modified, s.body_sha256, s.text_sha256,
           d.id as document_id, d.current_snapshot_id,
           exists (select 1 from attachments a where a.snapshot_id = d.current_snapshot_id) as has_attachments
      from unnest(array[${urls}]::text[]) as w(url)
      left join url_states s on s.url = w.url
      left join documents d on d.url = w.url`,
  );
  for (const row of rows) {
    states.set(row.url, {
      url: row.url,
      urlState: row.has_state
        ? {
            etag: row.etag,
            lastModified: row.last_modified,
            bodySha256: row.body_sha256,
            textSha256: row.text_sha256,
          }
        : null,
      document:
        row.document_id === null
          ? null
          : {
              id: Number(row.document_id),
              currentSnapshotId: row.current_snapshot_id === null ? null : Number(row.current_snapshot_id),
              hasAttachments: Boolean(row.has_attachments),
            },
    });
  }
  return states;
}
