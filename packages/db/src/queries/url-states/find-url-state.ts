import { eq } from "drizzle-orm";
import type { Db } from "../../db-type.ts";
import { urlStates } from "../../schema/index.ts";

export type UrlState = typeof urlStates.$inferSelect;

/** What the crawler remembers about a URL (validators, last hashes), or null for a new URL. */
export async function findUrlState(db: Db, input: { url: string }): Promise<UrlState | null> {
  const [row] = await db.select().from(urlStates).where(eq(urlStates.url, input.url)).limit(1);
  return row ?? null;
}
