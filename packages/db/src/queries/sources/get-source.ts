import { eq } from "drizzle-orm";
import type { Db } from "../../db-type.ts";
import { sources } from "../../schema/index.ts";

export type SourceRow = typeof sources.$inferSelect;

export class SourceNotFoundError extends Error {
  override name = "SourceNotFoundError";
}

/** One configured source; throws when the id is unknown. */
export async function getSource(db: Db, input: { id: string }): Promise<SourceRow> {
  const [row] = await db.select().from(sources).where(eq(sources.id, input.id)).limit(1);
  if (!row) throw new SourceNotFoundError(`unknown source "${input.id}"`);
  return row;
}
