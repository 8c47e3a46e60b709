import { sql } from "drizzle-orm";
import type { Db } from "../../db-type.ts";

/**
 * Serializes the linking of documents that could be linked to each other (same 发文字号): two
 * extract jobs for the municipal plan and the commission's repost running at once
 * would otherwise each see no earlier location and both report "document added". Transaction-scoped
 * advisory locks, taken in a fixed order so two jobs cannot deadlock; call inside the transaction.
 */
export async function lockLinkKeys(db: Db, input: { keys: (string | null | undefined)[] }): Promise<void> {
  const keys = [...new Set(input.keys.filter((k): k is string => Boolean(k)))].sort();
  for (const key of keys) {
    await db.execute(sql`select pg_advisory_xact_lock(hashtext(${`trackwatch:link:${key}`}))`);
  }
}
