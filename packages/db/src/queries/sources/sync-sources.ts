import { notInArray, sql } from "drizzle-orm";
import type { Db } from "../../db-type.ts";
import { sources } from "../../schema/index.ts";

export interface SyncSourceInput {
  id: string;
  name: string;
  issuer?: string | null;
  enabled?: boolean;
  /** The validated sources-file entry, kept so workers crawl what the file said at start. */
  definition: Record<string, unknown>;
}

/**
 * Makes the sources table match the sources file: inserts new entries, updates changed ones and
 * disables rows no longer in the file (kept, since documents and runs reference them).
 */
export async function syncSources(
  db: Db,
  input: { sources: SyncSourceInput[] },
): Promise<{ upserted: number; disabled: string[] }> {
  return db.transaction(async (tx) => {
    for (const source of input.sources) {
      const row = {
        id: source.id,
        name: source.name,
        issuer: source.issuer ?? null,
        definition: source.definition,
        enabled: source.enabled === false ? 0 : 1,
      };
      await tx
        .insert(sources)
        .values(row)
        .onConflictDoUpdate({
          target: sources.id,
          set: {
            name: row.name,
            issuer: row.issuer,
            definition: row.definition,
            enabled: row.enabled,
            updatedAt: sql`now()`,
          },
        });
    }
    const ids = input.sources.map((s) => s.id);
    const stale = await tx
      .update(sources)
      .set({ enabled: 0, updatedAt: sql`now()` })
      .where(
        ids.length > 0
          ? sql`${notInArray(sources.id, ids)} and ${sources.enabled} = 1`
          : sql`${sources.enabled} = 1`,
      )
      .returning({ id: sources.id });
    return { upserted: ids.length, disabled: stale.map((s) => s.id) };
  });
}
