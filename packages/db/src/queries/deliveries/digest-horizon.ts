import { lt, max, sql } from "drizzle-orm";
import type { Db } from "../../db-type.ts";
import { changes } from "../../schema/changes.ts";

/**
 * The highest change id a digest run may cover. Identity values are handed out before commit, so a
 * change with a lower id can become visible after a higher one; covering only changes older than
 * `settleMs` keeps a slow extract transaction from being skipped by `lastChangeId`.
 */
export async function getDigestHorizon(db: Db, input: { settleMs?: number } = {}): Promise<number> {
  const settleMs = input.settleMs ?? 5_000;
  const [row] = await db
    .select({ id: max(changes.id) })
    .from(changes)
    .where(lt(changes.detectedAt, sql`now() - make_interval(secs => ${settleMs / 1000})`));
  return Number(row?.id ?? 0);
}
