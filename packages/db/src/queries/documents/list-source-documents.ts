import { asc, eq } from "drizzle-orm";
import type { Db } from "../../db-type.ts";
import { documents } from "../../schema/index.ts";

export type DocumentRow = typeof documents.$inferSelect;

/** Every document of a source, removed ones included, oldest first. */
export async function listSourceDocuments(db: Db, input: { sourceId: string }): Promise<DocumentRow[]> {
  return db.select().from(documents).where(eq(documents.sourceId, input.sourceId)).orderBy(asc(documents.id));
}
