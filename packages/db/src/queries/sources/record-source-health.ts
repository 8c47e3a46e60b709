import { and, eq, ne, sql } from "drizzle-orm";
import type { Db } from "../../db-type.ts";
import { sources } from "../../schema/index.ts";

export type SourceHealth = "healthy" | "unhealthy";

/**
 * Sets a source's health after a run. `changed` is true only for the call that flipped it (the
 * update is conditional), so concurrent runs alert once per flip. The reason is kept current
 * while the state holds.
 */
export async function recordSourceHealth(
  db: Db,
  input: { sourceId: string; health: SourceHealth; reason: string | null; at?: Date },
): Promise<{ changed: boolean; changedAt: Date | null }> {
  const at = input.at ?? new Date();
  const [flipped] = await db
    .update(sources)
    .set({ health: input.health, healthReason: input.reason, healthChangedAt: at, updatedAt: sql`now()` })
    .where(and(eq(sources.id, input.sourceId), ne(sources.health, input.health)))
    .returning({ changedAt: sources.healthChangedAt });
  if (flipped) return { changed: true, changedAt: flipped.changedAt };
  await db.update(sources).set({ healthReason: input.reason }).where(eq(sources.id, input.sourceId));
  return { changed: false, changedAt: null };
}
