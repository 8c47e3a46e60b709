import { sql } from "drizzle-orm";
import type { Db } from "../../db-type.ts";
import { urlStates } from "../../schema/index.ts";

export interface RecordUrlStateInput {
  url: string;
  sourceId: string | null;
  lastStatus: number;
  /** Fields left undefined keep their stored value (a 304 carries no body to hash). */
  etag?: string | null;
  lastModified?: string | null;
  bodySha256?: string | null;
  textSha256?: string | null;
  charset?: string | null;
}

/** Upserts a URL's crawl state after a fetch; `checkedAt` becomes now. */
export async function recordUrlState(db: Db, input: RecordUrlStateInput): Promise<void> {
  const set: Partial<typeof urlStates.$inferInsert> = {
    lastStatus: input.lastStatus,
    sourceId: input.sourceId,
  };
  for (const key of ["etag", "lastModified", "bodySha256", "textSha256", "charset"] as const) {
    if (input[key] !== undefined) set[key] = input[key];
  }
  await db
    .insert(urlStates)
    .values({ url: input.url, ...set })
    .onConflictDoUpdate({ target: urlStates.url, set: { ...set, checkedAt: sql`now()` } });
}
