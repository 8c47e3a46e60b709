import { eq } from "drizzle-orm";
import type { Db } from "../../db-type.ts";
import { subscribers } from "../../schema/subscribers.ts";

/** A subscriber row by id, or null (deleted meanwhile). */
export async function findSubscriber(db: Db, id: string) {
  const [row] = await db.select().from(subscribers).where(eq(subscribers.id, id));
  return row ?? null;
}
