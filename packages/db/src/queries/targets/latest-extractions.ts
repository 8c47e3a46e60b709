import { sql } from "drizzle-orm";
import { documents, extractions } from "../../schema/index.ts";

/**
 * The current extraction of every live canonical document: the newest extraction of its current
 * snapshot (a page back at an older version shows that version), else of its newest extracted one.
 * Other locations of the same document (canonical_id set), documents revised by a later one (a
 * supersedes_id points at them) and removed documents are left out.
 */
export const latestCanonicalExtractionIds = sql`(
  select distinct on (${extractions.documentId}) ${extractions.id}
  from ${extractions}
  join ${documents} d on d.id = ${extractions.documentId}
  where d.canonical_id is null
    and d.removed_at is null
    -- A hashed set, not a correlated NOT EXISTS: supersedes_id has no index and is mostly null.
    and d.id not in (select newer.supersedes_id from ${documents} newer where newer.supersedes_id is not null)
  order by ${extractions.documentId},
    coalesce(${extractions.snapshotId} = d.current_snapshot_id, false) desc,
    ${extractions.snapshotId} desc, ${extractions.id} desc
)`;
