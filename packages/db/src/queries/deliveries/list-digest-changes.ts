import { asc, eq, inArray } from "drizzle-orm";
import type { Db } from "../../db-type.ts";
import { changes } from "../../schema/changes.ts";
import { documents } from "../../schema/documents.ts";

/** What a digest shows for the changes a delivery covers, with their document's title and URL. */
export async function listDigestChanges(db: Db, changeIds: number[]) {
  if (changeIds.length === 0) return [];
  return db
    .select({
      id: changes.id,
      kind: changes.kind,
      track: changes.track,
      key: changes.key,
      metric: changes.metric,
      before: changes.before,
      after: changes.after,
      sentence: changes.sentence,
      extractorOnly: changes.extractorOnly,
      document: { id: documents.id, title: documents.title, url: documents.url },
    })
    .from(changes)
    .innerJoin(documents, eq(documents.id, changes.documentId))
    .where(inArray(changes.id, changeIds))
    .orderBy(asc(changes.id));
}
