import { sql } from "drizzle-orm";
import type { Db } from "../../db-type.ts";
import { subscribers } from "../../schema/subscribers.ts";

/** Case-insensitive lookup, for `trackwatch digest --preview` and tests; never for the web. */
export async function findSubscriberByEmail(db: Db, email: string) {
  const [row] = await db
    .select()
    .from(subscribers)
    .where(sql`lower(${subscribers.email}) = lower(${email.trim()})`);
  return row ?? null;
}
