import { asc, isNotNull } from "drizzle-orm";
import type { Db } from "../../db-type.ts";
import { changes } from "../../schema/index.ts";

/**
 * Every track the change log has seen, sorted: the built-in ones and any a source added. Every
 * extracted target enters the log as a change, so no track is missing. Callers cache it.
 */
export async function listChangeTracks(db: Db): Promise<string[]> {
  const rows = await db
    .selectDistinct({ track: changes.track })
    .from(changes)
    .where(isNotNull(changes.track))
    .orderBy(asc(changes.track));
  return rows.map((r) => r.track).filter((t): t is string => t !== null);
}
