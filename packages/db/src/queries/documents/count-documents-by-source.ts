import { count, isNull, sql } from "drizzle-orm";
import type { Db } from "../../db-type.ts";
import { documents } from "../../schema/index.ts";

/** Live documents per source (removed ones left out), for `trackwatch sources`. */
export async function countDocumentsBySource(db: Db): Promise<Map<string, number>> {
  const rows = await db
    .select({ sourceId: documents.sourceId, documents: count() })
    .from(documents)
    .where(isNull(documents.removedAt))
    .groupBy(documents.sourceId)
    .orderBy(sql`1`);
  return new Map(rows.map((r) => [r.sourceId, Number(r.documents)]));
}
