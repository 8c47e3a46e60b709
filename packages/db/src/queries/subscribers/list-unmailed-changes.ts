import { and, asc, eq, gt, inArray, lte } from "drizzle-orm";
import type { Db } from "../../db-type.ts";
import { changes } from "../../schema/changes.ts";

/**
 * The change ids a subscriber's next digest would cover: after their cursor, up to the horizon, in
 * the tracks they follow (all when empty), never extractor-only. Used by the preview; the digest
 * run does the same set-wise in recordDigestDeliveries.
 */
export async function listUnmailedChanges(
  db: Db,
  input: { tracks: string[]; lastChangeId: number; horizon: number },
): Promise<number[]> {
  const rows = await db
    .select({ id: changes.id })
    .from(changes)
    .where(
      and(
        gt(changes.id, input.lastChangeId),
        lte(changes.id, input.horizon),
        eq(changes.extractorOnly, false),
        input.tracks.length > 0 ? inArray(changes.track, input.tracks) : undefined,
      ),
    )
    .orderBy(asc(changes.id));
  return rows.map((r) => Number(r.id));
}
